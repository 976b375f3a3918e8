"""Joining speaker, cue and content: who said what, and through whom.

:func:`attribute` walks the article unit by unit (a unit is a sentence, or
several when a quotation runs across sentence ends) and reads each cue of the
lexicon in the constructions it takes:

- ``SPEAKER cue (that) CLAUSE`` and ``SPEAKER cue: "QUOTE"``
- ``"QUOTE," SPEAKER cue`` and ``CLAUSE, SPEAKER cue`` (content before the speaker)
- ``"QUOTE," cue SPEAKER`` and ``CLAUSE, cue SPEAKER, ROLE`` (inverted)
- ``SPEAKER told HEARER (that) CLAUSE``: an outlet as hearer is a ``via``
- ``according to SPEAKER, CLAUSE`` / ``CLAUSE, according to SPEAKER``
- ``SPEAKER accused/blamed TARGET of/for ...``, ``... blamed X on TARGET``: the
  target is the alleged perpetrator
- ``SPEAKER denied/rejected/dismissed OBJECT``
- continuations: ``..., saying ...``, ``... and denied ...`` (the same speaker),
  ``He went on to blame``, ``X has said``, ``X was quoted as saying``,
  ``In a statement, X said``, and a quotation that follows a quoted statement
  without a cue of its own.

Outlets relay statements: ``as reported by CNN``, ``according to Middle East Eye``
after a speaker, ``as Reuters characterized ...``, ``X told Reuters``, and
``The Guardian reports that X denied ...`` (X via The Guardian).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from claimgraph.extract.actors import (
    DETERMINERS,
    PP_PREPS,
    TIME_WORDS,
    ActorBook,
    Phrase,
    is_np_word,
    left_phrase,
    make_phrase,
    right_phrase,
    trim_phrase,
)
from claimgraph.extract.text import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    STRAIGHT_QUOTE,
    CueMatch,
    Lexicon,
    Token,
    find_cues,
    inside_quotes,
    load_lexicon,
    normalise,
    quotations,
    units,
    word_set,
)
from claimgraph.model import Span

_BRIDGE_WORDS = word_set(
    """also later earlier then again further separately previously repeatedly already still now
    once initially subsequently recently first swiftly quickly flatly publicly privately
    strongly categorically vehemently angrily even long"""
)
_SUBJECT_PRONOUNS = word_set("he she they it")
_MODALS = word_set("did does do would will could can may might should must")
_NEGATIONS = word_set("not never n't")
_PERFECT = word_set("has have had")
_CONTINUE_VERBS = word_set(
    """continued proceeded sought rushed moved hastened appeared seemed was were is are"""
)
_SETTING_WORDS = word_set(
    """statement interview briefing conference post video message telegram twitter facebook x
    television tv radio phone telephone email e-mail anonymity condition speech address
    broadcast website channel communique communiqué release"""
)
_FILLER_WORDS = word_set(
    """earlier later again also separately repeatedly today yesterday tonight overnight late
    early previously recently only simply merely briefly"""
)
_RELAY_VERBS = word_set(
    """reported characterized characterised described noted put wrote reports said quoted cited"""
)
_DOCUMENT_LEADS = word_set(
    """statement report figures data estimates tally count communique release post"""
)


@dataclass
class Attribution:
    """One statement as the text gives it, before its meaning is read."""

    cue: CueMatch
    cue_span: Span
    speakers: list[str]  # Actor keys
    content: Span
    evidence: Span
    quoted: bool = False
    via: list[str] = field(default_factory=list)  # Source keys, nearest the speaker first
    targets: list[str] = field(default_factory=list)  # Actor keys: accused / blamed
    speaker_span: Span | None = None
    unit: Span | None = None
    refers_back: bool = False  # rejects the statement just before it ("an accusation X denied")
    about_span: Span | None = None  # content plus "of the blogger's account" after the cue


@dataclass
class _Context:
    text: str
    tokens: Sequence[Token]
    quotes: list[Span]
    book: ActorBook
    lexicon: Lexicon
    pending_via: list[str] = field(default_factory=list)  # "X, citing Y, said": X relays Y


def attribute(text: str, tokens: Sequence[Token], book: ActorBook) -> list[Attribution]:
    """Every attribution in the article, in text order."""
    context = _Context(text, tokens, quotations(text), book, load_lexicon())
    found: list[Attribution] = []
    starts = [t.start for t in tokens]
    for unit in units(text):
        lo, hi = _token_range(tokens, starts, unit)
        if lo >= hi:
            continue
        in_unit = _unit_attributions(context, unit, lo, hi, found)
        if not in_unit:
            continuation = _continued_quote(context, unit, found)
            if continuation is not None:
                in_unit = [continuation]
        found.extend(in_unit)
    return found


def _token_range(tokens: Sequence[Token], starts: list[int], span: Span) -> tuple[int, int]:
    """Indices ``[lo, hi)`` of the tokens inside ``span``."""
    lo = bisect_left(starts, span.start)
    hi = lo
    while hi < len(tokens) and tokens[hi].end <= span.end:
        hi += 1
    return lo, hi


# ---------------------------------------------------------------------------
# One unit


@dataclass
class _Plan:
    """A cue and how it attaches, before content is cut."""

    cue: CueMatch
    mode: str  # "left" | "inverted" | "inherit" | "source"
    attach: int  # first token of the attribution apparatus
    speaker: Phrase | None = None
    role: Phrase | None = None
    speakers: list[str] = field(default_factory=list)
    cue_first: int = 0
    after: int = 0  # first token after the cue (and its speaker, when inverted)
    bounding: bool = False  # ends the content of the cue before it
    via: list[str] = field(default_factory=list)
    refers_back: bool = False  # ", an accusation X denied": about the statement just before
    referent: Span | None = None  # "an accusation": what such a denial rejects, as written


def _unit_attributions(
    context: _Context, unit: Span, lo: int, hi: int, earlier: list[Attribution]
) -> list[Attribution]:
    """The attributions of one unit: plan every cue, then cut contents."""
    tokens = context.tokens
    unit_quotes = [q for q in context.quotes if q.start < unit.end and q.end > unit.start]
    cues = [c for c in find_cues(context.text, tokens[lo:hi], unit_quotes, context.lexicon)]
    cues = [_shift(c, lo) for c in cues if _cue_case_ok(tokens, lo, c.first + lo)]
    relays = _relay_phrases(context, lo, hi)
    plans: list[_Plan] = []
    for cue in cues:
        if any(r_first <= cue.first <= r_last for r_first, r_last, _ in relays):
            continue
        plan = _plan(context, cue, lo, hi, plans, earlier)
        if plan is not None:
            plans.append(plan)
    if any(p.mode != "source" for p in plans):
        for plan in [p for p in plans if p.mode == "source"]:
            assert plan.speaker is not None
            key = context.book.outlet(plan.speaker)
            if key is not None:
                relays.append((plan.attach, plan.speaker.last, key))
            plans.remove(plan)
    results: list[Attribution] = []
    for index, plan in enumerate(plans):
        results.extend(_realise(context, plan, plans, index, lo, hi, relays, earlier + results))
    return _resolve_nesting(context, results)


def _shift(cue: CueMatch, lo: int) -> CueMatch:
    """A cue matched on a slice of the tokens, with indices into all of them."""
    return CueMatch(cue.cue, cue.first + lo, cue.last + lo, cue.span)


def _cue_case_ok(tokens: Sequence[Token], lo: int, index: int) -> bool:
    """Cues are lower case, except at the start of a unit or after an opening quote."""
    token = tokens[index]
    if not token.text[:1].isupper():
        return True
    if index == lo:
        return True
    return tokens[index - 1].text in OPEN_QUOTES + STRAIGHT_QUOTE + "(—-"


def _plan(
    context: _Context,
    cue: CueMatch,
    lo: int,
    hi: int,
    plans: list[_Plan],
    earlier: list[Attribution],
) -> _Plan | None:
    """How a cue attaches to its speaker, or None when it has no speaker."""
    tokens = context.tokens
    patterns = cue.cue.patterns
    if "source" in patterns:
        return _plan_source(context, cue, lo, hi)
    np_end, aux, negated, passive = _bridge(tokens, lo, cue.first)
    if negated or passive:
        return None
    cue_first = aux if aux is not None else cue.first
    before = tokens[np_end - 1] if np_end - 1 >= lo else None
    participle = cue.span.of(context.text).lower().split()[0].endswith("ing")
    if participle and (
        before is None
        or before.text in ",;\u2014" + CLOSE_QUOTES + STRAIGHT_QUOTE
        or before.lower in ("while", "and")
    ):
        source = _inherit_source(plans, context, lo, cue.first)
        if source is None:
            return None
        attach = np_end - 1 if before is not None else cue.first
        return _Plan(
            cue,
            "inherit",
            attach,
            speakers=source,
            cue_first=cue_first,
            after=cue.last + 1,
            bounding=True,
        )
    if participle and before is not None and before.lower == "as":
        return _plan_quoted_as(context, cue, lo, np_end - 1)
    if (
        before is not None
        and before.lower in ("which", "who")
        and plans
        and np_end - 2 >= lo
        and tokens[np_end - 2].text == ","
    ):
        return _Plan(
            cue,
            "inherit",
            np_end - 2,
            speakers=list(plans[-1].speakers),
            cue_first=cue_first,
            after=cue.last + 1,
            bounding=True,
        )
    if before is not None and before.lower in ("and", "but") and plans:
        attach = np_end - 1
        if attach - 1 >= lo and tokens[attach - 1].text == ",":
            attach -= 1
        return _Plan(
            cue,
            "inherit",
            attach,
            speakers=list(plans[-1].speakers),
            cue_first=cue_first,
            after=cue.last + 1,
            bounding=True,
        )
    if before is not None and (before.text == "," or before.text in CLOSE_QUOTES + STRAIGHT_QUOTE):
        apposed = _left_apposition(context, lo, np_end) if before.text == "," else None
        if apposed is not None:
            return apposed_plan(context, cue, apposed, cue_first)
        if "inverted" in patterns or "quote" in patterns:
            inverted = _plan_inverted(context, cue, hi, np_end)
            if inverted is not None:
                return inverted
        return None
    if before is not None and before.lower in _SUBJECT_PRONOUNS:
        phrase: Phrase | None = make_phrase(tokens, np_end - 1, np_end - 1)
    else:
        phrase = left_phrase(tokens, lo, np_end)
    if phrase is None:
        return None
    phrase = _after_claim_noun(tokens, phrase)
    if phrase.first - 1 >= lo and tokens[phrase.first - 1].lower == "what":
        return None  # "What the army calls a security zone"
    if _is_bare_document(context, phrase) and earlier:
        return _Plan(
            cue,
            "left",
            phrase.first,
            speaker=phrase,
            speakers=list(earlier[-1].speakers),
            cue_first=cue_first,
            after=cue.last + 1,
        )
    adjacent = phrase if phrase.last + 1 == cue_first else None
    phrase = _relative_fallback(context, lo, np_end, phrase) or adjacent
    if phrase is None:
        return None
    phrase = _extend_collective(context, lo, phrase)
    speakers = context.book.speakers(phrase)
    if not speakers and phrase is adjacent:
        speakers = context.book.bare_name(phrase)  # "Rosatom said ..."
    if not speakers:
        return None
    opens = _opens_clause(tokens, lo, phrase.first)
    attach = phrase.first
    back = _refers_back(tokens, lo, phrase.first)
    if back is not None:
        attach = back
    elif opens:
        attach -= 1
        if attach - 1 >= lo and tokens[attach - 1].text == ",":
            attach -= 1
    return _Plan(
        cue,
        "left",
        attach,
        speaker=phrase,
        speakers=speakers,
        cue_first=cue_first,
        after=cue.last + 1,
        bounding=opens,
        refers_back=back is not None,
        referent=_referent(tokens, back, phrase.first),
    )


def _plan_quoted_as(context: _Context, cue: CueMatch, lo: int, as_index: int) -> _Plan | None:
    """ "OUTLET quoted SPEAKER(, ROLE,) as saying ...": the speaker is the object of "quoted",
    the outlet relays the words."""
    tokens = context.tokens
    relay = None
    for index in range(as_index - 1, lo - 1, -1):
        if tokens[index].text in ';:\u201c\u201d"':
            return None
        if tokens[index].lower in ("quoted", "cited"):
            relay = index
            break
    if relay is None or relay + 1 >= as_index:
        return None
    end = as_index - 1 if tokens[as_index - 1].text == "," else as_index
    phrase = right_phrase(tokens, relay + 1, end)
    if phrase is None:
        return None
    role = None
    if phrase.last + 1 < end and tokens[phrase.last + 1].text == ",":
        role = right_phrase(tokens, phrase.last + 2, end)
        if role is None or role.last != end - 1:
            return None
        phrase, role = _order_apposition(context, phrase, role)
    elif phrase.last != end - 1:
        return None
    book = context.book
    speakers = book.apposed(phrase, role) if role is not None else book.speakers(phrase)
    if not speakers:
        return None
    outlet = left_phrase(tokens, lo, relay)
    key = None
    if outlet is not None:
        key = (
            _outlet_named_before(context, outlet)  # "the channel quoted ..."
            or book.outlet(outlet)
            or _lowercase_outlet(context, outlet)
        )
    return _Plan(
        cue,
        "left",
        outlet.first if outlet is not None else relay,
        speaker=phrase,
        role=role,
        speakers=speakers,
        cue_first=cue.first,
        after=cue.last + 1,
        via=[key] if key else [],
    )


def apposed_plan(
    context: _Context, cue: CueMatch, apposed: tuple[Phrase, Phrase | None], cue_first: int
) -> _Plan | None:
    """A plan for "NAME, ROLE, said" or "NAME, who ..., said"."""
    name, role = apposed
    via, context.pending_via = context.pending_via, []
    book = context.book
    speakers = book.apposed(name, role) if role is not None else book.speakers(name)
    if not speakers:
        return None
    first = min(name.first, role.first) if role is not None else name.first
    opens = _opens_clause(context.tokens, 0, first)
    attach = first - 1 if opens else first
    if opens and attach - 1 >= 0 and context.tokens[attach - 1].text == ",":
        attach -= 1
    return _Plan(
        cue,
        "left",
        attach,
        speaker=name,
        role=role,
        speakers=speakers,
        cue_first=cue_first,
        after=cue.last + 1,
        bounding=opens,
        via=via,
    )


def _opens_clause(tokens: Sequence[Token], lo: int, first: int) -> bool:
    """Whether a speaker phrase starts a new clause (", and X said") rather than a nested one."""
    before = first - 1
    if before < lo or before < 0:
        return False
    word = tokens[before].lower
    if word in ("and", "but", "while", "whereas", ";", "with"):
        return True
    return _refers_back(tokens, lo, first) is not None


_CLAIM_NOUNS = word_set("accusation allegation claim charge assertion report version account")


def _refers_back(tokens: Sequence[Token], lo: int, first: int) -> int | None:
    """ ", an accusation the Kremlin dismissed": the index of the comma when present."""
    index = first - 1
    if index >= lo and tokens[index].lower == "that":
        index -= 1
    if index - 2 < lo or tokens[index].lower not in _CLAIM_NOUNS:
        return None
    if (
        tokens[index - 1].lower not in ("a", "an", "the", "which", "this")
        or tokens[index - 2].text != ","
    ):
        return None
    return index - 2


def _bridge(tokens: Sequence[Token], lo: int, cue_first: int) -> tuple[int, int | None, bool, bool]:
    """Skip adverbs, auxiliaries, "went on to", "in a statement" leftwards from a cue.

    Returns the index just after the speaker phrase, the index of an adjacent
    perfect auxiliary (part of the cue as written), whether the cue is negated,
    and whether it is passive ("was accused").
    """
    index = cue_first - 1
    aux = None
    negated = False
    passive = False
    while index >= lo:
        token = tokens[index]
        word = token.lower
        if word in _PERFECT:
            if index == cue_first - 1:
                aux = index
            index -= 1
            continue
        if word in ("was", "were", "been", "being", "is", "are", "be") and index == cue_first - 1:
            passive = True
            break
        if word in _NEGATIONS:
            negated = True
            index -= 1
            continue
        if word in _MODALS or word in _BRIDGE_WORDS:
            index -= 1
            continue
        if token.kind == "word" and not token.is_cap and word.endswith("ly") and len(word) > 4:
            index -= 1
            continue
        if word == "to" and index - 1 >= lo:
            back = _went_on_to(tokens, lo, index)
            if back is not None:
                index = back
                continue
        if token.is_cap and word in TIME_WORDS:
            index -= 1
            if index >= lo and tokens[index].lower in ("on", "late", "early", "earlier", "last"):
                index -= 1
            continue
        if (
            word in ("night", "morning", "afternoon", "evening")
            and index - 1 >= lo
            and tokens[index - 1].lower in TIME_WORDS
        ):
            index -= 2
            if index >= lo and tokens[index].lower in ("on", "late", "early", "last"):
                index -= 1
            continue
        setting = _setting_before(tokens, lo, index)
        if setting is not None:
            index = setting
            continue
        break
    return index + 1, aux, negated, passive


def _went_on_to(tokens: Sequence[Token], lo: int, to_index: int) -> int | None:
    """The index before "went on to" / "continued to"; None when absent."""
    previous = tokens[to_index - 1].lower
    if (
        previous == "on"
        and to_index - 2 >= lo
        and tokens[to_index - 2].lower in ("went", "goes", "go", "going")
    ):
        return to_index - 3
    if previous in _CONTINUE_VERBS and previous not in ("was", "were", "is", "are"):
        return to_index - 2
    if (
        previous in ("quick", "keen", "careful")
        and to_index - 2 >= lo
        and tokens[to_index - 2].lower in ("was", "were", "is", "are")
    ):
        return to_index - 3
    return None


def _setting_before(tokens: Sequence[Token], lo: int, index: int) -> int | None:
    """ "in a statement", "on Telegram" ending at ``index``: the index before it."""
    if tokens[index].lower not in _SETTING_WORDS and not tokens[index].is_cap:
        return None
    for back in range(index - 1, max(lo, index - 5) - 1, -1):
        word = tokens[back].lower
        if word in ("in", "on", "via", "during", "through") and back < index:
            between = tokens[back + 1 : index + 1]
            if any(t.lower in _SETTING_WORDS for t in between):
                return back - 1
            return None
        if tokens[back].text in ",;":
            return None
    return None


def _inherit_source(
    plans: list[_Plan], context: _Context, lo: int, cue_first: int
) -> list[str] | None:
    """The speakers a participle ("..., saying") continues: the last speaker in the unit,
    or the subject at the start of the unit."""
    if plans:
        return list(plans[-1].speakers)
    tokens = context.tokens
    end = lo
    while end < cue_first and (
        is_np_word(tokens[end]) or tokens[end].lower in DETERMINERS or tokens[end].kind == "poss"
    ):
        end += 1
    if end == lo:
        return None
    phrase = left_phrase(tokens, lo, end)
    if phrase is None or phrase.first != lo:
        return None
    speakers = context.book.speakers(phrase)
    return speakers or None


def _is_bare_document(context: _Context, phrase: Phrase) -> bool:
    """ "The statement said": a document named before, whose author spoke."""
    tokens = context.tokens[phrase.first : phrase.last + 1]
    return (
        len(tokens) == 2
        and tokens[0].lower in ("the", "that", "this")
        and tokens[1].lower
        in ("statement", "report", "communique", "communiqué", "post", "message")
    )


def _after_claim_noun(tokens: Sequence[Token], phrase: Phrase) -> Phrase:
    """ ", an allegation Kigali has denied": the speaker is what follows the claim noun."""
    for index in range(phrase.first + 1, phrase.last):
        if (
            tokens[index].lower in _CLAIM_NOUNS
            and tokens[index - 1].lower in ("a", "an", "the", "which", "this")
            and index - 2 >= 0
            and tokens[index - 2].text == ","
        ):
            return make_phrase(tokens, index + 1, phrase.last)
    return phrase


def _referent(tokens: Sequence[Token], comma: int | None, first: int) -> Span | None:
    """The words between the comma and the speaker: "an allegation" (without "that")."""
    if comma is None:
        return None
    last = first - 1
    if tokens[last].lower == "that":
        last -= 1
    return Span(tokens[comma + 1].start, tokens[last].end)


def _extend_collective(context: _Context, lo: int, phrase: Phrase) -> Phrase:
    """ "Both the United Nations and the Turkish government", "Russia, Iran and Turkey"."""
    tokens = context.tokens
    first = phrase.first
    joiner = "and"
    while first - 1 >= lo and tokens[first - 1].lower == joiner:
        previous = left_phrase(tokens, lo, first - 1)
        if previous is None or context.book.describe(previous) is None:
            break
        first = previous.first
        joiner = ","
    if first == phrase.first:
        return phrase
    if first - 1 >= lo and tokens[first - 1].lower == "both":
        first -= 1
    return make_phrase(tokens, first, phrase.last)


def _relative_fallback(context: _Context, lo: int, np_end: int, phrase: Phrase) -> Phrase | None:
    """ "Residents who fled the town said": the phrase before "who"."""
    if context.book.describe(phrase) is not None:
        return phrase
    tokens = context.tokens
    for index in range(np_end - 1, max(lo, np_end - 12) - 1, -1):
        if tokens[index].text in ',;\u201c\u201d"':
            break
        if tokens[index].lower in ("who", "whose"):
            before = left_phrase(tokens, lo, index)
            if before is not None and context.book.describe(before) is not None:
                return before
    return None


def _left_apposition(
    context: _Context, lo: int, np_end: int
) -> tuple[Phrase, Phrase | None] | None:
    """ "NAME, ROLE, said", "ROLE, NAME, said", "NAME, who ..., said", "X, in a statement, said"."""
    tokens = context.tokens
    closing = np_end - 1
    opening = None
    for index in range(closing - 1, lo - 1, -1):
        if tokens[index].text == ",":
            opening = index
            break
        if tokens[index].text in ';:\u201c\u201d"':
            return None
    if opening is None or opening - 1 < lo:
        return None
    first_word = tokens[opening + 1].lower
    if first_word in ("citing", "quoting"):
        cited = right_phrase(tokens, opening + 2, closing)
        if cited is not None and cited.last == closing - 1:
            relay = left_phrase(tokens, lo, opening)
            key = (
                (context.book.outlet(relay) or _lowercase_outlet(context, relay)) if relay else None
            )
            context.pending_via = [key] if key else []
            return cited, None
    if first_word in ("quoted", "cited") and tokens[opening + 2].lower == "by":
        relay = right_phrase(tokens, opening + 3, closing)
        key = context.book.outlet(relay) if relay is not None else None
        context.pending_via = [key] if key else []
        outer = left_phrase(tokens, lo, opening)
        return (outer, None) if outer is not None else None  # "X, quoted by RIA Novosti, said"
    outer = left_phrase(tokens, lo, opening)
    named = _name_after_description(context, lo, opening, closing) or _named_in_apposition(
        context, opening, closing
    )
    if named is not None:
        return named
    if first_word in _ASIDE_OPENERS and (outer is None or context.book.describe(outer) is None):
        head = right_phrase(tokens, lo, opening)  # "A shopkeeper reached by phone, who ..."
        if head is not None and context.book.describe(head) is not None:
            return head, None
    if outer is None:
        return None
    if context.book.describe(outer) is None and not _age_or_role(context, opening, closing):
        return None
    if first_word in _ASIDE_OPENERS:
        return outer, None  # "X, who ..., said", "X, in a statement, said", "X, however, said"
    inner = right_phrase(tokens, opening + 1, closing)
    if inner is None:
        return None
    relative = any(t.lower in ("who", "whose") for t in tokens[inner.last + 1 : inner.last + 5])
    if inner.last != closing - 1 and not relative:
        return None  # the words between the commas are no noun phrase
    return _order_apposition(context, outer, inner)


_ASIDE_OPENERS = word_set(
    """who which whose in on speaking during at late earlier later however meanwhile for
    too also though separately previously"""
)


def _name_after_description(
    context: _Context, lo: int, opening: int, closing: int
) -> tuple[Phrase, Phrase] | None:
    """ "A port worker who asked not to be named in full, Andriy, said": the name closes a
    description that opens the clause."""
    tokens = context.tokens
    inner = tokens[opening + 1 : closing]
    if not inner or len(inner) > 3 or not all(t.is_cap for t in inner):
        return None
    if not any(t.lower in ("who", "whose") for t in tokens[lo:opening]):
        return None
    head = right_phrase(tokens, lo, opening)
    described = context.book.describe(head) if head is not None else None
    if head is None or described is None or described.kind != "person" or not described.unnamed:
        return None
    return make_phrase(tokens, opening + 1, closing - 1), head


def _named_in_apposition(
    context: _Context, opening: int, closing: int
) -> tuple[Phrase, Phrase | None] | None:
    """ "One of the survivors, a teacher named Amina Yusuf, said": the name after "named"
    is the speaker and the words before it are the role."""
    tokens = context.tokens
    for index in range(opening + 1, closing):
        if tokens[index].lower in ("named", "called"):
            name_words = tokens[index + 1 : closing]
            if not name_words or len(name_words) > 4 or not all(t.is_cap for t in name_words):
                return None
            name = make_phrase(tokens, index + 1, closing - 1)
            role = right_phrase(tokens, opening + 1, index)
            return name, role
    return None


def _age_or_role(context: _Context, opening: int, closing: int) -> bool:
    """ ", 34," or ", a nurse at the clinic,": an apposition that makes the phrase before it a
    person's name."""
    tokens = context.tokens
    if closing - opening == 2 and tokens[opening + 1].kind == "number":
        return True
    inner = right_phrase(tokens, opening + 1, closing)
    described = context.book.describe(inner) if inner is not None else None
    return described is not None and described.kind == "person" and described.unnamed


def _order_apposition(context: _Context, first: Phrase, second: Phrase) -> tuple[Phrase, Phrase]:
    """(name, role): whichever of the two phrases is a personal name comes first."""
    one = context.book.describe(first)
    two = context.book.describe(second)
    if one is not None and one.unnamed and two is not None and not two.unnamed:
        return second, first
    return first, second


def _plan_inverted(context: _Context, cue: CueMatch, hi: int, np_end: int) -> _Plan | None:
    """ "QUOTE," cue SPEAKER(, ROLE)."""
    tokens = context.tokens
    phrase = right_phrase(tokens, cue.last + 1, hi)
    if phrase is None:
        return None
    phrase = trim_phrase(tokens, phrase) or phrase
    role = None
    after = _skip_age(tokens, phrase.last + 1, hi)
    relative = after + 1 < hi and tokens[after + 1].lower in ("who", "which", "whose")
    if relative and tokens[after].text == ",":
        after = _skip_relative(tokens, after + 1, hi)
    if after < hi and tokens[after].text == ",":
        role = right_phrase(tokens, after + 1, hi)
        if (
            role is not None
            and context.book.describe(role) is not None
            and _role_like(context, role)
        ):
            after = role.last + 1
            after = _skip_relative(tokens, after, hi)
        else:
            role = None
    if role is not None:
        name, role_phrase = _order_apposition(context, phrase, role)
        speakers = context.book.apposed(name, role_phrase)
    else:
        speakers = context.book.speakers(phrase)
    if not speakers:
        return None
    attach = np_end - 1
    return _Plan(
        cue,
        "inverted",
        attach,
        speaker=phrase,
        role=role,
        speakers=speakers,
        cue_first=cue.first,
        after=after,
    )


def _skip_age(tokens: Sequence[Token], index: int, hi: int) -> int:
    """ "Olena Kovalenko, 54, ...": skip the age."""
    if (
        index + 1 < hi
        and tokens[index].text == ","
        and tokens[index + 1].kind == "number"
        and (index + 2 >= hi or tokens[index + 2].text in ",.;")
    ):
        return index + 2
    return index


def _role_like(context: _Context, phrase: Phrase) -> bool:
    described = context.book.describe(phrase)
    return described is not None and (
        described.unnamed or described.role is not None or described.kind == "person"
    )


def _skip_relative(tokens: Sequence[Token], index: int, hi: int) -> int:
    """Skip "who lives nearby" after an apposition, up to the next comma."""
    if index < hi and tokens[index].lower in ("who", "which", "whose"):
        while index < hi and tokens[index].text not in ",;.":
            index += 1
    return index


def _plan_source(context: _Context, cue: CueMatch, lo: int, hi: int) -> _Plan | None:
    """ "according to SPEAKER": the speaker follows the cue."""
    tokens = context.tokens
    start = cue.last + 1
    phrase = right_phrase(tokens, start, hi)
    if phrase is None:
        return None
    phrase = _document_owner(context, phrase, hi) or phrase
    phrase = trim_phrase(tokens, phrase) or phrase
    phrase = _extend_conjuncts(context, phrase, hi)
    attach = cue.first
    if attach - 1 >= lo and tokens[attach - 1].text == ",":
        attach -= 1
    return _Plan(
        cue,
        "source",
        attach,
        speaker=phrase,
        cue_first=cue.first,
        after=phrase.last + 1,
        bounding=True,
    )


def _extend_conjuncts(context: _Context, phrase: Phrase, hi: int) -> Phrase:
    """ "according to witnesses and the opposition government": both sources."""
    tokens = context.tokens
    last = phrase.last
    while last + 2 < hi and tokens[last + 1].lower == "and":
        more = right_phrase(tokens, last + 2, hi)
        if more is None or context.book.describe(more) is None:
            break
        last = more.last
    return make_phrase(tokens, phrase.first, last) if last != phrase.last else phrase


def _document_owner(context: _Context, phrase: Phrase, hi: int) -> Phrase | None:
    """ "a statement from the ministry" -> "the ministry"."""
    tokens = context.tokens
    for index in range(phrase.first, phrase.last + 1):
        if tokens[index].lower in ("from", "by", "of") and index > phrase.first:
            heads = {t.lower for t in tokens[phrase.first : index]}
            if heads & _DOCUMENT_LEADS:
                return right_phrase(tokens, index + 1, hi)
    return None


# ---------------------------------------------------------------------------
# Relays: "as reported by CNN", "as Reuters characterized ..."


def _relay_phrases(context: _Context, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(first, last, source key) of relay phrases in the unit."""
    tokens = context.tokens
    found: list[tuple[int, int, str]] = []
    for index in range(lo, hi - 1):
        relayed = _conversation_with(context, index, hi)
        if relayed is not None:
            found.append(relayed)
    for index in range(lo, hi - 2):
        if tokens[index].lower != "as":
            continue
        if tokens[index + 1].lower == "reported" and tokens[index + 2].lower == "by":
            phrase = right_phrase(tokens, index + 3, hi)
            if phrase is not None:
                key = context.book.outlet(phrase) or _lowercase_outlet(context, phrase)
                if key is not None:
                    found.append((index, phrase.last, key))
            continue
        phrase = right_phrase(tokens, index + 1, hi)
        if phrase is None or phrase.last + 1 >= hi:
            continue
        verb = tokens[phrase.last + 1].lower
        if verb in _RELAY_VERBS:
            key = context.book.outlet(phrase)
            if key is not None:
                end = _clause_end(tokens, phrase.last + 1, hi)
                found.append((index, end, key))
    return found


_CONVERSATION = (
    ("interview", "with"),
    ("speaking", "to"),
    ("talking", "to"),
    ("comments", "to"),
    ("remarks", "to"),
    ("speaking", "with"),
    ("talking", "with"),
)


def _conversation_with(context: _Context, index: int, hi: int) -> tuple[int, int, str] | None:
    """ "in an interview with the BBC", "Speaking to Al Arabiya": the outlet relays the words."""
    tokens = context.tokens
    pair = (tokens[index].lower, tokens[index + 1].lower)
    if pair not in _CONVERSATION:
        return None
    phrase = right_phrase(tokens, index + 2, hi)
    key = context.book.outlet(phrase) if phrase is not None else None
    if phrase is None or key is None:
        return None
    first = index
    while first - 1 >= 0 and tokens[first - 1].lower in ("in", "an", "a"):
        first -= 1
    return first, phrase.last, key


def _lowercase_outlet(context: _Context, phrase: Phrase) -> str | None:
    """ "as reported by Saudi state television": an outlet named by a media noun."""
    words = phrase.words(context.text)
    last = normalise(words).split()[-1]
    if last in (
        "television",
        "tv",
        "radio",
        "media",
        "newspaper",
        "channel",
        "broadcaster",
        "agency",
        "outlet",
        "website",
    ):
        return context.book._source(" ".join(words.split()), None, phrase.span)
    return None


def _clause_end(tokens: Sequence[Token], index: int, hi: int) -> int:
    while index + 1 < hi and tokens[index + 1].text not in ",;.!?":
        index += 1
    return index


# ---------------------------------------------------------------------------
# Content


def _realise(
    context: _Context,
    plan: _Plan,
    plans: list[_Plan],
    index: int,
    lo: int,
    hi: int,
    relays: list[tuple[int, int, str]],
    earlier: list[Attribution],
) -> list[Attribution]:
    """The attribution(s) a plan gives once its content is cut."""
    tokens = context.tokens
    cue = plan.cue
    limit = hi
    for later in plans[index + 1 :]:
        if later.bounding or later.mode in ("inverted", "source"):
            limit = min(limit, later.attach)
            break
    relay_vias: list[str] = []
    for first, _last, key in sorted(relays):
        if first >= plan.after:
            limit = min(
                limit,
                first - 1 if first - 1 >= plan.after and tokens[first - 1].text == "," else first,
            )
        relay_vias.append(key)
    if plan.mode == "source":
        found = _realise_source(context, plan, plans, lo, hi, relays)
        return [found] if found else []

    targets: list[str] = []
    via: list[str] = list(plan.via)
    cited = _citation(context, plan.after, limit)
    if cited is not None:
        limit = cited.first - 1
        plan = _cited_speaker(context, plan, cited, via)
    content_start = plan.after
    patterns = cue.cue.patterns
    if "hearer" in patterns and plan.mode != "inverted":
        content_start, hearer_via = _hearer(context, content_start, limit)
        if content_start < 0:
            return []
        via.extend(hearer_via)
    if "accuse" in patterns:
        targets = _accused(context, content_start, limit, plan.speakers)
    if cue.cue.lemma == "quote":
        via.extend(_quoted_by(context, cue))
    content = _content_after(context, content_start, limit)
    content = _not_a_topic(context, content, plan)
    if plan.mode == "left" and content is not None and _trails(context, plan, content_start):
        content = _around_aside(context, plan, lo, content)
    if (
        plan.mode == "inverted"
        and content is not None
        and not _opens_content(context, content_start)
    ):
        content = None
    contents: list[Span] = []
    if content is not None and plan.mode == "left":
        first_part = _content_before(context, plan, lo)
        if (
            first_part is not None
            and _unquote(context, first_part)[1]
            and _unquote(context, content)[1]
        ):
            contents.append(first_part)  # "A," he said, "B."
    if content is None and plan.referent is not None:
        content = plan.referent  # "an allegation Kigali has denied."
    takes_before = bool(cue.cue.patterns & {"trailing", "quote", "inverted"})
    if content is None and plan.mode in ("left", "inverted", "inherit") and takes_before:
        content = _content_before(context, plan, lo)
    if content is None:
        return []
    contents.append(content)
    via.extend(relay_vias)
    return [
        found
        for part in contents
        if (found := _attribution(context, plan, part, via, targets, lo, hi, limit)) is not None
    ]


def _citation(context: _Context, start: int, limit: int) -> Phrase | None:
    """ ", citing a military source": who the speaker relays (the phrase after "citing")."""
    tokens = context.tokens
    for index in range(start, limit - 1):
        if tokens[index].text == "," and tokens[index + 1].lower in ("citing", "quoting"):
            return right_phrase(tokens, index + 2, limit) or make_phrase(
                tokens, index + 1, index + 1
            )
    return None


def _cited_speaker(context: _Context, plan: _Plan, cited: Phrase, via: list[str]) -> _Plan:
    """An outlet citing a source relays it: the source speaks, via the outlet."""
    book = context.book
    if not plan.speakers or not all(_outlet_like(context, k) for k in plan.speakers):
        return plan
    speakers = book.speakers(cited)
    if not speakers:
        return plan
    via.extend(
        book.source_from_description(k, plan.speaker.span if plan.speaker else cited.span)
        for k in plan.speakers
    )
    return replace(plan, speakers=speakers)


def _outlet_like(context: _Context, key: str) -> bool:
    """An outlet, or an organisation reporting as one ("Saba reported ..., citing ...")."""
    actor = context.book.actors[key]
    return context.book.is_outlet_actor(key) or (actor.kind == "organization" and not actor.unnamed)


def _around_aside(context: _Context, plan: _Plan, lo: int, after: Span) -> Span | None:
    """ "The strike, officials said, hit a school": the words on both sides of an attribution
    set off by commas, when the words before are only a subject; else None (the words before
    are used)."""
    tokens = context.tokens
    if plan.attach - 1 <= lo or tokens[plan.attach - 1].text != ",":
        return None
    subject = left_phrase(tokens, lo, plan.attach - 1)
    if subject is None or subject.first != lo:
        return None
    start = tokens[lo].start
    end = after.end
    return Span(start, end)


def _trails(context: _Context, plan: _Plan, start: int) -> bool:
    """ ", X said, as ..." / ", X said, the first ...": a speaker after a comma whose cue is
    followed by another comma speaks the words before, not after."""
    tokens = context.tokens
    if plan.attach <= 0 or tokens[plan.attach - 1].text not in ',\u201d"':
        return False
    index = _skip_fillers(tokens, start, len(tokens))
    if index + 1 < len(tokens) and tokens[index + 1].text in OPEN_QUOTES + STRAIGHT_QUOTE:
        return False  # "A," she said, "B."
    return index < len(tokens) and tokens[index].text == ","


def _opens_content(context: _Context, index: int) -> bool:
    """After an inverted speaker only ": ..." or "that ..." starts what was said."""
    tokens = context.tokens
    while index < len(tokens) and tokens[index].text == ",":
        index += 1
    return index < len(tokens) and (tokens[index].text == ":" or tokens[index].lower == "that")


def _quoted_by(context: _Context, cue: CueMatch) -> list[str]:
    """ "was quoted by Interfax as saying": Interfax relays the words."""
    tokens = context.tokens
    for index in range(cue.first, cue.last):
        if tokens[index].lower == "by":
            phrase = right_phrase(tokens, index + 1, cue.last)
            key = context.book.outlet(phrase) if phrase else None
            return [key] if key else []
    return []


def _attribution(
    context: _Context,
    plan: _Plan,
    content: Span,
    via: list[str],
    targets: list[str],
    lo: int,
    hi: int,
    limit: int,
) -> Attribution | None:
    """One attribution with its evidence span, for one content."""
    tokens = context.tokens
    text = context.text
    cue = plan.cue
    content, quoted = _unquote(context, content)
    if content.end <= content.start:
        return None
    cue_span = Span(tokens[plan.cue_first].start, cue.span.end)
    pieces = [cue_span, content]
    if plan.speaker is not None:
        pieces.append(plan.speaker.span)
    if plan.role is not None:
        pieces.append(plan.role.span)
    if quoted:
        pieces.append(_with_marks(text, content))
    evidence = Span(min(p.start for p in pieces), max(p.end for p in pieces))
    about = Span(content.start, max(content.end, _unit_tail(context, cue, hi, limit)))
    return Attribution(
        cue=cue,
        cue_span=cue_span,
        speakers=list(plan.speakers),
        content=content,
        evidence=evidence,
        quoted=quoted,
        via=_unique(via),
        targets=targets,
        speaker_span=plan.speaker.span if plan.speaker else None,
        unit=Span(tokens[lo].start, tokens[hi - 1].end),
        about_span=about,
        refers_back=plan.refers_back,
    )


_NOTHING = word_set("little nothing much anything something more less")
_TOPIC_PREPS = word_set("of about regarding concerning")
_SETTING_PREPS = word_set("after at during on in to from for with before following")
_INFINITIVE_AUXES = word_set("have be")


def _not_a_topic(context: _Context, content: Span | None, plan: _Plan) -> Span | None:
    """ "said of the blogger's account", "said after the meeting that ...": not the content."""
    if content is None:
        return None
    bounds = context.book.token_range(content)
    if bounds is None:
        return content
    tokens = context.tokens[bounds[0] : bounds[1] + 1]
    if not tokens or plan.mode == "source" or _after_that(context, bounds[0]):
        return content  # "estimates that about 1,000 ...": a clause, whatever opens it
    first = tokens[0].lower
    if first in _TOPIC_PREPS and plan.mode in ("left", "inherit"):
        return None
    if first == "as" and plan.cue.cue.lemma in ("call", "describe"):
        return None  # "which diplomats described as fragile": the object is elsewhere
    if first in _NOTHING and any(t.lower in ("about", "on", "of", "more") for t in tokens[1:4]):
        return None  # "officials have said little (publicly) about the talks"
    second = tokens[1].lower if len(tokens) > 1 else ""
    if first == "to" and second in _INFINITIVE_AUXES:
        return content  # "claimed to have hit a convoy": an infinitive complement
    if (
        first in _SETTING_PREPS
        and second not in ("least", "most")
        and "accuse" not in plan.cue.cue.patterns
    ):
        that = next((t for t in tokens if t.lower == "that"), None)
        if that is not None:
            return Span(_next_start(context, that), content.end)
        return None
    return content


def _after_that(context: _Context, index: int) -> bool:
    """Whether the token before ``index`` is the complementiser "that"."""
    return index > 0 and context.tokens[index - 1].lower == "that"


def _next_start(context: _Context, token: Token) -> int:
    """Where the token after ``token`` starts."""
    after = [t for t in context.tokens if t.start >= token.end]
    return after[0].start if after else token.end


def _unit_tail(context: _Context, cue: CueMatch, hi: int, limit: int) -> int:
    """The end of the words after the cue ("said of the blogger's account")."""
    tokens = context.tokens
    end = cue.span.end
    index = cue.last + 1
    while index < min(hi, limit if limit > cue.last else hi) and tokens[index].text not in ".!?":
        end = tokens[index].end
        index += 1
    return end


def _realise_source(
    context: _Context,
    plan: _Plan,
    plans: list[_Plan],
    lo: int,
    hi: int,
    relays: list[tuple[int, int, str]],
) -> Attribution | None:
    """An "according to" statement standing alone in its unit."""
    tokens = context.tokens
    assert plan.speaker is not None
    others = [p for p in plans if p is not plan and p.mode != "source"]
    outlet = context.book.outlet(plan.speaker)
    if others:
        return None  # a relay for the statement(s) around it; handled in _resolve_vias
    if plan.attach > lo and plan.cue.first > lo:
        content = _trim(
            context,
            tokens[lo].start,
            tokens[plan.attach - 1].end if plan.attach - 1 >= lo else tokens[lo].start,
        )
    else:
        start = plan.after
        if start < hi and tokens[start].text == ",":
            start += 1
        content = _content_after(context, start, hi)
    if content is None:
        return None
    content, quoted = _unquote(context, content)
    speakers: list[str]
    if outlet is not None:
        speakers = [_outlet_speaker(context, plan.speaker)]
    else:
        speakers = context.book.speakers(plan.speaker)
    if not speakers:
        return None
    cue_span = plan.cue.span
    evidence = Span(min(content.start, cue_span.start), max(content.end, plan.speaker.span.end))
    return Attribution(
        cue=plan.cue,
        cue_span=cue_span,
        speakers=speakers,
        content=content,
        evidence=evidence,
        quoted=quoted,
        via=[key for first, _last, key in relays if first > plan.cue.last],
        speaker_span=plan.speaker.span,
        unit=Span(tokens[lo].start, tokens[hi - 1].end),
        about_span=content,
    )


def _outlet_speaker(context: _Context, phrase: Phrase) -> str:
    """An outlet speaking as itself becomes an organisation actor."""
    described = context.book.describe(phrase)
    if described is not None:
        return context.book.register(described, phrase.span.start, speaker=True)
    key = context.book.outlet(phrase)
    assert key is not None
    source = context.book.sources[key]
    from claimgraph.extract.actors import Description

    return context.book.register(
        Description(label=source.label, kind="organization"), phrase.span.start, speaker=True
    )


def _hearer(context: _Context, start: int, limit: int) -> tuple[int, list[str]]:
    """Skip the hearer after "told"; an outlet hearer is a via; -1 when it is an order."""
    tokens = context.tokens
    phrase = right_phrase(tokens, start, limit)
    if phrase is None:
        return start, []
    words = normalise(phrase.words(context.text))
    core = words.split(" in ")[0].split(" at ")[0]
    if core in context.lexicon.hearers or core.split()[-1] in ("reporters", "journalists"):
        return phrase.last + 1, []  # "told reporters in Geneva"
    key = _outlet_named_before(context, phrase) or context.book.outlet(phrase)
    key = key or _lowercase_outlet(context, phrase)
    if key is not None:
        return phrase.last + 1, [key]
    if phrase.last + 1 < limit and tokens[phrase.last + 1].lower == "to":
        return -1, []  # "told her children to hide": an order, not a statement
    if all(_trailing_punct(t) for t in tokens[phrase.last + 1 : limit]):
        return phrase.last + 1, _final_hearer(context, phrase)  # "“...,” he told X."
    if context.book.describe(phrase) is not None and phrase.last + 1 < limit:
        nxt = tokens[phrase.last + 1]
        if nxt.lower == "that" or nxt.text in ",:" or nxt.text in OPEN_QUOTES:
            return phrase.last + 1, []
    return start, []


def _final_hearer(context: _Context, phrase: Phrase) -> list[str]:
    """The outlet a hearer closing its sentence names: "told The Irrawaddy", "told the
    state-run news agency SONNA"; none when the hearer is a person or a common noun."""
    tokens = context.tokens[phrase.first : phrase.last + 1]
    media = [i for i, t in enumerate(tokens) if t.lower in _MEDIA_ANAPHORS]
    if media and media[-1] + 1 < len(tokens):
        tokens = tokens[media[-1] + 1 :]  # the name after "news agency"
    elif tokens and tokens[0].lower == "the":
        tokens = tokens[1:]
    if not tokens or not all(t.is_cap or not t.is_word for t in tokens):
        return []
    described = context.book.describe(phrase)
    if described is not None and described.kind == "person":
        return []
    label = context.text[tokens[0].start : tokens[-1].end]
    return [context.book._source(label, None, phrase.span)]


_MEDIA_ANAPHORS = word_set(
    "newspaper paper agency channel broadcaster outlet network station daily"
)


def _outlet_named_before(context: _Context, phrase: Phrase) -> str | None:
    """ "told the newspaper": the outlet named last before it."""
    tokens = context.tokens[phrase.first : phrase.last + 1]
    if len(tokens) != 2 or tokens[0].lower != "the" or tokens[1].lower not in _MEDIA_ANAPHORS:
        return None
    book = context.book
    outlets = [
        span
        for span, entry in book.gazetteer.find(context.text, Span(0, phrase.span.start))
        if entry.kind == "outlet"
    ]
    if not outlets:
        return None
    first, last = _token_bounds(context.tokens, outlets[-1])
    return book.outlet(make_phrase(context.tokens, first, last))


def _token_bounds(tokens: Sequence[Token], span: Span) -> tuple[int, int]:
    inside = [i for i, t in enumerate(tokens) if span.start <= t.start and t.end <= span.end]
    return inside[0], inside[-1]


def _accused(context: _Context, start: int, limit: int, speakers: list[str]) -> list[str]:
    """The alleged perpetrator of "accused X of", "blamed X for", "blamed Y on X"."""
    tokens = context.tokens
    if start >= limit:
        return []
    if tokens[start].lower == "for":
        return _blamed_on(context, start + 1, limit, speakers)
    phrase = right_phrase(tokens, start, limit, stop_preps=frozenset({"of", "for"}))
    if phrase is None:
        return []
    after = phrase.last + 1
    nxt = tokens[after].lower if after < limit else ""
    if nxt == "on":
        return _blamed_on(context, after, limit, speakers)
    if nxt in ("of", "for", "with") or after >= limit or tokens[after].text in ",.;":
        key = context.book.party(phrase.span, exclude=speakers, generic=True)
        return [key] if key else []
    return []


def _blamed_on(context: _Context, start: int, limit: int, speakers: list[str]) -> list[str]:
    """The party after the last "on": "laid the blame for X on Y"."""
    tokens = context.tokens
    for index in range(limit - 1, start - 1, -1):
        if tokens[index].lower == "on":
            phrase = right_phrase(tokens, index + 1, limit)
            if phrase is not None:
                phrase = trim_phrase(tokens, phrase) or phrase
                key = context.book.party(phrase.span, exclude=speakers, generic=True)
                return [key] if key else []
    return []


def _content_after(context: _Context, start: int, limit: int) -> Span | None:
    """The words said after the cue, without fillers, "that" and final punctuation."""
    tokens = context.tokens
    index = _skip_fillers(tokens, start, limit)
    if index < limit and tokens[index].text == ",":
        index = _skip_parenthetical(tokens, index, limit)
    while index < limit and tokens[index].text in ",:":
        index += 1
    if index < limit and tokens[index].lower == "that":
        index += 1
    end = limit - 1
    while end >= index and _trailing_punct(tokens[end]):
        end -= 1
    if end < index:
        return None
    span = Span(tokens[index].start, tokens[end].end)
    marks = OPEN_QUOTES + STRAIGHT_QUOTE
    if (
        tokens[end].text in CLOSE_QUOTES + STRAIGHT_QUOTE
        and tokens[index].text not in marks
        and not any(t.text in marks for t in tokens[index:end])
    ):
        span = Span(span.start, tokens[end - 1].end) if end - 1 >= index else span
    if not any(t.is_word for t in tokens[index : end + 1]):
        return None
    return span


def _skip_parenthetical(tokens: Sequence[Token], comma: int, limit: int) -> int:
    """ ", without giving evidence, that ...": the index of "that" after the aside."""
    for index in range(comma + 1, min(limit - 1, comma + 12)):
        if tokens[index].text == "," and tokens[index + 1].lower == "that":
            return index + 1
        if tokens[index].text in ";:" or tokens[index].text in OPEN_QUOTES:
            break
    return comma


def _trailing_punct(token: Token) -> bool:
    """Punctuation that closes a content rather than belongs to it."""
    return token.text in ".,;:!?—-" or token.text == "..."


def _skip_fillers(tokens: Sequence[Token], index: int, limit: int) -> int:
    """Skip "in a statement", "on Sunday", "by phone", "late Tuesday" after a cue."""
    while index < limit:
        token = tokens[index]
        word = token.lower
        if word in _FILLER_WORDS or (token.is_cap and word in TIME_WORDS):
            index += 1
            continue
        if (
            word in ("night", "morning", "afternoon", "evening")
            and index > 0
            and tokens[index - 1].lower in TIME_WORDS
        ):
            index += 1
            continue
        if (
            word in ("in", "on", "at", "during", "by", "via", "through", "to", "with")
            and index + 1 < limit
        ):
            end = _filler_end(tokens, index + 1, limit)
            if end is not None:
                index = end
                continue
        if (
            word in ("this", "last")
            and index + 1 < limit
            and tokens[index + 1].lower in ("week", "month", "weekend", "year")
        ):
            index += 2
            continue
        break
    return index


def _filler_end(tokens: Sequence[Token], start: int, limit: int) -> int | None:
    """The end of a setting or time phrase: "a statement", "Sunday", "condition of anonymity"."""
    index = start
    seen_setting = False
    while index < limit and index < start + 7:
        token = tokens[index]
        word = token.lower
        if word in _SETTING_WORDS or (token.is_cap and word in TIME_WORDS):
            seen_setting = True
            index += 1
            continue
        if (
            word in DETERMINERS
            or word in ("of", "with", "news", "press", "its", "his", "her", "their")
            or token.is_cap
        ):
            index += 1
            continue
        if word in ("night", "morning", "afternoon", "evening"):
            seen_setting = True
            index += 1
            continue
        break
    if seen_setting and index > start:
        return index
    return None


def _content_before(context: _Context, plan: _Plan, lo: int) -> Span | None:
    """The clause or quotation before the speaker (trailing and inverted patterns)."""
    tokens = context.tokens
    end = plan.attach - 1 if plan.mode != "inverted" else plan.attach
    start = lo
    if plan.mode == "inherit":
        return None
    while end >= start and (tokens[end].text in ",;:—-"):
        end -= 1
    if end < start:
        return None
    begin = tokens[start].start
    dateline = _DATELINE.match(context.text, begin, tokens[end].end)
    if dateline:
        begin = dateline.end()
    return _trim(context, begin, tokens[end].end)


# "KYIV, Ukraine — ", "GAZA CITY (Reuters) - ": where the article was filed, not what was said.
_DATELINE = re.compile(r"[A-Z][A-Z'’.\- ]{2,}(?:,\s*[A-Z][\w.'’ -]*?)?\s*(?:\([^)]*\)\s*)?[—–-]\s+")


def _trim(context: _Context, start: int, end: int) -> Span | None:
    """The span between ``start`` and ``end`` without spaces and edge punctuation."""
    text = context.text
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:."):
        end -= 1
    if end <= start:
        return None
    return Span(start, end)


def _unquote(context: _Context, span: Span) -> tuple[Span, bool]:
    """A content that is exactly one quotation: its words without the marks."""
    text = context.text
    for quote in context.quotes:
        if quote.start == span.start and quote.end >= span.end - 1:
            tail = text[quote.end : span.end].strip(" ,.;:")
            if not tail:
                inner = inside_quotes(text, quote)
                inner = _strip_final(text, inner)
                return inner, True
    return span, False


def _strip_final(text: str, span: Span) -> Span:
    """The span without a final comma, semicolon or colon."""
    end = span.end
    while end > span.start and text[end - 1] in ",;:":
        end -= 1
    return Span(span.start, end)


def _with_marks(text: str, content: Span) -> Span:
    start, end = content.start, content.end
    if start > 0 and text[start - 1] in OPEN_QUOTES + STRAIGHT_QUOTE:
        start -= 1
    while end < len(text) and text[end] in ".,;:!?":
        end += 1
    if end < len(text) and text[end] in CLOSE_QUOTES + STRAIGHT_QUOTE:
        end += 1
    return Span(start, end)


def _unique(keys: list[str]) -> list[str]:
    """Keys in first-seen order, each once."""
    seen: list[str] = []
    for key in keys:
        if key not in seen:
            seen.append(key)
    return seen


# ---------------------------------------------------------------------------
# Nesting and continuations


def _resolve_nesting(context: _Context, found: list[Attribution]) -> list[Attribution]:
    """An outlet reporting another statement is a via; other nesting keeps the outer one."""
    kept: list[Attribution] = []
    dropped: set[int] = set()
    for outer_index, outer in enumerate(found):
        for inner_index, inner in enumerate(found):
            if inner_index == outer_index or inner_index in dropped or outer_index in dropped:
                continue
            inside = (
                outer.content.start <= inner.cue_span.start
                and inner.content.end <= outer.content.end
            )
            if not inside or inner.speaker_span is None:
                continue
            if not (outer.content.start <= inner.speaker_span.start):
                continue
            if all(context.book.is_outlet_actor(k) for k in outer.speakers) or _reports_others(
                context, outer
            ):
                relays = [
                    context.book.source_from_description(k, outer.speaker_span or outer.cue_span)
                    for k in outer.speakers
                ]
                inner.via = _unique(inner.via + relays)
                inner.evidence = Span(
                    min(inner.evidence.start, outer.evidence.start),
                    max(inner.evidence.end, outer.evidence.end),
                )
                dropped.add(outer_index)
            else:
                dropped.add(inner_index)
    for index, attribution in enumerate(found):
        if index not in dropped:
            kept.append(attribution)
    return kept


def _reports_others(context: _Context, outer: Attribution) -> bool:
    """ "The Irrawaddy reports that X said ...": a named organisation relaying another speaker."""
    if outer.cue.cue.lemma != "report":
        return False
    actors = [context.book.actors[k] for k in outer.speakers]
    return all(a.kind == "organization" and not a.unnamed for a in actors)


def _continued_quote(
    context: _Context, unit: Span, earlier: list[Attribution]
) -> Attribution | None:
    """A quotation alone in its unit, right after a quoted statement: the same speaker."""
    if not earlier or not earlier[-1].quoted:
        return None
    previous = earlier[-1]
    text = context.text
    quote = next((q for q in context.quotes if q.start == unit.start), None)
    if quote is None or text[quote.end : unit.end].strip(" .,;:!?"):
        return None
    end = previous.unit.end if previous.unit else previous.evidence.end
    gap = text[end : unit.start]
    if gap.strip() or gap.count("\n") > 2:
        return None
    content = _strip_final(text, inside_quotes(text, quote))
    if content.end <= content.start:
        return None
    return Attribution(
        cue=previous.cue,
        cue_span=previous.cue_span,
        speakers=list(previous.speakers),
        content=content,
        evidence=Span(quote.start, quote.end),
        quoted=True,
        via=list(previous.via),
        speaker_span=None,
        unit=unit,
        about_span=content,
    )


__all__ = ["Attribution", "attribute", "make_phrase", "PP_PREPS"]
