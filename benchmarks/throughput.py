"""Documents and characters per second: ondit's analysis against bare spaCy parsing.

Runs, in one process on the same texts (the bundled samples, and the seed articles when they sit
beside the project, repeated to a few hundred documents): spaCy's `nlp.pipe` with the same
pipelines, then ondit's per-document analysis. Prints documents/s, characters/s, peak memory and
the ratio bare time / ondit time (1.0 means analysis costs nothing over parsing).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from ondit.analyse import analyse, analyse_many
from ondit.analyse.language import detect_language
from ondit.analyse.nlp import load_pipeline
from ondit.ingest import read_inputs
from ondit.model import Document

ROOT = Path(__file__).resolve().parent.parent


def corpus(target: int) -> list[Document]:
    paths: list[Path] = [ROOT / "samples"]
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        paths.append(seeds)
    base = [d for d in read_inputs(paths) if d.text and d.error is None]
    docs: list[Document] = []
    while len(docs) < target:
        for d in base:
            docs.append(
                Document(
                    id=f"{d.id}#{len(docs)}",
                    text=d.text,
                    published=d.published,
                    language=d.language,
                    content_hash=d.content_hash,
                )
            )
    return docs[:target]


def _parallel_run(docs: list[Document], workers: int) -> float:
    """Seconds for `ondit run --workers N` over the same texts into a fresh SQLite file,
    cluster start-up and model loading included, as a user would time it."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus_path = Path(tmp) / "corpus.jsonl"
        with corpus_path.open("w", encoding="utf-8") as out:
            for n, d in enumerate(docs):
                published = d.published.isoformat() if d.published else None
                text = f"{d.text}\n\n#{n}"  # distinct texts: repeats would be skipped as stored
                out.write(json.dumps({"id": d.id, "text": text, "published": published}) + "\n")
        command = [
            sys.executable,
            "-m",
            "ondit",
            "run",
            str(corpus_path),
            "--db",
            f"sqlite:///{Path(tmp) / 'bench.db'}",
            "--workers",
            str(workers),
            "--quiet",
        ]
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        return time.perf_counter() - started


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--workers", type=int, default=2, help="also time `ondit run --workers N` (0: skip)"
    )
    args = parser.parse_args()
    docs = corpus(args.documents)
    for d in docs:
        d.language = d.language or detect_language(d.text)
    chars = sum(len(d.text) for d in docs)
    by_language: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        by_language[d.language or "fr"].append(d.text)
    for language in by_language:
        load_pipeline(language)
    analyse(docs[0])  # load every resource before timing

    started = time.perf_counter()
    for language, texts in by_language.items():
        for _ in load_pipeline(language).pipe(texts):
            pass
    bare = time.perf_counter() - started

    started = time.perf_counter()
    mentions = 0
    for analysis in analyse_many(docs):  # what `ondit extract` runs
        mentions += len(analysis.mentions)
    ondit = time.perf_counter() - started

    parallel = _parallel_run(docs, args.workers) if args.workers else None

    figures = {
        "documents": len(docs),
        "characters": chars,
        "bare_spacy": {
            "seconds": round(bare, 2),
            "docs_per_s": round(len(docs) / bare, 2),
            "chars_per_s": round(chars / bare),
        },
        "ondit_extract": {
            "seconds": round(ondit, 2),
            "docs_per_s": round(len(docs) / ondit, 2),
            "chars_per_s": round(chars / ondit),
            "mentions": mentions,
        },
        "ratio_bare_over_ondit": round(bare / ondit, 3),
        "peak_memory_mb": round(peak_mb()),
    }
    if parallel is not None:
        figures[f"ondit_run_workers_{args.workers}"] = {
            "seconds": round(parallel, 2),
            "docs_per_s": round(len(docs) / parallel, 2),
            "chars_per_s": round(chars / parallel),
        }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{len(docs)} documents, {chars} characters")
    for name in [k for k in figures if k.startswith(("bare", "ondit_"))]:
        row = figures[name]
        assert isinstance(row, dict)
        print(
            f"{name:<14} {row['seconds']:>8} s  {row['docs_per_s']:>7} docs/s  {row['chars_per_s']:>8} chars/s"
        )
    print(
        f"ratio bare/ondit {figures['ratio_bare_over_ondit']}   peak memory {figures['peak_memory_mb']} MB"
    )


if __name__ == "__main__":
    main()
