"""What the attributed statements mean, assembled into an :class:`Extraction`.

- Kind: a negative cue (deny, reject, dismiss) or content that calls something
  false ("are false", "a lie", "no US missions flown") makes a denial; an
  estimating cue makes an estimate; anything else is a claim.
- Commitment: the cue's (claimed -> alleged, said -> asserted, according to ->
  reported, believe -> suspected, estimates -> estimated); an asserting cue over
  hedged content ("may have", "possibly") becomes suspected.
- Strikes and figures come from :mod:`~claimgraph.extract.strikes` and
  :mod:`~claimgraph.extract.figures`, read sentence by sentence and given to the
  statement whose content holds them (or to the article's own voice). Mentions of
  one strike (same place or day, or "the bombing", "it was bombed") merge into one.
- The alleged perpetrator goes on the statement: the target of "blamed X for",
  "accused X of", and the agent of a strike in the content ("Russian bombing").
- Denials are linked to the claims they reject: claims that accuse the side a
  denial clears, by the side it names ("Russia's allegations"), or about the same
  strike or toll; "that account" / "the group's claim" is the claim just before,
  "the reports" / "the allegations" every earlier account of a strike, toll or
  blame; "reports of looting" the claims sharing its words; "denied that its
  fighters were there" the claim naming the denier's side; "..., calling them
  lies" what the same speaker's denial just before rejects.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from claimgraph.extract.actors import ActorBook, right_phrase
from claimgraph.extract.attribution import Attribution
from claimgraph.extract.dates import find_date_expressions, resolve_date
from claimgraph.extract.figures import FigureMention, find_figures
from claimgraph.extract.gazetteer import Gazetteer
from claimgraph.extract.strikes import StrikeMention, find_strikes
from claimgraph.extract.text import Lexicon, Token, normalise, units, word_set
from claimgraph.iris import slug
from claimgraph.model import (
    Actor,
    Article,
    Commitment,
    Extraction,
    Figure,
    Place,
    Span,
    Statement,
    StatementKind,
    Strike,
)

_PLACE_ANAPHORS = re.compile(
    r"\b(?:the|this|that)\s+(city|town|area|region|village|district|province|neighbou?rhood|camp|enclave)\b",
    re.IGNORECASE,
)
_PLACE_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:city|town|village|district|province|region|governorate|area|enclave|"
    r"neighbou?rhood|port|camp)\s+of\s+)?",
    re.IGNORECASE,
)
_RELATIVE_DAYS = re.compile(
    r"\b(?:yesterday|today|tonight|last night|this (?:morning|afternoon|evening)|days? ago)\b",
    re.IGNORECASE,
)
_ANAPHORIC_BEFORE = re.compile(
    r"(?:\b(?:the|that|this|those|these)\s+(?:[\w-]+\s+){0,2}"
    r"|\bit\s+(?:was|were|had been|has been)\s+)$",
    re.IGNORECASE,
)
_STRIKE_TOPIC = re.compile(
    r"\b(?:weapons?|chemical|bomb\w*|shell\w*|strikes?|airstrikes?|air\s+strikes?|attacks?|raids?|"
    r"hitting|hit|fire|firing|fired|gunfire|missiles?|rockets?|drones?|explosions?|"
    r"explosives|blasts?|munitions?)\b",
    re.IGNORECASE,
)
_CASUALTY_TOPIC = re.compile(
    r"\b(?:civilians?|deaths?|dead|killed|killing|casualt\w+|harm|toll|victims?|wounded|injured)\b",
    re.IGNORECASE,
)
_ACCUSATION_NOUNS = re.compile(r"\b(?:allegations?|accusations?|charges?|blame)\b", re.IGNORECASE)
_ACCOUNT_NOUNS = re.compile(
    r"\b(?:account|accounts|claims?|version|reports?|statements?|remarks|assertions?|narrative|story)\b",
    re.IGNORECASE,
)
_SINGULAR_ANAPHOR = re.compile(
    r"\b(?:the|that|this|such|its|their|[\w-]+['’]s?)\s+"
    r"(?:charge|accusation|allegation|claim|report|account|version|assertion|narrative|story)\b",
    re.IGNORECASE,
)
_PLURAL_ANAPHOR = re.compile(
    r"\b(?:the|those|these|such|its|their|[\w-]+['’]s?)\s+"
    r"(?:charges|accusations|allegations|claims|reports|accounts|findings|assertions)\b"
    r"(?!\s+(?:of|that|about)\b)",
    re.IGNORECASE,
)


@dataclass
class _Event:
    """One strike as several mentions describe it."""

    key: str
    first: StrikeMention
    location: str | None
    date: dt.date | None
    date_text: str | None
    target: str | None
    frequency: str | None
    mentions: list[StrikeMention] = field(default_factory=list)
    units: list[Span] = field(default_factory=list)


@dataclass
class _Owned:
    """A strike or figure mention and the statement it belongs to (None: the article's voice)."""

    owner: int | None
    unit: Span


def assemble(
    article: Article,
    tokens: Sequence[Token],
    attributions: list[Attribution],
    book: ActorBook,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
) -> Extraction:
    """Statements, strikes, figures, places, actors and outlets of one article."""
    text = article.text
    ordered = sorted(attributions, key=lambda a: (a.content.start, a.cue_span.start))
    statements = [_statement(f"st{n}", a, text, lexicon, article) for n, a in enumerate(ordered, 1)]
    places = _Places(gazetteer)
    sentences = units(text)

    events = _strikes(article, tokens, statements, sentences, places, gazetteer, book)
    figures = _figures(article, statements, sentences, places, events)
    for statement, attribution in zip(statements, ordered, strict=True):
        if statement.kind != "denial":
            for key in attribution.targets:
                if key not in statement.alleged_perpetrators:
                    statement.alleged_perpetrators.append(key)
        statement.alleged_perpetrators = _most_specific(book, statement.alleged_perpetrators)
    _link_denials(article, statements, ordered, book)
    return Extraction(
        article=article,
        actors=_used_actors(book, statements, figures),
        sources=[s for s in book.all_sources() if any(s.key in st.via for st in statements)],
        places=places.all(),
        statements=statements,
        strikes=[_as_strike(e) for e in events],
        figures=figures,
    )


def _most_specific(book: ActorBook, keys: list[str]) -> list[str]:
    """Drop a party another one belongs to: "Armenian forces" makes "Armenia" redundant."""
    return [k for k in keys if not any(k != o and k in book.chain(o) for o in keys)]


def _used_actors(
    book: ActorBook, statements: list[Statement], figures: list[Figure]
) -> list[Actor]:
    """The actors the extraction refers to, with the affiliations they point to."""
    wanted: list[str] = []
    for statement in statements:
        wanted.extend(statement.claimants)
        wanted.extend(statement.alleged_perpetrators)
    for figure in figures:
        wanted.extend(figure.estimated_by)
    used: set[str] = set()
    while wanted:
        key = wanted.pop()
        if key in used or key not in book.actors:
            continue
        used.add(key)
        affiliation = book.actors[key].affiliation
        if affiliation:
            wanted.append(affiliation)
    return [actor for actor in book.all_actors() if actor.key in used]


# ---------------------------------------------------------------------------
# Statements


def _statement(
    key: str, attribution: Attribution, text: str, lexicon: Lexicon, article: Article
) -> Statement:
    """A statement with its kind, commitment and the day it was made."""
    content = attribution.content.of(text)
    cue = attribution.cue.cue
    kind: StatementKind = "claim"
    if cue.negative or any(marker.search(content) for marker in lexicon.denial_markers):
        kind = "denial"
    elif cue.kind == "estimate":
        kind = "estimate"
    commitment: Commitment = cue.commitment
    if (
        commitment == "asserted"
        and kind != "denial"
        and any(h.search(content) for h in lexicon.hedges)
    ):
        commitment = "suspected"
    return Statement(
        key=key,
        kind=kind,
        claimants=list(attribution.speakers),
        cue=" ".join(attribution.cue_span.of(text).split()),
        cue_span=attribution.cue_span,
        content=attribution.content,
        evidence=attribution.evidence,
        quoted=attribution.quoted,
        via=list(attribution.via),
        commitment=commitment,
        stated_on=_stated_on(attribution, text, article.published),
    )


def _stated_on(attribution: Attribution, text: str, published: dt.date | None) -> dt.date | None:
    """The day the words were said: a date next to the cue, outside the content."""
    if attribution.unit is None or published is None:
        return None
    candidates = []
    for span, words in find_date_expressions(text, attribution.unit):
        if attribution.content.start <= span.start < attribution.content.end:
            continue
        if (
            attribution.quoted
            and attribution.evidence.start <= span.start < attribution.evidence.end
            and not (attribution.cue_span.start - 40 <= span.start <= attribution.cue_span.end + 40)
        ):
            continue
        distance = min(
            abs(span.start - attribution.cue_span.end), abs(attribution.cue_span.start - span.end)
        )
        candidates.append((distance, span.start, words))
    for _distance, _start, words in sorted(candidates):
        resolved = resolve_date(words, published)
        if resolved is not None:
            return resolved
    return None


def _owner(statements: list[Statement], offset: int) -> int | None:
    """The statement whose content holds ``offset``: the innermost one."""
    best = None
    for index, statement in enumerate(statements):
        if statement.content.start <= offset < statement.content.end and (
            best is None
            or statement.content.end - statement.content.start
            < statements[best].content.end - statements[best].content.start
        ):
            best = index
    return best


# ---------------------------------------------------------------------------
# Places


class _Places:
    """Places named as strike or figure locations, by normalised label."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._places: dict[str, Place] = {}

    def key(self, written: str | None) -> str | None:
        """The key of the place written ``written``, creating it when new."""
        if not written:
            return None
        label = self.label(written)
        if not label:
            return None
        key = slug(label)
        if key not in self._places:
            entry = self.gazetteer.lookup(label)
            wikidata = (
                entry.wikidata if entry is not None and entry.kind in ("place", "country") else None
            )
            if entry is not None and entry.kind in ("place", "country"):
                label = entry.label
                key = slug(label)
            self._places.setdefault(key, Place(key=key, label=label, wikidata=wikidata))
        return key

    @staticmethod
    def label(written: str) -> str:
        """A place as written, without "the town of"."""
        words = " ".join(written.split()).strip(" ,.;:")
        return _PLACE_PREFIX.sub("", words, count=1).strip()

    def all(self) -> list[Place]:
        """Every place, in the order first met."""
        return list(self._places.values())


# ---------------------------------------------------------------------------
# Strikes


def _strikes(
    article: Article,
    tokens: Sequence[Token],
    statements: list[Statement],
    sentences: list[Span],
    places: _Places,
    gazetteer: Gazetteer,
    book: ActorBook,
) -> list[_Event]:
    """Strike events: mentions read sentence by sentence, merged, given to statements."""
    text = article.text
    events: list[_Event] = []
    for unit in sentences:
        for mention in find_strikes(text, unit):
            trigger_at = _trigger_offset(text, mention)
            owner = _owner(statements, trigger_at)
            anchor = statements[owner].stated_on if owner is not None else None
            anchor = anchor or article.published
            location = _whole_place(text, unit, mention.location) if mention.location else None
            location = location or _anaphoric_place(text, unit, gazetteer)
            place_key = places.key(location)
            date = resolve_date(mention.date_text, anchor) if mention.date_text else None
            event = _merge(events, mention, place_key, date, text, trigger_at, unit)
            if event is None:
                event = _Event(
                    key=f"strike{len(events) + 1}",
                    first=mention,
                    location=place_key,
                    date=date,
                    date_text=mention.date_text,
                    target=mention.target,
                    frequency=mention.frequency_text,
                )
                events.append(event)
            else:
                event.location = event.location or place_key
                event.date = event.date or date
                event.date_text = event.date_text or mention.date_text
                event.target = event.target or mention.target
            event.mentions.append(mention)
            event.units.append(unit)
            if owner is not None:
                statement = statements[owner]
                if event.key not in statement.about:
                    statement.about.append(event.key)
                if statement.kind != "denial":
                    for key in _perpetrators(text, tokens, mention, statement, book, trigger_at):
                        if key not in statement.alleged_perpetrators:
                            statement.alleged_perpetrators.append(key)
    return events


def _trigger_offset(text: str, mention: StrikeMention) -> int:
    """Where a strike's trigger word stands."""
    words = mention.span.of(text)
    found = words.find(mention.trigger)
    if found < 0:
        found = words.lower().find(mention.trigger.lower().split()[0])
    return mention.span.start + max(found, 0)


_PARTICLE_TAIL = re.compile(
    r"(?:\s+(?:(?:al|el|ad|ar|as|ash|at|an|az)-[\w’']+|(?:bin|ibn|bani)\s+[A-Z][\w’']*))+"
)


def _whole_place(text: str, unit: Span, written: str) -> str:
    """ "Maarat al-Numan" when the place was read as "Maarat": keep the name's particles."""
    at = text.find(written, unit.start, unit.end)
    if at < 0:
        return written
    tail = _PARTICLE_TAIL.match(text, at + len(written), unit.end)
    return written + tail.group() if tail else written


def _anaphoric_place(text: str, unit: Span, gazetteer: Gazetteer) -> str | None:
    """ "objects in the city": the place most recently named before."""
    sentence = unit.of(text)
    match = _PLACE_ANAPHORS.search(sentence)
    if match is None:
        return None
    limit = unit.start + match.start()
    latest = None
    for span, entry in gazetteer.find(text, Span(0, limit)):
        if entry.kind == "place":
            latest = (span, entry)
    return latest[1].label if latest else None


def _merge(
    events: list[_Event],
    mention: StrikeMention,
    place: str | None,
    date: dt.date | None,
    text: str,
    trigger_at: int,
    unit: Span,
) -> _Event | None:
    """The earlier event this mention is about, or None for a new strike."""
    if mention.frequency_text:
        return None
    anaphoric = bool(_ANAPHORIC_BEFORE.search(text[max(0, trigger_at - 40) : trigger_at]))
    if not (anaphoric or place or mention.date_text):
        earlier = _event_named_before(events, text, unit)
        if earlier is not None:
            return earlier
    for event in reversed(events):
        if event.frequency:
            continue
        if place and event.location and place != event.location:
            continue
        if date and event.date and date != event.date:
            continue
        if (
            mention.date_text
            and event.date_text
            and not (date and event.date)
            and normalise(mention.date_text) != normalise(event.date_text)
            and not _RELATIVE_DAYS.search(mention.date_text)
            and not _RELATIVE_DAYS.search(event.date_text)
        ):
            continue
        same_place = bool(place and place == event.location)
        same_day = bool(
            (date and date == event.date)
            or (
                mention.date_text
                and event.date_text
                and normalise(mention.date_text) == normalise(event.date_text)
            )
        )
        same_target = _same_target(mention.target, event.target)
        if (
            same_place
            or same_day
            or same_target
            or (anaphoric and not place and not mention.date_text)
        ):
            return event
    return None


_DEFINITE = re.compile(r"\bthe\s+([a-z][a-z-]+)(?:\s+([a-z][a-z-]+))?")
_TOO_GENERIC = word_set(
    """area city town region country government army military people dead wounded victims
    attack attacks strike strikes bombing war conflict fighting offensive same first second
    other latter former group ministry spokesman official officials border capital enemy
    jets planes aircraft forces troops time day night morning evening reports report claims
    statement"""
)


def _event_named_before(events: list[_Event], text: str, unit: Span) -> _Event | None:
    """ "the theatre was struck": an earlier strike whose sentence named the theatre."""
    words = unit.of(text)
    nouns: set[str] = set()
    for match in _DEFINITE.finditer(words):
        nouns.update(w for w in match.groups() if w and w not in _TOO_GENERIC)
    for event in reversed(events):
        if event.frequency:
            continue
        earlier = " ".join(u.of(text).lower() for u in event.units if u != unit)
        if any(re.search(rf"\b{re.escape(n)}\b", earlier) for n in nouns):
            return event
    return None


def _same_target(one: str | None, two: str | None) -> bool:
    """Two targets with the same head noun."""
    if not one or not two:
        return False
    head_one = normalise(one).split()[-1]
    head_two = normalise(two).split()[-1]
    return head_one == head_two


def _perpetrators(
    text: str,
    tokens: Sequence[Token],
    mention: StrikeMention,
    statement: Statement,
    book: ActorBook,
    trigger_at: int,
) -> list[str]:
    """The actors a claim says carried out a strike."""
    if mention.perpetrator:
        found = _words_near(text, statement.content, mention.perpetrator, trigger_at)
        if found is not None:
            key = book.party(found)
            if key:
                return [key, *_coordinated_parties(text, found, book)]
    subject = _content_subject(text, tokens, statement, book, trigger_at)
    return [subject] if subject else []


_AND_BEFORE = re.compile(r"\b([A-Z][\w.'’-]*)\s*(?:,|and|&)\s*$")


def _coordinated_parties(text: str, found: Span, book: ActorBook) -> list[str]:
    """ "Russian and Syrian government warplanes": the party joined before the named one."""
    keys: list[str] = []
    end = found.start
    while True:
        match = _AND_BEFORE.search(text[max(0, end - 40) : end])
        if match is None:
            return keys
        start = end - (len(text[max(0, end - 40) : end]) - match.start(1))
        key = book.party(Span(start, start + len(match.group(1))))
        if key is None:
            return keys
        keys.append(key)
        end = start


def _words_near(text: str, within: Span, words: str, offset: int) -> Span | None:
    """Where ``words`` occur in ``within``: last before ``offset``, else first after."""
    region = within.of(text)
    starts = [m.start() + within.start for m in re.finditer(re.escape(words), region)]
    before = [s for s in starts if s <= offset]
    chosen = before[-1] if before else (starts[0] if starts else None)
    return Span(chosen, chosen + len(words)) if chosen is not None else None


# "carried out a limited strike", "launched a drone attack": the subject did it.
_SUPPORT_VERB = re.compile(
    r"\b(?:carried|carry|carrying|carries)\s+out\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$"
    r"|\b(?:launched|launch|launches|launching|conducted|conduct|conducts|conducting|staged|"
    r"mounted)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _content_subject(
    text: str, tokens: Sequence[Token], statement: Statement, book: ActorBook, trigger_at: int
) -> str | None:
    """ "Russia is trying to ... by striking ...": the content's subject does the striking."""
    trigger_word = (
        text[trigger_at : trigger_at + 20].split()[0].lower() if text[trigger_at:].strip() else ""
    )
    window = text[max(statement.content.start, trigger_at - 40) : trigger_at]
    supported = bool(_SUPPORT_VERB.search(window))
    if not (trigger_word.endswith("ing") or trigger_word.endswith("ed") or supported):
        return None
    before = text[max(statement.content.start, trigger_at - 12) : trigger_at].lower()
    if not supported and re.search(r"\b(?:the|a|an|of)\s+$", before):
        return None
    first = next((i for i, t in enumerate(tokens) if t.start >= statement.content.start), None)
    if first is None:
        return None
    phrase = right_phrase(tokens, first, len(tokens))
    if phrase is None or phrase.span.end > trigger_at:
        return None
    described = book.describe(phrase)
    if described is None or described.kind == "person" or described.unnamed:
        return None
    return book.register(described, phrase.span.start, speaker=False)


def _as_strike(event: _Event) -> Strike:
    """The model's Strike for an event."""
    mention = event.first
    return Strike(
        key=event.key,
        evidence=mention.span,
        trigger=mention.trigger,
        location=event.location,
        target=event.target,
        date=event.date,
        date_text=event.date_text,
        frequency_text=event.frequency,
    )


# ---------------------------------------------------------------------------
# Figures


def _figures(
    article: Article,
    statements: list[Statement],
    sentences: list[Span],
    places: _Places,
    events: list[_Event],
) -> list[Figure]:
    """Casualty figures sentence by sentence, estimated by the statement that holds them."""
    text = article.text
    figures: list[Figure] = []
    for unit in sentences:
        found = find_figures(text, unit)
        keys: list[str | None] = []
        for mention in found:
            owner = _owner(statements, _count_offset(text, mention))
            if owner is not None and statements[owner].kind == "denial":
                keys.append(None)
                continue
            key = f"figure{len(figures) + 1}"
            keys.append(key)
            estimated_by = list(statements[owner].claimants) if owner is not None else []
            figure = Figure(
                key=key,
                evidence=mention.span,
                count_text=mention.count_text,
                min_count=mention.min_count,
                max_count=mention.max_count,
                qualifier=mention.qualifier,
                casualty_type=mention.casualty_type,
                victims=mention.victims,
                estimated_by=estimated_by,
                location=places.key(mention.location),
                strike=_strike_of(events, unit),
            )
            if mention.part_of is not None and mention.part_of < len(keys):
                figure.part_of = keys[mention.part_of]
            figures.append(figure)
            if owner is not None:
                statements[owner].about.append(key)
    return figures


def _count_offset(text: str, mention: FigureMention) -> int:
    """Where the number of a figure stands ("death toll at 36": at "36")."""
    found = mention.span.of(text).find(mention.count_text)
    return mention.span.start + max(found, 0)


def _strike_of(events: list[_Event], unit: Span) -> str | None:
    """The strike a toll results from: a strike mentioned in the same sentence."""
    for event in events:
        for strike in event.mentions:
            if strike.span.start < unit.end and strike.span.end > unit.start:
                return event.key
    return None


# ---------------------------------------------------------------------------
# Denials


@dataclass(frozen=True)
class _DenialFacts:
    """What a denial's words say about what it rejects."""

    cleared: list[str]  # parties it says did not strike ("no US air strikes")
    claim_sides: list[str]  # sides whose claims it names ("Russia's allegations")
    accusation: bool  # "allegations", "accusations", "charges", "blame"
    account: bool  # "account", "claims", "reports", "version"
    strike_topic: bool
    casualty_topic: bool
    direct: bool  # says what is untrue itself ("its fighters were not there"), names no account


def _link_denials(
    article: Article,
    statements: list[Statement],
    attributions: list[Attribution],
    book: ActorBook,
) -> None:
    """Link each denial to the claims it rejects; strong evidence wins over topic alone."""
    text = article.text
    for index, denial in enumerate(statements):
        if denial.kind != "denial":
            continue
        about = attributions[index].about_span or denial.content
        denial.denies = _denied_claims(text, statements, index, about, book, attributions)
        if not any(k.startswith("strike") for k in denial.about):
            for other in statements:
                if other.key in denial.denies:
                    for key in other.about:
                        if key.startswith("strike") and key not in denial.about:
                            denial.about.append(key)


def _denied_claims(
    text: str,
    statements: list[Statement],
    index: int,
    about: Span,
    book: ActorBook,
    attributions: list[Attribution],
) -> list[str]:
    """The keys of the claims ``statements[index]`` rejects."""
    denial = statements[index]
    words = _object_words(text, denial, about)
    plural = bool(_PLURAL_ANAPHOR.search(words))
    anaphoric = plural or bool(_SINGULAR_ANAPHOR.search(words))
    facts = _denial_facts(text, denial, book, about, direct=not anaphoric)
    candidates = statements[:index] if anaphoric else statements
    strength: dict[str, int] = {}
    for other in candidates:
        if other.kind == "denial" or _same_speakers(book, other, denial):
            continue
        score = _link_strength(book, denial, other, facts, text)
        if score:
            strength[other.key] = score
    if attributions[index].refers_back and index > 0:
        strength[statements[index - 1].key] = 3
    best = max(strength.values(), default=0)
    links = [key for key, score in strength.items() if score == best]
    links = _closest_in_words(text, about, links, statements)
    if not links and plural:
        links = _accusations_before(book, statements[:index], denial, text)
    if not links and anaphoric:
        earlier = statements[:index]
        if _ACCUSATION_NOUNS.search(words):
            links = _last_accusation(book, earlier, denial) or _last_claim(book, earlier, denial)
        else:
            links = _last_claim(book, earlier, denial) or _last_accusation(book, earlier, denial)
    if not links:
        links = _sharing_words(text, about, statements[:index], denial, book)
    if not links:
        links = _continued_denial(book, statements[:index], denial, text)
    return links


_PROPOSITION = re.compile(
    r"\b(?:claims?|reports?|allegations?|accusations?|assertions?|suggestions?)\s+(?:that|of)\b",
    re.I,
)
_CONTINUING_CUES = word_set("calling called saying describing branding labelling labeling")
_CONTENT_WORD = re.compile(r"[a-z][a-z-]{2,}")
_NOT_CONTENT = word_set(
    """that this with from have been were said says their there which would about into after
    before second first also only other some more most than they them these those the and
    had has was are for its his her not but any all one two new"""
)


def _closest_in_words(
    text: str, about: Span, links: list[str], statements: list[Statement]
) -> list[str]:
    """ "rejected Pakistan's claim that a second jet had been downed": of the claims it could
    reject, keep those that share words with the proposition it names."""
    words = about.of(text)
    if len(links) < 2:
        return links
    proposition = _PROPOSITION.search(words)
    if proposition is None:
        return links
    wanted = _content_words(words[proposition.end() :])
    by_key = {s.key: s for s in statements}
    overlap = {k: len(wanted & _content_words(by_key[k].content.of(text))) for k in links}
    best = max(overlap.values())
    return [k for k in links if overlap[k] == best] if best else links


def _content_words(words: str) -> set[str]:
    found = {_stem(w) for w in _CONTENT_WORD.findall(words.lower()) if w not in _NOT_CONTENT}
    return {w for w in found if len(w) >= 3}


def _stem(word: str) -> str:
    """A crude stem, enough to match "jets" with "jet" and "downed" with "down"."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _same_speakers(book: ActorBook, one: Statement, two: Statement) -> bool:
    """Whether two statements come from one side."""
    return any(book.same_side(a, b) for a in one.claimants for b in two.claimants)


def _last_accusation(book: ActorBook, earlier: list[Statement], denial: Statement) -> list[str]:
    """ "denied the charge": the last accusation by someone else before it, one that blames
    someone or names the denier's side in its words ("Turkish-backed fighters executed")."""
    accusations = [
        s
        for s in earlier
        if s.kind != "denial"
        and not _same_speakers(book, s, denial)
        and (_accuses_denier(book, s, denial) or _names_side(book, s, denial))
    ]
    return [accusations[-1].key] if accusations else []


def _accuses_denier(book: ActorBook, claim: Statement, denial: Statement) -> bool:
    """Whether a claim blames the denier's side or someone the text ties to no side; a claim
    that blames the denier's enemy is not what the denier rejects."""
    return any(
        _unknown_party(book, a) or any(book.same_side(a, d) for d in denial.claimants)
        for a in claim.alleged_perpetrators
    )


def _last_claim(book: ActorBook, earlier: list[Statement], denial: Statement) -> list[str]:
    """ "dismissed the report": failing an accusation, the last claim by someone else, when it
    comes just before the denial."""
    others = [s for s in earlier if s.kind != "denial" and not _same_speakers(book, s, denial)]
    if not others or others[-1] is not earlier[-1] and earlier[-1].kind != "denial":
        return []
    return [others[-1].key]


def _accusations_before(
    book: ActorBook, earlier: list[Statement], denial: Statement, text: str
) -> list[str]:
    """ "dismissed the reports", "rejected the allegations": every earlier claim by someone
    else that blames someone, names the denier's side or is about a strike or a toll."""
    return [
        s.key
        for s in earlier
        if s.kind != "denial"
        and not _same_speakers(book, s, denial)
        and (s.alleged_perpetrators or _names_side(book, s, denial) or _topical(s, text))
    ]


def _sharing_words(
    text: str, about: Span, earlier: list[Statement], denial: Statement, book: ActorBook
) -> list[str]:
    """ "denied reports of looting": the earlier claims by someone else that share words with
    what the reports are said to be of."""
    words = about.of(text)
    proposition = _PROPOSITION.search(words)
    if proposition is None:
        return []
    wanted = _content_words(words[proposition.end() :])
    return [
        s.key
        for s in earlier
        if s.kind != "denial"
        and not _same_speakers(book, s, denial)
        and wanted & _content_words(s.content.of(text))
    ]


def _continued_denial(
    book: ActorBook, earlier: list[Statement], denial: Statement, text: str
) -> list[str]:
    """ "rejected the findings, calling them lies": a denial that goes on from the same
    speaker's denial in the same sentence rejects what that one rejects."""
    if not earlier or denial.cue.lower() not in _CONTINUING_CUES:
        return []
    before = earlier[-1]
    between = text[before.content.end : denial.cue_span.start]
    same_sentence = not re.search(r"[.!?]\s", between)
    if before.kind == "denial" and _same_speakers(book, before, denial) and same_sentence:
        return list(before.denies)
    return []


def _names_side(book: ActorBook, claim: Statement, denial: Statement) -> bool:
    """Whether a claim's words name the denier's side."""
    named = book.names_in(claim.content, named_bodies=True)
    return any(book.same_side(n, d) for n in named for d in denial.claimants)


def _object_words(text: str, denial: Statement, about: Span) -> str:
    """What a denial rejects as written, from just after its cue ("rejected that account")."""
    start = denial.cue_span.end if denial.cue_span.end <= about.start else about.start
    between = text[start : about.start]
    return (between if len(between) < 12 else "") + about.of(text)


def _denial_facts(
    text: str, denial: Statement, book: ActorBook, about: Span, *, direct: bool = True
) -> _DenialFacts:
    """What a denial's words say: whom it clears, whose claims it names, its topic."""
    words = about.of(text)
    named = [
        k for k in book.names_in(about) if not any(book.same_side(k, c) for c in denial.claimants)
    ]
    cleared = _denied_perpetrators(text, book, about)
    return _DenialFacts(
        cleared=cleared,
        claim_sides=[k for k in named if not any(book.same_side(k, p) for p in cleared)],
        accusation=bool(_ACCUSATION_NOUNS.search(words)),
        account=bool(_ACCOUNT_NOUNS.search(words)),
        strike_topic=bool(_STRIKE_TOPIC.search(words))
        or any(k.startswith("strike") for k in denial.about),
        casualty_topic=bool(_CASUALTY_TOPIC.search(words)),
        direct=direct and not _ACCOUNT_NOUNS.search(words) and not _ACCUSATION_NOUNS.search(words),
    )


def _denied_perpetrators(text: str, book: ActorBook, about: Span) -> list[str]:
    """Who the denial clears: the agents of strikes it mentions ("US air strikes")."""
    cleared: list[str] = []
    for mention in find_strikes(text, about):
        if mention.perpetrator:
            found = _words_near(text, about, mention.perpetrator, mention.span.start)
            key = book.party(found) if found else None
            if key and key not in cleared:
                cleared.append(key)
    return cleared


def _link_strength(
    book: ActorBook, denial: Statement, claim: Statement, facts: _DenialFacts, text: str
) -> int:
    """How surely ``denial`` rejects ``claim``: 0 not at all, 1 by topic only, 2 by who or what."""
    accused = claim.alleged_perpetrators
    by_side = any(book.same_side(c, s) for c in claim.claimants for s in facts.claim_sides)
    if facts.cleared:
        hits = any(book.same_side(a, p) for a in accused for p in facts.cleared)
        return 2 if hits and (not facts.claim_sides or by_side) else 0
    if facts.claim_sides:
        if not by_side:
            return 0
        wants_accusation = facts.accusation or not facts.account
        return 2 if accused or not wants_accusation else 0
    if any(book.same_side(a, d) for a in accused for d in denial.claimants) or (
        facts.direct and not accused and _names_side(book, claim, denial)
    ):
        topical = not (facts.strike_topic or facts.casualty_topic) or _topical(claim, text)
        return 2 if topical else 0
    if accused and not all(_unknown_party(book, a) for a in accused):
        return 0
    strikes = {k for k in claim.about if k.startswith("strike")}
    if strikes & {k for k in denial.about if k.startswith("strike")}:
        return 2
    has_figure = any(k.startswith("figure") for k in claim.about)
    if facts.casualty_topic and has_figure:
        return 1
    return 1 if facts.strike_topic and strikes and not facts.casualty_topic else 0


def _topical(claim: Statement, text: str) -> bool:
    """A claim about a strike or a toll, by what it links to or by its words."""
    if claim.about:
        return True
    words = claim.content.of(text)
    return bool(_STRIKE_TOPIC.search(words) or _CASUALTY_TOPIC.search(words))


def _unknown_party(book: ActorBook, key: str) -> bool:
    """An accused party the text does not tie to any side ("government helicopters")."""
    actor = book.actors[key]
    return actor.unnamed and book.country(key) is None
