"""The RDF stage on a hand-built extraction: triples, grounding, determinism."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from claimgraph import iris
from claimgraph.model import (
    Actor,
    Article,
    Extraction,
    Figure,
    Place,
    Source,
    Span,
    Statement,
    Strike,
)
from claimgraph.rdf import canonical_ntriples, extraction_triples, serialize_ntriples

CG = Namespace(iris.CG)
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

TEXT = (
    "The army said its jets struck a depot near Kharkiv on Monday.\n"
    "“No depot was hit,” a regional official told Ukrinform, adding that 12 civilians died."
)


def span_of(words: str, after: int = 0) -> Span:
    start = TEXT.index(words, after)
    return Span(start, start + len(words))


def hand_extraction() -> Extraction:
    article = Article(key="test_article", text=TEXT, published=dt.date(2024, 5, 8))
    claim = Statement(
        key="s1", kind="claim", claimants=["army"], cue="said", cue_span=span_of("said"),
        content=span_of("its jets struck a depot near Kharkiv on Monday"),
        evidence=span_of("The army said its jets struck a depot near Kharkiv on Monday"),
        commitment="asserted", about=["k1"], alleged_perpetrators=["army"],
    )
    denial = Statement(
        key="s2", kind="denial", claimants=["official"], cue="told",
        cue_span=span_of("told"), content=span_of("No depot was hit"),
        evidence=span_of("“No depot was hit,” a regional official told Ukrinform"),
        quoted=True, via=["ukrinform"], commitment="reported", denies=["s1"], about=["k1"],
    )
    strike = Strike(
        key="k1", evidence=span_of("struck a depot near Kharkiv on Monday"), trigger="struck",
        location="kharkiv", target="a depot", date=dt.date(2024, 5, 6), date_text="Monday",
    )
    figure = Figure(
        key="f1", evidence=span_of("12 civilians died"), count_text="12", min_count=12,
        max_count=12, qualifier="exact", casualty_type="killed", victims="civilians",
        estimated_by=["official"],
    )
    return Extraction(
        article=article,
        actors=[
            Actor(key="army", label="Ukrainian Army", kind="organization"),
            Actor(key="official", label="a regional official", kind="person", unnamed=True),
        ],
        sources=[Source(key="ukrinform", label="Ukrinform")],
        places=[Place(key="kharkiv", label="Kharkiv", wikidata="Q42308")],
        statements=[claim, denial],
        strikes=[strike],
        figures=[figure],
    )


@pytest.fixture(scope="module")
def graph() -> Graph:
    nt = canonical_ntriples(extraction_triples(hand_extraction()))
    return Graph().parse(data=nt, format="nt")


def one(graph: Graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


def statement_by_cue(graph: Graph, cue: str) -> URIRef:
    (node,) = graph.subjects(CG.cue, Literal(cue))
    return node


def test_every_evidence_quotes_the_text_between_its_offsets(graph: Graph) -> None:
    selectors = list(graph.subjects(RDF.type, OA.TextPositionSelector))
    assert len(selectors) == 4  # two statements, one strike, one figure
    for selector in selectors:
        start = int(one(graph, selector, OA.start))
        end = int(one(graph, selector, OA.end))
        assert str(one(graph, selector, OA.exact)) == TEXT[start:end]
        assert str(one(graph, selector, OA.prefix)) == TEXT[max(0, start - 32) : start]


def test_denial_points_at_the_claim_and_keeps_its_outlet(graph: Graph) -> None:
    denial = statement_by_cue(graph, "told")
    claim = statement_by_cue(graph, "said")
    assert (denial, RDF.type, CG.Denial) in graph
    assert one(graph, denial, CG.denies) == claim
    assert one(graph, denial, CG.via) == URIRef(iris.source("Ukrinform"))
    assert one(graph, denial, CG.quoted) == Literal(True)
    assert str(one(graph, denial, CG.text)) == "No depot was hit"


def test_the_strike_carries_no_perpetrator(graph: Graph) -> None:
    (strike,) = graph.subjects(RDF.type, CG.Strike)
    predicates = set(graph.predicates(strike, None))
    assert CG.allegedPerpetrator not in predicates
    assert one(graph, strike, CG.date) == Literal("2024-05-06", datatype=XSD.date)
    claim = statement_by_cue(graph, "said")
    assert one(graph, claim, CG.allegedPerpetrator) == URIRef(iris.actor("Ukrainian Army"))


def test_unnamed_actor_is_scoped_to_its_article(graph: Graph) -> None:
    (official,) = graph.subjects(RDFS.label, Literal("a regional official"))
    assert str(official).startswith(iris.article("test_article") + "/actor/")
    assert one(graph, official, CG.unnamed) == Literal(True)


def test_figure_range_and_estimator(graph: Graph) -> None:
    (figure,) = graph.subjects(RDF.type, CG.CasualtyEstimate)
    assert int(one(graph, figure, CG.minCount)) == 12
    assert int(one(graph, figure, CG.maxCount)) == 12
    assert one(graph, figure, CG.statedByArticle) == Literal(False)
    assert one(graph, figure, CG.countQualifier) == URIRef(iris.concept("qualifier", "exact"))


def test_output_is_byte_identical_and_sorted() -> None:
    first = canonical_ntriples(extraction_triples(hand_extraction()))
    second = canonical_ntriples(extraction_triples(hand_extraction()))
    assert first == second
    lines = first.splitlines()
    assert lines == sorted(set(lines))


@pytest.mark.parametrize("fmt", ["ttl", "trig", "jsonld", "nt"])
def test_every_format_round_trips_to_the_same_graph(fmt: str) -> None:
    nt = canonical_ntriples(extraction_triples(hand_extraction()))
    text = serialize_ntriples(nt, fmt, graph_name=iris.article("test_article"))
    rdflib_format = {"ttl": "turtle", "trig": "trig", "jsonld": "json-ld", "nt": "nt"}[fmt]
    parsed = Graph()
    if fmt == "trig":
        from rdflib import Dataset

        dataset = Dataset().parse(data=text, format="trig")
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            parsed.add((s, p, o))
    else:
        parsed.parse(data=text, format=rdflib_format)
    expected = Graph().parse(data=nt, format="nt")
    assert len(parsed) == len(expected)
    assert set(parsed) == set(expected)
