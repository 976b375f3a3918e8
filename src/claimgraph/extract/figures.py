"""Casualty figures in news prose: "over 500 people ... have been killed".

:func:`find_figures` reads a span of an article and returns each casualty count
it gives, with the count as written, its bounds, its hedge, what happened to the
victims (killed, wounded, missing, casualties, displaced), who they were, and the
larger figure it is part of ("including dozens of civilians").

A number is a casualty figure only when a casualty word governs it in its
clause: a participle or verb after it ("16 civilians were killed", "dozens
died", "12 dead"), a verb before it ("killing at least 30", "wounded 12"), a
toll ("the death toll rose to 40"), or an enclosing figure ("..., including 12
children"). Distances, times, money, percentages, weapons and strike counts stay
out. Bounds follow the hedge:

========================  ==========  ==========  =========
words                     min         max         qualifier
========================  ==========  ==========  =========
"16", "sixteen"           16          16          exact
"over/more than 500"      501         --          more-than
"at least 16"             16          --          at-least
"about/around/some 30"    30          30          about
"a dozen", "two dozen"    12 / 24     12 / 24     about
"nearly/almost 100"       --          99          nearly
"up to/as many as 50"     --          50          up-to
"fewer than 10"           --          9           up-to
"dozens/scores/hundreds"  24/40/200   --          vague
"between 20 and 30"       20          30          about
========================  ==========  ==========  =========

The words themselves (number words, vague quantities, hedges) are data in
``claimgraph/data/numbers.yaml``. This module also holds the small text tools
:mod:`claimgraph.extract.strikes` shares: tokens, sentences and place names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, cast

import yaml

from claimgraph.files import read_text
from claimgraph.model import CasualtyType, Qualifier, Span
from claimgraph.resources import data_file


def words(text: str) -> frozenset[str]:
    """A word list written as one string: ``words("in near around")``."""
    return frozenset(text.split())


# ---------------------------------------------------------------------------
# Public results


@dataclass(frozen=True)
class FigureMention:
    """One casualty count as the text gives it."""

    span: Span  # the words of the figure: "over 500 people ... have been killed"
    count_text: str  # as written: "over 500", "dozens", "sixteen"
    min_count: int | None
    max_count: int | None
    qualifier: Qualifier
    casualty_type: CasualtyType
    victims: str | None  # head noun as written: "people", "civilians", "aid workers"
    part_of: int | None  # index into the returned list of the enclosing figure
    location: str | None  # place as written when inside the figure's clause


# ---------------------------------------------------------------------------
# Tokens and sentences (shared with strikes.py)


@dataclass(frozen=True)
class Token:
    """A word, number or punctuation mark with its code-point offsets."""

    start: int
    end: int
    text: str
    kind: str  # "word" | "number" | "punct"

    @cached_property
    def lower(self) -> str:
        """The text in lower case with curly apostrophes made straight."""
        return self.text.lower().replace("\u2019", "'")

    @property
    def capitalised(self) -> bool:
        """Whether the token starts with an upper-case letter."""
        return self.kind == "word" and self.text[:1].isupper()


_TOKEN = re.compile(
    r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![\w\-\u2010\u2011])"
    r"|[0-9]+(?:\.[0-9]+)?(?![\w\-\u2010\u2011]))"
    r"|(?P<word>(?:[A-Za-z]\.){2,}|[^\W_]+(?:[-\u2010\u2011'\u2019][^\W_]+)*)"
    r"|(?P<punct>\S)"
)
_ABBREVIATIONS = words(
    "mr mrs ms dr gen lt col maj capt sgt st rep sen gov prof no jan feb mar apr jun jul aug"
    " sep sept oct nov dec vs etc jr sr adm brig cpl pvt gov ft mt"
)
_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


def tokenize(text: str, within: Span) -> list[Token]:
    """The tokens of ``text`` inside ``within``."""
    tokens = []
    for match in _TOKEN.finditer(text, within.start, within.end):
        kind = match.lastgroup or "punct"
        tokens.append(Token(match.start(), match.end(), match.group(), kind))
    return tokens


def sentences(text: str, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Sentence boundaries as half-open ranges of token indexes."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is None:
            break
        if "\n" in text[token.end : following.start] or _ends_sentence(tokens, index):
            bounds.append((start, index + 1))
            start = index + 1
    if start < len(tokens):
        bounds.append((start, len(tokens)))
    return bounds


def _ends_sentence(tokens: Sequence[Token], index: int) -> bool:
    token = tokens[index]
    if token.text not in ".!?" or index + 1 >= len(tokens):
        return False
    following = tokens[index + 1]
    if following.text in _QUOTES and index + 2 < len(tokens):
        following = tokens[index + 2]
    starts_new = following.text[:1].isupper() or following.kind == "number"
    starts_new = starts_new or following.text in _QUOTES
    previous = tokens[index - 1] if index > 0 else None
    if previous is not None and token.text == "." and _abbreviation(previous):
        return False
    return starts_new


def _abbreviation(token: Token) -> bool:
    """ "Mr", "Gen", "Feb" or an initial: words a full stop does not end a sentence after."""
    return token.lower in _ABBREVIATIONS or (len(token.text) == 1 and token.capitalised)


# ---------------------------------------------------------------------------
# Places (shared with strikes.py)

# "fled" takes its place without a preposition: "10,000 people fled Tal Afar".
PLACE_PREPOSITIONS = words(
    "in near around on over across outside at into of throughout inside fled fleeing"
)
DIRECTIONS = words(
    """northern southern eastern western central north south east west northeast northwest
    southeast southwest north-east north-west south-east south-west northeastern northwestern
    southeastern southwestern north-eastern north-western south-eastern south-western
    rural greater downtown"""
)
_PLACE_NOUNS = words(
    """city town village villages province region district neighbourhood neighborhood suburb
    suburbs area areas governorate state county port capital outskirts enclave camp"""
)
_REGION_NOUNS = words("province region governorate district oblast state county prefecture")
WEEKDAY_AND_MONTH_WORDS = words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec yesterday today tonight"""
)
_NAME_CONNECTORS = words("al el ad as ash ar an ez az de del la bin ibn abu bani")
_ORG_WORDS = words(
    """force forces army ministry department council committee observatory agency office times
    post news party government coalition front brigade brigades guard guards union nations
    organization organisation group institute court commission cross crescent command
    authority authorities service services police navy corps agency fund bank network
    channel radio television tv press journal telegraph herald tribune monitor watch
    international airways airlines company"""
)
_DEMONYM_SUFFIX = re.compile(r"(?:ian|ean|ese|ish|i)s?$")


def gazetteer_matches(text: str, within: Span) -> dict[int, tuple[Span, str]]:
    """Known names in ``within``, keyed by start offset: ``(span, kind)``; empty without one."""
    gazetteer = _gazetteer()
    if gazetteer is None:
        return {}
    return {span.start: (span, entry.kind) for span, entry in gazetteer.find(text, within)}


def is_demonym(word: str) -> bool:
    """Whether ``word`` names a people ("Russian", "U.S."), per the gazetteer or its suffix."""
    gazetteer = _gazetteer()
    bare = re.sub(r"['\u2019]s$", "", word)
    if gazetteer is not None and gazetteer.demonym(bare) is not None:
        return True
    return bool(_DEMONYM_SUFFIX.search(bare)) and bare[:1].isupper()


def _gazetteer() -> Any:
    try:
        from claimgraph.extract.gazetteer import load_gazetteer
    except ImportError:  # the gazetteer is optional: fall back on capitalised words
        return None
    return load_gazetteer()


def place_at(
    text: str, tokens: Sequence[Token], index: int, stop: int, known: dict[int, tuple[Span, str]]
) -> tuple[Span, int] | None:
    """A place name starting at token ``index`` (after its preposition), with the index after it.

    Accepts "the", a direction ("northern Aleppo"), "the city of X"; the place is
    a gazetteer place or country, or failing that a run of capitalised words that
    names no weekday, month, people, outlet or organisation.
    """
    i = index
    if i < stop and tokens[i].lower == "the":
        i += 1
    first = i
    while i < stop and tokens[i].lower in DIRECTIONS and not tokens[i].capitalised:
        i += 1
    direction_start = first if i > first else None
    if i + 1 < stop and tokens[i].lower in _PLACE_NOUNS and tokens[i + 1].lower == "of":
        i += 2
        direction_start = None
        if i < stop and tokens[i].lower == "the":
            i += 1
    if i >= stop or not tokens[i].capitalised:
        return None
    name_end = _place_name_end(text, tokens, i, stop, known)
    if name_end is None:
        return None
    if _possessive(tokens[name_end - 1]) and name_end < stop:
        inner = place_at(text, tokens, name_end, stop, known)
        if inner is not None:
            return inner  # "Syria's Idlib province": the place inside the place
    if name_end < stop and tokens[name_end].lower in _REGION_NOUNS:
        name_end += 1  # "Saada province", "Kaduna state"
    start = tokens[direction_start].start if direction_start is not None else tokens[i].start
    last = tokens[name_end - 1]
    end = last.end - 2 if _possessive(last) else last.end
    return Span(start, end), name_end


def _possessive(token: Token) -> bool:
    return re.search(r"['\u2019]s$", token.text) is not None


def _place_name_end(
    text: str, tokens: Sequence[Token], i: int, stop: int, known: dict[int, tuple[Span, str]]
) -> int | None:
    if _hyphenated_adjective(tokens[i]):
        return None  # "the Kyiv-based charity": the place only describes what follows
    entry = known.get(tokens[i].start)
    if entry is not None:
        span, kind = entry
        if kind not in ("place", "country"):
            return None
        end = i
        while end < stop and tokens[end].start < span.end:
            end += 1
        return end
    end = i
    while end < stop:
        token = tokens[end]
        if _hyphenated_adjective(token):
            break  # "the Liberian-flagged tanker", "Iran-backed militias": never a place
        if (
            token.capitalised
            and token.lower not in WEEKDAY_AND_MONTH_WORDS
            or (
                token.lower in _NAME_CONNECTORS
                and end + 1 < stop
                and tokens[end + 1].capitalised
                and end > i
            )
            or (end > i and _particle_name(token))
        ):
            end += 1
        elif _feature_of(tokens, i, end, stop):
            end += 2  # "the Gulf of Aden", "the Sea of Azov"
        else:
            break
    if end == i:
        return None
    words = [re.sub(r"'s$", "", t.lower) for t in tokens[i:end]]
    if any(w in _ORG_WORDS for w in words):
        return None
    if any(
        t.start in known and known[t.start][1] not in ("place", "country") for t in tokens[i:end]
    ):
        return None
    if end - i == 1 and _adjective_of_people(tokens, i, stop):
        return None  # "in Syrian airspace", "over Russian territory"
    return end


def _hyphenated_adjective(token: Token) -> bool:
    """ "Liberian-flagged", "Kyiv-based", "Iran-backed", "Kremlin-run": a compound adjective."""
    parts = re.split(r"[-\u2010\u2011]", token.text)
    last = parts[-1]
    if len(parts) < 2 or not last.islower():
        return False
    return last.endswith("ed") or last in _ADJECTIVE_ENDINGS


_ADJECTIVE_ENDINGS = words("run made born built bound held owned grown wide style era type")


def _particle_name(token: Token) -> bool:
    """ "al-Numan", "ez-Zor", "el-Fasher": a particle joined to a capitalised name."""
    parts = re.split(r"[-\u2010\u2011]", token.text, maxsplit=1)
    return len(parts) == 2 and parts[0].lower() in _NAME_CONNECTORS and parts[1][:1].isupper()


# Feature names that go on with "of" and a name: "the Gulf of Aden", "the Strait of Hormuz".
_FEATURE_NOUNS = words("gulf sea bay strait straits horn isle cape lake republic")


def _feature_of(tokens: Sequence[Token], i: int, end: int, stop: int) -> bool:
    """Whether ``end`` is the "of" after a feature noun, followed by a capitalised name."""
    return (
        end > i
        and tokens[end - 1].lower in _FEATURE_NOUNS
        and end + 1 < stop
        and tokens[end].lower == "of"
        and tokens[end + 1].capitalised
    )


def _adjective_of_people(tokens: Sequence[Token], i: int, stop: int) -> bool:
    word = tokens[i].text
    if gazetteer_says_people(word):
        return True
    following = tokens[i + 1] if i + 1 < stop else None
    return (
        bool(_PEOPLE_ADJECTIVE.search(word))
        and following is not None
        and following.kind == "word"
        and not following.capitalised
        and following.lower not in _STOP
    )


_PEOPLE_ADJECTIVE = re.compile(r"(?:ian|ean|ese|ish)$")


def gazetteer_says_people(word: str) -> bool:
    """Whether the gazetteer reads ``word`` as a demonym ("Syrian"), not a place."""
    gazetteer = _gazetteer()
    return gazetteer is not None and gazetteer.demonym(word) is not None


def place_after(
    text: str,
    tokens: Sequence[Token],
    start: int,
    stop: int,
    known: dict[int, tuple[Span, str]],
) -> Span | None:
    """The first "in/near/of ... <place>" between token ``start`` and ``stop``."""
    for i in range(start, stop):
        token = tokens[i]
        if token.lower in _CLAUSE_BREAKS:
            return None
        if token.text == "," and not (i + 1 < stop and tokens[i + 1].capitalised):
            return None  # ", the health ministry said": the clause has ended
        if token.lower in PLACE_PREPOSITIONS:
            found = place_at(text, tokens, i + 1, stop, known)
            if found is not None:
                return found[0]
    return None


_CLAUSE_BREAKS = frozenset([";", "said", "says", "told", "according", "added", "while", "but"])


# ---------------------------------------------------------------------------
# Counts


@dataclass(frozen=True)
class Count:
    """A count as written, with its bounds: "over 500" -> 501..None, more-than."""

    first: int  # token index of the first word (the hedge, if any)
    last: int  # token index just after the count
    number_start: int  # token index where the number itself starts
    min_count: int | None
    max_count: int | None
    qualifier: Qualifier
    vague: bool


@dataclass(frozen=True)
class _Lexicon:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    groups: dict[str, int]
    vague: dict[tuple[str, ...], int]
    hedges: dict[tuple[str, ...], str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = yaml.safe_load(read_text(data_file("numbers.yaml")))
    hedges = {
        tuple(phrase.split()): relation
        for relation, phrases in raw["hedges"].items()
        for phrase in phrases
    }
    vague = {tuple(phrase.split()): int(value) for phrase, value in raw["vague"].items()}
    return _Lexicon(
        units={k: int(v) for k, v in raw["units"].items()},
        tens={k: int(v) for k, v in raw["tens"].items()},
        scales={k: int(v) for k, v in raw["scales"].items()},
        groups={k: int(v) for k, v in raw["groups"].items()},
        vague=vague,
        hedges=hedges,
    )


_PHRASE_INDEX: dict[int, tuple[dict[tuple[str, ...], Any], dict[str, list[tuple[str, ...]]]]] = {}


def _by_first_word(phrases: dict[tuple[str, ...], Any]) -> dict[str, list[tuple[str, ...]]]:
    """The phrases grouped by their first word, longest first (built once per phrase table)."""
    cached = _PHRASE_INDEX.get(id(phrases))
    if cached is not None and cached[0] is phrases:
        return cached[1]
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        index.setdefault(phrase[0], []).append(phrase)
    _PHRASE_INDEX[id(phrases)] = (phrases, index)
    return index


def _phrase_at(tokens: Sequence[Token], i: int, phrases: dict[tuple[str, ...], Any]) -> int:
    """The length of the longest phrase in ``phrases`` starting at ``i`` (0 when none)."""
    if i >= len(tokens):
        return 0
    for phrase in _by_first_word(phrases).get(tokens[i].lower, ()):
        n = len(phrase)
        if i + n <= len(tokens) and all(tokens[i + k].lower == phrase[k] for k in range(1, n)):
            return n
    return 0


def count_at(tokens: Sequence[Token], i: int) -> Count | None:
    """The count (with its hedge) that starts at token ``i``, if one does."""
    lexicon = _lexicon()
    hedge_length = _phrase_at(tokens, i, lexicon.hedges)
    if hedge_length:
        hedged = _core_count(tokens, i + hedge_length)
        if hedged is not None:
            relation = lexicon.hedges[tuple(t.lower for t in tokens[i : i + hedge_length])]
            return _apply_hedge(i, i + hedge_length, hedged, relation)
    core = _core_count(tokens, i)
    if core is None:
        return None
    return _apply_hedge(i, i, core, None)


@dataclass(frozen=True)
class _Core:
    end: int
    low: int
    high: int
    kind: str  # "number" | "round" | "vague" | "range"


def _apply_hedge(first: int, number_start: int, core: _Core, relation: str | None) -> Count:
    def make(low: int | None, high: int | None, qualifier: str, vague: bool = False) -> Count:
        return Count(first, core.end, number_start, low, high, cast(Qualifier, qualifier), vague)

    if core.kind == "vague":
        return make(core.low, None, "vague", vague=True)
    if core.kind == "range":
        return make(core.low, core.high, "about")
    n = core.low
    if relation == "more-than":
        return make(n + 1, None, "more-than")
    if relation == "at-least":
        return make(n, None, "at-least")
    if relation == "about":
        return make(n, n, "about")
    if relation == "nearly":
        return make(None, max(n - 1, 0), "nearly")
    if relation == "up-to":
        return make(None, n, "up-to")
    if relation == "fewer-than":
        return make(None, max(n - 1, 0), "up-to")
    return make(n, n, "about" if core.kind == "round" else "exact")


def _core_count(tokens: Sequence[Token], i: int) -> _Core | None:
    """A bare count at ``i``: a range, a vague quantity, "a dozen", digits or number words."""
    if i >= len(tokens):
        return None
    lexicon = _lexicon()
    if tokens[i].lower == "between":
        low = _plain_number(tokens, i + 1)
        if low is not None and low.end < len(tokens) and tokens[low.end].lower == "and":
            high = _plain_number(tokens, low.end + 1)
            if high is not None and high.low > low.low:
                return _Core(high.end, low.low, high.low, "range")
        return None
    vague_length = _phrase_at(tokens, i, lexicon.vague)
    if vague_length:
        key = tuple(t.lower for t in tokens[i : i + vague_length])
        return _Core(i + vague_length, lexicon.vague[key], lexicon.vague[key], "vague")
    group = _group_count(tokens, i)
    if group is not None:
        return group
    number = _plain_number(tokens, i)
    if number is None:
        return None
    if i > 0 and tokens[i - 1].lower == "from":
        return number  # "rose from 12 to 40" is a change, not a range
    return _range_after(tokens, number)


def _group_count(tokens: Sequence[Token], i: int) -> _Core | None:
    """ "a dozen", "two dozen", "half a dozen": round counts, qualifier about."""
    groups = _lexicon().groups
    words = [t.lower for t in tokens[i : i + 3]]
    if len(words) >= 3 and words[0] == "half" and words[1] in ("a", "an") and words[2] in groups:
        return _Core(i + 3, groups[words[2]] // 2, groups[words[2]] // 2, "round")
    if len(words) >= 2 and words[0] in ("a", "an") and words[1] in groups:
        return _Core(i + 2, groups[words[1]], groups[words[1]], "round")
    multiplier = _plain_number(tokens, i, allow_scales=False)
    if multiplier is not None and multiplier.end < len(tokens):
        word = tokens[multiplier.end].lower
        if word in groups:
            value = multiplier.low * groups[word]
            return _Core(multiplier.end + 1, value, value, "round")
    return None


def _range_after(tokens: Sequence[Token], number: _Core) -> _Core:
    """ "20 to 30", "two or three": a range; otherwise the number itself."""
    end = number.end
    if end + 1 < len(tokens) and tokens[end].lower in ("to", "or"):
        high = _plain_number(tokens, end + 1)
        if high is not None and high.low > number.low:
            return _Core(high.end, number.low, high.low, "range")
    return number


_DIGITS_RANGE = re.compile(r"([0-9][0-9,]*)[-\u2010\u2011\u2013]([0-9][0-9,]*)")


def _plain_number(tokens: Sequence[Token], i: int, *, allow_scales: bool = True) -> _Core | None:
    """Digits ("1,200", "1.5 million") or number words ("two hundred and fifty")."""
    if i >= len(tokens):
        return None
    token = tokens[i]
    lexicon = _lexicon()
    if token.kind == "number":
        value_text = token.text.replace(",", "")
        end = i + 1
        scale = 1
        if allow_scales and end < len(tokens) and tokens[end].lower in lexicon.scales:
            scale = lexicon.scales[tokens[end].lower]
            end += 1
        if "." in value_text and scale == 1:
            return None
        value = round(float(value_text) * scale)
        return _Core(end, value, value, "number")
    if token.kind == "word":
        digits_range = _DIGITS_RANGE.fullmatch(token.text)
        if digits_range:
            low = int(digits_range.group(1).replace(",", ""))
            high = int(digits_range.group(2).replace(",", ""))
            if high > low:
                return _Core(i + 1, low, high, "range")
            return None
        return _number_words(tokens, i, allow_scales)
    return None


def _number_words(tokens: Sequence[Token], i: int, allow_scales: bool) -> _Core | None:
    lexicon = _lexicon()
    total = current = 0
    end = i
    seen = False
    round_article = False
    j = i
    if (
        allow_scales
        and j + 1 < len(tokens)
        and tokens[j].lower in ("a", "an")
        and tokens[j + 1].lower in lexicon.scales
    ):
        current, round_article = 1, True
        j += 1
    while j < len(tokens):
        parts = re.split(r"[-\u2010\u2011]", tokens[j].lower)
        if tokens[j].kind != "word" or not all(_is_number_word(p, allow_scales) for p in parts):
            if tokens[j].lower == "and" and seen and j + 1 < len(tokens):
                nxt = re.split(r"[-\u2010\u2011]", tokens[j + 1].lower)
                if all(p in lexicon.units or p in lexicon.tens for p in nxt):
                    j += 1
                    continue
            break
        for part in parts:
            if part in lexicon.units:
                current += lexicon.units[part]
            elif part in lexicon.tens:
                current += lexicon.tens[part]
            elif part == "hundred":
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * lexicon.scales[part]
                current = 0
        seen = True
        j += 1
        end = j
    if not seen:
        return None
    value = total + current
    return _Core(end, value, value, "round" if round_article else "number")


def _is_number_word(word: str, allow_scales: bool) -> bool:
    lexicon = _lexicon()
    if word in lexicon.units or word in lexicon.tens:
        return True
    return allow_scales and word in lexicon.scales


# ---------------------------------------------------------------------------
# Victims

PERSON_NOUNS = words(
    """people persons person civilians civilian children child kids kid babies baby infants
    toddlers women woman men man boys boy girls girl teenagers teenager teens minors adults
    elderly soldiers soldier troops servicemen serviceman servicemembers marines sailors airmen
    officers officer policemen policeman police militants militant fighters fighter rebels rebel
    insurgents insurgent jihadists jihadist gunmen gunman combatants combatant militiamen
    guerrillas terrorists members member residents resident villagers inhabitants locals
    passengers pilgrims worshippers worshipers students pupils schoolchildren patients doctors
    nurses medics paramedics rescuers journalists journalist reporters employees staff staffers
    workers volunteers farmers fishermen refugees migrants detainees prisoners protesters
    demonstrators mourners shoppers guests relatives bystanders pedestrians peacekeepers personnel
    recruits conscripts guards commanders officials victims individuals family families
    palestinians israelis ukrainians russians syrians iraqis afghans yemenis sudanese kurds
    rohingya americans"""
)
PERSON_COMPOUNDS = frozenset(
    [
        ("aid", "workers"),
        ("health", "workers"),
        ("rescue", "workers"),
        ("medical", "staff"),
        ("medical", "workers"),
        ("family", "members"),
        ("police", "officers"),
        ("security", "forces"),
        ("service", "members"),
        ("civil", "defence"),
        ("humanitarian", "workers"),
        ("un", "staff"),
    ]
)
_EMPTY_HEADS = frozenset(["others", "more", "other"])
_PERSON_SUFFIX = re.compile(r"^[a-z]+(?:ers|ists|ians|ants|ents|men|ees|ren)$")
OBJECT_NOUNS = words(
    """mile miles km kms kilometres kilometers kilometre kilometer metres meters metre meter feet
    foot yards yard percent per cent % hours hour days day weeks week months month years year
    minutes minute seconds times a.m. p.m. am pm gmt dollars euros pounds rubles roubles shekels
    tons tonnes rounds missiles missile rockets rocket shells shell airstrikes airstrike strikes
    strike raids aircraft planes plane jets jet warplanes drones drone helicopters tanks tank
    vehicles vehicle trucks buildings building homes houses schools hospitals villages towns
    cities sorties missions attacks bombs kg kilograms degrees points votes seats countries
    nations cases sites targets positions bases rooms beds flights trips calls"""
)
_MONTHS = words(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec"""
)

# ---------------------------------------------------------------------------
# Casualty words

_RIGHT_PREDICATES: dict[str, CasualtyType] = {
    "killed": "killed",
    "dead": "killed",
    "died": "killed",
    "die": "killed",
    "slain": "killed",
    "perished": "killed",
    "massacred": "killed",
    "executed": "killed",
    "murdered": "killed",
    "deaths": "killed",
    "fatalities": "killed",
    "wounded": "wounded",
    "injured": "wounded",
    "hurt": "wounded",
    "maimed": "wounded",
    "injuries": "wounded",
    "missing": "missing",
    "disappeared": "missing",
    "casualties": "casualties",
    "displaced": "displaced",
    "fled": "displaced",
    "flee": "displaced",
    "uprooted": "displaced",
    "homeless": "displaced",
}
_RIGHT_PHRASES: dict[tuple[str, ...], CasualtyType] = {
    ("lost", "their", "lives"): "killed",
    ("lost", "their", "life"): "killed",
    ("shot", "dead"): "killed",
    ("unaccounted", "for"): "missing",
}
_AUXILIARIES = words(
    """were was have has had been being are is be reportedly allegedly apparently also all
    already now still later subsequently reported believed thought feared said known confirmed
    found presumed likely to may might could would will remain remained remains lay lie left
    forced both either since so far made officially initially"""
)
_LEFT_VERBS: dict[str, CasualtyType] = {
    "killed": "killed",
    "killing": "killed",
    "kills": "killed",
    "kill": "killed",
    "wounded": "wounded",
    "wounding": "wounded",
    "wounds": "wounded",
    "injured": "wounded",
    "injuring": "wounded",
    "injures": "wounded",
    "displaced": "displaced",
    "displacing": "displaced",
    "displaces": "displaced",
}
_LEFT_OF_NOUNS: dict[str, CasualtyType] = {
    "lives": "killed",
    "deaths": "killed",
    "death": "killed",
    "killing": "killed",
    "killings": "killed",
    "massacre": "killed",
    "displacement": "displaced",
}
_AMONG_NOUNS: dict[str, CasualtyType] = {
    "dead": "killed",
    "killed": "killed",
    "victims": "killed",
    "fatalities": "killed",
    "wounded": "wounded",
    "injured": "wounded",
    "casualties": "casualties",
    "missing": "missing",
    "displaced": "displaced",
}
_TOLL_LINKS = words(
    """to at of reached hit passed topped exceeded surpassed is was stood stands now reaching
    risen rose climbed jumped increased has had further past"""
)
_TOLL_NOUNS = frozenset(["toll", "tally", "count", "number", "figure", "total"])
_TOLL_TYPES: dict[str, CasualtyType] = {
    "death": "killed",
    "deaths": "killed",
    "dead": "killed",
    "killed": "killed",
    "fatalities": "killed",
    "casualty": "casualties",
    "casualties": "casualties",
    "injury": "wounded",
    "injured": "wounded",
    "wounded": "wounded",
    "injuries": "wounded",
    "missing": "missing",
    "displaced": "displaced",
}
_PART_OPENERS = words(
    """including among most many mostly mainly all both some of nearly half several one who
    almost largely predominantly"""
)
_NOT_A_COUNT_BEFORE = frozenset(["no", "any", "every", "each", "$", "\u00a3", "\u20ac", "#"])


@dataclass
class _Found:
    count: Count
    ctype: CasualtyType
    first: int
    last: int
    victims: Span | None
    parent: int | None  # index into the found list
    location: Span | None = None


def find_figures(text: str, within: Span) -> list[FigureMention]:
    """The casualty figures inside ``within``, by offset; ``part_of`` indexes this list."""
    tokens = tokenize(text, within)
    known = gazetteer_matches(text, within)
    found: list[_Found] = []
    for sentence_start, sentence_end in sentences(text, tokens):
        found.extend(_sentence_figures(text, tokens, sentence_start, sentence_end, known, found))
    return _as_mentions(text, tokens, found)


def _sentence_figures(
    text: str,
    tokens: Sequence[Token],
    start: int,
    end: int,
    known: dict[int, tuple[Span, str]],
    earlier: list[_Found],
) -> list[_Found]:
    local: list[_Found] = []
    sentence = tokens[:end]
    i = start
    while i < end:
        count = count_at(sentence, i)
        if count is None or not _plausible_count(sentence, count, start):
            i += 1
            continue
        figure = _figure_for(text, sentence, count, start, earlier + local)
        if figure is None:
            i = count.last if count.last > i else i + 1
            continue
        if figure.parent is None:
            figure.location = _figure_place(text, sentence, figure, (start, end), known)
        local.append(figure)
        i = count.last
    return local


def _plausible_count(tokens: Sequence[Token], count: Count, sentence_start: int) -> bool:
    """Not money, a percentage, a time, a date or a year."""
    before = tokens[count.number_start - 1] if count.number_start > sentence_start else None
    after = tokens[count.last] if count.last < len(tokens) else None
    number = tokens[count.number_start]
    if before is not None and before.lower in _NOT_A_COUNT_BEFORE:
        return False
    if before is not None and before.lower.rstrip(".") in _MONTHS and number.kind == "number":
        return False
    if after is not None:
        if after.lower in _MONTHS or after.text in ("%", ":") or after.lower in ("per", "percent"):
            return False
        if after.lower in ("of", "another") and number.lower == "one":
            return False
    if number.kind == "number" and re.fullmatch(r"(?:19|20)[0-9]{2}", number.text):
        return before is None or before.lower not in ("in", "since", "of", "by", "until", "from")
    return True


def _figure_for(
    text: str,
    tokens: Sequence[Token],
    count: Count,
    sentence_start: int,
    earlier: list[_Found],
) -> _Found | None:
    victims = _victims_after(tokens, count)
    if victims is None:
        return None  # "12 miles", "two A-10 attack aircraft"
    head, np_end, run_end = victims
    parent = _enclosing_figure(tokens, count, sentence_start, earlier)
    if parent is not None:
        head, np_end = _part_victims(tokens, count, head, np_end)
        own = _right_predicate(tokens, np_end, depth=1)  # "including 25 civilian deaths"
        ctype, last = own if own is not None else (earlier[parent].ctype, np_end)
        return _Found(count, ctype, count.first, last, head, parent)
    right = _right_predicate(tokens, np_end, depth=0)
    if right is None and head is not None:
        after_pp = _skip_prepositional(tokens, np_end)  # "Seven members of one family ... died"
        right = _right_predicate(tokens, after_pp, depth=0) if after_pp > np_end else None
    if right is None and run_end > np_end and run_end - np_end <= 3:
        right = _right_predicate(tokens, run_end, depth=0)
        if right is not None:
            head, np_end = _run_as_victims(tokens, np_end, run_end), run_end
    if right is not None:
        ctype, last = right
        return _Found(count, ctype, count.first, max(last, np_end), head, None)
    left = _left_predicate(tokens, count.first, sentence_start)
    if left is not None:
        ctype, first = left
        return _Found(count, ctype, first, np_end, head, None)
    return None


def _victims_after(tokens: Sequence[Token], count: Count) -> tuple[Span | None, int, int] | None:
    """``(victims head, end of the noun phrase, end of its word run)``; None for a non-person."""
    i = count.last
    if i < len(tokens) and tokens[i].lower == "of" and (count.vague or _is_group(tokens, count)):
        i += 1
    run_end = i
    while run_end < len(tokens) and run_end - i < 5 and _np_word(tokens[run_end]):
        run_end += 1
    for j in range(i, run_end):
        pair = (tokens[j].lower, tokens[j + 1].lower) if j + 1 < run_end else None
        if any(t.lower in OBJECT_NOUNS for t in tokens[i:j]):
            return None
        if pair in PERSON_COMPOUNDS:
            return Span(tokens[j].start, tokens[j + 1].end), j + 2, run_end
        if tokens[j].lower in _EMPTY_HEADS:
            return None, j + 1, run_end
        if tokens[j].lower in OBJECT_NOUNS:
            return None
        if _is_person_word(tokens[j]):
            last = j + 1
            joined = last + 1 < len(tokens) and tokens[last].lower == "and"
            if joined and _is_person_word(tokens[last + 1]):
                last += 2  # "women and children"
            first = _noun_modifiers_before(tokens, i, j)
            return Span(tokens[first].start, tokens[last - 1].end), last, max(run_end, last)
    return None, count.last, run_end


def _noun_modifiers_before(tokens: Sequence[Token], i: int, head: int) -> int:
    """Where the victims' compound starts: "crew members", "factory workers", not "young men".

    Up to two lower-case nouns right before the head word join it; adjectives
    (by form or by list), hyphenated words and capitalised words ("Houthi") do not.
    """
    first = head
    while first > i and head - first < 2 and _noun_modifier(tokens[first - 1]):
        first -= 1
    return first


def _noun_modifier(token: Token) -> bool:
    lower = token.lower
    if token.kind != "word" or token.capitalised or not lower.isalpha():
        return False
    return lower not in _ADJECTIVES and not _ADJECTIVE_FORM.search(lower)


_ADJECTIVES = words(
    """young old elderly innocent unarmed other more local foreign many several few some
    male female adult armed off-duty fellow mostly new former senior junior top dead wounded
    civilian medical national international federal regional additional total rural royal
    several critical"""
)
_ADJECTIVE_FORM = re.compile(
    r"(?:ian|ean|ese|ish|ous|ive|ful|less|ic|ed|ing|ly|ant|ent|ary|ile|able|ible)$"
)


def _is_group(tokens: Sequence[Token], count: Count) -> bool:
    return tokens[count.last - 1].lower in _lexicon().groups


def _np_word(token: Token) -> bool:
    if token.kind != "word":
        return False
    lower = token.lower
    if lower in _STOP or lower in _RIGHT_PREDICATES or lower in _LEFT_VERBS:
        return False
    return lower not in WEEKDAY_AND_MONTH_WORDS


_STOP = (
    words(
        """were was have has had been being are is be the a an and or but in on at of by for with
    from to into who that which whom whose including among as when while after before during since
    said says told according this these those their its his her our some many most all also
    reportedly allegedly yesterday today overnight last earlier later this morning night
    according not no than more less over under about around near across"""
    )
    - _EMPTY_HEADS
)


def _is_person_word(token: Token) -> bool:
    lower = token.lower
    if lower in PERSON_NOUNS or _PERSON_SUFFIX.match(lower):
        return True
    return token.capitalised and lower.endswith("s") and is_demonym(token.text[:-1] or "x")


def _run_as_victims(tokens: Sequence[Token], start: int, end: int) -> Span | None:
    """An unknown noun run ("12 Rohingya were killed") read as the victims: its last word."""
    last = tokens[end - 1]
    if last.lower in OBJECT_NOUNS:
        return None
    first = _noun_modifiers_before(tokens, start, end - 1)
    return Span(tokens[first].start, last.end)


_PP_OPENERS = words("of from in at inside near")


def _skip_prepositional(tokens: Sequence[Token], p: int) -> int:
    """The index after a short phrase such as "of the same family" or "in the building"."""
    if p >= len(tokens) or tokens[p].lower not in _PP_OPENERS:
        return p
    q = p + 1
    while q < len(tokens) and q - p <= 5 and tokens[q].kind == "word":
        lower = tokens[q].lower
        if lower in _AUXILIARIES or lower in _RIGHT_PREDICATES or lower in _LEFT_VERBS:
            break
        q += 1
    return q if q > p + 1 else p


def _right_predicate(
    tokens: Sequence[Token], p: int, depth: int
) -> tuple[CasualtyType, int] | None:
    """A casualty word after the figure's noun phrase: "... have been killed", "12 dead"."""
    p = _skip_parenthetical(tokens, p)
    if p >= len(tokens):
        return None
    if tokens[p].lower in ("and", "or") and depth == 0:
        other = count_at(tokens, p + 1)
        if other is not None:
            victims = _victims_after(tokens, other)
            if victims is not None:
                return _right_predicate(tokens, victims[1], depth=1)
        return None
    steps = 0
    while p < len(tokens) and tokens[p].lower in _AUXILIARIES and steps < 7:
        if _phrase_match(tokens, p, _RIGHT_PHRASES) is not None:
            break
        p += 1
        steps += 1
    if p >= len(tokens):
        return None
    phrase = _phrase_match(tokens, p, _RIGHT_PHRASES)
    if phrase is not None:
        return phrase
    among = _among(tokens, p)
    if among is not None:
        return among
    ctype = _RIGHT_PREDICATES.get(tokens[p].lower)
    if ctype is not None:
        return ctype, p + 1
    return None


def _phrase_match(
    tokens: Sequence[Token], p: int, phrases: dict[tuple[str, ...], CasualtyType]
) -> tuple[CasualtyType, int] | None:
    for phrase, ctype in phrases.items():
        n = len(phrase)
        if all(p + k < len(tokens) and tokens[p + k].lower == phrase[k] for k in range(n)):
            return ctype, p + n
    return None


def _among(tokens: Sequence[Token], p: int) -> tuple[CasualtyType, int] | None:
    """ "... were among the dead", "among those killed"."""
    words = [t.lower for t in tokens[p : p + 3]]
    if len(words) == 3 and words[0] == "among" and words[1] in ("the", "those"):
        ctype = _AMONG_NOUNS.get(words[2])
        if ctype is not None:
            return ctype, p + 3
    return None


def _skip_parenthetical(tokens: Sequence[Token], p: int) -> int:
    """Skip ", including dozens of civilians," or "(most of them women)" after a figure."""
    if p >= len(tokens) or tokens[p].text not in (",", "(", "\u2014", "\u2013", "-"):
        return p
    closing = ")" if tokens[p].text == "(" else tokens[p].text
    opener = tokens[p + 1] if p + 1 < len(tokens) else None
    if opener is None or not (opener.lower in _PART_OPENERS or count_at(tokens, p + 1)):
        return p
    for q in range(p + 2, min(len(tokens), p + 16)):
        if tokens[q].text == closing:
            return q + 1
        if tokens[q].text in ".;!?":
            return p
    return p


def _left_predicate(
    tokens: Sequence[Token], first: int, sentence_start: int
) -> tuple[CasualtyType, int] | None:
    """A casualty word before the count: "killing at least 30", "the death toll rose to 40"."""
    q = first - 1
    if q < sentence_start:
        return None
    word = tokens[q].lower
    if word in _LEFT_VERBS:
        return _LEFT_VERBS[word], q
    if word == "of" and q - 1 >= sentence_start and tokens[q - 1].lower in _LEFT_OF_NOUNS:
        return _LEFT_OF_NOUNS[tokens[q - 1].lower], q - 1
    if word in ("were", "are", "was", "is", "included", "include", "includes"):
        among = _among_before(tokens, q, sentence_start)
        if among is not None:
            return among
    return _toll_before(tokens, q, sentence_start)


def _among_before(
    tokens: Sequence[Token], q: int, sentence_start: int
) -> tuple[CasualtyType, int] | None:
    """ "Among the dead were 12 children", "The dead included 12 children"."""
    if tokens[q].lower.startswith("includ"):
        if q - 1 >= sentence_start and tokens[q - 1].lower in ("dead", "victims", "casualties"):
            start = q - 2 if q - 2 >= sentence_start and tokens[q - 2].lower == "the" else q - 1
            return _AMONG_NOUNS[tokens[q - 1].lower], start
        return None
    if q - 3 >= sentence_start and tokens[q - 3].lower == "among":
        found = _among(tokens, q - 3)
        if found is not None and found[1] == q:
            return found[0], q - 3
    return None


def _toll_before(
    tokens: Sequence[Token], q: int, sentence_start: int
) -> tuple[CasualtyType, int] | None:
    """ "the death toll rose to 40", "bringing the number of dead to 40"."""
    if tokens[q].lower not in _TOLL_LINKS:
        return None
    for r in range(q, max(sentence_start - 1, q - 10), -1):
        token = tokens[r]
        changed_from = r > sentence_start and tokens[r - 1].lower == "from"
        if (token.kind == "number" and not changed_from) or token.text in ".;!?":
            return None
        if token.lower in _TOLL_NOUNS:
            ctype = _toll_type(tokens, r, q, sentence_start)
            if ctype is not None:
                start = (
                    r - 1 if r - 1 >= sentence_start and tokens[r - 1].lower in _TOLL_TYPES else r
                )
                return ctype, start
    return None


def _toll_type(
    tokens: Sequence[Token], noun: int, link: int, sentence_start: int
) -> CasualtyType | None:
    if noun - 1 >= sentence_start and tokens[noun - 1].lower in _TOLL_TYPES:
        return _TOLL_TYPES[tokens[noun - 1].lower]
    for token in tokens[noun + 1 : link + 1]:
        if token.lower in _TOLL_TYPES:
            return _TOLL_TYPES[token.lower]
    return "killed" if tokens[noun].lower == "toll" else None


def _enclosing_figure(
    tokens: Sequence[Token], count: Count, sentence_start: int, earlier: list[_Found]
) -> int | None:
    """The figure this count is part of: "..., including 12 children", "12 of them children"."""
    if not earlier:
        return None
    if not _part_cue(tokens, count, sentence_start):
        return None
    index = len(earlier) - 1
    parent = earlier[index]
    if parent.parent is not None:
        index, parent = parent.parent, earlier[parent.parent]
    if parent.count.last > count.first or parent.first < sentence_start:
        return None
    if count.first - parent.count.last > 20:
        return None
    return index


def _part_cue(tokens: Sequence[Token], count: Count, sentence_start: int) -> bool:
    before = [t.lower for t in tokens[max(sentence_start, count.first - 2) : count.first]]
    if before[-1:] == ["including"] or before[-2:] in (["among", "them"], ["among", "whom"]):
        return True
    if before[-2:] in (["of", "whom"], ["of", "them"]):
        return True
    after = [t.lower for t in tokens[count.last : count.last + 2]]
    return after in (["of", "whom"], ["of", "them"])


def _part_victims(
    tokens: Sequence[Token], count: Count, head: Span | None, np_end: int
) -> tuple[Span | None, int]:
    """For "12 of whom were children" and "of whom 12 were children", find "children"."""
    if head is not None:
        return head, np_end
    i = count.last
    if [t.lower for t in tokens[i : i + 2]] in (["of", "whom"], ["of", "them"]):
        i += 2
    while i < len(tokens) and tokens[i].lower in ("were", "was", "are", "is", "being"):
        i += 1
    if i < len(tokens) and _is_person_word(tokens[i]):
        return Span(tokens[i].start, tokens[i].end), i + 1
    return None, np_end


def _figure_place(
    text: str,
    tokens: Sequence[Token],
    figure: _Found,
    sentence: tuple[int, int],
    known: dict[int, tuple[Span, str]],
) -> Span | None:
    """The place in the figure's clause: inside it, after it, before its verb, or opening it."""
    start, end = sentence
    count = figure.count
    return (
        place_after(text, tokens, count.last, figure.last, known)
        or place_after(text, tokens, figure.last - 1, end, known)
        or _place_before_verb(text, tokens, figure, start, known)
        or _leading_place(text, tokens, start, count, known)
    )


def _place_before_verb(
    text: str,
    tokens: Sequence[Token],
    figure: _Found,
    start: int,
    known: dict[int, tuple[Span, str]],
) -> Span | None:
    """ "Strikes on villages in southern Lebanon killed 8 people": the subject's place.

    Only for a verb before the count; a participle ("..., killing 11") may look
    back past its comma into the clause it follows.
    """
    if figure.first >= figure.count.first:
        return None
    participle = tokens[figure.first].lower.endswith("ing")
    for j in range(figure.first - 1, max(start - 1, figure.first - 16), -1):
        token = tokens[j]
        if token.lower in _CLAUSE_BREAKS or token.lower == "that" or token.text in ".;:":
            return None
        if token.text == "," and not (participle and j == figure.first - 1):
            return None
        if token.lower in PLACE_PREPOSITIONS:
            found = place_at(text, tokens, j + 1, figure.first, known)
            if found is not None:
                return found[0]
    return None


def _leading_place(
    text: str, tokens: Sequence[Token], start: int, count: Count, known: dict[int, tuple[Span, str]]
) -> Span | None:
    """ "In Aleppo, 16 people were killed": a place phrase opening the sentence."""
    if start < count.first and tokens[start].lower in ("in", "near", "across", "around"):
        found = place_at(text, tokens, start + 1, count.first, known)
        if found is not None and found[1] < count.first and tokens[found[1]].text == ",":
            return found[0]
    return None


def _as_mentions(text: str, tokens: Sequence[Token], found: list[_Found]) -> list[FigureMention]:
    order = sorted(range(len(found)), key=lambda k: (tokens[found[k].first].start, k))
    position = {old: new for new, old in enumerate(order)}
    mentions = []
    for old in order:
        figure = found[old]
        count = figure.count
        parent = figure.parent
        location = figure.location
        if parent is not None and location is None:
            location = found[parent].location
        mentions.append(
            FigureMention(
                span=Span(tokens[figure.first].start, tokens[figure.last - 1].end),
                count_text=text[tokens[count.first].start : tokens[count.last - 1].end],
                min_count=count.min_count,
                max_count=count.max_count,
                qualifier=count.qualifier,
                casualty_type=figure.ctype,
                victims=figure.victims.of(text) if figure.victims else None,
                part_of=position[parent] if parent is not None else None,
                location=location.of(text) if location else None,
            )
        )
    return mentions
