"""Speaker phrases and the actors they name.

Two jobs:

- Finding the noun phrase of a speaker next to a cue, without a parser:
  :func:`left_phrase` reads leftwards from a cue ("Russian Defense Ministry
  spokesman Igor Konashenkov | claimed"), :func:`right_phrase` rightwards
  ("countered | a U.S. State Department official"). A phrase is determiner,
  modifiers and head, optionally followed by prepositional phrases ("a spokesman
  for the coalition", "a doctor at a field hospital in Idlib").
- Turning a phrase into :class:`~claimgraph.model.Actor` objects with
  :class:`ActorBook`: titles and apposition give role and affiliation
  ("Russian Defense Ministry spokesman Igor Konashenkov": person, role
  spokesman, affiliation Russian Defense Ministry); descriptions without a name
  give unnamed actors ("a rebel fighter"); "Both X and Y" gives two speakers;
  "the Russians" is the country; later mentions ("He", "the ministry",
  "Konashenkov", "The Observatory") resolve to the actor met before.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from claimgraph.extract.gazetteer import Entry, Gazetteer
from claimgraph.extract.text import TITLES, Token, load_lexicon, normalise, word_set
from claimgraph.iris import slug
from claimgraph.model import Actor, ActorKind, Source, Span

# ---------------------------------------------------------------------------
# Word classes

DETERMINERS = word_set(
    """the a an this these those its his her their our your some several many few both one two
    three four five six seven eight nine ten dozens scores another other each every any no
    all most senior"""
) - {"senior"}
POSSESSIVE_PRONOUNS = word_set("its his her their our")
PLACE_PREPS = word_set("in at from to near into across outside inside around toward towards")
PP_PREPS = word_set("of for at in from with near inside within")
AFFILIATION_PREPS = word_set("of for with from")
PRONOUNS = {
    "he": "person",
    "she": "person",
    "they": "plural",
    "it": "organization",
    "we": "plural",
    "its": "organization",
    "his": "person",
    "her": "person",
    "their": "plural",
}
STOP_WORDS = word_set(
    """that which who whom whose as while when after before because but or if since although
    though where whether so than then not also to be is are was were been being has have had
    will would could should can may might must do does did there here however meanwhile
    earlier later already still yet now again just only even today yesterday tonight morning
    evening night week month year ago and nor said says told by on into over under about
    against between during without within amid among across through toward towards up down
    out off it he she they we i you me him us them what how why this that"""
)
TIME_WORDS = word_set(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december"""
)
PERSON_NOUNS = word_set(
    """spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople official officials
    minister ministers commander commanders president premier governor governors mayor
    mayors head chief director member members leader leaders coordinator coordinators
    representative representatives envoy envoys ambassador diplomat diplomats adviser
    advisers advisor advisors analyst analysts researcher researchers investigator
    investigators general colonel officer officers fighter fighters soldier soldiers doctor
    doctors medic medics nurse nurses surgeon surgeons paramedic paramedics resident
    residents witness witnesses survivor survivors relative relatives farmer farmers
    activist activists journalist journalists reporter reporters blogger bloggers worker
    workers volunteer volunteers monitor monitors source sources negotiator negotiators
    lawmaker lawmakers senator senators secretary chairman chairwoman deputy deputies aide
    aides engineer engineers teacher teachers student students father mother son daughter
    brother sister man men woman women villager villagers refugee refugees elder elders
    rebel rebels militant militants insurgent insurgents militiaman militiamen shopkeeper
    trader traders driver drivers prosecutor prosecutors judge expert experts observer
    observers inspector inspectors rescuer rescuers staff staffer staffers employee
    employees civilian civilians eyewitness eyewitnesses mp mps legislator legislators
    people person sheikh imam priest pilot pilots guard guards captain lieutenant sergeant
    major brigadier marshal admiral general's separatist separatists jihadist jihadists
    gunman gunmen protester protesters demonstrator demonstrators paramilitary paramilitaries
    mercenary mercenaries settler settlers nun nuns monk monks"""
)
ORG_NOUNS = word_set(
    """ministry ministries army military government authorities administration agency group
    organisation organization observatory committee council office department force forces
    police coalition alliance junta regime movement militia command brigade battalion unit
    court commission mission service services directorate federation union network
    foundation centre center institute leadership party embassy kremlin pentagon programme
    program corps guard guards navy crescent cross charity society association board bureau
    hospital clinic morgue municipality prison company firm operator operators owner owners
    managers
    cabinet parliament presidency secretariat authority fund watch tribunal regiment
    division squadron faction brigades battalions"""
)
MILITARY_NOUNS = word_set("army military forces force troops corps")
GENERIC_ORG_NOUNS = word_set(
    """agency organisation organization group body movement charity monitor"""
)
GOVERNMENT_NOUNS = word_set("government authorities regime administration")
DOCUMENT_NOUNS = word_set(
    "figures data estimates tally count records numbers statistics toll"
) | word_set(
    """statement statements report reports communique communiqué document letter post tweet
    message bulletin release assessment update video"""
)
DOCUMENT_WORDS = DOCUMENT_NOUNS | word_set(
    """claims allegations accusations reports footage images photos video satellite data
    figures evidence analysis"""
)
OUTLET_WORDS = word_set(
    """times post news agency tv television radio journal herald tribune gazette telegraph
    press daily channel network broadcasting media magazine wire observer chronicle
    newspaper standard sabah"""
)
MEDIA_NOUNS = word_set(
    """television tv radio newspaper media channel broadcaster outlet website agency news daily"""
)
RANKS = word_set(
    """general major lieutenant colonel brigadier captain sergeant admiral marshal
    gen maj lt col brig capt sgt adm cmdr"""
)
MALE_WORDS = word_set("spokesman spokesmen man men father son brother husband mr mr. king prince")
FEMALE_WORDS = word_set(
    "spokeswoman spokeswomen woman women mother daughter sister wife mrs ms mrs. ms. queen"
)
_POSTPOSED = word_set("familiar close briefed involved knowledgeable aware present")
_INDEFINITES = word_set(
    """nobody everyone everybody someone somebody anyone anybody others none neither either
    many several few most all each some both such"""
)
_ACRONYM = re.compile(r"[A-Z]{2,6}")
RANK_PREFIXES = word_set("rear vice first second staff chief")
NAME_PARTICLE = re.compile(
    r"^(?:(?:al|el|ad|ar|as|ash|at|an|az)-\w|(?:bin|ibn|bint|de|del|della|di|da|du|van|von|der|den)$)"
)
_QUOTE_CHARS = '\u201c\u201d"\u00ab\u00bb'


def lower_word(token: Token) -> str:
    """The token lower-cased without a trailing period."""
    return token.lower.rstrip(".")


def singular(word: str) -> str:
    """A rough singular for noun-class checks: "groups" -> "group", "ministries" -> "ministry"."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def is_org_noun(word: str) -> bool:
    """ "ministry", "forces", "groups"."""
    return word in ORG_NOUNS or word in MILITARY_NOUNS or singular(word) in ORG_NOUNS


def is_person_noun(word: str) -> bool:
    """ "spokesman", "officials", "witnesses"."""
    return (
        word in PERSON_NOUNS
        or singular(word) in PERSON_NOUNS
        or (word.endswith("es") and word[:-2] in PERSON_NOUNS)
    )


def is_name_particle(token: Token) -> bool:
    """ "al-Harbi", "bin", "van": lower-case parts of personal names."""
    return token.kind == "word" and bool(NAME_PARTICLE.match(token.text))


NOUN_WORDS = PERSON_NOUNS | ORG_NOUNS | MILITARY_NOUNS | MEDIA_NOUNS | OUTLET_WORDS


@lru_cache(maxsize=1)
def _verb_forms() -> frozenset[str]:
    """Lower-case cue forms: a phrase never runs through "said" or "reports"."""
    forms = {form[0] for cue in load_lexicon().cues for form in cue.forms}
    return frozenset(forms - NOUN_WORDS - _NOUN_FORMS)


_NOUN_FORMS = word_set(
    """state states report reports claim claims charge charges post posts note notes estimate
    estimates counter dispute disputes tweet tweets blame lay put place places warning
    writing reporting counters"""
)


def is_np_word(token: Token, previous: Token | None = None) -> bool:
    """A word that may stand inside a speaker's noun phrase.

    ``previous`` is the token before it: a lower-case "-ed" word is a modifier
    only after a determiner or number ("a retired general"), else a verb
    ("Reuters characterized").
    """
    if token.kind == "abbr":
        return True
    if token.kind == "number":
        return True
    if token.kind != "word":
        return False
    word = token.lower
    if token.is_cap:
        return word not in TIME_WORDS and word not in ("according", "in", "on", "however")
    if word in STOP_WORDS or word in DETERMINERS or word in PP_PREPS or word in _verb_forms():
        return False
    if word.endswith("ed") and len(word) > 4 and word not in NOUN_WORDS and "-" not in word:
        return previous is not None and (
            previous.lower in DETERMINERS
            or previous.lower in POSSESSIVE_PRONOUNS
            or previous.kind == "number"
        )
    return not (word.endswith("ly") and len(word) > 4 and word not in ("italy", "family"))


# ---------------------------------------------------------------------------
# Phrases


@dataclass(frozen=True)
class Phrase:
    """A noun phrase: tokens ``first`` to ``last`` inclusive."""

    first: int
    last: int
    span: Span

    def words(self, text: str) -> str:
        """The phrase as written."""
        return self.span.of(text)


def make_phrase(tokens: Sequence[Token], first: int, last: int) -> Phrase:
    """A phrase over tokens ``first..last``."""
    return Phrase(first, last, Span(tokens[first].start, tokens[last].end))


def left_phrase(tokens: Sequence[Token], lo: int, end: int) -> Phrase | None:
    """The noun phrase ending just before token ``end``, not reaching before ``lo``."""
    start = _chunk_start(tokens, lo, end - 1)
    if start is None:
        return None
    while True:
        before = start - 1
        if before >= lo and tokens[before].lower in PP_PREPS and before - 1 >= lo:
            previous = _chunk_start(tokens, lo, before - 1)
            if previous is not None and _is_chunk_end(tokens[before - 1]):
                start = previous
                continue
        break
    return make_phrase(tokens, start, end - 1)


def _is_chunk_end(token: Token) -> bool:
    """A word that can end a noun chunk."""
    return is_np_word(token)


def _chunk_start(tokens: Sequence[Token], lo: int, last: int) -> int | None:
    """The first token of the determiner-modifier-head chunk that ends at ``last``."""
    if last < lo or not is_np_word(tokens[last], tokens[last - 1] if last > lo else None):
        return None
    index = last
    start = last
    while index - 1 >= lo:
        token = tokens[index - 1]
        previous = tokens[index - 2] if index - 2 >= lo else None
        if is_np_word(token, previous) or is_name_particle(token):
            index -= 1
            start = index
            continue
        if token.kind == "poss" and index - 2 >= lo and is_np_word(tokens[index - 2]):
            index -= 1
            continue
        if token.lower in DETERMINERS or token.lower in POSSESSIVE_PRONOUNS:
            start = index - 1
        break
    return start


def right_phrase(
    tokens: Sequence[Token], start: int, hi: int, stop_preps: frozenset[str] = frozenset()
) -> Phrase | None:
    """The noun phrase starting at token ``start``, not reaching ``hi``."""
    index = start
    after_prep = True
    last = None
    while index < hi:
        token = tokens[index]
        word = token.lower
        if (word in DETERMINERS or word in POSSESSIVE_PRONOUNS) and after_prep:
            after_prep = False
            index += 1
            continue
        if is_np_word(token, tokens[index - 1] if index > start else None) or is_name_particle(
            token
        ):
            after_prep = False
            last = index
            index += 1
            continue
        if token.kind == "poss" and last == index - 1:
            after_prep = True
            index += 1
            continue
        if (
            word in PP_PREPS
            and word not in stop_preps
            and last is not None
            and index + 1 < hi
            and (is_np_word(tokens[index + 1]) or tokens[index + 1].lower in DETERMINERS)
        ):
            after_prep = True
            index += 1
            continue
        break
    if last is None or last < start:
        return None
    return make_phrase(tokens, start, last)


def trim_phrase(tokens: Sequence[Token], phrase: Phrase) -> Phrase | None:
    """Drop trailing "as well", "too", "in a statement" and similar from a phrase."""
    first, last = phrase.first, phrase.last
    while last >= first:
        word = tokens[last].lower
        if word in ("well", "too", "alike") and last - 1 >= first:
            last -= 2 if tokens[last - 1].lower == "as" else 1
            continue
        cut = _trailing_setting(tokens, first, last)
        if cut is not None:
            last = cut
            continue
        break
    if last < first:
        return None
    return make_phrase(tokens, first, last)


_SETTINGS = word_set(
    """statement interview briefing conference post video message telegram twitter facebook x
    television tv radio"""
)


def _trailing_setting(tokens: Sequence[Token], first: int, last: int) -> int | None:
    """The end of a phrase before a trailing "in a statement", "on Telegram"."""
    for index in range(last, first, -1):
        if tokens[index].lower in ("in", "on") and index > first:
            tail = {t.lower for t in tokens[index + 1 : last + 1]}
            if tail & _SETTINGS:
                return index - 1
    return None


def conjuncts(tokens: Sequence[Token], phrase: Phrase) -> list[Phrase]:
    """A collective subject split on "and" ("Both the UN and the Turkish government")."""
    first = phrase.first
    if tokens[first].lower == "both" and first < phrase.last:
        first += 1
    cuts = [i for i in range(first, phrase.last + 1) if tokens[i].lower in ("and", ",")]
    if not cuts:
        return [make_phrase(tokens, first, phrase.last)]
    parts: list[Phrase] = []
    begin = first
    for cut in cuts + [phrase.last + 1]:
        if cut - 1 >= begin:
            parts.append(make_phrase(tokens, begin, cut - 1))
        begin = cut + 1
    return parts


# ---------------------------------------------------------------------------
# Descriptions: what a phrase says about its actor


@dataclass
class Description:
    """What a phrase tells about an actor, before it becomes an :class:`Actor`."""

    label: str
    kind: ActorKind
    unnamed: bool = False
    role: str | None = None
    affiliation: Description | None = None
    entry: Entry | None = None
    existing: str | None = None  # key of an actor met before (coreference)
    plural: bool = False
    outlet: bool = False


@dataclass
class _Mention:
    offset: int
    key: str | None
    entry: Entry | None
    speaker: bool


@dataclass
class ActorBook:
    """The actors and outlets of one article, with the mentions that name them."""

    text: str
    tokens: Sequence[Token]
    gazetteer: Gazetteer
    actors: dict[str, Actor] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    plural: set[str] = field(default_factory=set)
    _mentions: list[_Mention] = field(default_factory=list)
    _excluded: list[str] = field(default_factory=list)

    def _entry_named(self, label: str) -> Entry | None:
        """The gazetteer entry with this canonical label (cached per article)."""
        if label not in self._entries:
            self._entries[label] = self.gazetteer.get(label)
        return self._entries[label]

    def token_range(self, span: Span) -> tuple[int, int] | None:
        """Indices of the first and last token inside ``span``; None when it holds none."""
        first = bisect_left(self._starts, span.start)
        last = bisect_right(self._starts, span.end - 1) - 1
        while last >= first and self.tokens[last].end > span.end:
            last -= 1
        return (first, last) if first <= last else None

    def __post_init__(self) -> None:
        self._starts = [t.start for t in self.tokens]
        self._entries: dict[str, Entry | None] = {}
        for span, entry in self.gazetteer.find(self.text):
            if entry.kind in ("person", "organization", "country"):
                self._mentions.append(_Mention(span.start, None, entry, False))
        self._names: dict[int, str] = {}
        for start, label in self._personal_names():
            self._names[start] = label
            self._mentions.append(_Mention(start, None, None, False))

    def _personal_names(self) -> list[tuple[int, str]]:
        """Runs of two or three capitalised words that look like a person's name."""
        found = []
        known = [span for span, _entry in self.gazetteer.find(self.text)]
        tokens = self.tokens
        index = 0
        while index < len(tokens):
            end = index
            while end < len(tokens) and (
                tokens[end].kind == "word" and tokens[end].is_cap or is_name_particle(tokens[end])
            ):
                end += 1
            run = tokens[index:end]
            after_preposition = index > 0 and tokens[index - 1].lower in PLACE_PREPS
            if 2 <= len(run) <= 3 and not after_preposition and self._looks_like_a_name(run, known):
                found.append((run[0].start, self.text[run[0].start : run[-1].end]))
            index = max(end, index + 1)
        return found

    def _looks_like_a_name(self, run: Sequence[Token], known: list[Span]) -> bool:
        """Capitalised words that are no known name, noun, time or demonym."""
        if any(s.start < run[-1].end and run[0].start < s.end for s in known):
            return False
        for token in run:
            word = lower_word(token)
            if (
                word in NOUN_WORDS
                or word in TIME_WORDS
                or word in STOP_WORDS
                or word in DETERMINERS
                or word in DOCUMENT_WORDS
                or self.gazetteer.demonym(token.text)
            ):
                return False
        return True

    # -- public -------------------------------------------------------------

    def describe(self, phrase: Phrase) -> Description | None:
        """What ``phrase`` names as a speaker, or None when it names no one."""
        return self._describe(phrase.first, phrase.last)

    def speakers(self, phrase: Phrase) -> list[str]:
        """Actor keys for a speaker phrase (several for "X and Y"); empty when none."""
        parts = conjuncts(self.tokens, phrase)
        descriptions = [self._describe(p.first, p.last) for p in parts]
        if len(parts) > 1 and all(descriptions):
            keys = [
                self.register(d, p.span.start, speaker=True)
                for d, p in zip(descriptions, parts, strict=True)
                if d
            ]
            return sorted(set(keys), key=keys.index)
        whole = self._describe(phrase.first, phrase.last)
        if whole is None:
            return []
        return [self.register(whole, phrase.span.start, speaker=True)]

    def bare_name(self, phrase: Phrase) -> list[str]:
        """A lone capitalised word the gazetteer does not know, standing right before a
        reporting verb ("Rosatom said ..."): an organisation speaking; empty when the word
        is common, a pronoun, a place, a demonym or a known non-speaker."""
        if phrase.first != phrase.last:
            return []
        token = self.tokens[phrase.first]
        word = lower_word(token)
        if (
            token.kind != "word"
            or not token.is_cap
            or len(word) < 3
            or self._common_word(token)
            or word in PRONOUNS
            or word in _INDEFINITES
            or is_person_noun(word)
            or self.gazetteer.lookup(token.text) is not None
            or self.gazetteer.find(self.text, phrase.span)
        ):
            return []
        described = Description(label=token.text, kind="organization")
        return [self.register(described, phrase.span.start, speaker=True)]

    def apposed(self, name: Phrase, role: Phrase) -> list[str]:
        """A speaker named in one phrase and described in its apposition."""
        described = self._describe(name.first, name.last) or self._plain_name(name)
        roled = self._describe(role.first, role.last)
        if described is None:
            return []
        if roled is not None and described.kind == "person" and not described.existing:
            described.role = described.role or roled.role or self._head_role(role)
            described.affiliation = described.affiliation or roled.affiliation
        return [self.register(described, name.span.start, speaker=True)]

    def _plain_name(self, phrase: Phrase) -> Description | None:
        """Capitalised words set off by an apposition ("Amal, 34,") name a person."""
        tokens = self.tokens[phrase.first : phrase.last + 1]
        if all(t.is_cap and not self._common_word(t) for t in tokens) and len(tokens) <= 4:
            return Description(label=phrase.words(self.text), kind="person")
        return None

    def party(
        self, words_span: Span, *, exclude: Sequence[str] = (), generic: bool = False
    ) -> str | None:
        """The actor a perpetrator phrase names ("American", "Russian bombing", "the army").

        ``exclude``: actors it cannot be (the accuser); ``generic``: any noun phrase
        names someone ("the Azov regiment"), not only known names.
        """
        bounds = self.token_range(words_span)
        if bounds is None:
            return None
        first, last = bounds
        self._excluded = list(exclude)
        try:
            description = self._describe(first, last, party=True)
        finally:
            self._excluded = []
        if description is None and generic:
            description = self._generic(first, last)
        if description is None:
            return None
        return self.register(description, words_span.start, speaker=False)

    def _generic(self, first: int, last: int) -> Description | None:
        """A phrase as its own actor: "the Azov regiment" -> Azov regiment."""
        tokens = self.tokens
        while first <= last and (
            tokens[first].lower in DETERMINERS or tokens[first].lower in POSSESSIVE_PRONOUNS
        ):
            first += 1
        if first > last or not tokens[last].is_word or tokens[last].kind == "number":
            return None
        label = self.text[tokens[first].start : tokens[last].end]
        capitalised = any(_is_proper(t) for t in tokens[first : last + 1])
        return Description(label=label, kind="organization", unnamed=not capitalised)

    def outlet(self, phrase: Phrase) -> str | None:
        """The Source key when ``phrase`` names an outlet ("Reuters", "the Daily Sabah paper")."""
        words = phrase.words(self.text)
        entry = self.gazetteer.lookup(words)
        if entry is None:
            found = [
                (s, e) for s, e in self.gazetteer.find(self.text, phrase.span) if e.kind == "outlet"
            ]
            entry = found[0][1] if found else None
        if entry is not None and entry.kind == "outlet":
            return self._source(entry.label, entry.wikidata, phrase.span)
        if entry is not None:
            return None
        label = _outlet_label(self.tokens[phrase.first : phrase.last + 1])
        if label is None:
            return None
        return self._source(label, None, phrase.span)

    def source_from_description(self, key: str, span: Span) -> str:
        """The Source for an actor that turned out to be an outlet relaying someone else."""
        actor = self.actors[key]
        return self._source(actor.label, actor.wikidata, span)

    def is_outlet_actor(self, key: str) -> bool:
        """Whether an actor is an outlet speaking as itself."""
        actor = self.actors[key]
        entry = self._entry_named(actor.label)
        if entry is not None:
            return entry.kind == "outlet"
        return _outlet_label_words(actor.label.split()) is not None

    def country(self, key: str | None) -> str | None:
        """The country an actor belongs to, following affiliations; itself for a country."""
        seen: set[str] = set()
        while key and key not in seen:
            seen.add(key)
            actor = self.actors.get(key)
            if actor is None:
                return None
            if actor.kind == "country":
                return key
            key = actor.affiliation
        return None

    def heads(self, key: str) -> set[str]:
        """The head nouns an actor's names end with ("army", "coalition")."""
        actor = self.actors[key]
        names = [actor.label]
        entry = self._entry_named(actor.label)
        if entry is not None:
            names.extend(entry.names())
        return {normalise(n).split()[-1] for n in names if n.split()}

    def chain(self, key: str) -> list[str]:
        """An actor and what it belongs to, nearest first."""
        keys: list[str] = []
        current: str | None = key
        while current and current not in keys and current in self.actors:
            keys.append(current)
            current = self.actors[current].affiliation
        return keys

    def same_side(self, first: str, second: str) -> bool:
        """Two actors on one side: one belongs to the other, they share a country, or two
        bodies without a known country share a head noun ("U.S.-led coalition", "anti-IS
        coalition")."""
        one_chain, two_chain = self.chain(first), self.chain(second)
        if set(one_chain) & set(two_chain):
            return True
        one, two = self.country(first), self.country(second)
        if one and two:
            return one == two
        bodies_one = [k for k in one_chain if self.actors[k].kind == "organization"]
        bodies_two = [k for k in two_chain if self.actors[k].kind == "organization"]
        nouns = ORG_NOUNS | MILITARY_NOUNS
        return any(
            self.heads(a) & self.heads(b) & nouns
            for a in bodies_one
            for b in bodies_two
            if not (self._known(a) and self._known(b))
        )

    def _known(self, key: str) -> bool:
        """An actor the gazetteer names (two of those are never merged by a shared noun)."""
        return self._entry_named(self.actors[key].label) is not None

    def names_in(self, span: Span, *, named_bodies: bool = False) -> list[str]:
        """Keys of actors named inside ``span`` (gazetteer names, demonyms, known labels).

        ``named_bodies``: also organizations known only by the label the article gives them
        ("M23 rebels" once "The M23" has spoken)."""
        found: list[str] = []
        for match, entry in self.gazetteer.find(self.text, span):
            if entry.kind in ("person", "organization", "country"):
                found.append(self._entry_key(entry, match.start))
        bounds = self.token_range(span)
        for token in self.tokens[bounds[0] : bounds[1] + 1] if bounds else []:
            country = self.gazetteer.demonym(token.text.split("-")[0])
            if country is not None:
                found.append(self._entry_key(country, token.start))
        words = normalise(span.of(self.text))
        for key, actor in self.actors.items():
            head = normalise(actor.label).split()[-1] if actor.label else ""
            unnamed_head = actor.unnamed and head and re.search(rf"\b{re.escape(head)}\b", words)
            if unnamed_head or (named_bodies and _named_body_in(actor, span.of(self.text))):
                found.append(key)
        return sorted(set(found), key=found.index)

    def all_actors(self) -> list[Actor]:
        """Every actor, in the order first met."""
        return list(self.actors.values())

    def all_sources(self) -> list[Source]:
        """Every outlet, in the order first met."""
        return list(self.sources.values())

    # -- registering --------------------------------------------------------

    def register(self, description: Description, offset: int, *, speaker: bool) -> str:
        """The key of the actor a description names, creating it when new."""
        if description.existing:
            key = description.existing
        else:
            affiliation = None
            if description.affiliation is not None:
                affiliation = self.register(description.affiliation, offset, speaker=False)
            key = self._key(description)
            actor = self.actors.get(key)
            if actor is None:
                wikidata = description.entry.wikidata if description.entry else None
                actor = Actor(
                    key=key,
                    label=description.label,
                    kind=description.kind,
                    role=description.role,
                    affiliation=affiliation,
                    unnamed=description.unnamed,
                    wikidata=wikidata,
                )
                self.actors[key] = actor
                if description.plural:
                    self.plural.add(key)
            else:
                actor.role = actor.role or description.role
                actor.affiliation = actor.affiliation or affiliation
            if (
                description.entry is not None
                and description.entry.affiliation
                and not actor.affiliation
            ):
                parent = self._entry_named(description.entry.affiliation)
                if parent is not None and parent.kind != "place":
                    actor.affiliation = self._entry_key(parent, offset)
        actor = self.actors[key]
        span = Span(offset, offset)
        if span not in actor.mentions:
            actor.mentions.append(span)
        self._mentions.append(_Mention(offset, key, None, speaker))
        return key

    def _key(self, description: Description) -> str:
        """The key of a described actor: its label's slug, scoped when unnamed."""
        base = slug(description.label)
        return f"unnamed-{base}" if description.unnamed else base

    def _entry_key(self, entry: Entry, offset: int) -> str:
        """The key of the actor a gazetteer entry names, creating it when new."""
        return self.register(_from_entry(entry), offset, speaker=False)

    def _source(self, label: str, wikidata: str | None, span: Span) -> str:
        """The key of an outlet, creating it when new."""
        key = slug(label)
        source = self.sources.get(key)
        if source is None:
            source = Source(key=key, label=label, wikidata=wikidata)
            self.sources[key] = source
        if span not in source.mentions:
            source.mentions.append(span)
        return key

    # -- describing ---------------------------------------------------------

    def _describe(self, first: int, last: int, *, party: bool = False) -> Description | None:
        """What tokens ``first..last`` name, or None."""
        tokens = self.tokens
        while first <= last and (
            tokens[first].lower == "both" or tokens[first].text in _QUOTE_CHARS
        ):
            first += 1
        while last >= first and (tokens[last].kind == "punct"):
            last -= 1
        if first > last:
            return None
        span = Span(tokens[first].start, tokens[last].end)
        words = [t for t in tokens[first : last + 1]]
        if len(words) == 1 and words[0].lower in PRONOUNS:
            return self._pronoun(words[0])
        core_last = self._core_end(first, last)
        known = self.gazetteer.lookup(self.text[tokens[first].start : tokens[core_last].end])
        if lower_word(tokens[core_last]) in DOCUMENT_NOUNS and known is None:
            return self._document_author(first, core_last, last, party=party)
        described = self._describe_core(first, core_last, party=party)
        if described is None:
            return None
        if core_last < last and not described.existing:
            self._attach_pp(described, core_last + 1, last)
        if described.unnamed and not described.existing:
            described.label = _unnamed_label(self.text, span, tokens[first])
        return described

    def _document_author(
        self, first: int, core_last: int, last: int, *, party: bool
    ) -> Description | None:
        """ "A statement from the ministry", "the army's statement": who wrote it."""
        tokens = self.tokens
        if core_last < last and tokens[core_last + 1].lower in ("from", "by", "of"):
            return self._describe(core_last + 2, last, party=party)
        poss = next((i for i in range(first, core_last) if tokens[i].kind == "poss"), None)
        if poss is not None and poss > first:
            return self._describe(first, poss - 1, party=party)
        if tokens[first].lower in POSSESSIVE_PRONOUNS:
            return self._pronoun(tokens[first])
        body = first + 1 if tokens[first].lower in DETERMINERS else first
        if body < core_last:
            return self._describe_core(body, core_last - 1, party=True)
        return None

    def _core_end(self, first: int, last: int) -> int:
        """The last token before the first prepositional phrase outside a known name."""
        covered = self._gazetteer_tokens(first, last)
        for index in range(first + 1, last + 1):
            if self.tokens[index].lower in PP_PREPS and index not in covered:
                return index - 1
        return last

    def _gazetteer_tokens(self, first: int, last: int) -> set[int]:
        """Indices of the tokens that belong to a known name."""
        span = Span(self.tokens[first].start, self.tokens[last].end)
        covered: set[int] = set()
        for match, _entry in self.gazetteer.find(self.text, span):
            for index in range(first, last + 1):
                token = self.tokens[index]
                if match.start <= token.start and token.end <= match.end:
                    covered.add(index)
        return covered

    def _attach_pp(self, described: Description, first: int, last: int) -> None:
        """ "a spokesman for the coalition": the PP object becomes the affiliation."""
        prep = self.tokens[first].lower
        if prep not in AFFILIATION_PREPS or described.kind != "person" or described.affiliation:
            return
        inner_last = self._core_end(first + 1, last) if first + 1 <= last else last
        if first + 1 > inner_last:
            return
        organisation = self._describe_core(first + 1, inner_last, party=True, as_affiliation=True)
        if organisation is not None and organisation.kind != "person":
            described.affiliation = organisation

    def _describe_core(
        self, first: int, last: int, *, party: bool = False, as_affiliation: bool = False
    ) -> Description | None:
        """What a phrase without its trailing prepositional phrases names."""
        tokens = self.tokens
        postposed = last > first and lower_word(tokens[last]) in _POSTPOSED
        if postposed and is_person_noun(lower_word(tokens[last - 1])):
            last -= 1  # "people familiar with the matter"
        span = Span(tokens[first].start, tokens[last].end)
        words = span.of(self.text)
        head = tokens[last]
        head_word = lower_word(head)
        det = (
            tokens[first].lower
            if tokens[first].lower in DETERMINERS | POSSESSIVE_PRONOUNS
            else None
        )
        body_first = first + 1 if det else first
        if body_first > last:
            return None
        body_span = Span(tokens[body_first].start, tokens[last].end)
        body = body_span.of(self.text)

        entry = self.gazetteer.lookup(body) or self.gazetteer.lookup(words)
        if entry is not None and entry.kind != "place":
            return _from_entry(entry)
        if entry is not None and entry.kind == "place":
            country = self._entry_named(entry.affiliation) if entry.affiliation else None
            if country is not None and country.kind == "country" and not as_affiliation:
                return _from_entry(country)
            return None

        # The Russians, Ukrainians: a demonym plural standing for its country.
        if body_first == last and head.is_cap:
            country = self.gazetteer.demonym(head.text)
            if country is not None and (head.lower.endswith("s") or party):
                return _from_entry(country)

        possessive = self._possessive(first, last)
        if possessive is not None:
            return possessive

        matches = self.gazetteer.find(self.text, body_span)
        person = next((e for s, e in matches if e.kind == "person"), None)
        if person is not None:
            described = _from_entry(person)
            described.role = self._role_before(first, last)
            return described

        for match, entry in matches:
            if entry.kind in ("organization", "country", "outlet") and match.end == head.end:
                return _from_entry(entry)

        name_first = self._name_start(body_first, last)
        if name_first is not None:
            return self._named(first, name_first, last, matches)

        if head_word in PRONOUNS:
            return None
        if is_person_noun(head_word):
            return self._person_description(first, body_first, last, det, matches)
        if is_org_noun(head_word) or (head_word in MEDIA_NOUNS and not head.is_cap):
            return self._organisation(first, body_first, last, det, matches, as_affiliation)
        if (
            head.is_cap
            and body_first == last
            and not party
            and not self._common_word(head)
            and (det is not None or self._seen_as_name(head))
        ):
            return (
                self._surname(head)
                or self._acronym(head)
                or Description(label=head.text, kind="organization")
            )
        if party:
            return self._party_words(first, last, matches)
        return None

    def _acronym(self, token: Token) -> Description | None:
        """ "RSF" -> Rapid Support Forces: an organisation whose capitalised words spell it,
        preferably one the article names, else the only one the gazetteer knows."""
        if not _ACRONYM.fullmatch(token.text):
            return None
        spelled = [e for e in self.gazetteer.entries("organization") if token.text in _initials(e)]
        named = [e for e in spelled if any(m.entry is e for m in self._mentions)]
        chosen = named or spelled
        return _from_entry(chosen[0]) if len(chosen) == 1 else None

    def _seen_as_name(self, token: Token) -> bool:
        """A capitalised word is a name when it is capitalised somewhere a sentence does not
        start ("Kuleba said" after "... told Kuleba"), or is an acronym."""
        if _ACRONYM.fullmatch(token.text):
            return True
        for match in re.finditer(rf"\b{re.escape(token.text)}\b", self.text):
            before = self.text[: match.start()].rstrip(" \t")
            if before and before[-1] not in '.!?\n\u201c"\u2014:':
                return True
        return False

    def _common_word(self, token: Token) -> bool:
        """A capitalised word that names no one: a demonym, a document, a sentence opener."""
        word = lower_word(token)
        return bool(
            self.gazetteer.demonym(token.text)
            or word in DOCUMENT_WORDS
            or word in STOP_WORDS
            or word in DETERMINERS
        )

    def _named(
        self, first: int, name_first: int, last: int, matches: list[tuple[Span, Entry]]
    ) -> Description:
        """A name at the end of the phrase, with titles, role and affiliation before it."""
        tokens = self.tokens
        name_tokens = [t for t in tokens[name_first : last + 1] if not _is_title(t)]
        while len(name_tokens) > 1 and lower_word(name_tokens[0]) in RANKS | RANK_PREFIXES:
            name_tokens = name_tokens[1:]
        label = " ".join(t.text for t in name_tokens) if name_tokens else tokens[last].text
        label = self.text[name_tokens[0].start : name_tokens[-1].end] if name_tokens else label
        if len(name_tokens) == 1:
            earlier = self._surname(name_tokens[0])
            if earlier is not None:
                return earlier
        described = Description(label=label, kind="person")
        if name_first > first:
            described.role = self._role_before(first, name_first - 1)
            described.affiliation = self._affiliation_before(first, name_first - 1, matches)
        return described

    def _name_start(self, first: int, last: int) -> int | None:
        """The first token of a personal name ending the phrase, if it ends with one."""
        tokens = self.tokens
        if not (tokens[last].is_cap or is_name_particle(tokens[last])):
            return None
        if lower_word(tokens[last]) in ORG_NOUNS | MILITARY_NOUNS | PERSON_NOUNS | OUTLET_WORDS:
            return None
        index = last
        while index - 1 >= first and (
            (
                tokens[index - 1].is_cap
                and lower_word(tokens[index - 1]) not in PERSON_NOUNS | ORG_NOUNS
            )
            or is_name_particle(tokens[index - 1])
        ):
            index -= 1
        run = tokens[index : last + 1]
        if any(self.gazetteer.demonym(t.text) for t in run if t.kind == "word"):
            return None
        if any(lower_word(t) in ORG_NOUNS | MILITARY_NOUNS | OUTLET_WORDS for t in run):
            return None
        titled = index > first and (
            lower_word(tokens[index - 1]) in PERSON_NOUNS | RANKS or _is_title(tokens[index - 1])
        )
        proper = [t for t in run if not _is_title(t) and t.is_cap]
        if titled or len(proper) >= 2 or (index == first and len(proper) >= 1):
            found = [
                (s, e) for s, e in self.gazetteer.find(self.text, Span(run[0].start, run[-1].end))
            ]
            if found and found[-1][1].kind != "person":
                return None
            return index if titled or len(proper) >= 2 or self._surname(run[-1]) else None
        return None

    def _person_description(
        self,
        first: int,
        body_first: int,
        last: int,
        det: str | None,
        matches: list[tuple[Span, Entry]],
    ) -> Description:
        """A described person: "a rebel fighter", "two aid workers", "its spokesman"."""
        tokens = self.tokens
        head_word = lower_word(tokens[last])
        role = head_word if head_word in PERSON_NOUNS else None
        plural = head_word.endswith("s") and head_word not in ("witness",)
        if det == "the" and body_first == last:
            earlier = self._antecedent_by_head(head_word, tokens[first].start, persons=True)
            if earlier is not None:
                return Description(label="", kind="person", existing=earlier)
        if det in POSSESSIVE_PRONOUNS:
            owner = self._pronoun(tokens[first])
            described = Description(label="", kind="person", unnamed=True, role=role, plural=plural)
            described.affiliation = owner
            return described
        described = Description(label="", kind="person", unnamed=True, role=role, plural=plural)
        described.affiliation = (
            self._affiliation_before(body_first, last - 1, matches) if last > body_first else None
        )
        return described

    def _organisation(
        self,
        first: int,
        body_first: int,
        last: int,
        det: str | None,
        matches: list[tuple[Span, Entry]],
        as_affiliation: bool,
    ) -> Description | None:
        """A described body: "the ministry", "the Ukrainian air force", "Houthi-run ministry"."""
        tokens = self.tokens
        head_word = lower_word(tokens[last])
        modifiers = tokens[body_first:last]
        if head_word in GENERIC_ORG_NOUNS - {"agency", "body"}:
            named = [e for _s, e in matches if e.kind in ("organization", "outlet")]
            if named:
                return _from_entry(named[-1])
        if det in POSSESSIVE_PRONOUNS:
            owner = self._pronoun(tokens[first])
            if (
                owner is not None
                and owner.existing
                and head_word in MILITARY_NOUNS | {"government"}
            ):
                return owner
        if not modifiers or all(not t.is_cap for t in modifiers) and det == "the":
            earlier = self._antecedent_by_head(head_word, tokens[first].start)
            if earlier is not None:
                return Description(label="", kind="organization", existing=earlier)
        tail = self._proper_tail(body_first, last)
        if tail is not None and any(not t.is_cap for t in tokens[body_first:tail]):
            body_first = tail
        label = self.text[tokens[body_first].start : tokens[last].end]
        capitalised = any(_is_proper(t) for t in tokens[body_first : last + 1])
        described = Description(label=label, kind="organization", unnamed=not capitalised)
        if not capitalised:
            described.label = label
        if capitalised and not as_affiliation:
            earlier = self._antecedent_by_label(label, tokens[first].start)
            if earlier is not None:
                return Description(label="", kind="organization", existing=earlier)
        described.affiliation = (
            self._affiliation_before(body_first, last - 1, matches) if modifiers else None
        )
        described.plural = head_word in ("authorities", "forces", "troops")
        return described

    def _party_words(
        self, first: int, last: int, matches: list[tuple[Span, Entry]]
    ) -> Description | None:
        """A perpetrator as written: "American warplanes", "Russian", "Israeli jets"."""
        for _span, entry in matches:
            if entry.kind in ("country", "organization"):
                return _from_entry(entry)
        for token in self.tokens[first : last + 1]:
            country = self.gazetteer.demonym(token.text) if token.kind == "word" else None
            if country is not None:
                return _from_entry(country)
        for token in self.tokens[first : last + 1]:
            if lower_word(token) in GOVERNMENT_NOUNS:
                return None
        return None

    def _possessive(self, first: int, last: int) -> Description | None:
        """ "the ministry's spokesman", "Russia's Foreign Ministry"."""
        tokens = self.tokens
        poss = next((i for i in range(first, last) if tokens[i].kind == "poss"), None)
        if poss is None or poss == first:
            return None
        owner = self._describe_core(first, poss - 1, party=True, as_affiliation=True)
        rest_first = poss + 1
        head_word = lower_word(tokens[last])
        if owner is None or rest_first > last:
            return None
        if is_person_noun(head_word):
            role = self._role_before(rest_first, last) or head_word
            return Description(label="", kind="person", unnamed=True, role=role, affiliation=owner)
        if is_org_noun(head_word) or head_word in OUTLET_WORDS:
            start = first + 1 if tokens[first].lower in DETERMINERS else first
            tail = self._proper_tail(rest_first, last)
            if tail is not None:
                entry = self.gazetteer.lookup(self.text[tokens[tail].start : tokens[last].end])
                if entry is not None:
                    return _from_entry(entry)
                label = self.text[tokens[tail].start : tokens[last].end]
                return Description(label=label, kind="organization", affiliation=owner)
            label = self.text[tokens[start].start : tokens[last].end]
            entry = self.gazetteer.lookup(label) or self._as_demonym(owner, rest_first, last)
            if entry is not None:
                return _from_entry(entry)
            proper = any(_is_proper(t) for t in tokens[start : last + 1])
            return Description(
                label=label, kind="organization", affiliation=owner, unnamed=not proper
            )
        return None

    def _proper_tail(self, first: int, last: int) -> int | None:
        """Where a name of two or more capitalised words ending the phrase starts, when
        descriptions precede it ("state-run National News Agency")."""
        tokens = self.tokens
        index = last
        while index - 1 >= first and tokens[index - 1].is_cap:
            index -= 1
        if index == first or last - index < 1 or not tokens[last].is_cap:
            return None
        return index

    def _as_demonym(self, owner: Description, first: int, last: int) -> Entry | None:
        """ "Israel's military" is the gazetteer's "Israeli military"."""
        if owner.entry is None or owner.entry.kind != "country":
            return None
        rest = self.text[self.tokens[first].start : self.tokens[last].end]
        for demonym in owner.entry.demonyms:
            entry = self.gazetteer.lookup(f"{demonym} {rest}")
            if entry is not None:
                return entry
        return None

    def _role_before(self, first: int, last: int) -> str | None:
        """The role noun before a name: "spokesman", "Defense Minister", "governor"."""
        tokens = self.tokens
        for index in range(last, first - 1, -1):
            word = lower_word(tokens[index])
            if word in PERSON_NOUNS and word not in RANKS:
                start = index
                while (
                    start - 1 >= first
                    and tokens[start - 1].is_cap
                    and tokens[index].is_cap
                    and lower_word(tokens[start - 1]) not in ORG_NOUNS
                    and not self.gazetteer.demonym(tokens[start - 1].text)
                    and not self.gazetteer.find(self.text, tokens[start - 1].span)
                ):
                    start -= 1
                return self.text[tokens[start].start : tokens[index].end]
        return None

    def _head_role(self, phrase: Phrase) -> str | None:
        """The role a described phrase's head names."""
        return self._role_before(phrase.first, self._core_end(phrase.first, phrase.last))

    def _affiliation_before(
        self, first: int, last: int, matches: list[tuple[Span, Entry]]
    ) -> Description | None:
        """The organisation or country named among the modifiers ``first..last``."""
        if last < first:
            return None
        tokens = self.tokens
        window = Span(tokens[first].start, tokens[last].end)
        inside = [(s, e) for s, e in matches if window.start <= s.start and s.end <= window.end]
        ranked = sorted(inside, key=lambda m: m[0].end - m[0].start, reverse=True)
        for _span, entry in ranked:
            if entry.kind in ("organization", "outlet"):
                return _from_entry(entry)
        countries = [entry for _span, entry in ranked if entry.kind == "country"]
        org_end = next(
            (
                i
                for i in range(last, first - 1, -1)
                if lower_word(tokens[i]) in ORG_NOUNS | MILITARY_NOUNS
            ),
            None,
        )
        if org_end is not None:
            start = first
            while start < org_end and tokens[start].lower in DETERMINERS:
                start += 1
            label = self.text[tokens[start].start : tokens[org_end].end]
            if start == org_end:
                earlier = self._antecedent_by_head(lower_word(tokens[org_end]), tokens[start].start)
                if earlier is not None:
                    return Description(label="", kind="organization", existing=earlier)
            earlier = self._antecedent_by_label(label, tokens[start].start)
            if earlier is not None:
                return Description(label="", kind="organization", existing=earlier)
            capitalised = any(_is_proper(t) for t in tokens[start : org_end + 1])
            described = Description(label=label, kind="organization", unnamed=not capitalised)
            if countries:
                described.affiliation = _from_entry(countries[0])
            for token in tokens[start:org_end]:
                country = self.gazetteer.demonym(token.text) if token.kind == "word" else None
                if country is not None and described.affiliation is None:
                    described.affiliation = _from_entry(country)
            return described
        if countries:
            return _from_entry(countries[0])
        for index in range(first, last + 1):
            token = tokens[index]
            country = (
                self.gazetteer.demonym(token.text.split("-")[0]) if token.kind == "word" else None
            )
            if country is not None:
                return _from_entry(country)
        run = [t for t in tokens[first : last + 1] if t.is_cap and not _is_title(t)]
        if run and len(run) == last - first + 1:
            label = self.text[run[0].start : run[-1].end]
            earlier = self._antecedent_by_label(label, run[0].start)
            if earlier is not None:
                return Description(label="", kind="organization", existing=earlier)
            if len(run) == 1 and _ACRONYM.fullmatch(run[0].text):
                return self._acronym(run[0]) or Description(label=run[0].text, kind="organization")
        return None

    # -- coreference --------------------------------------------------------

    def _pronoun(self, token: Token) -> Description | None:
        """The actor a pronoun refers back to: the last person, body or group before it."""
        wanted = PRONOUNS.get(token.lower)
        if wanted is None:
            return None
        for mention in reversed(self._before(token.start)):
            key = self._mention_key(mention, create=False)
            kind = self._mention_kind(mention)
            if kind is None:
                continue
            if (
                wanted == "person"
                and kind == "person"
                and (key is None or key not in self.plural)
                and not self._other_gender(mention, token.lower)
            ):
                return self._existing(mention)
            if wanted == "organization" and kind in ("organization", "country"):
                return self._existing(mention)
            if wanted == "plural" and (kind in ("organization", "country") or (key in self.plural)):
                return self._existing(mention)
        return None

    def _other_gender(self, mention: _Mention, pronoun: str) -> bool:
        """ "She" never refers back to "a spokesman", nor "he" to "a spokeswoman"."""
        words: set[str] = set()
        for name in self._mention_names(mention):
            words.update(normalise(name).split())
        if mention.key is not None and self.actors[mention.key].role:
            words.update(normalise(self.actors[mention.key].role or "").split())
        if pronoun in ("she", "her"):
            return bool(words & MALE_WORDS)
        return bool(words & FEMALE_WORDS)

    def _antecedent_by_head(self, head: str, offset: int, *, persons: bool = False) -> str | None:
        """The last actor before ``offset`` whose name ends with ``head`` (or fits its class)."""
        singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
        for mention in reversed(self._before(offset)):
            names = self._mention_names(mention)
            kind = self._mention_kind(mention)
            if persons != (kind == "person"):
                continue
            if any(re.search(rf"\b{re.escape(singular)}s?\b", normalise(n)) for n in names):
                return self._mention_key(mention, create=True)
            if persons:
                key = mention.key
                actor = self.actors.get(key) if key else None
                if (
                    actor is not None
                    and actor.role
                    and normalise(actor.role).split()[-1] in (head, singular)
                ):
                    return key
        if head == "military":
            pattern = re.compile(r"\b(?:armed forces|defen[cs]e forces)\b")
            for mention in reversed(self._before(offset)):
                names = [normalise(n) for n in self._mention_names(mention)]
                if any(pattern.search(n) for n in names):
                    return self._mention_key(mention, create=True)
        if head in GENERIC_ORG_NOUNS:
            mentions = list(reversed(self._before(offset)))
            registered = [m for m in mentions if m.key is not None] + [
                m for m in mentions if m.key is None
            ]
            for mention in registered:
                kind = self._mention_kind(mention)
                if kind != "organization" or self._is_outlet_mention(mention):
                    continue
                if head != "group" and self._armed_or_state(mention):
                    continue  # "the charity", "the agency" is no army or ministry
                return self._mention_key(mention, create=True)

        if head in GOVERNMENT_NOUNS:
            for mention in reversed(self._before(offset)):
                if self._mention_kind(mention) == "country":
                    return self._mention_key(mention, create=True)
        return None

    def _antecedent_by_label(self, label: str, offset: int) -> str | None:
        """An earlier actor whose name contains ``label`` ("Red Crescent")."""
        wanted = normalise(label)
        if len(wanted) < 4:
            return None
        for mention in reversed(self._before(offset)):
            if mention.key is None and mention.entry is None:
                continue
            for name in self._mention_names(mention):
                if re.search(rf"\b{re.escape(wanted)}\b", normalise(name)):
                    return self._mention_key(mention, create=True)
        return None

    def _surname(self, token: Token) -> Description | None:
        """An earlier person whose name ends with this word ("Konashenkov")."""
        word = token.text
        for mention in reversed(self._before(token.start)):
            if self._mention_kind(mention) != "person":
                continue
            for name in self._mention_names(mention):
                parts = name.split()
                if len(parts) >= 2 and parts[-1] == word:
                    return Description(
                        label="", kind="person", existing=self._mention_key(mention, create=True)
                    )
        return None

    def _before(self, offset: int) -> list[_Mention]:
        """Mentions before ``offset``, in text order, without excluded parties."""
        mentions = [m for m in self._mentions if m.offset < offset]
        if self._excluded:
            mentions = [m for m in mentions if not self._is_excluded(m)]
        return sorted(mentions, key=lambda m: m.offset)

    def _is_excluded(self, mention: _Mention) -> bool:
        """Whether a mention is on the side of an excluded actor."""
        key = mention.key
        if key is None and mention.entry is not None:
            key = slug(mention.entry.label)
        if key is None or key not in self.actors:
            return False
        return any(self.same_side(key, other) for other in self._excluded)

    def _armed_or_state(self, mention: _Mention) -> bool:
        """Whether a mention names an army, a government or a ministry."""
        words: set[str] = set()
        for name in self._mention_names(mention):
            words.update(normalise(name).split())
        return bool(words & (MILITARY_NOUNS | GOVERNMENT_NOUNS | {"ministry", "police"}))

    def _is_outlet_mention(self, mention: _Mention) -> bool:
        """Whether a mention names an outlet."""
        if mention.entry is not None:
            return mention.entry.kind == "outlet"
        return mention.key is not None and self.is_outlet_actor(mention.key)

    def _mention_kind(self, mention: _Mention) -> str | None:
        """Person, organization or country, for a mention of any sort."""
        if mention.key is not None:
            return self.actors[mention.key].kind
        if mention.entry is None and mention.offset in self._names:
            return "person"
        return mention.entry.kind if mention.entry else None

    def _mention_names(self, mention: _Mention) -> list[str]:
        """Every name a mention goes by."""
        if mention.key is not None:
            actor = self.actors[mention.key]
            entry = self._entry_named(actor.label)
            names = [actor.label] + (list(entry.names()) if entry else [])
            return names
        if mention.entry is None and mention.offset in self._names:
            return [self._names[mention.offset]]
        return list(mention.entry.names()) if mention.entry else []

    def _mention_key(self, mention: _Mention, *, create: bool) -> str | None:
        """The actor key of a mention, creating the actor when ``create``."""
        if mention.key is not None:
            return mention.key
        if mention.entry is not None and create:
            return self._entry_key(mention.entry, mention.offset)
        if mention.entry is None and mention.offset in self._names and create:
            described = Description(label=self._names[mention.offset], kind="person")
            return self.register(described, mention.offset, speaker=False)
        return None

    def _existing(self, mention: _Mention) -> Description:
        """A description pointing at the actor a mention names."""
        key = self._mention_key(mention, create=True)
        assert key is not None
        actor = self.actors[key]
        return Description(label=actor.label, kind=actor.kind, existing=key)


def _initials(entry: Entry) -> set[str]:
    """The acronyms an entry's names spell: "Rapid Support Forces" -> "RSF"."""
    spelled = set()
    for name in entry.names():
        words = [w for w in re.split(r"[\s-]+", name) if w[:1].isupper()]
        if len(words) >= 2:
            spelled.add("".join(w[0] for w in words))
    return spelled


def _from_entry(entry: Entry) -> Description:
    kind: ActorKind = (
        entry.kind if entry.kind in ("person", "organization", "country") else "organization"
    )  # type: ignore[assignment]
    return Description(label=entry.label, kind=kind, entry=entry, outlet=entry.kind == "outlet")


def _is_title(token: Token) -> bool:
    """ "Col.", "Gen.", "Dr.": an abbreviated title before a name."""
    return token.kind == "abbr" and token.lower.rstrip(".") in TITLES


def _unnamed_label(text: str, span: Span, first: Token) -> str:
    """The phrase as written, its first word lower-cased when it is a determiner."""
    words = span.of(text)
    lowered = first.lower in DETERMINERS or first.lower in POSSESSIVE_PRONOUNS
    capital = first.text[:1].isupper() and (len(first.text) == 1 or not first.text.isupper())
    if (lowered or not _is_proper(first)) and capital:
        words = first.text[:1].lower() + words[1:]
    return " ".join(words.split())


def _is_proper(token: Token) -> bool:
    """A capitalised word that is no determiner or common noun."""
    return token.kind == "abbr" or (
        token.is_cap
        and token.lower not in DETERMINERS
        and token.lower not in PERSON_NOUNS
        and token.lower not in ORG_NOUNS
    )


def _outlet_label(tokens: Sequence[Token]) -> str | None:
    """The outlet a phrase names, as a label, or None."""
    words = [t.text for t in tokens]
    return _outlet_label_words(words)


def _outlet_label_words(words: list[str]) -> str | None:
    """ "the Daily Sabah newspaper" -> "Daily Sabah"; "Saudi state television" kept whole."""
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words:
        return None
    lowered = [w.lower() for w in words]
    capitalised = [w for w in words if w[:1].isupper()]
    if capitalised and lowered[-1] in MEDIA_NOUNS and not words[-1][:1].isupper():
        trimmed = list(words)
        while trimmed and trimmed[-1].lower() in MEDIA_NOUNS and not trimmed[-1][:1].isupper():
            trimmed.pop()
        if trimmed and all(w[:1].isupper() for w in trimmed):
            return " ".join(trimmed)
        return " ".join(words)
    if capitalised and len(capitalised) == len(words) and lowered[-1] in OUTLET_WORDS:
        return " ".join(words)
    if not capitalised and lowered[-1] in MEDIA_NOUNS:
        return None
    if len(capitalised) < len(words) and lowered[-1] in MEDIA_NOUNS:
        return " ".join(words)
    return None


def _named_body_in(actor: Actor, words: str) -> bool:
    """Whether ``words`` name an organization the article named elsewhere ("M23 rebels")."""
    if actor.unnamed or actor.kind != "organization" or len(actor.label) < 2:
        return False
    label = re.sub(r"^the\s+", "", actor.label, flags=re.IGNORECASE)
    return bool(re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", words))
