"""Text tools for attribution: tokens, sentences, quotations, units and reporting cues.

Everything works on code-point offsets into the article text, which is never
rewritten: :func:`normalise` only gives a comparison key for a phrase.

- :func:`tokenize` splits text into words, numbers, abbreviations ("U.S.", "Col."),
  possessive markers ("'s") and punctuation. Hyphenated words stay whole
  ("Baghdad-based", "civil-defense").
- :func:`sentences` splits at sentence-final punctuation and paragraph breaks,
  keeping closing quotation marks with the sentence they close.
- :func:`quotations` pairs quotation marks ("…" and straight quotes) within a
  paragraph; an unclosed quotation runs to the paragraph's end.
- :func:`units` are sentences joined wherever a quotation runs across a sentence
  end, so that a quote of several sentences and its attribution form one unit.
- :func:`find_cues` finds the reporting words of the cue lexicon
  (``claimgraph/data/cues.yaml``) outside quotations.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from claimgraph.errors import InputError
from claimgraph.files import read_text
from claimgraph.model import Commitment, Span
from claimgraph.resources import data_file


def word_set(text: str) -> frozenset[str]:
    """A word list written as one string: ``word_set("in near around")``."""
    return frozenset(text.split())


OPEN_QUOTES = "\u201c\u00ab\u201e"
CLOSE_QUOTES = "\u201d\u00bb"
STRAIGHT_QUOTE = '"'

TITLES = word_set(
    """mr mrs ms dr gen lt col maj capt sgt brig adm cpl pvt rev sen rep gov prof st jr sr gen.
    lt. col. cmdr lieut supt insp"""
)
_TOKEN = re.compile(
    r"(?P<abbr>(?:[A-Za-z]\.){2,}|(?:"
    + "|".join(sorted((t.capitalize() for t in TITLES if "." not in t), key=len, reverse=True))
    + r")\.(?=\s+[A-Z]))"
    r"|(?P<number>[0-9]+(?:[.,][0-9]+)*(?!\w|[-\u2010\u2011][^\W\d_]))"
    r"|(?P<word>[^\W_]+(?:[-\u2010\u2011][^\W_]+)*(?:['\u2019](?![sS]\b)[^\W_]+)*)"
    r"|(?P<poss>['\u2019][sS]\b|(?<=[sS])['\u2019](?=\s))"
    r"|(?P<punct>\.\.\.|[^\s])"
)
_SENTENCE_END = frozenset({".", "!", "?", "..."})


@dataclass(frozen=True)
class Token:
    """A word, number, abbreviation, possessive marker or punctuation mark."""

    start: int
    end: int
    text: str
    kind: str  # "word" | "number" | "abbr" | "poss" | "punct"

    @property
    def lower(self) -> str:
        """The text in lower case with curly apostrophes straightened."""
        return self.text.lower().replace("\u2019", "'")

    @property
    def is_cap(self) -> bool:
        """Starts with a capital letter (a word or abbreviation)."""
        return self.kind in ("word", "abbr") and self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        """A word, number or abbreviation: anything but punctuation and "'s"."""
        return self.kind in ("word", "number", "abbr")

    @property
    def span(self) -> Span:
        """The token's offsets."""
        return Span(self.start, self.end)


def normalise(phrase: str) -> str:
    """A comparison key for a phrase: lower case, straight apostrophes, single spaces."""
    folded = unicodedata.normalize("NFKC", phrase).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(folded.lower().split())


def tokenize(text: str, within: Span | None = None) -> list[Token]:
    """The tokens of ``text`` (or of the part ``within`` covers)."""
    start, end = (within.start, within.end) if within else (0, len(text))
    return [
        Token(m.start(), m.end(), m.group(), m.lastgroup or "punct")
        for m in _TOKEN.finditer(text, start, end)
    ]


def paragraphs(text: str) -> list[Span]:
    """The non-blank lines of the text."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append(_trimmed(text, Span(match.start(), match.end())))
    return spans


def sentences(text: str) -> list[Span]:
    """Sentence spans, paragraph by paragraph; closing quotes stay with their sentence."""
    result: list[Span] = []
    openers = {q.start for q in quotations(text)}
    for paragraph in paragraphs(text):
        tokens = tokenize(text, paragraph)
        begin = 0
        for index in range(len(tokens)):
            if _ends_sentence(tokens, index):
                last = index
                while (
                    last + 1 < len(tokens)
                    and _closes(tokens[last + 1])
                    and tokens[last + 1].start not in openers
                ):
                    last += 1
                if last + 1 < len(tokens) and last >= begin:
                    result.append(Span(tokens[begin].start, tokens[last].end))
                    begin = last + 1
        if begin < len(tokens):
            result.append(Span(tokens[begin].start, tokens[-1].end))
    return result


def _closes(token: Token) -> bool:
    """A closing quotation mark, bracket or final punctuation."""
    return token.text in CLOSE_QUOTES + ")]" + STRAIGHT_QUOTE or token.text in _SENTENCE_END


def _ends_sentence(tokens: Sequence[Token], index: int) -> bool:
    """Whether the token ends a sentence: a full stop before a capital, a number or a quote."""
    token = tokens[index]
    if token.text not in _SENTENCE_END:
        return False
    after = index + 1
    while after < len(tokens) and _closes(tokens[after]):
        after += 1
    if after >= len(tokens):
        return False
    following = tokens[after]
    if token.text == "..." and not following.is_cap:
        return False
    return following.is_cap or following.kind == "number" or following.text in OPEN_QUOTES + '"'


def quotations(text: str) -> list[Span]:
    """Quotations with their marks, paired within each paragraph."""
    found: list[Span] = []
    for paragraph in paragraphs(text):
        found.extend(_paragraph_quotations(text, paragraph))
    return found


def _paragraph_quotations(text: str, paragraph: Span) -> list[Span]:
    """Quotation spans in one paragraph; an unclosed one runs to its end."""
    found: list[Span] = []
    opened: int | None = None
    straight_open: int | None = None
    for offset in range(paragraph.start, paragraph.end):
        char = text[offset]
        if char in OPEN_QUOTES and opened is None:
            opened = offset
        elif char in CLOSE_QUOTES and opened is not None:
            found.append(Span(opened, offset + 1))
            opened = None
        elif char == STRAIGHT_QUOTE:
            if straight_open is None:
                straight_open = offset
            else:
                found.append(Span(straight_open, offset + 1))
                straight_open = None
    for start in (opened, straight_open):
        if start is not None:
            found.append(Span(start, paragraph.end))
    return sorted(found)


def inside_quotes(text: str, quote: Span) -> Span:
    """The words of a quotation without its marks and a final comma or full stop."""
    start, end = quote.start, quote.end
    if text[start] in OPEN_QUOTES + STRAIGHT_QUOTE:
        start += 1
    if end > start and text[end - 1] in CLOSE_QUOTES + STRAIGHT_QUOTE:
        end -= 1
    span = _trimmed(text, Span(start, end))
    while span.end > span.start and text[span.end - 1] in ",;:":
        span = _trimmed(text, Span(span.start, span.end - 1))
    if span.end - span.start > 1 and text[span.end - 1] == "." and text[span.end - 2] != ".":
        span = Span(span.start, span.end - 1)
    return span


def units(text: str) -> list[Span]:
    """Sentences joined where a quotation runs across a sentence end."""
    quotes = quotations(text)
    merged: list[Span] = []
    for sentence in sentences(text):
        if merged and any(
            q.start < merged[-1].end <= q.end and q.start < sentence.start < q.end for q in quotes
        ):
            merged[-1] = Span(merged[-1].start, sentence.end)
        else:
            merged.append(sentence)
    return merged


def _trimmed(text: str, span: Span) -> Span:
    """The span without surrounding white space."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


# ---------------------------------------------------------------------------
# The cue lexicon

PATTERNS = frozenset(
    {"clause", "trailing", "quote", "inverted", "object", "accuse", "hearer", "source"}
)
COMMITMENTS = frozenset({"asserted", "alleged", "reported", "suspected", "estimated"})


@dataclass(frozen=True)
class Cue:
    """One lexicon entry: a reporting verb or phrase with what it implies."""

    lemma: str
    forms: tuple[tuple[str, ...], ...]  # each form as lower-case words
    polarity: str  # "positive" | "negative"
    commitment: Commitment
    kind: str  # "claim" | "estimate"
    patterns: frozenset[str]
    tail: re.Pattern[str] | None = None
    not_before: re.Pattern[str] | None = None

    @property
    def negative(self) -> bool:
        """A denial cue: deny, reject, dismiss, refute."""
        return self.polarity == "negative"


@dataclass(frozen=True, eq=False)  # hashed by identity: it keys caches; deep hashing is slow
class Lexicon:
    """The cue lexicon and the content markers that go with it."""

    cues: tuple[Cue, ...]
    denial_markers: tuple[re.Pattern[str], ...]
    hedges: tuple[re.Pattern[str], ...]
    hearers: frozenset[str]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The bundled cue lexicon (cached). A malformed file raises :class:`InputError`."""
    path = data_file("cues.yaml")
    try:
        document = yaml.safe_load(read_text(path))
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {' '.join(str(exc).split())}", path=path) from None
    if not isinstance(document, dict) or not isinstance(document.get("cues"), list):
        raise InputError("expected a mapping with a list under 'cues'", path=path)
    cues = tuple(_cue(raw, number, path) for number, raw in enumerate(document["cues"], 1))
    return Lexicon(
        cues=cues,
        denial_markers=tuple(re.compile(p, re.IGNORECASE) for p in document["denial_markers"]),
        hedges=tuple(re.compile(p, re.IGNORECASE) for p in document["hedges"]),
        hearers=frozenset(normalise(h) for h in document["hearers"]),
    )


def _cue(raw: Any, number: int, path: Any) -> Cue:
    """One lexicon entry, checked; ``number`` and ``path`` name it in errors."""
    where = f"cue {number}"
    if not isinstance(raw, dict) or not raw.get("forms"):
        raise InputError(f"{where}: expected a mapping with 'forms'", path=path)
    patterns = frozenset(raw.get("patterns") or ())
    if not patterns or not patterns <= PATTERNS:
        raise InputError(f"{where} ({raw.get('lemma')}): unknown or missing patterns", path=path)
    if raw.get("commitment") not in COMMITMENTS:
        raise InputError(f"{where} ({raw.get('lemma')}): unknown commitment", path=path)
    if raw.get("polarity") not in ("positive", "negative"):
        raise InputError(f"{where} ({raw.get('lemma')}): unknown polarity", path=path)
    return Cue(
        lemma=str(raw["lemma"]),
        forms=tuple(tuple(str(f).lower().split()) for f in raw["forms"]),
        polarity=raw["polarity"],
        commitment=raw["commitment"],
        kind=raw.get("kind", "claim"),
        patterns=patterns,
        tail=re.compile(raw["tail"]) if raw.get("tail") else None,
        not_before=re.compile(raw["not_before"]) if raw.get("not_before") else None,
    )


@dataclass(frozen=True)
class CueMatch:
    """A cue found in the text: token indices ``[first, last]`` and its words."""

    cue: Cue
    first: int
    last: int
    span: Span

    def words(self, text: str) -> str:
        """The cue as written."""
        return self.span.of(text)


def find_cues(
    text: str, tokens: Sequence[Token], quotes: Sequence[Span], lexicon: Lexicon | None = None
) -> list[CueMatch]:
    """Cue matches among ``tokens`` that lie outside every quotation, longest first."""
    lexicon = lexicon or load_lexicon()
    matches: list[CueMatch] = []
    index = 0
    while index < len(tokens):
        match = (
            _cue_at(text, tokens, index, lexicon) if not _after_determiner(tokens, index) else None
        )
        if match and not any(q.start <= match.span.start < q.end for q in quotes):
            matches.append(match)
            index = match.last + 1
        else:
            index += 1
    return matches


_NOUN_MARKERS = word_set("""the a an this that these those his her its their our my your""")


def _after_determiner(tokens: Sequence[Token], index: int) -> bool:
    """ "the report", "Russia's claims", "an estimated": a noun or adjective, no cue."""
    if index == 0:
        return False
    previous = tokens[index - 1]
    return previous.kind == "poss" or previous.lower in _NOUN_MARKERS


def _cue_at(text: str, tokens: Sequence[Token], index: int, lexicon: Lexicon) -> CueMatch | None:
    """The longest cue starting at token ``index``, or None."""
    best: CueMatch | None = None
    for cue, form in _forms_by_first_word(lexicon).get(tokens[index].lower, ()):
        last = index + len(form) - 1
        if last >= len(tokens):
            continue
        if any(tokens[index + k].lower != word for k, word in enumerate(form)):
            continue
        end = tokens[last].end
        if cue.tail is not None:
            extended = _tail_end(text, tokens, last, cue.tail)
            if extended is None:
                continue
            last, end = extended, tokens[extended].end
        rest = _lower_after(text, end)
        if cue.not_before is not None and cue.not_before.match(rest):
            continue
        candidate = CueMatch(cue, index, last, Span(tokens[index].start, end))
        if best is None or candidate.last > best.last:
            best = candidate
    return best


@lru_cache(maxsize=4)
def _forms_by_first_word(lexicon: Lexicon) -> dict[str, list[tuple[Cue, tuple[str, ...]]]]:
    """Cue forms indexed by their first word, in lexicon order."""
    index: dict[str, list[tuple[Cue, tuple[str, ...]]]] = {}
    for cue in lexicon.cues:
        for form in cue.forms:
            index.setdefault(form[0], []).append((cue, form))
    return index


def _lower_after(text: str, offset: int) -> str:
    """Up to 80 characters after ``offset``, lower case, leading space dropped."""
    return text[offset : offset + 80].lstrip().lower().replace("\u2019", "'")


def _tail_end(text: str, tokens: Sequence[Token], last: int, tail: re.Pattern[str]) -> int | None:
    """The index of the last token a cue's tail covers, or None when the tail is absent."""
    end = tokens[last].end
    raw = text[end : end + 80]
    lead = len(raw) - len(raw.lstrip())
    match = tail.match(raw.lstrip().lower().replace("\u2019", "'"))
    if match is None:
        return None
    tail_end = end + lead + match.end()
    position = last
    while position + 1 < len(tokens) and tokens[position + 1].end <= tail_end:
        position += 1
    return position if tokens[position].end == tail_end else None
