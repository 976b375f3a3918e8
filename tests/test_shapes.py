"""The SHACL shapes, driven by the examples: valid ones conform, each counter-example fails on
the constraint its header names, every constraint has a counter-example, and the fast path
finds exactly what pySHACL finds.

A counter-example's header declares what it must produce::

    # expect: cgsh:Claim-claimant sh:MinCountConstraintComponent
    # also: ...            (further results the one change unavoidably causes)
    # focus: <https://w3id.org/claimgraph/id/...>
    # severity: Violation
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF

from claimgraph import resources
from claimgraph.validate import (
    COMPONENT_PARAMETERS,
    SH,
    SHAPES_NS,
    ValidationResult,
    load_data,
    shapes_graph,
    validate,
    validate_fast,
)

EXAMPLES = resources.project_root() / "examples"
VALID = sorted((EXAMPLES / "valid").glob("*.ttl"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.ttl"))
OA_START = URIRef("http://www.w3.org/ns/oa#start")
OA_END = URIRef("http://www.w3.org/ns/oa#end")
OA_EXACT = URIRef("http://www.w3.org/ns/oa#exact")
NAMESPACES = {"cgsh": SHAPES_NS, "sh": str(SH)}

Constraint = tuple[str, str]  # (shape IRI, constraint component IRI)


@dataclass(frozen=True)
class Expectation:
    """What a counter-example declares in its header."""

    expect: Constraint
    also: frozenset[Constraint]
    focus: str
    severity: str


def expand(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return NAMESPACES[prefix] + local


def read_expectation(path: Path) -> Expectation:
    header = "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")
    )
    fields: dict[str, list[str]] = {}
    for key, value in re.findall(r"^# (expect|also|focus|severity): (.+)$", header, re.M):
        fields.setdefault(key, []).append(value.strip())
    assert len(fields.get("expect", [])) == 1, f"{path.name} must declare one expect: line"

    def constraint(text: str) -> Constraint:
        shape, component = text.split()
        return (expand(shape), expand(component))

    return Expectation(
        expect=constraint(fields["expect"][0]),
        also=frozenset(constraint(a) for a in fields.get("also", [])),
        focus=fields["focus"][0].strip("<>"),
        severity=fields["severity"][0],
    )


@functools.cache
def shacl_result(path: Path) -> ValidationResult:
    """pySHACL's verdict on an example (shapes only), computed once per test run."""
    return validate(load_data([path]), checks=False)


def constraints(result: ValidationResult) -> set[Constraint]:
    return {(v.shape or "", v.component) for v in result.violations}


def results_by_focus(result: ValidationResult) -> set[tuple[str, str, str]]:
    return {(v.focus, v.shape or "", v.component) for v in result.violations}


def shape_constraints(shapes: Graph) -> set[Constraint]:
    """Every (shape, component) pair the shapes graph states, nested shapes excepted."""
    pairs = set()
    for parameter, name in COMPONENT_PARAMETERS.items():
        for shape in shapes.subjects(parameter, None):
            if isinstance(shape, URIRef):
                pairs.add((str(shape), str(SH[name])))
    return pairs


def test_the_example_folders_are_populated() -> None:
    assert len(VALID) >= 3
    assert len(INVALID) >= 90


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_example_conforms_without_any_result(path: Path) -> None:
    result = shacl_result(path)
    assert result.conforms, result.text()
    assert result.violations == ()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_counter_example_fails_on_its_declared_constraint(path: Path) -> None:
    expected = read_expectation(path)
    result = shacl_result(path)
    assert constraints(result) == {expected.expect} | expected.also, result.text()
    hits = [v for v in result.violations if (v.shape, v.component) == expected.expect]
    assert {v.focus for v in hits} == {expected.focus}
    assert {v.severity for v in hits} == {expected.severity}
    assert result.conforms is (expected.severity != "Violation")


def test_every_constraint_in_the_shapes_has_a_counter_example() -> None:
    stated = shape_constraints(shapes_graph())
    covered = {read_expectation(path).expect for path in INVALID}
    assert len(stated) >= 90
    assert stated - covered == set(), "constraints without a counter-example"
    assert covered - stated == set(), "counter-examples for constraints that do not exist"


def test_counter_example_names_are_unique_and_follow_their_constraint() -> None:
    names = [p.stem for p in INVALID]
    assert len(names) == len(set(names))
    for path in INVALID:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", path.stem), path.name


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: p.name)
def test_fast_path_finds_exactly_what_pyshacl_finds(path: Path) -> None:
    reference = shacl_result(path)
    fast = validate_fast(path, checks=False)
    assert results_by_focus(fast) == results_by_focus(reference)
    assert fast.conforms is reference.conforms


def test_shapes_are_valid_shacl() -> None:
    conforms, _, text = pyshacl.validate(
        shapes_graph(), shacl_graph=None, meta_shacl=True, advanced=True
    )
    assert conforms, text


def test_every_top_level_shape_has_an_iri() -> None:
    shapes = shapes_graph()
    referenced = set(shapes.objects(None, SH.property))
    targeted = {
        s
        for p in (SH.targetClass, SH.targetObjectsOf, SH.targetSubjectsOf, SH.targetNode)
        for s in shapes.subjects(p, None)
    }
    assert targeted and referenced
    assert all(isinstance(shape, URIRef) for shape in targeted | referenced)


def test_statement_rules_target_every_statement_class() -> None:
    shapes = shapes_graph()
    claim_shape = URIRef(SHAPES_NS + "ClaimShape")
    targets = {str(t).rsplit("#", 1)[1] for t in shapes.objects(claim_shape, SH.targetClass)}
    assert targets == {"Claim", "Denial", "Estimate"}


def test_denied_statement_may_be_any_statement_class() -> None:
    shapes = shapes_graph()
    shape = URIRef(SHAPES_NS + "Denial-deniesStatement")
    members = Collection(shapes, shapes.value(shape, SH["or"]))
    classes = {str(shapes.value(m, SH["class"])).rsplit("#", 1)[1] for m in members}
    assert classes == {"Claim", "Denial", "Estimate"}


def test_a_denial_may_deny_a_denial_or_an_estimate() -> None:
    data = load_data([EXAMPLES / "valid" / "saraqib-clinic.ttl"])
    cg = "https://w3id.org/claimgraph/ontology#"
    denial = next(data.subjects(RDF.type, URIRef(cg + "Denial")))
    estimate = next(data.subjects(RDF.type, URIRef(cg + "Estimate")))
    other = URIRef(str(denial) + "-other")
    for p, o in list(data.predicate_objects(denial)):
        data.add((other, p, o))
    data.add((denial, URIRef(cg + "denies"), estimate))
    data.add((denial, URIRef(cg + "denies"), other))
    result = validate(data, checks=False)
    assert result.conforms and result.violations == (), result.text()


def test_offsets_count_code_points_not_utf16_units() -> None:
    """The bakery example quotes two emoji; offsets counted in UTF-16 units must fail."""
    data = load_data([EXAMPLES / "valid" / "bakery-post-offsets.ttl"])
    text = str(next(data.objects(None, URIRef("https://schema.org/text"))))
    astral = [ch for ch in text if ord(ch) > 0xFFFF]
    assert len(astral) == 2
    shifted = 0
    for selector in list(data.subjects(OA_START, None)):
        start = int(data.value(selector, OA_START))
        end = int(data.value(selector, OA_END))
        units_before = len(text[:start].encode("utf-16-le")) // 2
        if units_before != start:
            data.set((selector, OA_START, Literal(units_before, datatype=_NNI)))
            data.set((selector, OA_END, Literal(units_before + end - start, datatype=_NNI)))
            shifted += 1
    assert shifted >= 3
    for result in (validate(data, checks=False), validate_fast(_ntriples(data), checks=False)):
        text_rules = {SHAPES_NS + "EvidenceMatchesTextShape", SHAPES_NS + "EvidenceWithinTextShape"}
        caught = {v.focus for v in result.violations if v.shape in text_rules}
        assert len(caught) == shifted, result.text()


def test_evidence_at_offset_zero_is_checked_from_the_first_character() -> None:
    """SPARQL's SUBSTR counts from 1: an off-by-one would break spans that open the text."""
    data = load_data([EXAMPLES / "valid" / "saraqib-clinic.ttl"])
    openers = [s for s in data.subjects(OA_START, None) if int(data.value(s, OA_START)) == 0]
    assert openers
    selector = openers[0]
    exact = str(data.value(selector, OA_EXACT))
    data.set((selector, OA_EXACT, Literal("X" + exact[1:])))
    for result in (validate(data, checks=False), validate_fast(_ntriples(data), checks=False)):
        assert {(v.shape, v.focus) for v in result.violations} == {
            (SHAPES_NS + "EvidenceMatchesTextShape", str(selector))
        }, result.text()


def test_blank_node_focus_is_reported_too() -> None:
    data = load_data([EXAMPLES / "valid" / "saraqib-clinic.ttl"])
    actor = BNode("anonymous")
    data.add((actor, RDF.type, URIRef("https://w3id.org/claimgraph/ontology#Actor")))
    data.add((actor, RDF.type, URIRef("https://w3id.org/claimgraph/ontology#Person")))
    result = validate(data, checks=False)
    assert [(v.focus, v.component) for v in result.violations] == [
        ("_:anonymous", str(SH.MinCountConstraintComponent))
    ]


_NNI = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")


def _ntriples(graph: Graph) -> str:
    return graph.serialize(format="nt")
