"""Held-out evaluation of the converter against hand-written gold answers.

    .venv/bin/python scripts/evaluate_extraction.py            # per-text table and totals
    .venv/bin/python scripts/evaluate_extraction.py --verbose  # plus every miss and false positive
    .venv/bin/python scripts/evaluate_extraction.py --only 05  # texts whose name contains "05"

Every ``tests/eval/NAME.txt`` (with its optional ``NAME.meta.json``) is read as the command
line reads it and run through :func:`claimgraph.extract.extract`; ``tests/eval/NAME.yaml`` says
what a careful reader finds in it (format and annotation rules: ``tests/eval/README.md``).

How an emitted statement is matched to a gold statement (all rules, nothing else):

- Content: the gold ``content_fragment`` is located in the text (it must occur exactly once).
  The emitted ``content`` span must overlap it by at least half of the shorter of the two,
  so an emitted content that is a piece of the fragment, or contains it, both count; a few
  characters touching at an edge do not.
- Speaker: every emitted claimant label must match one of the gold claimants, compared as
  words: lower-cased, full stops dropped ("U.S." = "US"), possessive "'s" dropped, a leading
  "the"/"a"/"an" dropped, "defence" = "defense"; one label's words must appear, in order and
  adjacent, inside the other's ("the health ministry" ~ "Gaza Health Ministry"). A gold
  claimant may list alternative labels for one speaker (["White Helmets", "Syria Civil
  Defence"]), including the canonical name of the same body ("Israeli army" / "Israel Defense
  Forces"). Emitting a correct subset of several gold speakers counts as the right speaker;
  emitting a speaker the gold does not name does not.
- Recall: each required gold statement can be satisfied by at most one emitted statement
  (maximum one-to-one matching). A gold statement marked ``continues: ID`` (a quote that runs
  on into the next sentence, "..., saying ...") is also satisfied when the statement matched
  to ID covers its fragment too. ``optional`` gold statements are never counted as misses.
- Precision: an emitted statement is right when it matches (content and speaker) any gold
  statement, optional ones included. Two emitted statements splitting one gold statement are
  both right; the extra one is reported as a split.
- Kind (claim/denial/estimate), outlets (via) and denial links are scored on the matched
  required statements (a continuation only when it was emitted as a statement of its own).
  A denial link is right when the emitted denial's targets are all statements matching the
  gold ``denies`` list (at least one target), or, when the gold list is empty, when it names
  none; ``denies: null`` in the gold is not judged.

Figures: the gold ``count_text`` is located in the text (inside ``context`` when given); an
emitted figure matches when its evidence overlaps that place, one count text contains the
other as words, the casualty type is equal, and ``min``/``max`` are equal where the gold gives
them (one-to-one).

Strikes: the emitted evidence overlaps the gold ``evidence`` by half of the shorter, or starts
in the same sentence (converters anchor one mention on different words: "naval missiles" or
"to have hit"); one-to-one. A found strike is right when its place label matches the gold
location (words, as for speakers) and its date text matches the gold ``date_text``, each where
the gold gives them.

Speakers are compared by actor label and, when the converter records them, by the words of
the actor's mentions in the text.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from claimgraph.convert import read_article
from claimgraph.extract import extract
from claimgraph.model import Extraction, Figure, Span, Statement, Strike

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "eval"
TARGET = 0.8

KINDS = {"claim", "denial", "estimate"}
CASUALTY_TYPES = {"killed", "wounded", "missing", "casualties", "displaced"}
LEADING_DETERMINERS = {"the", "a", "an"}
SPELLINGS = {"defence": "defense", "organisation": "organization", "centre": "center"}
SENTENCE_END = re.compile(r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])[.!?][”\"’]?\s+|\n")

Alternatives = tuple[str, ...]  # labels that all name the same thing


class GoldError(ValueError):
    """A gold file that does not fit its text or the format."""


# --- gold answers -------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldStatement:
    """One statement a careful reader finds: who, what (a located fragment), how."""

    id: str
    kind: str
    claimants: tuple[Alternatives, ...]
    cue: str
    fragment: str
    span: Span
    via: tuple[Alternatives, ...] = ()
    denies: tuple[str, ...] | None = None
    continues: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldFigure:
    """One casualty count as the text gives it."""

    count_text: str
    span: Span
    casualty_type: str
    min_count: int | None = None
    max_count: int | None = None
    estimated_by: tuple[Alternatives, ...] | None = None  # None: not judged; (): article's voice
    optional: bool = False


@dataclass(frozen=True)
class GoldStrike:
    """One strike mention: where its words are, and its place and date where judged."""

    evidence: str
    span: Span
    location: Alternatives | None = None
    date_text: Alternatives | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldText:
    """A held-out text and everything its gold file says about it."""

    name: str
    path: Path
    text: str
    statements: tuple[GoldStatement, ...]
    figures: tuple[GoldFigure, ...]
    strikes: tuple[GoldStrike, ...]


def locate(text: str, fragment: str, *, where: str, context: str | None = None) -> Span:
    """The one place ``fragment`` occurs in ``text`` (inside ``context`` when given)."""
    if context is not None:
        outer = locate(text, context, where=where)
        inner = locate(outer.of(text), fragment, where=f"{where} (inside its context)")
        return Span(outer.start + inner.start, outer.start + inner.end)
    count = text.count(fragment)
    if count != 1:
        found = "not found" if count == 0 else f"found {count} times; add a context"
        raise GoldError(f"{where}: {fragment!r} {found}")
    start = text.index(fragment)
    return Span(start, start + len(fragment))


def _alternatives(value: Any, *, where: str) -> Alternatives:
    options = value if isinstance(value, list) else [value]
    if not options or not all(isinstance(option, str) and option.strip() for option in options):
        raise GoldError(f"{where}: expected a label or a list of alternative labels")
    return tuple(options)


def _labels(value: Any, *, where: str) -> tuple[Alternatives, ...]:
    if not isinstance(value, list):
        raise GoldError(f"{where}: expected a list")
    return tuple(_alternatives(item, where=where) for item in value)


def _optional_alternatives(value: Any, *, where: str) -> Alternatives | None:
    return None if value is None else _alternatives(value, where=where)


def _statement(item: dict[str, Any], text: str, where: str) -> GoldStatement:
    kind = item.get("kind")
    if kind not in KINDS:
        raise GoldError(f"{where}: kind must be one of {sorted(KINDS)}, not {kind!r}")
    claimants = _labels(item.get("claimants"), where=f"{where} claimants")
    if not claimants:
        raise GoldError(f"{where}: no claimants")
    denies = item.get("denies")
    if denies is not None and not isinstance(denies, list):
        raise GoldError(f"{where}: denies must be a list of ids or null")
    fragment = str(item.get("content_fragment", ""))
    return GoldStatement(
        id=str(item["id"]),
        kind=kind,
        claimants=claimants,
        cue=str(item.get("cue", "")),
        fragment=fragment,
        span=locate(text, fragment, where=f"{where} content_fragment"),
        via=_labels(item.get("via") or [], where=f"{where} via"),
        denies=None if denies is None else tuple(str(target) for target in denies),
        continues=item.get("continues"),
        optional=bool(item.get("optional", False)),
    )


def _figure(item: dict[str, Any], text: str, where: str) -> GoldFigure:
    if item.get("casualty_type") not in CASUALTY_TYPES:
        raise GoldError(f"{where}: casualty_type must be one of {sorted(CASUALTY_TYPES)}")
    estimated_by = item.get("estimated_by")
    count_text = str(item["count_text"])
    return GoldFigure(
        count_text=count_text,
        span=locate(text, count_text, where=f"{where} count_text", context=item.get("context")),
        casualty_type=item["casualty_type"],
        min_count=item.get("min"),
        max_count=item.get("max"),
        estimated_by=None
        if estimated_by is None
        else _labels(estimated_by, where=f"{where} estimated_by"),
        optional=bool(item.get("optional", False)),
    )


def _strike(item: dict[str, Any], text: str, where: str) -> GoldStrike:
    evidence = str(item["evidence"])
    return GoldStrike(
        evidence=evidence,
        span=locate(text, evidence, where=f"{where} evidence"),
        location=_optional_alternatives(item.get("location"), where=f"{where} location"),
        date_text=_optional_alternatives(item.get("date_text"), where=f"{where} date_text"),
        optional=bool(item.get("optional", False)),
    )


def _check_references(statements: Sequence[GoldStatement], where: str) -> None:
    ids = [statement.id for statement in statements]
    if len(set(ids)) != len(ids):
        raise GoldError(f"{where}: statement ids are not unique")
    for statement in statements:
        targets = [*(statement.denies or ()), *filter(None, [statement.continues])]
        unknown = [target for target in targets if target not in ids]
        if unknown:
            raise GoldError(f"{where} {statement.id}: refers to unknown ids {unknown}")


def load_gold(gold_path: Path) -> GoldText:
    """Read ``NAME.yaml`` and its text, locating every fragment; :class:`GoldError` if off."""
    data = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise GoldError(f"{gold_path.name}: expected a mapping")
    text_path = gold_path.with_name(str(data.get("text", gold_path.stem + ".txt")))
    text = read_article(text_path).text
    where = gold_path.name
    statements = tuple(
        _statement(item, text, f"{where} statement {item.get('id')}")
        for item in data.get("statements") or []
    )
    _check_references(statements, where)
    return GoldText(
        name=gold_path.stem,
        path=text_path,
        text=text,
        statements=statements,
        figures=tuple(
            _figure(item, text, f"{where} figure {index}")
            for index, item in enumerate(data.get("figures") or [])
        ),
        strikes=tuple(
            _strike(item, text, f"{where} strike {index}")
            for index, item in enumerate(data.get("strikes") or [])
        ),
    )


def gold_files(folder: Path = EVAL_DIR, only: str | None = None) -> list[Path]:
    """The gold files in ``folder``, by name; those containing ``only`` when given."""
    return sorted(path for path in folder.glob("*.yaml") if only is None or only in path.stem)


# --- comparing words and spans -----------------------------------------------------------


def label_words(label: str) -> tuple[str, ...]:
    """A label as comparable words: lower case, no full stops or possessives, no leading
    article, British spellings of a few words made American ("defence" = "defense")."""
    text = label.lower().replace("’", "'").replace(".", "")
    text = re.sub(r"'s\b", "", text)
    words = [SPELLINGS.get(word, word) for word in re.findall(r"[0-9a-z]+", text)]
    if len(words) > 1 and words[0] in LEADING_DETERMINERS:
        words = words[1:]
    return tuple(words)


def _contains(outer: Sequence[str], inner: Sequence[str]) -> bool:
    size = len(inner)
    return size > 0 and any(
        tuple(outer[i : i + size]) == tuple(inner) for i in range(len(outer) - size + 1)
    )


def labels_match(one: str, other: str) -> bool:
    """Whether one label's words appear, in order, inside the other's (either way)."""
    a, b = label_words(one), label_words(other)
    return _contains(a, b) or _contains(b, a)


def matches_any(label: str, alternatives: Iterable[str]) -> bool:
    """Whether ``label`` matches one of the alternative labels."""
    return any(labels_match(label, option) for option in alternatives)


def speakers_match(emitted: Sequence[str | Sequence[str]], gold: Sequence[Alternatives]) -> bool:
    """Every emitted speaker is one the gold names (and there is at least one).

    An emitted speaker is a label, or several names for one actor (its label and the words
    of its mentions), any of which may match.
    """
    return bool(emitted) and all(
        any(
            matches_any(name, alternatives)
            for name in ([speaker] if isinstance(speaker, str) else speaker)
            for alternatives in gold
        )
        for speaker in emitted
    )


def overlap(one: Span, other: Span) -> int:
    """How many code points two spans share."""
    return max(0, min(one.end, other.end) - max(one.start, other.start))


def substantial_overlap(one: Span, other: Span) -> bool:
    """The spans share at least half of the shorter one (and something)."""
    shared = overlap(one, other)
    shorter = min(one.end - one.start, other.end - other.start)
    return shared > 0 and 2 * shared >= shorter


def sentence_starts(text: str) -> list[int]:
    """Where each sentence begins (not after "U.N." or an initial)."""
    return [0] + [m.end() for m in SENTENCE_END.finditer(text)]


def sentence_index(starts: Sequence[int], offset: int) -> int:
    """Which sentence ``offset`` falls in."""
    return max(i for i, start in enumerate(starts) if start <= offset)


def one_to_one(
    left: Sequence[int], edges: dict[int, list[int]], taken: dict[int, int] | None = None
) -> dict[int, int]:
    """Maximum matching (Kuhn), trying ``left`` in order; returns right -> left.

    Left items matched earlier stay matched when later ones are added, so callers put the
    items that count most first.
    """
    owner = dict(taken or {})

    def augment(item: int, seen: set[int]) -> bool:
        for candidate in edges.get(item, []):
            if candidate in seen:
                continue
            seen.add(candidate)
            if candidate not in owner or augment(owner[candidate], seen):
                owner[candidate] = item
                return True
        return False

    for item in left:
        augment(item, set())
    return owner


# --- per-text scoring -----------------------------------------------------------------------


@dataclass
class Tally:
    """Counts for one text, or summed over all of them."""

    statements_required: int = 0
    statements_found: int = 0
    statements_emitted: int = 0
    statements_right: int = 0
    statements_split: int = 0
    kinds_judged: int = 0
    kinds_right: int = 0
    via_judged: int = 0
    via_right: int = 0
    denial_links_judged: int = 0
    denial_links_right: int = 0
    figures_required: int = 0
    figures_found: int = 0
    figures_emitted: int = 0
    figures_right: int = 0
    estimators_judged: int = 0
    estimators_right: int = 0
    strikes_required: int = 0
    strikes_found: int = 0
    strikes_placed_and_dated: int = 0
    strikes_emitted: int = 0
    strikes_right: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @property
    def statement_recall(self) -> float:
        return ratio(self.statements_found, self.statements_required)

    @property
    def statement_precision(self) -> float:
        return ratio(self.statements_right, self.statements_emitted)


def ratio(part: int, whole: int) -> float:
    """``part / whole``, and 1.0 when there is nothing to get right."""
    return part / whole if whole else 1.0


@dataclass(frozen=True)
class Problem:
    """One miss or false positive, with the words it is about."""

    category: str
    what: str
    span: Span


@dataclass
class TextResult:
    """The score of one text and its problems."""

    gold: GoldText
    tally: Tally
    problems: list[Problem] = field(default_factory=list)


class _Names:
    """Labels of the extraction's actors, outlets and places by key."""

    def __init__(self, extraction: Extraction):
        text = extraction.article.text
        self.actors = {actor.key: actor.label for actor in extraction.actors}
        self.actor_names = {
            actor.key: [actor.label, *(m.of(text) for m in actor.mentions if m.end > m.start)]
            for actor in extraction.actors
        }
        self.sources = {source.key: source.label for source in extraction.sources}
        self.places = {place.key: place.label for place in extraction.places}

    def speakers(self, statement: Statement) -> list[str]:
        """The statement's speakers by label."""
        return [self.actors.get(key, key) for key in statement.claimants]

    def speaker_names(self, keys: Iterable[str]) -> list[list[str]]:
        """Each actor's label and the words of its mentions."""
        return [self.actor_names.get(key, [key]) for key in keys]


def _describe(statement: Statement, names: _Names, text: str) -> str:
    speakers = ", ".join(names.speakers(statement)) or "nobody"
    content = statement.content.of(text)
    return f"{statement.kind} by [{speakers}] {statement.cue!r}: {content!r}"


def _describe_gold(statement: GoldStatement) -> str:
    speakers = " + ".join("/".join(alternatives) for alternatives in statement.claimants)
    return f"{statement.kind} by [{speakers}] {statement.cue!r}: {statement.fragment!r}"


@dataclass
class _StatementMatch:
    satisfied: dict[int, int]  # gold index -> emitted index, continuations included
    candidates: dict[int, list[int]]  # gold index -> emitted indexes that match it


def _match_statements(
    gold: Sequence[GoldStatement], emitted: Sequence[Statement], names: _Names
) -> _StatementMatch:
    """One-to-one on whole statements (required first), then the continuations."""
    candidates = {
        g: [
            e
            for e, statement in enumerate(emitted)
            if substantial_overlap(item.span, statement.content)
            and speakers_match(names.speaker_names(statement.claimants), item.claimants)
        ]
        for g, item in enumerate(gold)
    }
    heads = [g for g, item in enumerate(gold) if item.continues is None]
    owner = one_to_one(sorted(heads, key=lambda g: gold[g].optional), candidates)
    satisfied = {g: e for e, g in owner.items()}
    index_of = {item.id: g for g, item in enumerate(gold)}
    used = set(owner)
    for g, item in sorted(enumerate(gold), key=lambda pair: pair[1].optional):
        if item.continues is None:
            continue
        parent = satisfied.get(index_of[item.continues])
        if parent is not None and substantial_overlap(item.span, emitted[parent].content):
            satisfied[g] = parent
            continue
        free = [e for e in candidates[g] if e not in used]
        if free:
            satisfied[g] = free[0]
            used.add(free[0])
    return _StatementMatch(satisfied, candidates)


def _denial_link_right(
    item: GoldStatement,
    statement: Statement,
    gold: Sequence[GoldStatement],
    emitted_by_key: dict[str, int],
    match: _StatementMatch,
) -> bool:
    if not item.denies:
        return not statement.denies
    if statement.kind != "denial" or not statement.denies:
        return False
    allowed = set(item.denies)
    allowed |= {other.id for other in gold if other.continues in allowed}
    for target in statement.denies:
        e = emitted_by_key.get(target)
        matched_ids = {gold[g].id for g, es in match.candidates.items() if e in es}
        if not matched_ids & allowed:
            return False
    return True


def _score_statements(
    gold_text: GoldText, extraction: Extraction, names: _Names, result: TextResult
) -> None:
    gold, emitted, text = gold_text.statements, extraction.statements, gold_text.text
    tally = result.tally
    match = _match_statements(gold, emitted, names)
    tally.statements_required = sum(not item.optional for item in gold)
    tally.statements_emitted = len(emitted)
    index_of = {item.id: g for g, item in enumerate(gold)}
    for g, item in enumerate(gold):
        e = match.satisfied.get(g)
        if item.optional:
            continue
        if e is None:
            _report_miss(item, emitted, names, text, result)
            continue
        tally.statements_found += 1
        if item.continues is not None and e == match.satisfied.get(index_of[item.continues]):
            continue  # kept inside its first part: judged there
        _judge_matched(item, emitted[e], gold, emitted, match, names, result)
    right = {e for es in match.candidates.values() for e in es}
    tally.statements_right = len(right)
    tally.statements_split = len(right - set(match.satisfied.values()))
    for e, statement in enumerate(emitted):
        if e not in right:
            _report_false_positive(statement, gold, names, text, result)


def _judge_matched(
    item: GoldStatement,
    statement: Statement,
    gold: Sequence[GoldStatement],
    emitted: Sequence[Statement],
    match: _StatementMatch,
    names: _Names,
    result: TextResult,
) -> None:
    """Kind, outlets and denial link of one matched statement."""
    tally, text = result.tally, result.gold.text
    tally.kinds_judged += 1
    tally.kinds_right += statement.kind == item.kind
    if item.via:
        tally.via_judged += 1
        outlets = [names.sources.get(key, key) for key in statement.via]
        tally.via_right += speakers_match(outlets, item.via)
    if item.kind != "denial" or item.denies is None:
        return
    emitted_by_key = {other.key: e for e, other in enumerate(emitted)}
    tally.denial_links_judged += 1
    right = _denial_link_right(item, statement, gold, emitted_by_key, match)
    tally.denial_links_right += right
    if not right:
        targets = [
            emitted[emitted_by_key[key]] for key in statement.denies if key in emitted_by_key
        ]
        said = "; ".join(_describe(t, names, text) for t in targets) or "nothing"
        result.problems.append(
            Problem(
                "denial link",
                f"{_describe_gold(item)} should deny {list(item.denies)}; "
                f"emitted {statement.kind} denies {said}",
                item.span,
            )
        )


def _report_miss(
    item: GoldStatement,
    emitted: Sequence[Statement],
    names: _Names,
    text: str,
    result: TextResult,
) -> None:
    near = [s for s in emitted if substantial_overlap(item.span, s.content)]
    if near:
        said = "; ".join(_describe(s, names, text) for s in near)
        result.problems.append(
            Problem("missed: wrong speaker", f"{_describe_gold(item)}; emitted {said}", item.span)
        )
    else:
        result.problems.append(Problem("missed", _describe_gold(item), item.span))


def _report_false_positive(
    statement: Statement,
    gold: Sequence[GoldStatement],
    names: _Names,
    text: str,
    result: TextResult,
) -> None:
    near = [item for item in gold if substantial_overlap(item.span, statement.content)]
    category = "false positive: wrong speaker" if near else "false positive: no such statement"
    detail = _describe(statement, names, text)
    if near:
        detail += "; gold " + "; ".join(_describe_gold(item) for item in near)
    result.problems.append(Problem(category, detail, statement.evidence))


def _count_texts_agree(gold: str, emitted: str) -> bool:
    return labels_match(gold, emitted) or gold.strip().lower() == emitted.strip().lower()


def figure_matches(item: GoldFigure, figure: Figure) -> bool:
    """Same place, compatible count text, same casualty type and the values the gold gives."""
    return (
        overlap(item.span, figure.evidence) > 0
        and _count_texts_agree(item.count_text, figure.count_text)
        and figure.casualty_type == item.casualty_type
        and (item.min_count is None or figure.min_count == item.min_count)
        and (item.max_count is None or figure.max_count == item.max_count)
    )


def _describe_figure(figure: Figure, names: _Names) -> str:
    by = ", ".join(names.actors.get(key, key) for key in figure.estimated_by) or "article"
    return (
        f"{figure.count_text!r} {figure.casualty_type} {figure.victims or ''} "
        f"[{figure.min_count}..{figure.max_count}] by {by}"
    )


def _score_figures(
    gold_text: GoldText, extraction: Extraction, names: _Names, result: TextResult
) -> None:
    gold, emitted, tally = gold_text.figures, extraction.figures, result.tally
    edges = {
        g: [f for f, figure in enumerate(emitted) if figure_matches(item, figure)]
        for g, item in enumerate(gold)
    }
    owner = one_to_one(sorted(range(len(gold)), key=lambda g: gold[g].optional), edges)
    found = {g: f for f, g in owner.items()}
    tally.figures_required = sum(not item.optional for item in gold)
    tally.figures_emitted = len(emitted)
    tally.figures_right = len(owner)
    for g, item in enumerate(gold):
        if item.optional:
            continue
        f = found.get(g)
        if f is None:
            near = [x for x in emitted if overlap(item.span, x.evidence) > 0]
            seen = "; ".join(_describe_figure(x, names) for x in near) or "nothing there"
            what = f"{item.count_text!r} {item.casualty_type} [{item.min_count}..{item.max_count}]"
            result.problems.append(Problem("figure missed", f"{what}; emitted {seen}", item.span))
            continue
        tally.figures_found += 1
        if item.estimated_by is not None:
            tally.estimators_judged += 1
            estimators = [names.actors.get(key, key) for key in emitted[f].estimated_by]
            right = (
                not estimators
                if not item.estimated_by
                else speakers_match(names.speaker_names(emitted[f].estimated_by), item.estimated_by)
            )
            tally.estimators_right += right
            if not right:
                result.problems.append(
                    Problem(
                        "figure estimator",
                        f"{item.count_text!r}: gold {list(item.estimated_by)}, "
                        f"emitted {estimators}",
                        item.span,
                    )
                )
    for f, figure in enumerate(emitted):
        if f not in owner:
            result.problems.append(
                Problem("figure false positive", _describe_figure(figure, names), figure.evidence)
            )


def _strike_right(item: GoldStrike, strike: Strike, names: _Names) -> bool:
    place = names.places.get(strike.location or "", "")
    place_ok = item.location is None or (bool(place) and matches_any(place, item.location))
    date_ok = item.date_text is None or (
        bool(strike.date_text) and matches_any(strike.date_text or "", item.date_text)
    )
    return place_ok and date_ok


def _describe_strike(strike: Strike, names: _Names, text: str) -> str:
    place = names.places.get(strike.location or "", None)
    return f"{strike.trigger!r} at {place} on {strike.date_text}: {strike.evidence.of(text)!r}"


def _score_strikes(
    gold_text: GoldText, extraction: Extraction, names: _Names, result: TextResult
) -> None:
    gold, emitted, tally, text = gold_text.strikes, extraction.strikes, result.tally, gold_text.text
    starts = sentence_starts(text)

    def same_mention(item: GoldStrike, strike: Strike) -> bool:
        return substantial_overlap(item.span, strike.evidence) or sentence_index(
            starts, item.span.start
        ) == sentence_index(starts, strike.evidence.start)

    pairs = [
        (
            item.optional,
            not _strike_right(item, strike, names),
            not substantial_overlap(item.span, strike.evidence),
            g,
            s,
        )
        for g, item in enumerate(gold)
        for s, strike in enumerate(emitted)
        if same_mention(item, strike)
    ]
    found: dict[int, int] = {}
    for *_, g, s in sorted(pairs):
        if g not in found and s not in found.values():
            found[g] = s
    tally.strikes_required = sum(not item.optional for item in gold)
    tally.strikes_emitted = len(emitted)
    tally.strikes_right = len(found)
    for g, item in enumerate(gold):
        if item.optional:
            continue
        if g not in found:
            result.problems.append(Problem("strike missed", repr(item.evidence), item.span))
            continue
        tally.strikes_found += 1
        strike = emitted[found[g]]
        if _strike_right(item, strike, names):
            tally.strikes_placed_and_dated += 1
        else:
            wanted = f"{item.location} on {item.date_text}"
            result.problems.append(
                Problem(
                    "strike place/date",
                    f"want {wanted}; emitted {_describe_strike(strike, names, text)}",
                    item.span,
                )
            )
    for s, strike in enumerate(emitted):
        if s not in found.values():
            result.problems.append(
                Problem(
                    "strike false positive", _describe_strike(strike, names, text), strike.evidence
                )
            )


def evaluate_text(gold_text: GoldText, extraction: Extraction) -> TextResult:
    """Score one extraction against its gold answer."""
    result = TextResult(gold_text, Tally())
    names = _Names(extraction)
    _score_statements(gold_text, extraction, names, result)
    _score_figures(gold_text, extraction, names, result)
    _score_strikes(gold_text, extraction, names, result)
    return result


def evaluate(
    folder: Path = EVAL_DIR,
    only: str | None = None,
    extractor: Callable[..., Extraction] = extract,
) -> list[TextResult]:
    """Run the converter on every held-out text and score it."""
    results = []
    for gold_path in gold_files(folder, only):
        gold_text = load_gold(gold_path)
        results.append(evaluate_text(gold_text, extractor(read_article(gold_text.path))))
    return results


def total(results: Iterable[TextResult]) -> Tally:
    """The counts summed over all texts."""
    summed = Tally()
    for result in results:
        summed = summed + result.tally
    return summed


# --- reporting ------------------------------------------------------------------------------


def _fraction(part: int, whole: int) -> str:
    return f"{part}/{whole}" if whole else "-"


def _row(name: str, t: Tally) -> str:
    return (
        f"{name[:34]:34} {_fraction(t.statements_found, t.statements_required):>7} "
        f"{t.statement_recall:5.2f} {_fraction(t.statements_right, t.statements_emitted):>7} "
        f"{t.statement_precision:5.2f} {_fraction(t.denial_links_right, t.denial_links_judged):>6} "
        f"{_fraction(t.figures_found, t.figures_required):>6} "
        f"{_fraction(t.figures_right, t.figures_emitted):>6} "
        f"{_fraction(t.strikes_found, t.strikes_required):>6} "
        f"{_fraction(t.strikes_placed_and_dated, t.strikes_required):>6}"
    )


def table(results: Sequence[TextResult]) -> str:
    """The per-text table and the overall figures, as text."""
    header = (
        f"{'text':34} {'found':>7} {'rec':>5} {'right':>7} {'prec':>5} {'denie':>6} "
        f"{'fig R':>6} {'fig P':>6} {'str R':>6} {'st p+d':>6}"
    )
    lines = [header, "-" * len(header)]
    lines += [_row(result.gold.name, result.tally) for result in results]
    overall = total(results)
    lines += ["-" * len(header), _row("OVERALL", overall), "", summary(overall)]
    return "\n".join(lines)


def summary(t: Tally) -> str:
    """The overall figures in words."""
    verdict = (
        "meets" if t.statement_recall >= TARGET and t.statement_precision >= TARGET else "is below"
    )
    return "\n".join(
        [
            f"statement recall (right speaker): {t.statement_recall:.3f} "
            f"({t.statements_found}/{t.statements_required})",
            f"statement precision:              {t.statement_precision:.3f} "
            f"({t.statements_right}/{t.statements_emitted}; {t.statements_split} of them splits)",
            f"kind right (matched):             {_fraction(t.kinds_right, t.kinds_judged)}",
            f"via right (matched, gold has via): {_fraction(t.via_right, t.via_judged)}",
            f"denial links right:               "
            f"{_fraction(t.denial_links_right, t.denial_links_judged)}",
            f"figure recall:                    {_fraction(t.figures_found, t.figures_required)}"
            f"  precision: {_fraction(t.figures_right, t.figures_emitted)}"
            f"  estimator right: {_fraction(t.estimators_right, t.estimators_judged)}",
            f"strike recall (found):            {_fraction(t.strikes_found, t.strikes_required)}"
            f"  with place and date right: "
            f"{_fraction(t.strikes_placed_and_dated, t.strikes_required)}"
            f"  precision: {_fraction(t.strikes_right, t.strikes_emitted)}",
            f"target {TARGET:.0%} recall and precision: the converter {verdict} it",
        ]
    )


def sentence_around(text: str, span: Span) -> str:
    """The sentence (or sentences) holding ``span``, on one line."""
    boundaries = sentence_starts(text) + [len(text)]
    start = max(b for b in boundaries if b <= span.start)
    end = min((b for b in boundaries if b >= span.end), default=len(text))
    return " ".join(text[start:end].split())


def problems_report(results: Sequence[TextResult]) -> str:
    """Every miss and false positive, with the sentence it is in, text by text."""
    lines = []
    for result in results:
        if not result.problems:
            continue
        lines.append(f"== {result.gold.name}")
        for problem in sorted(result.problems, key=lambda p: (p.span.start, p.category)):
            lines.append(f"  [{problem.category}] {problem.what}")
            lines.append(f"      | {sentence_around(result.gold.text, problem.span)}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss and false positive")
    parser.add_argument("--only", help="evaluate only texts whose name contains this")
    args = parser.parse_args(argv)
    try:
        results = evaluate(only=args.only)
    except GoldError as exc:
        print(f"gold error: {exc}", file=sys.stderr)
        return 2
    if args.verbose:
        print(problems_report(results))
        print()
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
