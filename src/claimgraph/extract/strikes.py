"""Strikes in news prose: "American warplanes ... bombing civilian areas in Aleppo on Wednesday".

:func:`find_strikes` reads a span of an article and returns one
:class:`StrikeMention` per strike event it mentions, with the words around the
trigger that say where (location), what was hit (target), when (date_text), how
often (frequency_text, for a rate such as "over 250 airstrikes per day") and
whose (perpetrator, exactly as written: "Russian", "U.S. Air Force").

Triggers: airstrike(s), air strike(s), strike(s) in the military sense (not "on
strike", "general strike", "strike a deal"), bombing, bombardment, shelling,
raid(s), missile(s), rocket(s), barrage; weapon compounds ("drone strike",
"missile attack", "artillery fire", "barrel bombs"); the verbs bombed, shelled,
bombarded, pounded, "striking" as a gerund, and struck/hit/targeted when jets,
drones or artillery do it. A campaign ("air campaign", "bombing campaign") is
not one strike and is left out. So are "strike" as a verb of intent or policy ("vowed
to strike", "its forces strike only military targets", "it never strikes homes") and
weapons stopped in the air: "shot down four of the six missiles", "the rockets were
intercepted". An intercepted attack is not a strike on the ground; when the sentence
also says where the weapons were fired ("six missiles were fired at Lviv; four were
intercepted"), that launch stays a strike.

A date that belongs to the words said about a strike ("In a statement issued on
Sunday, the army said its jets hit ...") is not the strike's date.

One event, one mention. Within a sentence, trigger mentions merge into the first
of them unless something sets them apart: a different location, date or
perpetrator, a rate against a single strike, a ";" between them, or words that
announce another event ("a second strike", "another raid"). So "Russian bombing,
including airstrikes that hit schools and hospitals" is one mention (trigger
"bombing", target "schools and hospitals"), while "jets bombed Idlib on Monday
and shelled Aleppo on Tuesday" is two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from claimgraph.extract.dates import find_date_expressions
from claimgraph.extract.figures import (
    DIRECTIONS,
    PLACE_PREPOSITIONS,
    WEEKDAY_AND_MONTH_WORDS,
    Token,
    count_at,
    gazetteer_matches,
    is_demonym,
    place_at,
    sentences,
    tokenize,
    words,
)
from claimgraph.model import Span


@dataclass(frozen=True)
class StrikeMention:
    """One strike event as a span of text describes it."""

    span: Span  # the trigger and its arguments
    trigger: str  # "airstrikes", "bombing", "missile strike", "bombed", as written
    location: str | None  # as written: "Aleppo", "northern Aleppo"
    target: str | None  # as written: "schools and hospitals", "civilian areas"
    date_text: str | None  # "Wednesday", "yesterday", "March 3"
    frequency_text: str | None  # "over 250 Russian airstrikes per day": a rate
    perpetrator: str | None  # as written: "Russian", "American", "U.S. Air Force"


# ---------------------------------------------------------------------------
# Lexicon

_HEADS = words(
    """airstrike airstrikes air-strike air-strikes airstrike's strike strikes bombing bombings
    bombardment bombardments shelling shellings raid raids missile missiles rocket rockets
    barrage barrages"""
)
# Heads that mean a strike only with a weapon word before them: "drone attack", "mortar fire".
_HEADS_NEEDING_WEAPON = words("attack attacks fire shells bomb bombs assault")
_WEAPONS = words(
    """air aerial drone drones missile rocket artillery mortar cruise ballistic naval tank
    suicide car barrel cluster kamikaze long-range precision guided hypersonic helicopter
    gunship incendiary phosphorus airborne bomb"""
)
_VERB_TRIGGERS = words("bombed bombarded bombarding shelled pounded pounding strafed")
# Verbs that make a strike only when aircraft, drones or guns are their subject.
_STRIKE_VERBS = words(
    "struck hit hits hitting targeted targeting attacked bombed shelled pounded fired raided"
)
_LAUNCHERS = words(
    """jets warplanes planes aircraft drones helicopters gunships bombers artillery tanks
    fighter-jets fighter-bombers jet warplane plane drone helicopter gunship bomber tank"""
)
_ARMED = _LAUNCHERS | words("forces troops military army militias militia navy force")
_SUPPORT_VERBS = words(
    """made make making carried carrying carry conducted conducting conduct launched launching
    launch staged mounted unleashed fired firing dropped dropping stepped intensified
    resumed"""
)
_FORCE_NOUNS = words(
    """forces troops army military jets warplanes planes aircraft drones helicopters gunships
    bombers artillery navy militia militias rebels fighters soldiers units regime force"""
)
_AGENT_WORDS = words(
    """coalition regime government government's pro-government rebel rebels army military
    militia enemy insurgent jihadist separatist loyalist junta paramilitary opposition
    israeli"""
)
_ADJECTIVES_TO_SKIP = words(
    """heavy heavier intense intensified indiscriminate deadly fresh new renewed latest overnight
    repeated suspected alleged apparent reported brutal massive relentless continued continuing
    recent further daily nightly separate retaliatory punishing devastating fierce sustained
    deliberate targeted precision large-scale allied"""
)
_NOT_AN_EVENT_AFTER = words(
    "campaign campaigns siren sirens shelter shelters alert alerts warning warnings"
)
_QUOTE_MARKS = frozenset("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb")
# "shot down four of the six missiles": weapons stopped in the air did not strike.
_INTERCEPTED = words("down downed intercepted intercept intercepting destroyed")
_NEGATIONS = frozenset(["no", "not", "never", "without", "n't", "nor"])
_NEW_EVENT = words("second third another separate other later subsequent earlier first fourth")
_LABOUR_BEFORE = words(
    """on general hunger national nationwide labour labor rail postal teachers teachers'
    workers workers' doctors' doctors union transport"""
)
_LABOUR_AFTER = words(
    """action ballot pay group groups force capability capabilities package team by-workers
    fund vote"""
)
_IDIOM_OBJECTS = words("deal balance chord bargain note tone pose blow agreement")
_MISSILE_NOT_A_STRIKE = words(
    """defence defense system systems launcher launchers test tests programme program shield
    technology deal treaty site sites battery batteries stockpile stockpiles arsenal
    production factory factories"""
)
_NOT_STRIKING_OBJECTS = words(
    """workers miners employees staff nurses doctors teachers resemblance contrast example image
    similarity similarities feature features difference differences success"""
)
_BARRIERS = words(
    """when while as after before because but said says told claimed denied insisted added
    although though whereas"""
)
_REPORTING = _BARRIERS | words(
    """that alleged accused reported estimated blamed charged stated announced warned"""
)
_CASUALTY_VERBS = words("killed killing wounded wounding injured injuring left leaving")
_AUX = words(
    """has have had was were is are been being be reportedly allegedly also repeatedly then
    again later earlier apparently"""
)
_TARGET_VERBS = words(
    """hit hits hitting struck striking targeted targeting destroyed destroying damaged damaging
    levelled leveled flattened slammed"""
)
_TARGET_PREPOSITIONS = frozenset(["on", "against", "targeting", "at", "of"])
_NP_STOP = words(
    """in on at by for with from to into near around over across outside during after before
    since as when while that which who whom where killing killed wounding wounded injuring
    injured leaving left and or but said says told according this these those yesterday today
    tonight overnight is are was were has have had be been being will would could may might
    per each every daily than including amid despite because so not no later earlier ago
    again early late inside within beyond along toward towards through throughout behind under
    off between among against via"""
)
_ING_NOUNS = words(
    "building buildings housing wedding gathering crossing dwelling dwellings clothing"
)
_DETERMINERS = frozenset(["a", "an", "the"])
_PRONOUNS = words("it them they this that these those him her us there")
_RATE_UNITS = frozenset(["day", "night", "week", "month", "hour"])
_RATE_OPENERS = frozenset(["per", "a", "an", "each", "every"])
_NOT_RATE_AFTER = frozenset(["after", "before", "later", "earlier", "ago", "of", "when"])


@dataclass(frozen=True)
class _Trigger:
    first: int  # token index of the first trigger word
    last: int  # token index just after it
    verb: bool  # a verb ("bombed", "struck"), not a noun


@dataclass(frozen=True)
class _Mention:
    first: int  # token range of the evidence
    last: int
    trigger: _Trigger
    location: Span | None
    target: Span | None
    date: Span | None
    frequency: Span | None
    perpetrator: Span | None
    clause: int  # index of the ";"-separated clause inside the sentence
    new_event: bool  # "another strike", "a second raid"


def find_strikes(text: str, within: Span) -> list[StrikeMention]:
    """The strike events mentioned inside ``within``, one mention per event, by offset."""
    tokens = tokenize(text, within)
    known = gazetteer_matches(text, within)
    results: list[StrikeMention] = []
    for start, end in sentences(text, tokens):
        sentence_span = Span(tokens[start].start, tokens[end - 1].end)
        dates = find_date_expressions(text, sentence_span)
        mentions = []
        floor = start
        for trigger in _triggers(tokens, start, end):
            mentions.append(_mention(text, tokens, trigger, (start, floor), end, known, dates))
            floor = trigger.last
        for mention in _merge(text, mentions):
            results.append(_as_result(text, tokens, mention))
    return results


# ---------------------------------------------------------------------------
# Triggers


def _triggers(tokens: Sequence[Token], start: int, end: int) -> list[_Trigger]:
    found: list[_Trigger] = []
    i = start
    while i < end:
        trigger = _noun_trigger(tokens, i, start, end) or _verb_trigger(tokens, i, start, end)
        if trigger is None:
            i += 1
            continue
        found.append(trigger)
        i = trigger.last
    return found


def _noun_trigger(tokens: Sequence[Token], i: int, start: int, end: int) -> _Trigger | None:
    """ "airstrikes", "missile strike", "artillery fire": weapon words ending in a head."""
    j = i
    while j < end and (_lower(tokens[j]) in _WEAPONS or _lower(tokens[j]) in _HEADS):
        j += 1
    if j < end and _lower(tokens[j]) in _HEADS_NEEDING_WEAPON and j > i:
        j += 1
    elif j == i and _lower(tokens[i]) == "bombs" and _after_drop(tokens, i, start):
        return _Trigger(i, i + 1, verb=False)  # "dropped bombs on the market"
    while j > i and not _is_head(tokens, i, j):
        j -= 1
    if j == i:
        return None
    head = _lower(tokens[j - 1])
    if tokens[i].lower in _WEAPONS and i > start and tokens[i - 1].lower in ("anti", "anti-"):
        return None
    following = _lower(tokens[j]) if j < end else ""
    if following in _NOT_AN_EVENT_AFTER:
        return None
    weapon = head in ("missile", "missiles", "rocket", "rockets")
    if weapon and (following in _MISSILE_NOT_A_STRIKE or _intercepted(tokens, i, start)):
        return None
    if weapon and _intercepted_after(tokens, j, end):
        return None
    if head in ("strike", "strikes") and j - i == 1 and _labour_or_idiom(tokens, i, start, end):
        return None
    if head in ("strike", "strikes") and j - i == 1 and _strike_as_verb(tokens, i, start, end):
        return None
    if head in ("raid", "raids") and i > start and tokens[i - 1].lower == "police":
        return None
    return _Trigger(i, j, verb=False)


def _after_drop(tokens: Sequence[Token], i: int, start: int) -> bool:
    """ "dropped bombs", "dropped two bombs"."""
    q = _before_count(tokens, i - 1, start)
    return q >= start and tokens[q].lower in ("dropped", "dropping", "drop", "drops")


def _intercepted(tokens: Sequence[Token], i: int, start: int) -> bool:
    return any(t.lower in _INTERCEPTED for t in tokens[max(start, i - 5) : i])


def _intercepted_after(tokens: Sequence[Token], j: int, end: int) -> bool:
    """ "four of the six missiles were intercepted", "rockets fired at Lviv were shot down".

    The weapons' own clause says they were stopped: a passive "intercepted",
    "downed" or "shot down" before the next comma, ";" or reporting word.
    """
    for k in range(j, min(end, j + 10)):
        token = tokens[k]
        relative = k == j and token.lower in ("that", "which")  # "rockets that were ..."
        if token.text in ",;:" or _is_trigger_word(token):
            return False
        if token.lower in _REPORTING and not relative:
            return False
        passive = k == j or tokens[k - 1].lower in _AUX | words("that which")
        stopped = token.lower in ("intercepted", "downed") or (
            token.lower == "shot" and k + 1 < end and tokens[k + 1].lower == "down"
        )
        if passive and stopped:
            return True
    return False


def _strike_as_verb(tokens: Sequence[Token], i: int, start: int, end: int) -> bool:
    """ "vowed to strike", "would strike", "its forces strike only ...": an intent or a policy.

    "strike" in the present tense or after a modal states what forces do or will do, not
    an event that happened: a modal or "to" before it, a subject pronoun, or a force noun
    with a generic marker ("only", "never", a possessive "its forces").
    """
    q = i - 1
    adverb = False
    while q >= start and tokens[q].lower in _GENERIC_ADVERBS | _DO_WORDS:
        adverb = adverb or tokens[q].lower in _GENERIC_ADVERBS
        q -= 1
    before = tokens[q].lower if q >= start else ""
    bare = tokens[i].lower == "strike"  # "in response to strikes on ..." is a noun
    if bare and (before in _MODALS or before == "to" or before in _SUBJECT_PRONOUNS):
        return True
    if not bare and before in ("it", "he", "she"):
        return True
    after = tokens[i + 1].lower if i + 1 < end else ""
    generic = adverb or after in _GENERIC_ADVERBS
    if before in _FORCE_NOUNS and tokens[i].lower == "strike":
        owner = tokens[q - 1].lower if q - 1 >= start else ""
        return generic or owner in _POSSESSIVES
    return generic and (before in _FORCE_NOUNS or before in _AGENT_WORDS)


_MODALS = words("will would could can may might must should shall 'll 'd")
_SUBJECT_PRONOUNS = words("we they it he she i you")
_POSSESSIVES = words("its their our his her my your")
_GENERIC_ADVERBS = words(
    """only never always routinely deliberately solely exclusively generally usually not
    ever also"""
)
_DO_WORDS = words("do does did don't doesn't didn't n't")


def _is_head(tokens: Sequence[Token], i: int, j: int) -> bool:
    last = _lower(tokens[j - 1])
    if last in _HEADS:
        return True
    return last in _HEADS_NEEDING_WEAPON and j - 1 > i


def _lower(token: Token) -> str:
    return token.lower if token.kind == "word" else ""


def _labour_or_idiom(tokens: Sequence[Token], i: int, start: int, end: int) -> bool:
    """ "went on strike", "a general strike", "strike action", "strike a deal"."""
    b = i - 1
    if b > start and tokens[b].text in ("'", "\u2019"):
        b -= 1  # "the workers' strike"
    before = tokens[b].lower if b >= start else ""
    after = tokens[i + 1].lower if i + 1 < end else ""
    if before in _LABOUR_BEFORE or after in _LABOUR_AFTER:
        return True
    if after in ("a", "an") and i + 2 < end and tokens[i + 2].lower in _IDIOM_OBJECTS:
        return True
    if after in ("down", "out", "up") and tokens[i].lower == "strike":
        return True
    return after == "by" and i + 2 < end and tokens[i + 2].lower in _NOT_STRIKING_OBJECTS


def _verb_trigger(tokens: Sequence[Token], i: int, start: int, end: int) -> _Trigger | None:
    word = _lower(tokens[i])
    if word in _VERB_TRIGGERS:
        return _Trigger(i, i + 1, verb=True)
    if word == "striking" and _striking_is_a_strike(tokens, i, start, end):
        return _Trigger(i, i + 1, verb=True)
    if word in _STRIKE_VERBS and _launcher_subject(tokens, i, start) is not None:
        return _Trigger(i, i + 1, verb=True)
    return None


def _striking_is_a_strike(tokens: Sequence[Token], i: int, start: int, end: int) -> bool:
    """ "by striking opposition-held areas": a gerund with an object, not "striking workers"."""
    before = tokens[i - 1].lower if i > start else ""
    after = tokens[i + 1] if i + 1 < end else None
    if before not in {
        "by",
        "for",
        "of",
        "from",
        "after",
        "while",
        "in",
        "and",
        "were",
        "was",
        "are",
        "is",
        "been",
        "keep",
        "kept",
        "continued",
        "began",
        "started",
    }:
        return False  # fmt: skip
    return after is not None and after.kind == "word" and after.lower not in _NOT_STRIKING_OBJECTS


def _launcher_subject(tokens: Sequence[Token], i: int, start: int) -> int | None:
    """The index of "jets"/"drones"/"artillery" doing verb ``i``: "Israeli jets struck"."""
    q = i - 1
    while q >= start and tokens[q].lower in _AUX:
        q -= 1
    if q >= start and tokens[q].lower in _ARMED:
        return q
    return None


# ---------------------------------------------------------------------------
# One mention: the trigger and its arguments


def _mention(
    text: str,
    tokens: Sequence[Token],
    trigger: _Trigger,
    bounds: tuple[int, int],
    end: int,
    known: dict[int, tuple[Span, str]],
    dates: list[tuple[Span, str]],
) -> _Mention:
    """The mention of one trigger; ``bounds`` are the sentence start and the previous trigger's end.

    Its span covers the trigger and those of its arguments that lie near it and
    after the previous trigger, so that two events in a sentence keep apart.
    """
    start, floor = bounds
    location, target = _place_and_target(text, tokens, trigger, start, end, known)
    agent = _perpetrator(text, tokens, trigger, start, end, known)
    frequency = _frequency(tokens, trigger, start, end)
    date = _nearest_date(tokens, trigger, dates)
    first = trigger.first
    last = trigger.last
    near_first = max(floor, trigger.first - 8)
    near = Span(tokens[near_first].start, tokens[min(end, trigger.last + 14) - 1].end)
    for span in (location, target, agent, frequency):
        if span is not None and near.start <= span.start and span.end <= near.end:
            first = min(first, _index_at(tokens, span.start))
            last = max(last, _index_at(tokens, span.end - 1) + 1)
    if date is not None and date.start > tokens[trigger.last - 1].end:
        last = max(last, _index_at(tokens, date.end - 1) + 1)
    clause = sum(1 for t in tokens[start : trigger.first] if t.text == ";")
    new_event = trigger.first > start and tokens[trigger.first - 1].lower in _NEW_EVENT
    return _Mention(first, last, trigger, location, target, date, frequency, agent, clause,
                    new_event)  # fmt: skip


def _index_at(tokens: Sequence[Token], offset: int) -> int:
    for index, token in enumerate(tokens):
        if token.start <= offset < token.end or token.start >= offset:
            return index
    return len(tokens) - 1


def _place_and_target(
    text: str,
    tokens: Sequence[Token],
    trigger: _Trigger,
    start: int,
    end: int,
    known: dict[int, tuple[Span, str]],
) -> tuple[Span | None, Span | None]:
    """Where the strike fell and what it hit, from the words after (or before) the trigger."""
    location: Span | None = None
    target: Span | None = None
    limit = min(end, trigger.last + 14)
    i = trigger.last
    while i < limit and tokens[i].text in _QUOTE_MARKS:
        i += 1  # a “massive strike” on military infrastructure
    if trigger.verb or _gerund(tokens, trigger, start):
        location, target, i = _object(text, tokens, i, limit, known)
    elif i < limit and tokens[i].lower in _TARGET_PREPOSITIONS:
        location, target, i = _object(text, tokens, i + 1, limit, known)
    else:
        verb = _target_verb(tokens, i, limit)
        if verb is not None:
            location, target, i = _object(text, tokens, verb, limit, known)
    if location is None:
        location = _place_after(text, tokens, i, limit, known)
    if target is None:
        subject_place, target = _passive_subject(text, tokens, trigger, start, known)
        location = location or subject_place
    if location is None:
        location = _place_before(text, tokens, trigger, start, known)
    return location, target


def _gerund_head(tokens: Sequence[Token], trigger: _Trigger) -> bool:
    return tokens[trigger.last - 1].lower in ("bombing", "shelling", "striking")


def _gerund(tokens: Sequence[Token], trigger: _Trigger, start: int) -> bool:
    """ "for bombing civilian areas": "bombing"/"shelling" used as a verb with an object."""
    if (
        tokens[trigger.last - 1].lower not in ("bombing", "shelling")
        or trigger.last - trigger.first > 1
    ):
        return False
    return trigger.first > start and tokens[trigger.first - 1].lower in _GERUND_BEFORE


_GERUND_BEFORE = words(
    """for by of from after while in and without before since stop stopped continue continued
    keep kept began begun started deny denied denies avoid halt resume resumed"""
)


def _target_verb(tokens: Sequence[Token], i: int, limit: int) -> int | None:
    """After a noun trigger: "(that|which) (aux) hit ..." -> the index after the verb."""
    j = i
    if j < limit and tokens[j].lower in ("that", "which"):
        j += 1
    while j < limit and tokens[j].lower in _AUX:
        j += 1
    if j < limit and tokens[j].lower in _TARGET_VERBS:
        return j + 1
    return None


def _object(
    text: str,
    tokens: Sequence[Token],
    i: int,
    limit: int,
    known: dict[int, tuple[Span, str]],
) -> tuple[Span | None, Span | None, int]:
    """The object at ``i``: a place (location) or a noun phrase (target)."""
    place = place_at(text, tokens, i, limit, known)
    if place is not None:
        after = place[1]
        names_thing = tokens[i].lower in _DETERMINERS or _without_possessive(tokens[after - 1]) < (
            tokens[after - 1].end
        )
        if names_thing and after < limit and _is_lower_word(tokens[after]):
            phrase = _noun_phrase(tokens, after, limit, text, known)
            if phrase is not None:  # "the El Fasher hospital": the place names the target
                target_start = i + 1 if tokens[i].lower in _DETERMINERS else i
                return (
                    place[0],
                    Span(tokens[target_start].start, tokens[phrase[1] - 1].end),
                    phrase[1],
                )
        return place[0], None, place[1]
    phrase = _noun_phrase(tokens, i, limit, text, known)
    if phrase is None:
        return None, None, i
    first, last = phrase
    return None, Span(tokens[first].start, tokens[last - 1].end), last


def _noun_phrase(
    tokens: Sequence[Token], i: int, limit: int, text: str, known: dict[int, tuple[Span, str]]
) -> tuple[int, int] | None:
    """A short noun phrase from ``i``: "civilian areas", "schools and hospitals"."""
    while i < limit and tokens[i].lower in _DETERMINERS:
        i += 1
    first = j = i
    while j < limit and j - first < 8:
        token = tokens[j]
        lower = token.lower
        if token.kind != "word" and not (token.kind == "number" and j == first):
            break
        if lower in ("and", "or"):
            nxt = tokens[j + 1] if j + 1 < limit else None
            # "schools and hospitals" goes on; "infrastructure and denied ..." is a new verb
            joins = nxt is not None and j > first and _np_word(nxt, first, j + 1)
            if joins and nxt is not None and not nxt.lower.endswith("ed"):
                j += 1
                continue
            break
        if lower == "of":
            nxt = tokens[j + 1] if j + 1 < limit else None
            if (
                j > first
                and nxt is not None
                and _is_lower_word(nxt)
                and nxt.lower not in DIRECTIONS
            ):
                j += 1  # "areas of the city" goes on; "areas of northern Aleppo" stops
                continue
            break
        if not _np_word(token, first, j) or (j > first and lower in _DETERMINERS):
            break
        if token.capitalised and _ends_name(text, tokens, first, j, limit, known):
            break
        j += 1
    while j > first and tokens[j - 1].lower in ("of", "and", "or"):
        j -= 1
    if j == first or tokens[first].lower in _PRONOUNS:
        return None
    return first, j


def _ends_name(
    text: str,
    tokens: Sequence[Token],
    first: int,
    j: int,
    limit: int,
    known: dict[int, tuple[Span, str]],
) -> bool:
    """A capitalised word not followed by a noun it modifies: a place or a name, not a target."""
    if j + 1 < limit and _is_lower_word(tokens[j + 1]):
        return False
    return j == first or place_at(text, tokens, j, limit, known) is not None


def _np_word(token: Token, first: int, j: int) -> bool:
    lower = token.lower
    if token.kind != "word" or lower in _NP_STOP or lower in WEEKDAY_AND_MONTH_WORDS:
        return False
    return not (j > first and lower.endswith("ing") and lower not in _ING_NOUNS)


def _is_lower_word(token: Token) -> bool:
    return token.kind == "word" and not token.capitalised and token.lower not in _NP_STOP


def _place_after(
    text: str, tokens: Sequence[Token], i: int, limit: int, known: dict[int, tuple[Span, str]]
) -> Span | None:
    """ "in Aleppo", "of northern Aleppo", "near Kharkiv" shortly after the trigger."""
    for j in range(i, limit):
        lower = tokens[j].lower
        if lower in _BARRIERS or tokens[j].text in ";" or _is_trigger_word(tokens[j]):
            return None
        if lower in PLACE_PREPOSITIONS:
            found = place_at(text, tokens, j + 1, limit, known)
            if found is not None:
                return found[0]
    return None


def _is_trigger_word(token: Token) -> bool:
    lower = _lower(token)
    return lower in _HEADS or lower in _VERB_TRIGGERS


def _place_before(
    text: str,
    tokens: Sequence[Token],
    trigger: _Trigger,
    start: int,
    known: dict[int, tuple[Span, str]],
) -> Span | None:
    """The nearest "in/of/near <place>" earlier in its clause, not past another trigger."""
    for j in range(trigger.first - 1, max(start - 1, trigger.first - 16), -1):
        if _is_trigger_word(tokens[j]) or tokens[j].text == ";" or tokens[j].lower in _REPORTING:
            return None
        if tokens[j].lower in PLACE_PREPOSITIONS:
            found = place_at(text, tokens, j + 1, trigger.first, known)
            if found is not None:
                return found[0]
    return None


def _passive_subject(
    text: str,
    tokens: Sequence[Token],
    trigger: _Trigger,
    start: int,
    known: dict[int, tuple[Span, str]],
) -> tuple[Span | None, Span | None]:
    """ "the hospital was bombed", "Kharkiv was hit by a missile": the subject is what was hit."""
    q = trigger.first - 1
    if not trigger.verb:
        # "... was hit by (a) missile": step back over "by", a determiner, weapon words
        while q >= start and (tokens[q].lower in _DETERMINERS or tokens[q].lower in _WEAPONS):
            q -= 1
        if q < start or tokens[q].lower != "by":
            return None, None
        q -= 1
        if q < start or tokens[q].lower not in _TARGET_VERBS | _VERB_TRIGGERS:
            return None, None
        q -= 1
    if q < start or tokens[q].lower not in ("was", "were", "been", "being", "is", "are"):
        return None, None
    while q >= start and tokens[q].lower in _AUX:
        q -= 1
    last = q + 1
    first = last
    while first - 1 >= start and _subject_word(tokens[first - 1]) and last - first < 6:
        first -= 1
    if first == last - 1 and tokens[first].lower == "it":
        return _antecedent_place(text, tokens, first, start, known), None
    if first == last or tokens[first].lower in _PRONOUNS:
        return None, None
    place = place_at(text, tokens, first, last, known)
    if place is not None and place[1] == last:
        return place[0], _thing_in_place(tokens, first, start)
    while first < last and tokens[first].lower in _DETERMINERS:
        first += 1
    if first == last:
        return None, None
    return None, Span(tokens[first].start, tokens[last - 1].end)


def _antecedent_place(
    text: str, tokens: Sequence[Token], pronoun: int, start: int, known: dict[int, tuple[Span, str]]
) -> Span | None:
    """ "... of Aleppo when it was bombed": "it" stands for the last place named before it."""
    for j in range(pronoun - 1, max(start - 1, pronoun - 12), -1):
        if _is_trigger_word(tokens[j]) or tokens[j].text == ";":
            return None
        if tokens[j].lower in PLACE_PREPOSITIONS:
            found = place_at(text, tokens, j + 1, pronoun, known)
            if found is not None:
                return found[0]
    return None


def _thing_in_place(tokens: Sequence[Token], place_first: int, start: int) -> Span | None:
    """ "The hospital in Idlib was hit": the noun phrase before "in <place>"."""
    q = place_first - 1
    if q <= start or tokens[q].lower not in ("in", "near", "outside", "at"):
        return None
    last = q
    first = last
    while first - 1 >= start and _subject_word(tokens[first - 1]) and last - first < 5:
        first -= 1
    while first < last and tokens[first].lower in _DETERMINERS:
        first += 1
    if first == last or tokens[first].lower in _PRONOUNS:
        return None
    return Span(tokens[first].start, tokens[last - 1].end)


def _subject_word(token: Token) -> bool:
    return token.kind == "word" and token.lower not in _NP_STOP - {"the"} | _BARRIERS


# ---------------------------------------------------------------------------
# Perpetrator


def _perpetrator(
    text: str,
    tokens: Sequence[Token],
    trigger: _Trigger,
    start: int,
    end: int,
    known: dict[int, tuple[Span, str]],
) -> Span | None:
    """Whose strike, as written, in order of trust.

    1. words before the trigger: "Russian bombing", "U.S.-led coalition airstrikes";
    2. "by ...": "bombed by Israeli jets", "strikes carried out by the coalition";
    3. the subject: "Israel launched airstrikes", "Russian jets struck";
    4. aircraft or forces earlier in the sentence, unless negated ("no Russian planes").
    """
    if trigger.verb:
        launcher = _launcher_subject(tokens, trigger.first, start)
        if launcher is not None:
            return _owner(text, tokens, launcher, start, end, known)
    own = _agent_before(tokens, trigger.first, start, known)
    if own is not None:
        return own
    by_phrase = _by_agent(text, tokens, trigger, start, end, known)
    if by_phrase is not None:
        return by_phrase
    subject = _subject_agent(text, tokens, trigger, start, end, known)
    if subject is not None:
        return subject
    return _nearby_force(text, tokens, trigger, start, end, known)


def _agent_before(
    tokens: Sequence[Token], i: int, start: int, known: dict[int, tuple[Span, str]]
) -> Span | None:
    """Agent words right before ``i``, past adjectives and a count: "over 250 Russian"."""
    q = i - 1
    while q >= start and tokens[q].lower in _ADJECTIVES_TO_SKIP:
        q -= 1
    last = q + 1
    while q >= start and _agent_word(tokens[q], known) and count_at(tokens, q) is None:
        q -= 1
    first = q + 1
    if first == last:
        return None
    return Span(tokens[first].start, _without_possessive(tokens[last - 1]))


def _agent_word(token: Token, known: dict[int, tuple[Span, str]]) -> bool:
    lower = token.lower
    bare = re.sub(r"'s$", "", lower)
    if token.kind != "word" or bare in WEEKDAY_AND_MONTH_WORDS or lower in _DETERMINERS:
        return False
    if lower in _ADJECTIVES_TO_SKIP or bare in ("yesterday", "today", "last", "this"):
        return False
    entry = known.get(token.start)
    if entry is not None and entry[1] == "place":
        return False  # "Aleppo bombing": a place, not an agent
    if bare in _AGENT_WORDS or re.search(r"-(?:led|backed)$", bare):
        return True
    if bare in _HEADS or bare in _WEAPONS or bare in _FORCE_NOUNS or bare in _LAUNCHERS:
        return False
    return token.capitalised and token.text not in ("The", "A", "An", "In", "On", "At")


def _without_possessive(token: Token) -> int:
    match = re.search(r"['\u2019]s$", token.text)
    return token.end - 2 if match else token.end


def _by_agent(
    text: str,
    tokens: Sequence[Token],
    trigger: _Trigger,
    start: int,
    end: int,
    known: dict[int, tuple[Span, str]],
) -> Span | None:
    """ "bombed by Israeli jets", "airstrikes carried out by the Saudi-led coalition"."""
    for j in range(trigger.last, min(end, trigger.last + 9)):
        token = tokens[j]
        if token.lower == "by":
            return _agent_phrase(text, tokens, j + 1, end, known)
        if token.kind == "punct" or token.lower in _REPORTING or _is_trigger_word(token):
            return None
        if token.lower in _CASUALTY_VERBS:
            return None
    return None


def _agent_phrase(
    text: str, tokens: Sequence[Token], i: int, end: int, known: dict[int, tuple[Span, str]]
) -> Span | None:
    """The agent named by the phrase at ``i``: "Israeli jets" -> "Israeli"; "Russia"."""
    while i < end and tokens[i].lower in _DETERMINERS | _ADJECTIVES_TO_SKIP:
        i += 1
    entry = known.get(tokens[i].start) if i < end else None
    if entry is not None and entry[1] in ("country", "organization"):
        return entry[0]
    j = i
    while j < end and _agent_word(tokens[j], known) and tokens[j].lower not in _FORCE_NOUNS:
        j += 1
    if j > i:
        return Span(tokens[i].start, _without_possessive(tokens[j - 1]))
    if i < end and tokens[i].lower in _AGENT_WORDS:
        return Span(tokens[i].start, tokens[i].end)
    return None


def _subject_agent(
    text: str,
    tokens: Sequence[Token],
    trigger: _Trigger,
    start: int,
    end: int,
    known: dict[int, tuple[Span, str]],
) -> Span | None:
    """The subject of "carried out/launched ... strikes" or of a verb trigger."""
    q = trigger.first - 1
    if not trigger.verb:
        q = _before_count(tokens, q, start)
        if q >= start and tokens[q].lower in ("out", "up"):
            q -= 1
        if q < start or tokens[q].lower not in _SUPPORT_VERBS:
            return None
        q -= 1
    while q >= start and tokens[q].lower in _AUX:
        q -= 1
    if q < start or tokens[q].lower in _NEGATIONS:
        return None
    if tokens[q].lower in _FORCE_NOUNS:
        return _owner(text, tokens, q, start, end, known)
    return _entity_ending_at(tokens, q, start, known)


def _entity_ending_at(
    tokens: Sequence[Token], q: int, start: int, known: dict[int, tuple[Span, str]]
) -> Span | None:
    """The actor whose name ends at token ``q``: "Israel", "the coalition", "Russia's army"."""
    end_offset = _without_possessive(tokens[q])
    for span, kind in known.values():
        if kind in ("country", "organization") and span.end in (end_offset, tokens[q].end):
            return Span(span.start, end_offset)
    last = q + 1
    while q >= start and _agent_word(tokens[q], known):
        q -= 1
    if q + 1 == last or (q >= start and tokens[q].lower in _NEGATIONS):
        return None
    lone = tokens[q + 1]
    if q + 2 == last and q + 1 == start and not _names_people(lone, known):
        return None  # a capitalised word opening the sentence may be any word
    return Span(tokens[q + 1].start, _without_possessive(tokens[last - 1]))


def _names_people(token: Token, known: dict[int, tuple[Span, str]]) -> bool:
    return token.start in known or token.lower in _AGENT_WORDS or is_demonym(token.text)


def _nearby_force(
    text: str,
    tokens: Sequence[Token],
    trigger: _Trigger,
    start: int,
    end: int,
    known: dict[int, tuple[Span, str]],
) -> Span | None:
    """ "American warplanes for bombing", "aircraft of the U.S. Air Force ... made strikes"."""
    linked = trigger.verb or _after_support_verb(tokens, trigger, start)
    before = tokens[trigger.first - 1].lower if trigger.first > start else ""
    # "blamed American warplanes for bombing", "accused army jets of shelling"
    if not linked and not (before == "for" or (before == "of" and _gerund_head(tokens, trigger))):
        return None
    for q in range(trigger.first - 1, max(start - 1, trigger.first - 30), -1):
        lower = tokens[q].lower
        if lower in _BARRIERS or tokens[q].text in ";:":
            return None
        if lower in _FORCE_NOUNS or (lower == "force" and tokens[q].capitalised):
            if _negated(tokens, q, start):
                return None
            return _owner(text, tokens, q, start, end, known)
    return None


def _after_support_verb(tokens: Sequence[Token], trigger: _Trigger, start: int) -> bool:
    q = _before_count(tokens, trigger.first - 1, start)
    if q >= start and tokens[q].lower in ("out", "up"):
        q -= 1
    return q >= start and tokens[q].lower in _SUPPORT_VERBS


def _before_count(tokens: Sequence[Token], q: int, start: int) -> int:
    """Step back from ``q`` over a determiner or a count ("at least five") and adjectives."""
    while q >= start and (tokens[q].lower in _ADJECTIVES_TO_SKIP or tokens[q].text in _QUOTE_MARKS):
        q -= 1
    for candidate in range(max(start, q - 5), q + 1):
        count = count_at(tokens, candidate)
        if count is not None and count.last == q + 1:
            return candidate - 1
    while q >= start and tokens[q].lower in _DETERMINERS:
        q -= 1
    return q


def _negated(tokens: Sequence[Token], q: int, start: int) -> bool:
    """ "no Russian planes": a negation just before the force noun's phrase."""
    for r in range(q - 1, max(start - 1, q - 5), -1):
        if tokens[r].lower in _NEGATIONS:
            return True
        if not (tokens[r].capitalised or tokens[r].lower in _AGENT_WORDS | _ADJECTIVES_TO_SKIP):
            return False
    return False


def _owner(
    text: str,
    tokens: Sequence[Token],
    q: int,
    start: int,
    end: int,
    known: dict[int, tuple[Span, str]],
) -> Span | None:
    """Whose forces: "American warplanes" -> "American"; "aircraft of the U.S. Air Force"."""
    for span, kind in known.values():
        if span.start <= tokens[q].start < span.end and kind in ("organization", "country"):
            return span
    if tokens[q].capitalised:
        first = q
        while first - 1 >= start and tokens[first - 1].capitalised:
            first -= 1
        if first < q:
            return Span(tokens[first].start, tokens[q].end)
    if _negated(tokens, q, start):
        return None
    if tokens[q].lower == "force" and q - 1 >= start and tokens[q - 1].lower == "air":
        q -= 1  # "the Ethiopian air force"
    before = _agent_before(tokens, q, start, known)
    if before is not None:
        return before
    if q + 2 < end and tokens[q + 1].lower == "of":
        return _agent_phrase(text, tokens, q + 2, end, known)
    return None


# ---------------------------------------------------------------------------
# Frequency and date


def _frequency(tokens: Sequence[Token], trigger: _Trigger, start: int, end: int) -> Span | None:
    """ "over 250 Russian airstrikes per day": a count, the trigger and a rate after it."""
    rate_end = _rate_end(tokens, trigger.last, end)
    daily_before = trigger.first > start and tokens[trigger.first - 1].lower in ("daily", "nightly")
    if rate_end is None and not daily_before:
        return None
    q = trigger.first - 1
    while q >= start and (_agent_word(tokens[q], {}) or tokens[q].lower in _ADJECTIVES_TO_SKIP):
        q -= 1
    if q > start and tokens[q].lower == "of":
        q -= 1  # "dozens of Israeli air strikes a day"
    first = trigger.first - 1 if daily_before else trigger.first
    for candidate in range(max(start, q - 5), q + 1):
        count = count_at(tokens, candidate)
        if count is not None and count.last == q + 1:
            first = candidate
            break
    last = rate_end if rate_end is not None else trigger.last
    return Span(tokens[first].start, tokens[last - 1].end)


def _rate_end(tokens: Sequence[Token], i: int, end: int) -> int | None:
    if i < end and tokens[i].lower in ("daily", "nightly"):
        return i + 1
    if i + 1 < end and tokens[i].lower in _RATE_OPENERS and tokens[i + 1].lower in _RATE_UNITS:
        after = tokens[i + 2].lower if i + 2 < end else ""
        if after not in _NOT_RATE_AFTER:
            return i + 2
    return None


def _nearest_date(
    tokens: Sequence[Token], trigger: _Trigger, dates: list[tuple[Span, str]]
) -> Span | None:
    """The date expression nearest the trigger in its sentence, preferring one after it."""
    trigger_end = tokens[trigger.last - 1].end
    trigger_start = tokens[trigger.first].start
    after = [
        span
        for span, _ in dates
        if span.start >= trigger_end and not _reported_between(tokens, trigger_end, span.start)
    ]
    before = [
        span
        for span, _ in dates
        if span.end <= trigger_start and not _statement_date(tokens, span.start)
    ]
    if after and (not before or after[0].start - trigger_end <= 80):
        return after[0]
    return before[-1] if before else None


def _statement_date(tokens: Sequence[Token], offset: int) -> bool:
    """ "a statement issued on Sunday", "a briefing on Monday": the date of the words said."""
    before = [t.lower for t in tokens if t.end <= offset][-4:]
    return any(word in _STATEMENT_NOUNS for word in before)


_STATEMENT_NOUNS = words(
    """statement statements briefing briefings announcement interview remarks speech
    communique press conference post posts message video address"""
)


def _reported_between(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Whether a reporting verb stands between two offsets ("..., officials said on Monday")."""
    return any(t.lower in _REPORTING for t in tokens if start <= t.start < end)


# ---------------------------------------------------------------------------
# Merging and results


def _merge(text: str, mentions: list[_Mention]) -> list[_Mention]:
    merged: list[_Mention] = []
    for mention in mentions:
        if merged and _same_event(text, merged[-1], mention):
            merged[-1] = _combine(merged[-1], mention)
        else:
            merged.append(mention)
    return merged


def _same_event(text: str, first: _Mention, second: _Mention) -> bool:
    if second.new_event or first.clause != second.clause:
        return False
    if (first.frequency is None) != (second.frequency is None):
        return False
    for a, b in (
        (first.location, second.location),
        (first.date, second.date),
        (first.perpetrator, second.perpetrator),
    ):
        if a is not None and b is not None and a.of(text).lower() != b.of(text).lower():
            return False
    return True


def _combine(first: _Mention, second: _Mention) -> _Mention:
    return replace(
        first,
        first=min(first.first, second.first),
        last=max(first.last, second.last),
        location=first.location or second.location,
        target=first.target or second.target,
        date=first.date or second.date,
        frequency=first.frequency or second.frequency,
        perpetrator=first.perpetrator or second.perpetrator,
    )


def _as_result(text: str, tokens: Sequence[Token], mention: _Mention) -> StrikeMention:
    trigger = mention.trigger
    trigger_span = Span(tokens[trigger.first].start, tokens[trigger.last - 1].end)

    def words(span: Span | None) -> str | None:
        return span.of(text) if span is not None else None

    return StrikeMention(
        span=Span(tokens[mention.first].start, tokens[mention.last - 1].end),
        trigger=trigger_span.of(text),
        location=words(mention.location),
        target=words(mention.target),
        date_text=words(mention.date),
        frequency_text=words(mention.frequency),
        perpetrator=words(mention.perpetrator),
    )
