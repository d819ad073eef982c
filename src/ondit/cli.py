"""The `ondit` command: thin commands over the library, errors turned into messages and codes."""

from __future__ import annotations

import json
import logging
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ondit import __version__
from ondit.errors import OnditError
from ondit.export import ExportFormat, export_to_path
from ondit.model import Analysis

app = typer.Typer(
    name="ondit",
    help="Conflict events from news articles, as claims: what happened, where, when, who says so.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)
LOGGER = logging.getLogger("ondit")

DbOption = Annotated[str, typer.Option("--db", help="Database URL (SQLite file or PostgreSQL).")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Dask's scheduler and workers talk at INFO level; the user asked for ondit's words only.
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(logging.INFO if verbose else logging.ERROR)


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log to stderr.")] = False,
) -> None:
    _setup_logging(verbose)


def _progress(quiet: bool) -> Any:
    if quiet:
        return nullcontext(None)
    return Progress(
        TextColumn("[bold]analysing"),
        BarColumn(),
        TextColumn("{task.completed} docs"),
        TextColumn("{task.fields[rate]:.1f} docs/s"),
        TextColumn("{task.fields[mentions]} mentions"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def _tracker(progress: Any) -> Any:
    if progress is None:
        return None
    import time

    task = progress.add_task("analyse", total=None, rate=0.0, mentions=0)
    started = time.perf_counter()
    state = {"mentions": 0}

    def update(analysis: Analysis) -> None:
        state["mentions"] += len(analysis.mentions)
        done = progress.tasks[task].completed + 1
        elapsed = max(time.perf_counter() - started, 1e-6)
        progress.update(task, completed=done, rate=done / elapsed, mentions=state["mentions"])

    return update


def _fail(exc: OnditError) -> typer.Exit:
    console.print(f"[red]error:[/red] {exc}")
    return typer.Exit(exc.exit_code)


def _print_summary(summary: Any, title: str) -> None:
    table = Table(title=title, show_header=True, header_style="bold")
    table.add_column("sub-event type")
    table.add_column("mentions", justify="right")
    for sub, n in summary.by_sub_type.most_common():
        table.add_row(sub, str(n))
    console.print(table)
    console.print(
        f"documents {summary.documents}  skipped (already stored) {summary.skipped}  "
        f"errors {summary.errors}  mentions {summary.mentions}  "
        f"in {summary.seconds:.1f} s ({summary.docs_per_second:.1f} docs/s)"
    )
    for line in summary.error_lines[:10]:
        console.print(f"  [yellow]kept with error[/yellow] {line}")
    if len(summary.error_lines) > 10:
        console.print(f"  … and {len(summary.error_lines) - 10} more (see the documents output)")


def _document_row(analysis: Analysis) -> dict[str, Any]:
    document = analysis.document
    return {
        "doc_id": document.id,
        "language": document.language,
        "published": document.published.isoformat() if document.published else None,
        "published_source": str(document.published_source),
        "n_mentions": len(analysis.mentions),
        "error": document.error,
        "genre": analysis.genre,
    }


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="Files (.jsonl, .txt, .html) or folders.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Mention records, one per line.")],
    documents_output: Annotated[
        Path | None, typer.Option("--documents-output", help="One line per input document.")
    ] = None,
    rhetoric_output: Annotated[
        Path | None, typer.Option("--rhetoric-output", help="Persuasion-technique spans.")
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Analyse articles without a database; write ANNOTATION.md mention records."""
    from ondit.pipeline import extract as run_extract

    try:
        with _progress(quiet) as progress:
            analyses, summary = run_extract(inputs, progress=_tracker(progress))
    except OnditError as exc:
        raise _fail(exc) from exc
    if summary.documents == 0 or all(a.document.text == "" for a in analyses):
        console.print("[red]error:[/red] nothing could be read from the inputs")
        _write_documents(documents_output, analyses)
        raise typer.Exit(2)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as out:
        for analysis in analyses:
            for mention in analysis.mentions:
                out.write(json.dumps(mention.to_record(), ensure_ascii=False) + "\n")
    _write_documents(documents_output, analyses)
    if rhetoric_output is not None:
        rhetoric_output.parent.mkdir(parents=True, exist_ok=True)
        with rhetoric_output.open("w", encoding="utf-8") as out:
            for analysis in analyses:
                for span in analysis.rhetoric:
                    out.write(json.dumps(span.to_record(), ensure_ascii=False) + "\n")
    if not quiet:
        _print_summary(summary, "ondit extract")
        console.print(f"mentions written to {output}")


def _write_documents(path: Path | None, analyses: list[Analysis]) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for analysis in analyses:
            out.write(json.dumps(_document_row(analysis), ensure_ascii=False) + "\n")


@app.command()
def run(
    inputs: Annotated[list[Path], typer.Argument(help="Files (.jsonl, .txt, .html) or folders.")],
    db: DbOption = "sqlite:///ondit.db",
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Analyse on a local Dask cluster of N processes.")
    ] = 0,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Analyse on the Dask cluster at tcp://host:port."),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Ingest, analyse, link and store articles; re-running adds nothing new."""
    from ondit.pipeline import run as run_pipeline
    from ondit.store import open_store

    try:
        store = open_store(db)
        with _progress(quiet) as progress:
            summary = run_pipeline(
                inputs, store, progress=_tracker(progress), workers=workers, scheduler=scheduler
            )
    except OnditError as exc:
        raise _fail(exc) from exc
    if summary.documents + summary.skipped == 0:
        console.print("[red]error:[/red] nothing could be read from the inputs")
        raise typer.Exit(2)
    if (
        summary.documents
        and summary.errors == summary.documents
        and summary.skipped == 0
        and summary.mentions == 0
    ):
        readable = any(not line.split(": ", 1)[1].startswith("[E2") for line in summary.error_lines)
        if not readable:
            _print_summary(summary, "ondit run")
            console.print("[red]error:[/red] nothing could be read from the inputs")
            raise typer.Exit(2)
    if not quiet:
        _print_summary(summary, "ondit run")
        counts = store.counts()
        console.print(
            f"database {store.url}: {counts['documents']} documents, {counts['mentions']} mentions, "
            f"{counts['events']} events"
        )


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="jsonl, csv, geojson or events.")
    ],
    db: DbOption = "sqlite:///ondit.db",
) -> None:
    """Export mentions (jsonl), events (events, csv) or a map layer (geojson)."""
    from ondit.store import open_store

    try:
        store = open_store(db)
        count = export_to_path(store, fmt, output)
    except OnditError as exc:
        raise _fail(exc) from exc
    console.print(f"{count} records written to {output} ({fmt.value})")


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold mention records (JSONL).")],
    predicted: Annotated[Path, typer.Argument(help="Predicted mention records (JSONL).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Score predicted mentions against gold (event P/R/F1 and field accuracies)."""
    from ondit.evaluate import format_table, load_records, score

    try:
        scores = score(load_records(gold), load_records(predicted))
    except (OSError, ValueError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(scores.as_dict(), indent=2))
    else:
        typer.echo(format_table(scores))


@app.command()
def info(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Version, spaCy pipeline per language and resource versions."""
    from ondit.analyse.nlp import PIPELINES, pipeline_names
    from ondit.resources import resource_versions

    versions = pipeline_names()
    resources = resource_versions()
    data = {
        "version": __version__,
        "pipelines": dict(PIPELINES),
        "pipeline_versions": versions,
        "resources": resources,
    }
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    typer.echo(f"ondit {__version__}")
    for language, name in versions.items():
        typer.echo(f"  {language}: {name}")
    for name, version in resources.items():
        typer.echo(f"  resource {name}: v{version}")


@app.command()
def serve(
    db: DbOption = "sqlite:///ondit.db",
    host: Annotated[
        str,
        typer.Option("--host", help="Interface to listen on; beyond loopback a token is required."),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
    ] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token", envvar="ONDIT_TOKEN", help="Every write (POST, PATCH) must carry it."
        ),
    ] = None,
) -> None:
    """Serve the web page (map, timeline, reports side by side, review) and the REST API."""
    from ondit.store import open_store
    from ondit.web.security import check_binding
    from ondit.web.server import serve as run_server

    try:
        check_binding(host, token)
        store = open_store(db)
        shown = f"[{host}]" if ":" in host else host
        console.print(f"ondit: http://{shown}:{port}/  (API documentation: /docs)")
        run_server(store, host=host, port=port, token=token)
    except OnditError as exc:
        raise _fail(exc) from exc


def main() -> None:
    app()
