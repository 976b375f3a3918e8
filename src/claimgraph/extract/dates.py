"""Dates in news prose: find the expressions, then resolve them to calendar days.

:func:`find_date_expressions` finds "Wednesday", "yesterday", "March 3", "3 March
2016", "last week" in a span of text. :func:`resolve_date` turns one of them into
a :class:`datetime.date` against an anchor (the day the words were said or
published). The rules, chosen so that nothing depends on the system clock:

- A weekday means the most recent such day on or before the anchor: "Wednesday"
  said on a Thursday is the day before, said on a Wednesday it is that day.
  "last Wednesday" is strictly before the anchor.
- "yesterday", "last night" are the day before the anchor; "today", "tonight",
  "this morning" the anchor itself; "three days ago" three days before.
- "March 3" takes the anchor's year, or the year before when that would fall
  after the anchor. "3 March 2016" needs no anchor.
- "last week", "this month", "February 2016" are not single days: ``None``.
- A relative expression with no anchor: ``None``.

Calendar expressions are parsed with dateparser, always given an explicit
``RELATIVE_BASE`` so that it never reads the clock.
"""

from __future__ import annotations

import datetime as dt
import re

from claimgraph.model import Span

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)(?![A-Za-z])|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![A-Za-z])\.?)"
)
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2})"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip

# Longest first: a longer match wins over a shorter one that overlaps it.
_PATTERNS = (
    re.compile(r"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b"),
    re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"),
    re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?"),
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b"),
    re.compile(rf"\b(?:(?:[Ll]ast|[Tt]his past|[Tt]his)\s+)?{_WEEKDAY}\b(?:\s+{_PART_OF_DAY}\b)?"),
    re.compile(
        r"\b(?:the day before yesterday|yesterday|today|tonight|last night"
        r"|this (?:morning|afternoon|evening)|earlier today"
        r"|(?:[0-9]+|one|two|three|four|five|six|seven|eight|nine|ten) days ago)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:(?:earlier|later) )?(?:last|this|next) (?:week|weekend|month|year)\b",
        re.IGNORECASE,
    ),
)
# "Good Friday", "the Sunday Times": weekday words that name no day.
_NOT_A_DAY_BEFORE = re.compile(r"(?:Good|Black|Bloody|Holy|Easter|Palm|Ash|Super)\s+$")
_NOT_A_DAY_AFTER = re.compile(
    r"^\s+(?:Times|Telegraph|Express|Mirror|Herald|Post|Mail|Independent|Tribune|People|Star)\b"
)


def find_date_expressions(text: str, within: Span) -> list[tuple[Span, str]]:
    """The date expressions inside ``within``, by offset, as ``(span, words as written)``.

    The span leaves out a leading "on" and a possessive "'s": "on Friday" gives
    "Friday", "Monday's strike" gives "Monday".
    """
    found: list[Span] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text, within.start, within.end):
            span = Span(match.start(), match.end())
            if _names_a_day(text, span):
                found.append(span)
    chosen: list[Span] = []
    for span in sorted(found, key=lambda s: (s.start - s.end, s.start)):
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return [(span, span.of(text)) for span in sorted(chosen)]


def _names_a_day(text: str, span: Span) -> bool:
    before = text[max(0, span.start - 12) : span.start]
    after = text[span.end : span.end + 14]
    return not (_NOT_A_DAY_BEFORE.search(before) or _NOT_A_DAY_AFTER.match(after))


def resolve_date(date_text: str, anchor: dt.date | None) -> dt.date | None:
    """The calendar day ``date_text`` names, read against ``anchor``; None when it names none."""
    words = " ".join(date_text.split()).strip(" ,.;:")
    words = re.sub(r"^(?:on|early|late|early on|late on|by)\s+", "", words, flags=re.IGNORECASE)
    words = re.sub(r"['\u2019]s$", "", words)
    iso = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", words)
    if iso:
        return _safe_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    if re.search(_MONTH, words):
        return _calendar_day(words, anchor)
    if anchor is None:
        return None
    return _weekday(words, anchor) or _relative_day(words, anchor)


def _calendar_day(words: str, anchor: dt.date | None) -> dt.date | None:
    """ "March 3" or "3 March 2016": absolute with a year, else the year of the anchor."""
    has_year = re.search(rf"\b{_YEAR}\b", words) is not None
    if not re.search(r"\b(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b", _without_year(words)):
        return None  # "February 2016": a month, not a day
    if not has_year and anchor is None:
        return None
    parsed = _parse_calendar(words, anchor or dt.date(2000, 1, 1))
    if parsed is None:
        return None
    if has_year:
        return parsed
    assert anchor is not None
    for year in (anchor.year, anchor.year - 1):
        candidate = _safe_date(year, parsed.month, parsed.day)
        if candidate is not None and candidate <= anchor:
            return candidate
    return None


def _without_year(words: str) -> str:
    return re.sub(rf"\b{_YEAR}\b", "", words)


def _parse_calendar(words: str, base: dt.date) -> dt.date | None:
    import dateparser  # slow to import; only calendar expressions need it

    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month"],
    }
    parsed = dateparser.parse(words, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed is not None else None


def _weekday(words: str, anchor: dt.date) -> dt.date | None:
    """The most recent named weekday on or before the anchor (strictly before after "last")."""
    match = re.fullmatch(rf"(?i)(last |this past |this )?({_WEEKDAY})(?: {_PART_OF_DAY})?", words)
    if not match:
        return None
    wanted = WEEKDAYS.index(match.group(2).lower())
    back = (anchor.weekday() - wanted) % 7
    strictly_before = (match.group(1) or "").strip().lower() in {"last", "this past"}
    if back == 0 and strictly_before:
        back = 7
    return anchor - dt.timedelta(days=back)


def _relative_day(words: str, anchor: dt.date) -> dt.date | None:
    lowered = words.lower()
    if lowered in {"today", "tonight", "this morning", "this afternoon", "this evening"}:
        return anchor
    if lowered == "earlier today":
        return anchor
    if lowered in {"yesterday", "last night"}:
        return anchor - dt.timedelta(days=1)
    if lowered == "the day before yesterday":
        return anchor - dt.timedelta(days=2)
    ago = re.fullmatch(r"([0-9]+|[a-z]+) days ago", lowered)
    if ago:
        count = int(ago.group(1)) if ago.group(1).isdigit() else _NUMBER_WORDS.get(ago.group(1))
        return anchor - dt.timedelta(days=count) if count is not None else None
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
