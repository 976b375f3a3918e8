"""The seed article against what a careful reader finds in it (seeds/*.gold.yaml).

Every non-optional claim, denial, strike, casualty figure and outlet of the gold
file must be recovered, and nothing may be emitted that the gold file does not
list (optional items may be present or absent). Failures print every difference
at once, followed by what the extractor found.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from claimgraph.extract import extract
from claimgraph.extract.gazetteer import load_gazetteer
from claimgraph.files import read_text
from claimgraph.model import Article, Extraction, Statement

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "000_17ff118d58b876ac.txt"
GOLD = SEEDS / "000_17ff118d58b876ac.gold.yaml"
QUALIFIERS = {"over": "more-than", "dozens": "vague", "exact": "exact", "at least": "at-least"}


def key(words: str) -> str:
    """Case, apostrophes, a leading article and spacing do not matter."""
    text = " ".join(words.replace("\u2019", "'").lower().split())
    return re.sub(r"^(?:the|a|an) ", "", text)


def canonical(name: str) -> str:
    """A name as the gazetteer spells it: "the Russians" -> Russia, "The UK Guardian" -> The
    Guardian."""
    gazetteer = load_gazetteer()
    entry = gazetteer.lookup(name)
    if entry is None and name.split():
        entry = gazetteer.demonym(name.split()[-1]) if name.split()[-1].endswith("s") else None
    return key(entry.label if entry else name)


@pytest.fixture(scope="module")
def found() -> Extraction:
    return extract(Article(key=SEED.stem, text=read_text(SEED)))


@pytest.fixture(scope="module")
def gold() -> dict:
    return yaml.safe_load(read_text(GOLD))


class View:
    """The extraction seen through labels, for comparing with the gold file."""

    def __init__(self, extraction: Extraction):
        self.x = extraction
        self.text = extraction.article.text
        self.actors = {a.key: a for a in extraction.actors}
        self.sources = {s.key: s.label for s in extraction.sources}
        self.places = {p.key: p.label for p in extraction.places}

    def claimants(self, statement: Statement) -> set[str]:
        return {key(self.actors[k].label) for k in statement.claimants}

    def via(self, statement: Statement) -> list[str]:
        return [key(self.sources[k]) for k in statement.via]

    def sides(self, actor_key: str) -> set[str]:
        """An actor's label and the labels of what it belongs to."""
        labels = set()
        while (
            actor_key
            and actor_key in self.actors
            and key(self.actors[actor_key].label) not in labels
        ):
            labels.add(key(self.actors[actor_key].label))
            actor_key = self.actors[actor_key].affiliation or ""
        return labels

    def dump(self) -> str:
        lines = ["-- what the extractor found --"]
        for s in self.x.statements:
            lines.append(
                f"{s.key} {s.kind} {sorted(self.claimants(s))} cue={s.cue!r} via={self.via(s)} "
                f"quoted={s.quoted} denies={s.denies} about={s.about} "
                f"perps={[self.actors[p].label for p in s.alleged_perpetrators]}"
            )
            lines.append(f"    content={s.content.of(self.text)!r}")
        for st in self.x.strikes:
            lines.append(
                f"{st.key} {st.trigger!r} at={self.places.get(st.location or '')} "
                f"target={st.target!r} date={st.date_text!r} freq={st.frequency_text!r}"
            )
        for f in self.x.figures:
            lines.append(
                f"{f.key} {f.count_text!r} {f.min_count}-{f.max_count} {f.qualifier} "
                f"{f.casualty_type} {f.victims!r} by={f.estimated_by} part_of={f.part_of}"
            )
        return "\n".join(lines)


def statement_matches(view: View, statement: Statement, item: dict) -> list[str]:
    """Why ``statement`` is not the gold ``item`` (empty when it is)."""
    problems = []
    if statement.kind != item["kind"]:
        problems.append(f"kind {statement.kind} != {item['kind']}")
    wanted = item["claimant"] if isinstance(item["claimant"], list) else [item["claimant"]]
    if view.claimants(statement) != {canonical(w) for w in wanted}:
        problems.append(f"claimants {sorted(view.claimants(statement))} != {wanted}")
    if key(statement.cue) != key(item["cue"]):
        problems.append(f"cue {statement.cue!r} != {item['cue']!r}")
    content = statement.content.of(view.text)
    if item["content_fragment"] not in content:
        problems.append(f"content {content!r} lacks {item['content_fragment']!r}")
    if view.via(statement) != [canonical(v) for v in item.get("via") or []]:
        problems.append(f"via {view.via(statement)} != {item.get('via')}")
    if "quoted" in item and statement.quoted != item["quoted"]:
        problems.append(f"quoted {statement.quoted} != {item['quoted']}")
    return problems


def match_claims(view: View, gold: dict) -> tuple[dict[str, Statement], list[str]]:
    """Gold id -> statement, one to one, and the problems found on the way."""
    matched: dict[str, Statement] = {}
    problems: list[str] = []
    taken: set[str] = set()
    for item in gold["claims"]:
        candidates = [s for s in view.x.statements if s.key not in taken]
        exact = [s for s in candidates if not statement_matches(view, s, item)]
        if exact:
            matched[item["id"]] = exact[0]
            taken.add(exact[0].key)
        elif not item.get("optional"):
            near = [s for s in candidates if item["content_fragment"] in s.content.of(view.text)]
            why = (
                statement_matches(view, near[0], item)
                if near
                else ["no statement holds the fragment"]
            )
            problems.append(f"{item['id']} ({item['cue']}) not recovered: {'; '.join(why)}")
    for statement in view.x.statements:
        if statement.key not in taken:
            problems.append(
                f"invented statement {statement.key}: {statement.cue!r} "
                f"{statement.content.of(view.text)!r}"
            )
    return matched, problems


def test_every_gold_statement_is_recovered_and_none_invented(found, gold):
    view = View(found)
    _matched, problems = match_claims(view, gold)
    assert not problems, "\n".join(problems) + "\n" + view.dump()


def test_denials_reject_the_russian_claims_of_us_strikes(found, gold):
    view = View(found)
    matched, _ = match_claims(view, gold)
    problems = []
    for item in gold["claims"]:
        if item["kind"] != "denial":
            continue
        if item["id"] not in matched or "c4" not in matched:
            problems.append(f"{item['id']} or c4 not recovered")
            continue
        denial = matched[item["id"]]
        allowed = {matched[c].key for c in item["denies"] if c in matched}
        if matched["c4"].key not in denial.denies:
            problems.append(f"{item['id']} does not deny c4")
        extra = set(denial.denies) - allowed
        if extra:
            problems.append(f"{item['id']} also denies {sorted(extra)}, not in the gold list")
    assert not problems, "\n".join(problems) + "\n" + view.dump()


def test_the_four_strikes(found, gold):
    view = View(found)
    matched, _ = match_claims(view, gold)
    problems = []
    used: set[str] = set()
    for item in gold["strikes"]:
        strike = next(
            (s for s in found.strikes if s.key not in used and strike_fits(view, s, item)), None
        )
        if strike is None:
            problems.append(f"strike {item['id']} not found: {item}")
            continue
        used.add(strike.key)
        for claim_id in item.get("claim_ids", []):
            claim = matched.get(claim_id)
            if claim is None or strike.key not in claim.about:
                problems.append(f"{claim_id} is not about strike {item['id']}")
                continue
            sides = set().union(*(view.sides(p) for p in claim.alleged_perpetrators))
            if canonical(item["alleged_perpetrator"]) not in sides:
                problems.append(
                    f"{claim_id}: alleged perpetrator {item['alleged_perpetrator']} "
                    f"not in {sorted(sides)}"
                )
        for denial_id in item.get("denied_by", []):
            denial = matched.get(denial_id)
            if denial is None or strike.key not in denial.about:
                problems.append(f"denial {denial_id} is not about strike {item['id']}")
    for strike in found.strikes:
        if strike.key not in used:
            problems.append(f"invented strike {strike.key} {strike.trigger!r}")
    if len({s.key for s in found.strikes}) != len(found.strikes):
        problems.append("two strikes share a key")
    assert not problems, "\n".join(problems) + "\n" + view.dump()


def strike_fits(view: View, strike, item: dict) -> bool:
    place = view.places.get(strike.location or "")
    if item["location"] is None:
        # No place in the gold: the strike names none, or only the country ("in Syria").
        gazetteer = load_gazetteer()
        entry = gazetteer.lookup(place) if place else None
        if place and (entry is None or entry.kind != "country"):
            return False
    elif place is None or key(place) != key(item["location"]):
        return False
    if item.get("target") and (
        strike.target is None or key(item["target"]) not in key(strike.target)
    ):
        return False
    if item.get("date_text") and key(strike.date_text or "") != key(item["date_text"]):
        return False
    frequency = item.get("frequency")
    if frequency:
        words = strike.frequency_text or ""
        if str(frequency["count"]) not in words or frequency["per"] not in words:
            return False
    elif strike.frequency_text:
        return False
    return True


def test_the_three_casualty_figures(found, gold):
    view = View(found)
    matched, _ = match_claims(view, gold)
    by_id = {}
    problems = []
    for item in gold["casualty_estimates"]:
        figure = next((f for f in found.figures if figure_fits(view, f, item)), None)
        if figure is None:
            problems.append(f"figure {item['id']} not found: {item}")
            continue
        by_id[item["id"]] = figure
        claim = matched.get(item["claim_id"])
        if claim is None or figure.key not in claim.about:
            problems.append(f"{item['claim_id']} is not about figure {item['id']}")
    for item in gold["casualty_estimates"]:
        if item.get("part_of") and item["id"] in by_id:
            parent = by_id.get(item["part_of"])
            if parent is None or by_id[item["id"]].part_of != parent.key:
                problems.append(f"figure {item['id']} is not part of {item['part_of']}")
    if len(found.figures) != len(gold["casualty_estimates"]):
        problems.append(
            f"{len(found.figures)} figures, the gold has {len(gold['casualty_estimates'])}"
        )
    assert not problems, "\n".join(problems) + "\n" + view.dump()


def figure_fits(view: View, figure, item: dict) -> bool:
    qualifier = QUALIFIERS[item["qualifier"]]
    if figure.qualifier != qualifier or figure.casualty_type != item["category"]:
        return False
    if item["count"] is not None:
        low = item["count"] + 1 if qualifier == "more-than" else item["count"]
        if figure.min_count != low:
            return False
        if qualifier == "exact" and figure.max_count != item["count"]:
            return False
    if key(figure.victims or "") != key(item["victims"]):
        return False
    estimators = {key(view.actors[k].label) for k in figure.estimated_by}
    return estimators == {canonical(item["estimated_by"])}


def test_the_four_outlets(found, gold):
    assert sorted(key(s.label) for s in found.sources) == sorted(
        canonical(s) for s in gold["sources"]
    )


def test_speakers_carry_role_and_affiliation(found, gold):
    view = View(found)
    problems = []
    for item in gold["claims"]:
        if item.get("optional") or not isinstance(item["claimant"], str):
            continue
        actor = next((a for a in found.actors if key(a.label) == canonical(item["claimant"])), None)
        if actor is None:
            problems.append(f"no actor {item['claimant']}")
            continue
        if item.get("role") and actor.role != item["role"]:
            problems.append(f"{actor.label}: role {actor.role!r} != {item['role']!r}")
        if item.get("affiliation") and item["claimant_type"] != "government":
            parent = view.actors.get(actor.affiliation or "")
            if parent is None or canonical(item["affiliation"]) != key(parent.label):
                problems.append(
                    f"{actor.label}: affiliation {parent and parent.label!r} "
                    f"!= {item['affiliation']!r}"
                )
        if item["claimant_type"] == "unnamed" and not actor.unnamed:
            problems.append(f"{actor.label} should be unnamed")
    assert not problems, "\n".join(problems) + "\n" + view.dump()


def test_same_text_same_extraction():
    text = read_text(SEED)
    first = extract(Article(key=SEED.stem, text=text))
    second = extract(Article(key=SEED.stem, text=text))
    assert first == second
