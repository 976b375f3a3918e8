"""Date expressions: finding them in prose and resolving them against an anchor day."""

from __future__ import annotations

import datetime as dt

import pytest

from claimgraph.extract.dates import find_date_expressions, resolve_date
from claimgraph.model import Span

THURSDAY = dt.date(2016, 2, 11)  # a Thursday
WEDNESDAY = dt.date(2016, 2, 10)


def expressions(text: str) -> list[str]:
    return [words for _, words in find_date_expressions(text, Span(0, len(text)))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jets bombed the town on Wednesday, officials said.", ["Wednesday"]),
        ("Yesterday, two aircraft entered the airspace.", ["Yesterday"]),
        ("Monday's strike killed nine people.", ["Monday"]),
        ("The shelling resumed late on Tuesday night.", ["Tuesday night"]),
        ("The attack took place on March 3, 2016, near Homs.", ["March 3, 2016"]),
        ("Talks began on 3 March and ended on the 9th of April.", ["3 March", "9th of April"]),
        ("The convoy was hit on Wednesday, Feb. 10.", ["Wednesday, Feb. 10"]),
        ("Fighting has raged since last week and through this month.", ["last week", "this month"]),
        ("The raid happened two days ago, a spokesman said today.", ["two days ago", "today"]),
        ("The offensive began in February 2016.", ["February 2016"]),
        ("Data from 2016-02-10 show the strikes intensified.", ["2016-02-10"]),
        ("On Good Friday the Sunday Times reported the strike.", []),
        ("Troops may march 3 miles to the front; the offensive began in May.", []),
    ],
)
def test_find_date_expressions(text: str, expected: list[str]) -> None:
    assert expressions(text) == expected


def test_spans_point_at_the_words_and_stay_within() -> None:
    text = "He spoke on Friday. The raid on Saturday hit a depot."
    second = text.index("The raid")
    found = find_date_expressions(text, Span(second, len(text)))
    assert [(span.of(text), words) for span, words in found] == [("Saturday", "Saturday")]


@pytest.mark.parametrize(
    ("words", "anchor", "expected"),
    [
        ("Wednesday", THURSDAY, dt.date(2016, 2, 10)),  # the day before
        ("Wednesday", WEDNESDAY, WEDNESDAY),  # the anchor itself
        ("Thursday", WEDNESDAY, dt.date(2016, 2, 4)),  # most recent, not the next
        ("on Friday", THURSDAY, dt.date(2016, 2, 5)),
        ("Friday night", THURSDAY, dt.date(2016, 2, 5)),
        ("Monday's", THURSDAY, dt.date(2016, 2, 8)),
        ("last Thursday", THURSDAY, dt.date(2016, 2, 4)),
        ("last Wednesday", THURSDAY, dt.date(2016, 2, 10)),
        ("yesterday", THURSDAY, WEDNESDAY),
        ("Yesterday", dt.date(2016, 3, 1), dt.date(2016, 2, 29)),
        ("last night", THURSDAY, WEDNESDAY),
        ("today", THURSDAY, THURSDAY),
        ("this morning", THURSDAY, THURSDAY),
        ("the day before yesterday", THURSDAY, dt.date(2016, 2, 9)),
        ("three days ago", THURSDAY, dt.date(2016, 2, 8)),
        ("10 days ago", THURSDAY, dt.date(2016, 2, 1)),
        ("February 3", THURSDAY, dt.date(2016, 2, 3)),
        ("February 11", THURSDAY, THURSDAY),
        ("March 3", THURSDAY, dt.date(2015, 3, 3)),  # after the anchor: the year before
        ("Dec. 25", THURSDAY, dt.date(2015, 12, 25)),
        ("3rd of February", THURSDAY, dt.date(2016, 2, 3)),
        ("Wednesday, Feb. 10", THURSDAY, WEDNESDAY),
        ("3 March 2016", None, dt.date(2016, 3, 3)),  # absolute: no anchor needed
        ("March 3, 2016", THURSDAY, dt.date(2016, 3, 3)),  # absolute even after the anchor
        ("2016-02-10", None, WEDNESDAY),
        ("last week", THURSDAY, None),  # not a day
        ("this month", THURSDAY, None),
        ("February 2016", THURSDAY, None),
        ("February 30", THURSDAY, None),
        ("Wednesday", None, None),  # relative without anchor
        ("yesterday", None, None),
        ("March 3", None, None),
        ("soon", THURSDAY, None),
    ],
)
def test_resolve_date(words: str, anchor: dt.date | None, expected: dt.date | None) -> None:
    assert resolve_date(words, anchor) == expected


def test_resolving_never_reads_the_clock() -> None:
    far_past = dt.date(1991, 1, 17)  # a Thursday
    assert resolve_date("Wednesday", far_past) == dt.date(1991, 1, 16)
    assert resolve_date("January 16", far_past) == dt.date(1991, 1, 16)
    assert resolve_date("January 18", far_past) == dt.date(1990, 1, 18)
