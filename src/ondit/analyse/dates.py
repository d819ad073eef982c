"""The date of an event, resolved against the article's publication date.

dateparser knows absolute dates but returns nothing for "samedi soir", "mardi dernier" or "dans
la nuit de jeudi à vendredi", which are how news dates events; those are resolved here from the
per-language date words. Each hit carries ACLED's time precision (1 day, 2 week, 3 month).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ondit.resources import language_resource

#: An event reported as happening more than this many days after publication is a misreading
#: (a forecast, or a year wrongly guessed): the year before is taken instead.
FUTURE_TOLERANCE_DAYS = 2
#: How many characters after "deux jours après" the date it counts from may stand
#: ("deux jours après les tirs de roquettes qui ont visé lundi …").
OFFSET_REACH = 80


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date expression at characters [start, end) of the text, resolved to a date."""

    value: date
    precision: int
    start: int
    end: int
    kind: str  # explicit | month | weekday | night | relative | week


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


class DateReader:
    """Finds and resolves date expressions in one language; regexes compiled once."""

    def __init__(self, language: str) -> None:
        data = language_resource(language, "dates")
        self.language = language
        self.months: dict[str, int] = {k.lower(): int(v) for k, v in data["months"].items()}
        self.weekdays: dict[str, int] = {k.lower(): int(v) for k, v in data["weekdays"].items()}
        self.relative_days: dict[str, int] = {
            k.lower(): int(v) for k, v in data["relative_days"].items()
        }
        self.relative_weeks: dict[str, tuple[int, int]] = {
            k.lower(): (int(v[0]), int(v[1])) for k, v in data.get("relative_weeks", {}).items()
        }
        months = _alternation(list(self.months))
        weekdays = _alternation(list(self.weekdays))
        last = _alternation([w.lower() for w in data.get("last", [])])
        flags = re.IGNORECASE
        self._iso = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
        self._numeric = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
        self._day_month = re.compile(
            rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\s+({months})\.?(?:,?\s+(\d{{4}}))?\b", flags
        )
        self._month_day = re.compile(
            rf"\b({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", flags
        )
        self._month_year = re.compile(rf"\b({months})\s+(?:de\s+l'année\s+)?(\d{{4}})\b", flags)
        self._month_alone = re.compile(
            rf"\b(?:en|au mois de|in|during|début|fin|mi-|early|late)\s+({months})\b", flags
        )
        self._night = re.compile(
            rf"\b(?:dans\s+la\s+nuit\s+de|la\s+nuit\s+de|nuit\s+de|on\s+the\s+night\s+of|overnight)\s+"
            rf"(?:(?:ce|le)\s+)?({weekdays})(?:\s+(?:soir|night))?\s+(?:à|au|to|into)\s+({weekdays})\b",
            flags,
        )
        self._weekday = re.compile(
            rf"\b(?:(last|past|ce|cet|le|on|this|dès|depuis)\s+)?({weekdays})s?\b"
            rf"(?:\s+(soir|matin|après-midi|midi|morning|afternoon|evening|night))?"
            rf"(?:\s+({last}|prochain|next))?",
            flags,
        )
        self.week_ordinals: dict[str, int] = {
            k.lower(): int(v) for k, v in data.get("week_ordinals", {}).items()
        }
        self._week_of_month = (
            re.compile(
                rf"\b({_alternation(list(self.week_ordinals))})\s+(?:semaine|week)\s+"
                rf"(?:de|d'|d’|du mois de|of)\s*({months})\b(?:\s+(\d{{4}}))?",
                flags,
            )
            if self.week_ordinals
            else None
        )
        numbers = language_resource(language, "numbers")["words"]
        self.number_words: dict[str, int] = {k.lower(): int(v) for k, v in numbers.items()}
        self.units: dict[str, float] = {
            k.lower(): float(v) for k, v in data.get("units", {}).items()
        }
        self.after = {w.lower() for w in data.get("after", [])}
        counts = _alternation([*self.number_words, r"\d{1,2}"]).replace(
            re.escape(r"\d{1,2}"), r"\d{1,2}"
        )
        directions = _alternation([*data.get("after", []), *data.get("before", [])])
        self._offset = (
            re.compile(
                rf"\b({counts})\s+({_alternation(list(self.units))})\s+({directions})\b", flags
            )
            if self.units
            else None
        )
        self._relative_days = re.compile(
            rf"(?<!\w)({_alternation(list(self.relative_days))})(?!\w)", flags
        )
        self.next_days: dict[str, int] = {
            k.lower(): int(v) for k, v in data.get("next_days", {}).items()
        }
        self._next_days = (
            re.compile(rf"(?<!\w)({_alternation(list(self.next_days))})(?!\w)", flags)
            if self.next_days
            else None
        )
        self._relative_weeks = (
            re.compile(rf"(?<!\w)({_alternation(list(self.relative_weeks))})(?!\w)", flags)
            if self.relative_weeks
            else None
        )

    def _year_for(self, month: int, day: int, published: date | None) -> date | None:
        if published is None:
            return None
        candidate = _safe_date(published.year, month, day)
        if candidate is None:
            return None
        if (candidate - published).days > FUTURE_TOLERANCE_DAYS:
            candidate = _safe_date(published.year - 1, month, day)
        return candidate

    def _week_day(self, m: re.Match[str], published: date | None) -> date | None:
        """The middle day of "the first week of July" (the 4th), or of the month's last week."""
        month = self.months[m[2].lower()]
        ordinal = self.week_ordinals[m[1].lower()]
        if m[3]:
            year = int(m[3])
        else:
            anchor = self._year_for(month, 1, published)
            if anchor is None:
                return None
            year = anchor.year
        if ordinal == 0:
            following = date(year + (month == 12), month % 12 + 1, 1)
            return following - timedelta(days=4)
        return _safe_date(year, month, 7 * (ordinal - 1) + 4)

    def _weekday_date(self, weekday: int, published: date, strictly_past: bool) -> date:
        delta = (published.weekday() - weekday) % 7
        if delta == 0 and strictly_past:
            delta = 7
        return published - timedelta(days=delta)

    def find(self, text: str, published: date | None, offset: int = 0) -> list[DateHit]:
        """Date expressions in a text, left to right, resolved where the publication date allows."""
        hits: list[DateHit] = []
        taken: list[tuple[int, int]] = []

        def free(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e in taken)

        def add(value: date | None, precision: int, m: re.Match[str], kind: str) -> None:
            if value is None or not free(m.start(), m.end()):
                return
            taken.append((m.start(), m.end()))
            hits.append(DateHit(value, precision, offset + m.start(), offset + m.end(), kind))

        for m in self._iso.finditer(text):
            add(_safe_date(int(m[1]), int(m[2]), int(m[3])), 1, m, "explicit")
        for m in self._numeric.finditer(text):
            add(_safe_date(int(m[3]), int(m[2]), int(m[1])), 1, m, "explicit")
        for m in self._day_month.finditer(text):
            month, day = self.months[m[2].lower()], int(m[1])
            value = (
                _safe_date(int(m[3]), month, day) if m[3] else self._year_for(month, day, published)
            )
            add(value, 1, m, "explicit")
        for m in self._month_day.finditer(text):
            if (
                m[1].lower() in ("may", "mars", "mar")
                and not m[3]
                and self.language == "en"
                and m[1] != m[1].capitalize()
            ):
                continue
            month, day = self.months[m[1].lower()], int(m[2])
            value = (
                _safe_date(int(m[3]), month, day) if m[3] else self._year_for(month, day, published)
            )
            add(value, 1, m, "explicit")
        if self._week_of_month is not None:
            for m in self._week_of_month.finditer(text):
                add(self._week_day(m, published), 2, m, "week")
        for m in self._month_year.finditer(text):
            add(_safe_date(int(m[2]), self.months[m[1].lower()], 15), 3, m, "month")
        for m in self._month_alone.finditer(text):
            month = self.months[m[1].lower()]
            add(self._year_for(month, 15, published) if published else None, 3, m, "month")
        if published is None:
            hits.sort(key=lambda h: h.start)
            return hits
        for m in self._night.finditer(text):
            add(self._weekday_date(self.weekdays[m[1].lower()], published, False), 1, m, "night")
        for m in self._relative_days.finditer(text):
            add(published - timedelta(days=self.relative_days[m[1].lower()]), 1, m, "relative")
        if self._relative_weeks is not None:
            for m in self._relative_weeks.finditer(text):
                back, precision = self.relative_weeks[m[1].lower()]
                add(published - timedelta(days=back), precision, m, "week")
        for m in self._weekday.finditer(text):
            if m[4] and m[4].lower() in ("prochain", "next"):
                continue
            if re.search(
                r"(?:next|coming|prochain)\s+$", text[max(0, m.start() - 12) : m.start()], re.I
            ):
                continue
            before = (m[1] or "").lower()
            after = (m[4] or "").lower()
            if self.language == "en" and not before and m[2][0].islower():
                continue
            strictly_past = before in ("last", "past") or bool(after)
            add(
                self._weekday_date(self.weekdays[m[2].lower()], published, strictly_past),
                1,
                m,
                "weekday",
            )
        hits.sort(key=lambda h: h.start)
        return self._offsets(text, hits, offset)

    def _offsets(self, text: str, hits: list[DateHit], offset: int) -> list[DateHit]:
        """ "Deux jours après les tirs de lundi": the date two days after the sentence's other date."""
        if self._offset is None or not hits:
            return hits
        found = list(hits)
        for m in self._offset.finditer(text):
            count = m[1].lower()
            n = int(count) if count.isdigit() else self.number_words.get(count)
            if n is None:
                continue
            start, end = offset + m.start(), offset + m.end()
            # The date counted from belongs to the event the phrase names: it follows it closely.
            following = [h for h in hits if end <= h.start <= end + OFFSET_REACH]
            if not following:
                continue
            anchor = following[0]
            days = round(n * self.units[m[2].lower()])  # "48 heures" is two days
            sign = 1 if m[3].lower() in self.after else -1
            value = anchor.value + timedelta(days=sign * days)
            found.append(DateHit(value, anchor.precision, start, offset + m.end(), "offset"))
        found.sort(key=lambda h: h.start)
        return found

    def days_after_context(self, text: str, offset: int = 0) -> tuple[int, int, int] | None:
        """ "Le lendemain", "the next day": how many days after the date told before, with the
        phrase's character span; the caller knows which date that is."""
        m = self._next_days.search(text) if self._next_days is not None else None
        if m is not None:
            return self.next_days[m[1].lower()], offset + m.start(), offset + m.end()
        for m in self._offset.finditer(text) if self._offset is not None else ():
            count = m[1].lower()  # "three days later", "deux jours plus tard"
            n = int(count) if count.isdigit() else self.number_words.get(count)
            if n is not None:
                sign = 1 if m[3].lower() in self.after else -1  # "two days earlier"
                days = round(n * self.units[m[2].lower()])
                return sign * days, offset + m.start(), offset + m.end()
        return None

    def infer_published(self, text: str) -> date | None:
        """A publication date read from the text: the latest full date it gives."""
        dated = [h.value for h in self.find(text, None) if h.kind == "explicit"]
        return max(dated) if dated else None
