"""Repository functions: store an analysis atomically, link it, read mentions and events back.

Every document is written in one transaction with its mentions, so a run killed half-way
leaves no partial document; the unique content hash makes re-runs and concurrent runs idempotent.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from ondit.errors import StoreError
from ondit.link import decide, event_id_for, summarise
from ondit.model import RECORD_FIELDS, Analysis, Mention, Span
from ondit.store.migrate import upgrade
from ondit.store.models import (
    REJECTED,
    DocumentRow,
    EventRow,
    MentionRow,
    QuoteRow,
    RhetoricRow,
)

LOGGER = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///ondit.db"
#: How far apart in days two mentions' dates may be for the linker to compare them at all.
LINK_WINDOW_DAYS = 31
#: The PostgreSQL advisory lock that serialises linking between concurrent runs.
LINK_LOCK = 0x6F6E646974
_MENTION_COLUMNS = tuple(f for f in RECORD_FIELDS if f != "doc_id")


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """WAL lets readers (the web page) work while a run writes; foreign keys cascade deletes."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def mention_from_row(row: MentionRow) -> Mention:
    mention = Mention(
        doc_id=row.doc_id,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        evidence=row.evidence,
    )
    for name in _MENTION_COLUMNS:
        setattr(mention, name, getattr(row, name))
    mention.sources = list(row.sources or [])
    mention.confidence = row.confidence
    mention.spans = {
        name: [Span(int(s["start"]), int(s["end"]), str(s.get("text", ""))) for s in spans]
        for name, spans in (row.spans or {}).items()
    }
    return mention


def _member_key(document: DocumentRow, row: MentionRow) -> str:
    """A mention's stable identity across runs: its document's content and its rank in it."""
    return f"{document.content_hash}:{row.ordinal}"


def _row_from_mention(mention: Mention, ordinal: int) -> MentionRow:
    values: dict[str, Any] = {name: getattr(mention, name) for name in _MENTION_COLUMNS}
    values["sources"] = list(mention.sources)
    return MentionRow(
        ordinal=ordinal,
        doc_id=mention.doc_id,
        confidence=mention.confidence,
        spans={n: [s.as_dict() for s in spans] for n, spans in mention.spans.items()},
        **values,
    )


def refresh_event(event: EventRow) -> None:
    """Summarise an event again: consensus, figures per source, counts, contested flag.

    Mentions a reviewer rejected stay members (the event keeps its id) but no longer vote or
    count. The id is named after the smallest member key, so it does not depend on the order in
    which reports arrived.
    """
    members = sorted(event.mentions, key=lambda m: m.id or 0)
    event_id = event_id_for([_member_key(r.document, r) for r in members])
    if event.event_id != event_id:
        event.event_id = event_id
    rows = [r for r in members if r.review_status != REJECTED]
    if not rows:
        return
    mentions = [mention_from_row(r) for r in rows]
    summary = summarise(mentions, [r.document.outlet for r in rows])
    consensus = summary["consensus"]
    published = sorted(r.document.published for r in rows if r.document.published)
    consensus["first_report"] = published[0].isoformat() if published else None
    consensus["last_report"] = published[-1].isoformat() if published else None
    event.event_type = consensus["event_type"] or event.event_type
    event.sub_event_type = consensus["sub_event_type"]
    event.date = date.fromisoformat(consensus["date"]) if consensus["date"] else mentions[0].date
    for name in ("country", "admin1", "location", "latitude", "longitude"):
        setattr(event, name, consensus[name])
    event.consensus = {**consensus, "rules": summary["rules"]}
    event.figures = summary["figures"]
    event.n_documents = summary["n_documents"]
    event.n_outlets = summary["n_outlets"]
    event.contested = summary["contested"]


class Store:
    """One database: the documents, mentions, events and reviews of a project."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    # -- writing -------------------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        wanted = list(set(hashes))
        found: set[str] = set()
        with self.sessions() as session:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                found.update(
                    session.scalars(
                        select(DocumentRow.content_hash).where(DocumentRow.content_hash.in_(chunk))
                    )
                )
        return found

    def save(self, analysis: Analysis) -> bool:
        """Store one analysed document and link its mentions; False when it was already there."""
        document = analysis.document
        with self.sessions() as session:
            if session.scalar(
                select(DocumentRow.id).where(DocumentRow.content_hash == document.content_hash)
            ):
                return False
            doc_id = document.id
            if session.scalar(select(DocumentRow.id).where(DocumentRow.doc_id == doc_id)):
                doc_id = f"{doc_id}~{document.content_hash[:8]}"
                for mention in analysis.mentions:
                    mention.doc_id = doc_id
            row = DocumentRow(
                doc_id=doc_id,
                content_hash=document.content_hash,
                outlet=document.outlet,
                url=document.url,
                title=document.title,
                language=document.language,
                published=document.published,
                published_source=str(document.published_source),
                text=document.text,
                error=document.error,
                origin=document.origin,
                genre=analysis.genre,
                n_mentions=len(analysis.mentions),
                stored_at=_now(),
            )
            row.mentions = [_row_from_mention(m, i) for i, m in enumerate(analysis.mentions)]
            row.rhetoric = [
                RhetoricRow(technique=r.technique, start=r.start, end=r.end, text=r.text)
                for r in analysis.rhetoric
            ]
            row.quotes = [
                QuoteRow(start=q.start, end=q.end, text=q.text, speaker=q.speaker)
                for q in analysis.quotes
            ]
            session.add(row)
            try:
                session.flush()
                if self.engine.dialect.name == "postgresql":
                    # One linker at a time: two runs must not each open an event for one incident.
                    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LINK_LOCK})
                self._link(session, row)
                session.commit()
            except IntegrityError:
                session.rollback()
                LOGGER.info("document %s stored meanwhile by another run", document.id)
                return False
        return True

    def _link(self, session: Session, document: DocumentRow) -> None:
        """Attach each new mention to a compatible event (merging events it bridges), or open one."""
        for row in document.mentions:
            mention = mention_from_row(row)
            candidates, docs_of, events = self._candidates(session, mention, document.id)
            chosen = decide(mention, candidates, docs_of)
            if chosen:
                event = events[chosen[0]]
                for pk in chosen[1:]:
                    absorbed = events[pk]
                    for member in list(absorbed.mentions):
                        member.event = event
                    session.flush()
                    session.delete(absorbed)
                    session.flush()
            else:
                event = EventRow(
                    event_id=event_id_for([_member_key(document, row)]),
                    event_type=mention.event_type,
                )
                session.add(event)
            row.event = event
            session.flush()
            refresh_event(event)

    def _candidates(
        self, session: Session, mention: Mention, document_pk: int
    ) -> tuple[list[tuple[int, Mention]], dict[int, set[str]], dict[int, EventRow]]:
        """Mentions of other documents in the blocking window, with their events' documents."""
        if mention.date is None:
            return [], {}, {}
        window = timedelta(days=LINK_WINDOW_DAYS)
        query = (
            select(MentionRow)
            .where(MentionRow.event_type == mention.event_type)
            .where(MentionRow.date.between(mention.date - window, mention.date + window))
            .where(MentionRow.document_id != document_pk)
            .where(MentionRow.event_pk.is_not(None))
            .order_by(MentionRow.id)
        )
        candidates: list[tuple[int, Mention]] = []
        events: dict[int, EventRow] = {}
        for other in session.scalars(query):
            if other.event_pk is None or other.event is None:
                continue
            candidates.append((other.event_pk, mention_from_row(other)))
            events[other.event_pk] = other.event
        docs_of = {pk: {m.doc_id for m in event.mentions} for pk, event in events.items()}
        return candidates, docs_of, events

    # -- reading -------------------------------------------------------------------------------

    def iter_documents(self) -> Iterator[DocumentRow]:
        with self.sessions() as session:
            yield from session.scalars(select(DocumentRow).order_by(DocumentRow.id))

    def iter_mention_rows(self) -> Iterator[MentionRow]:
        with self.sessions() as session:
            query = (
                select(MentionRow)
                .where(MentionRow.review_status != REJECTED)
                .options(selectinload(MentionRow.event), selectinload(MentionRow.document))
                .order_by(MentionRow.document_id, MentionRow.ordinal)
            )
            yield from session.scalars(query)

    def iter_events(self) -> Iterator[EventRow]:
        with self.sessions() as session:
            query = (
                select(EventRow)
                .options(selectinload(EventRow.mentions).selectinload(MentionRow.document))
                .order_by(EventRow.date.is_(None), EventRow.date, EventRow.event_id)
            )
            for event in session.scalars(query):
                if any(m.review_status != REJECTED for m in event.mentions):
                    yield event

    def counts(self) -> dict[str, int]:
        from sqlalchemy import func

        with self.sessions() as session:
            return {
                "documents": session.scalar(select(func.count(DocumentRow.id))) or 0,
                "errors": session.scalar(
                    select(func.count(DocumentRow.id)).where(DocumentRow.error.is_not(None))
                )
                or 0,
                "mentions": session.scalar(select(func.count(MentionRow.id))) or 0,
                "events": session.scalar(select(func.count(EventRow.id))) or 0,
            }


def normalise_url(url: str) -> str:
    """Accept the URLs users write: `postgresql://` and `postgres://` mean psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def open_store(url: str = DEFAULT_URL) -> Store:
    """Open (and create or migrate) a database; StoreError when it cannot be reached."""
    url = normalise_url(url)
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        connect_args: dict[str, Any] = (
            {"timeout": 60} if url.startswith("sqlite") else {"connect_timeout": 10}
        )
        engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True)
        if url.startswith("sqlite"):
            event.listen(engine, "connect", _sqlite_pragmas)
        upgrade(engine)
    except (OperationalError, SQLAlchemyError, ModuleNotFoundError, ValueError) as exc:
        raise StoreError(f"[E301] cannot open database {url}: {str(exc).splitlines()[0]}") from exc
    return Store(engine)
