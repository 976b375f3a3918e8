"""Plain data passed between the pipeline stages.

Extraction produces an :class:`Extraction`; the RDF stage turns it into triples.
Nothing here knows about RDF, files or the command line. Offsets are Unicode
code points into :attr:`Article.text` (the text as read, newlines normalised).
Every ``key`` is a short local name, unique within its kind inside one article;
:mod:`claimgraph.iris` turns keys into IRIs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

ActorKind = Literal["person", "organization", "country"]
StatementKind = Literal["claim", "denial", "estimate"]
Commitment = Literal["asserted", "alleged", "reported", "suspected", "estimated"]
Qualifier = Literal["exact", "at-least", "more-than", "about", "up-to", "nearly", "vague"]
CasualtyType = Literal["killed", "wounded", "missing", "casualties", "displaced"]


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of code points in the article text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        """The words of ``text`` this span covers."""
        return text[self.start : self.end]


@dataclass(frozen=True)
class Article:
    """One news article as read: its identity, metadata and normalised text."""

    key: str  # stable identifier, usually the file stem
    text: str
    title: str | None = None
    publisher: str | None = None  # the outlet that published the article
    url: str | None = None
    published: dt.date | None = None
    language: str = "en"


@dataclass
class Actor:
    """Someone who speaks, estimates, is accused, or is an affiliation."""

    key: str
    label: str
    kind: ActorKind = "organization"
    role: str | None = None  # "spokesman", "member"
    affiliation: str | None = None  # key of another Actor
    unnamed: bool = False  # "a U.S. State Department official"
    wikidata: str | None = None  # "Q7184"
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Source:
    """An outlet or document through which a statement reaches the reader."""

    key: str
    label: str
    wikidata: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Place:
    """A location named in the text."""

    key: str
    label: str
    wikidata: str | None = None


@dataclass
class Strike:
    """An attack the text talks about. Its perpetrator is never stored here."""

    key: str
    evidence: Span  # the words that mention the strike
    trigger: str  # "airstrikes", "bombing", as written
    location: str | None = None  # key of a Place
    target: str | None = None  # as written: "schools and hospitals"
    date: dt.date | None = None
    date_text: str | None = None  # as written: "Wednesday"
    frequency_text: str | None = None  # "over 250 ... per day": a rate, not one strike


@dataclass
class Figure:
    """A casualty count as the text gives it."""

    key: str
    evidence: Span
    count_text: str  # "over 500", "dozens", "16"
    min_count: int | None
    max_count: int | None
    qualifier: Qualifier
    casualty_type: CasualtyType
    victims: str | None = None  # "people", "civilians", "children"
    estimated_by: list[str] = field(default_factory=list)  # Actor keys; empty: article's own voice
    part_of: str | None = None  # key of the enclosing Figure ("including dozens of civilians")
    location: str | None = None  # key of a Place
    strike: str | None = None  # key of the Strike it results from, when known


@dataclass
class Statement:
    """A claim, denial or estimate attributed to one or more speakers."""

    key: str
    kind: StatementKind
    claimants: list[str]  # Actor keys, at least one
    cue: str  # the reporting words as written: "claimed", "according to"
    cue_span: Span
    content: Span  # what was said, as written
    evidence: Span  # speaker, cue and content together
    quoted: bool = False
    via: list[str] = field(default_factory=list)  # Source keys, nearest the speaker first
    commitment: Commitment = "asserted"
    denies: list[str] = field(default_factory=list)  # Statement keys
    about: list[str] = field(default_factory=list)  # Strike and Figure keys
    alleged_perpetrators: list[str] = field(default_factory=list)  # Actor keys
    stated_on: dt.date | None = None


@dataclass
class Extraction:
    """Everything the converter found in one article."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    strikes: list[Strike] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
