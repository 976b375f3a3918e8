"""The gazetteer: known actors, outlets and places, with their names and Wikidata items.

The data lives in ``claimgraph/data/gazetteer.yaml``. Each entry has a canonical
label, a kind, an optional Wikidata ID, aliases, demonyms (for countries) and an
affiliation (the label of its parent entry: a ministry's country, a place's country).

Three ways in:

- :meth:`Gazetteer.lookup` takes a name already cut out of a text and forgives
  its spelling: case, a leading "the", "U.S."/"US"/"United States", curly
  apostrophes, a possessive "'s", accents.
- :meth:`Gazetteer.find` scans running text for names, longest first, on word
  boundaries. It is stricter about case so that prose words are not names:
  short ALL-CAPS aliases ("US", "AP", "WHO") match only in capitals, and every
  capitalised word of an alias must be capitalised in the text ("Independent"
  never matches "independent"). A leading "the" in an alias matches either case.
- :meth:`Gazetteer.demonym` maps "Russian", "Americans", "Israeli" to a country.

A country is also named by "<demonym> government" ("the Turkish government").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, cast

import yaml

from claimgraph.errors import InputError
from claimgraph.files import read_text
from claimgraph.model import Span
from claimgraph.resources import data_file

EntryKind = Literal["person", "organization", "country", "outlet", "place"]
KINDS: tuple[EntryKind, ...] = ("person", "organization", "country", "outlet", "place")
QID = re.compile(r"Q[1-9][0-9]*")

_FIELDS = {"label", "kind", "wikidata", "aliases", "demonyms", "affiliation"}
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_SHORT_CAPS = re.compile(r"[A-Z][A-Z.&]{0,5}")
# Abbreviations written three ways; find() accepts each spelling of each.
_ABBREVIATIONS = (
    ("U.S.", "US", "United States"),
    ("U.N.", "UN", "United Nations"),
    ("U.K.", "UK"),
)
_KEY_SWAPS = (
    (re.compile(r"\bunited states of america\b|\busa\b|\bunited states\b"), "us"),
    (re.compile(r"\bunited kingdom\b"), "uk"),
    (re.compile(r"\bunited nations\b"), "un"),
)


@dataclass(frozen=True)
class Entry:
    """One known actor, outlet or place."""

    label: str
    kind: EntryKind
    wikidata: str | None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    affiliation: str | None = None

    def names(self) -> tuple[str, ...]:
        """Every name: the label, the aliases and, for a country, "<demonym> government"."""
        governments = tuple(f"{d} government" for d in self.demonyms if self.kind == "country")
        return (self.label, *self.aliases, *governments)


class Gazetteer:
    """Entries indexed by every way of writing their names."""

    def __init__(self, entries: Iterable[Entry]):
        self._entries = tuple(entries)
        self._by_key: dict[str, Entry] = {}
        self._by_demonym: dict[str, Entry] = {}
        self._by_label: dict[str, Entry] = {}
        for entry in self._entries:
            self._by_label.setdefault(entry.label, entry)
            for name in entry.names():
                self._by_key.setdefault(name_key(name), entry)
            for word in entry.demonyms:
                self._by_demonym.setdefault(name_key(word), entry)
        self._pattern = _names_pattern(self._entries)

    def lookup(self, name: str) -> Entry | None:
        """The entry called ``name``, forgiving case, "the", "U.S." spellings and possessives."""
        key = name_key(name)
        return self._by_key.get(key) if key else None

    def find(self, text: str, within: Span | None = None) -> list[tuple[Span, Entry]]:
        """Known names in ``text`` (or in the part ``within`` covers), longest first, by offset."""
        start, end = (within.start, within.end) if within else (0, len(text))
        candidates = []
        for match in self._pattern.finditer(text, start, end):
            span = Span(match.start(1), match.end(1))
            entry = self._by_key.get(name_key(match.group(1)))
            if entry is not None:
                candidates.append((span, entry))
        return _longest_first(candidates)

    def demonym(self, word: str) -> Entry | None:
        """The country a demonym names: "Americans" -> United States."""
        key = name_key(word)
        return self._by_demonym.get(key) if key else None

    def entries(self, kind: str | None = None) -> list[Entry]:
        """All entries in file order, or those of one kind."""
        return [e for e in self._entries if kind is None or e.kind == kind]

    def get(self, label: str) -> Entry | None:
        """The entry with exactly this canonical label."""
        return self._by_label.get(label)


def name_key(name: str) -> str:
    """The spelling-blind key two ways of writing one name share.

    "The U.S. State Department's" and "US State Department" both give
    "us state department".
    """
    text = fold(name).translate(_APOSTROPHES).strip()
    text = text.strip(' \t\n"“”,;:()[]')
    text = re.sub(r"'s$|(?<=s)'$", "", text)
    text = text.lower().replace(".", "")
    text = re.sub(r"[\s\-\u2010\u2011\u2013]+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    for pattern, replacement in _KEY_SWAPS:
        text = pattern.sub(replacement, text)
    return text


def fold(text: str) -> str:
    """``text`` without accents: "Erdoğan" -> "Erdogan"; other characters kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Read a gazetteer file; the bundled one (cached) when ``path`` is None.

    A malformed file raises :class:`InputError` naming the file and the entry.
    """
    if path is None:
        return _bundled()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _bundled() -> Gazetteer:
    return _load(data_file("gazetteer.yaml"))


def _load(path: Path) -> Gazetteer:
    try:
        document = yaml.safe_load(read_text(path))
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {' '.join(str(exc).split())}", path=path) from None
    if not isinstance(document, Mapping) or not isinstance(document.get("entries"), list):
        raise InputError("expected a mapping with a list under 'entries'", path=path)
    entries = [_entry(raw, number, path) for number, raw in enumerate(document["entries"], 1)]
    _check_consistent(entries, path)
    return Gazetteer(entries)


def _entry(raw: object, number: int, path: Path) -> Entry:
    where = f"entry {number}"
    if not isinstance(raw, Mapping):
        raise InputError(f"{where}: expected a mapping", path=path)
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise InputError(f"{where}: 'label' must be a non-empty string", path=path)
    where = f"entry {number} ({label})"
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise InputError(f"{where}: unknown field(s) {', '.join(map(str, unknown))}", path=path)
    kind = raw.get("kind")
    if kind not in KINDS:
        raise InputError(f"{where}: 'kind' must be one of {', '.join(KINDS)}", path=path)
    wikidata = raw.get("wikidata")
    if wikidata is not None and (not isinstance(wikidata, str) or not QID.fullmatch(wikidata)):
        raise InputError(f"{where}: 'wikidata' must look like Q159, got {wikidata!r}", path=path)
    affiliation = raw.get("affiliation")
    if affiliation is not None and not isinstance(affiliation, str):
        raise InputError(f"{where}: 'affiliation' must be a label", path=path)
    return Entry(
        label=label,
        kind=cast(EntryKind, kind),
        wikidata=wikidata,
        aliases=_strings(raw.get("aliases"), f"{where}: 'aliases'", path),
        demonyms=_strings(raw.get("demonyms"), f"{where}: 'demonyms'", path),
        affiliation=affiliation,
    )


def _strings(value: object, what: str, path: Path) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"{what} must be a list of non-empty strings", path=path)
    return tuple(value)


def _check_consistent(entries: list[Entry], path: Path) -> None:
    """Labels unique, affiliations known, no name or demonym claimed by two entries."""
    labels: set[str] = set()
    for number, entry in enumerate(entries, 1):
        if entry.label in labels:
            raise InputError(f"entry {number} ({entry.label}): label used twice", path=path)
        labels.add(entry.label)
    qids: dict[str, str] = {}
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for number, entry in enumerate(entries, 1):
        where = f"entry {number} ({entry.label})"
        if entry.affiliation is not None and entry.affiliation not in labels:
            raise InputError(f"{where}: affiliation {entry.affiliation!r} is no entry", path=path)
        if entry.wikidata is not None:
            other = qids.setdefault(entry.wikidata, entry.label)
            if other != entry.label:
                raise InputError(f"{where}: {entry.wikidata} is also {other!r}", path=path)
        for index, table in ((entry.names(), names), (entry.demonyms, demonyms)):
            for name in index:
                key = name_key(name)
                if not key:
                    raise InputError(f"{where}: name {name!r} has no letters", path=path)
                other = table.setdefault(key, entry.label)
                if other != entry.label:
                    raise InputError(f"{where}: {name!r} also names {other!r}", path=path)


def _longest_first(candidates: list[tuple[Span, Entry]]) -> list[tuple[Span, Entry]]:
    """Keep the longest matches that do not overlap, then order them by offset."""
    chosen: list[tuple[Span, Entry]] = []
    ranked = sorted(candidates, key=lambda c: (c[0].start - c[0].end, c[0].start))
    for span, entry in ranked:
        if all(span.end <= s.start or span.start >= s.end for s, _ in chosen):
            chosen.append((span, entry))
    return sorted(chosen, key=lambda c: c[0])


def _names_pattern(entries: Iterable[Entry]) -> re.Pattern[str]:
    """One regex over every spelling; a lookahead so that matches may overlap."""
    spellings = {s for entry in entries for name in entry.names() for s in spellings_of(name)}
    ordered = sorted(spellings, key=lambda s: (-len(s), s))
    alternatives = "|".join(_surface_pattern(s) for s in ordered)
    return re.compile(rf"(?<!\w)(?=({alternatives})(?!\w))")


def spellings_of(name: str) -> list[str]:
    """The ways ``name`` is written in prose: as given, without accents, abbreviations swapped."""
    forms = {name, fold(name)}
    for group in _ABBREVIATIONS:
        for form in list(forms):
            for variant in group:
                pattern = rf"(?<![\w.]){re.escape(variant)}(?![\w.])"
                if re.search(pattern, form) and form != variant:
                    forms.update(re.sub(pattern, other, form) for other in group)
    return sorted(forms)


def _surface_pattern(name: str) -> str:
    """A regex for one spelling: case rules per word, flexible spaces and apostrophes."""
    if _SHORT_CAPS.fullmatch(name) and name.upper() == name:
        return re.escape(name)
    words = re.split(r"(\s+|-)", name)
    parts: list[str] = []
    for index, word in enumerate(words):
        if word.isspace():
            parts.append(r"\s+")
        elif word == "-":
            parts.append(r"[-\u2010\u2011\s]")
        elif word:
            leading_article = index == 0 and word.lower() == "the"
            parts.append(_word_pattern(word, leading_article))
    return "".join(parts)


def _word_pattern(word: str, leading_article: bool) -> str:
    if leading_article:
        return "(?i:the)"
    if _SHORT_CAPS.fullmatch(word) and word.upper() == word:
        return _escape_word(word)
    first, rest = word[0], word[1:]
    head = _escape_word(first) if first.isupper() else f"(?i:{_escape_word(first)})"
    return head + (f"(?i:{_escape_word(rest)})" if rest else "")


def _escape_word(text: str) -> str:
    return re.escape(text).replace("'", "['’]")
