"""One article through the whole converter: grounding, metadata, formats, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from claimgraph import iris
from claimgraph.cli import main
from claimgraph.convert import ConvertOptions, convert_file
from claimgraph.resources import project_root

SEED = project_root() / "seeds" / "000_17ff118d58b876ac.txt"
CG = Namespace(iris.CG)
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")


@pytest.fixture(scope="module")
def seed_graph() -> Graph:
    return convert_file(SEED).graph()


def test_every_grounded_node_quotes_the_article_exactly(seed_graph: Graph) -> None:
    text = SEED.read_text(encoding="utf-8")
    article = URIRef(iris.article(SEED.stem))
    assert str(seed_graph.value(article, SCHEMA.text)) == text
    grounded = 0
    for cls in (CG.Claim, CG.Denial, CG.Estimate, CG.Strike, CG.CasualtyEstimate):
        for node in seed_graph.subjects(RDF.type, cls):
            selector = seed_graph.value(node, CG.evidence)
            assert selector is not None, f"{node} has no evidence"
            start = int(seed_graph.value(selector, OA.start))
            end = int(seed_graph.value(selector, OA.end))
            assert str(seed_graph.value(selector, OA.exact)) == text[start:end]
            grounded += 1
    assert grounded >= 12 + 4 + 3


def test_seed_output_conforms_to_the_shapes(seed_graph: Graph) -> None:
    from claimgraph.validate import validate

    result = validate(seed_graph)
    assert result.conforms, result.text()


def test_no_strike_carries_a_perpetrator(seed_graph: Graph) -> None:
    strikes = set(seed_graph.subjects(RDF.type, CG.Strike))
    assert strikes
    for strike in strikes:
        assert seed_graph.value(strike, CG.allegedPerpetrator) is None


def test_flags_win_over_the_sidecar(tmp_path: Path) -> None:
    article = tmp_path / "report.txt"
    article.write_text(
        "A military spokesman said on Tuesday that no aircraft had flown over the town.",
        encoding="utf-8",
    )
    sidecar = {"title": "Sidecar title", "publisher": "Example Times", "published": "2023-03-01"}
    (tmp_path / "report.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    options = ConvertOptions(title="Flag title")
    graph = convert_file(article, options).graph()
    node = URIRef(iris.article("report"))
    assert graph.value(node, SCHEMA.headline) == Literal("Flag title")
    assert graph.value(node, SCHEMA.datePublished) == Literal("2023-03-01", datatype=XSD.date)
    publisher = graph.value(node, SCHEMA.publisher)
    assert (publisher, RDF.type, CG.Source) in graph
    assert str(graph.value(publisher, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == (
        "Example Times"
    )


def test_no_text_leaves_the_article_text_out(tmp_path: Path) -> None:
    out = tmp_path / "seed.nt"
    assert main(["convert", str(SEED), "--no-text", "-o", str(out)]) == 0
    graph = Graph().parse(out, format="nt")
    assert graph.value(URIRef(iris.article(SEED.stem)), SCHEMA.text) is None
    assert len(graph) > 100


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
def test_cli_formats_parse_back_to_the_same_graph(
    tmp_path: Path, seed_graph: Graph, fmt: str, parser: str
) -> None:
    out = tmp_path / f"seed.{fmt}"
    assert main(["convert", str(SEED), "-o", str(out)]) == 0
    parsed = Graph().parse(out, format=parser)
    assert set(parsed) == set(seed_graph)


def _convert_in_fresh_process(seed: Path, hash_seed: str) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    result = subprocess.run(
        [sys.executable, "-m", "claimgraph.cli", "convert", str(seed), "--format", "ttl"],
        capture_output=True, env=env, check=True,
    )
    return result.stdout


def test_same_input_gives_byte_identical_output_across_processes() -> None:
    first = _convert_in_fresh_process(SEED, "1")
    second = _convert_in_fresh_process(SEED, "2")
    assert first and first == second
