"""Shared fixtures: a real Oxigraph server on loopback, and small hand-written article graphs."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from pyoxigraph import RdfFormat, parse

ENDPOINT_VARIABLE = "CLAIMGRAPH_TEST_ENDPOINT"

# Two invented articles in the shape of docs/rdf-contract.md. They share one
# outlet (Reuters), so the merged data has fewer triples than the two graphs.
TEXT_ONE = (
    "The port authority said shelling hit the harbour on Thursday, killing at least 9 "
    "dockworkers, according to Reuters. The navy denied firing on the port."
)
TEXT_TWO = (
    "An aid convoy was struck near the border, a UN spokeswoman told Reuters, "
    'calling it \\"deliberate\\".'
)

ARTICLE_ONE = f"""
@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix actor: <https://w3id.org/claimgraph/id/actor/> .
@prefix source: <https://w3id.org/claimgraph/id/source/> .
@prefix commitment: <https://w3id.org/claimgraph/vocab/commitment/> .
@prefix qualifier: <https://w3id.org/claimgraph/vocab/qualifier/> .
@prefix casualty: <https://w3id.org/claimgraph/vocab/casualty/> .
@prefix schema: <https://schema.org/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/claimgraph/id/article/harbour-shelling> a cg:Source, schema:NewsArticle ;
    rdfs:label "harbour-shelling" ;
    dcterms:identifier "harbour-shelling" ;
    schema:datePublished "2019-05-03"^^xsd:date ;
    schema:text "{TEXT_ONE}" ;
    schema:inLanguage "en" .

actor:port-authority a cg:Actor, cg:Organization ;
    rdfs:label "The port authority" .
actor:navy a cg:Actor, cg:Organization ; rdfs:label "The navy" .
source:reuters a cg:Source, schema:NewsMediaOrganization ;
    rdfs:label "Reuters" .

<https://w3id.org/claimgraph/id/article/harbour-shelling/statement/a1> a cg:Claim ;
    cg:claimant actor:port-authority ;
    cg:cue "said" ;
    cg:text "shelling hit the harbour on Thursday, killing at least 9 dockworkers" ;
    cg:quoted false ;
    cg:via source:reuters ;
    cg:reportedIn <https://w3id.org/claimgraph/id/article/harbour-shelling> ;
    cg:commitment commitment:asserted ;
    cg:about <https://w3id.org/claimgraph/id/article/harbour-shelling/strike/s1> .

<https://w3id.org/claimgraph/id/article/harbour-shelling/statement/d1> a cg:Denial ;
    cg:claimant actor:navy ;
    cg:cue "denied" ;
    cg:text "firing on the port" ;
    cg:quoted false ;
    cg:reportedIn <https://w3id.org/claimgraph/id/article/harbour-shelling> ;
    cg:commitment commitment:asserted ;
    cg:denies <https://w3id.org/claimgraph/id/article/harbour-shelling/statement/a1> .

<https://w3id.org/claimgraph/id/article/harbour-shelling/strike/s1> a cg:Strike ;
    rdfs:label "shelling" ;
    cg:dateText "Thursday" ;
    cg:reportedIn <https://w3id.org/claimgraph/id/article/harbour-shelling> .

<https://w3id.org/claimgraph/id/article/harbour-shelling/figure/f1> a cg:CasualtyEstimate ;
    cg:countText "at least 9" ;
    cg:minCount "9"^^xsd:nonNegativeInteger ;
    cg:countQualifier qualifier:at-least ;
    cg:casualtyType casualty:killed ;
    cg:victims "dockworkers" ;
    cg:estimatedBy actor:port-authority ;
    cg:statedByArticle false ;
    cg:evidence <https://w3id.org/claimgraph/id/article/harbour-shelling/figure/f1/evidence> ;
    cg:reportedIn <https://w3id.org/claimgraph/id/article/harbour-shelling> .

<https://w3id.org/claimgraph/id/article/harbour-shelling/figure/f1/evidence>
    a oa:TextQuoteSelector, oa:TextPositionSelector ;
    oa:exact "at least 9 dockworkers" ;
    oa:start "70"^^xsd:nonNegativeInteger ;
    oa:end "92"^^xsd:nonNegativeInteger ;
    oa:hasSource <https://w3id.org/claimgraph/id/article/harbour-shelling> .
"""

ARTICLE_TWO = f"""
@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix actor: <https://w3id.org/claimgraph/id/actor/> .
@prefix source: <https://w3id.org/claimgraph/id/source/> .
@prefix commitment: <https://w3id.org/claimgraph/vocab/commitment/> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/claimgraph/id/article/convoy-raid> a cg:Source, schema:NewsArticle ;
    rdfs:label "convoy-raid" ;
    dcterms:identifier "convoy-raid" ;
    schema:datePublished "2021-11-20"^^xsd:date ;
    schema:text "{TEXT_TWO}" ;
    schema:inLanguage "en" .

source:reuters a cg:Source, schema:NewsMediaOrganization ;
    rdfs:label "Reuters" .
<https://w3id.org/claimgraph/id/article/convoy-raid/actor/a-un-spokeswoman> a cg:Actor, cg:Person ;
    rdfs:label "a UN spokeswoman" ;
    cg:unnamed true .

<https://w3id.org/claimgraph/id/article/convoy-raid/statement/c1> a cg:Claim ;
    cg:claimant <https://w3id.org/claimgraph/id/article/convoy-raid/actor/a-un-spokeswoman> ;
    cg:cue "told" ;
    cg:text "An aid convoy was struck near the border" ;
    cg:quoted false ;
    cg:via source:reuters ;
    cg:reportedIn <https://w3id.org/claimgraph/id/article/convoy-raid> ;
    cg:commitment commitment:alleged .
"""

ARTICLES = {
    "https://w3id.org/claimgraph/id/article/harbour-shelling": ARTICLE_ONE,
    "https://w3id.org/claimgraph/id/article/convoy-raid": ARTICLE_TWO,
}

# A small ontology with a union (pyLODE lists union members in set order).
TINY_ONTOLOGY = """
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix cg: <https://w3id.org/claimgraph/ontology#> .

<https://w3id.org/claimgraph/ontology> a owl:Ontology ;
    dcterms:title "claimgraph test ontology"@en ;
    dcterms:description "A few terms to exercise the publisher."@en .
cg:Claim a owl:Class ; rdfs:label "Claim"@en ; rdfs:comment "Something someone said."@en .
cg:Denial a owl:Class ; rdfs:subClassOf cg:Claim ; rdfs:label "Denial"@en ;
    rdfs:comment "A statement rejecting a claim."@en .
cg:Strike a owl:Class ; rdfs:label "Strike"@en ; rdfs:comment "An attack."@en .
cg:CasualtyEstimate a owl:Class ; rdfs:label "Casualty estimate"@en ;
    rdfs:comment "A toll as given."@en .
cg:about a owl:ObjectProperty ; rdfs:label "about"@en ; rdfs:comment "What a claim is about."@en ;
    rdfs:domain cg:Claim ;
    rdfs:range [ a owl:Class ; owl:unionOf ( cg:Strike cg:CasualtyEstimate ) ] .
"""


def canonical_ntriples(turtle: str) -> str:
    """Sorted, de-duplicated N-Triples lines, as the converter writes them."""
    quads = parse(turtle.encode("utf-8"), format=RdfFormat.TURTLE)
    return "".join(sorted({f"{quad.triple} .\n" for quad in quads}))


@pytest.fixture
def article_shards(tmp_path: Path) -> list[tuple[str, Path]]:
    """The two invented articles as ``(article IRI, N-Triples shard)``."""
    shards = []
    for index, (iri, turtle) in enumerate(ARTICLES.items()):
        shard = tmp_path / "shards" / f"{index}.nt"
        shard.parent.mkdir(exist_ok=True)
        shard.write_text(canonical_ntriples(turtle), encoding="utf-8")
        shards.append((iri, shard))
    return shards


@pytest.fixture
def tiny_ontology(tmp_path: Path) -> Path:
    path = tmp_path / "ontology.ttl"
    path.write_text(TINY_ONTOLOGY, encoding="utf-8")
    return path


# --- the Oxigraph server ---------------------------------------------------------------


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server CLI: on PATH, or next to this Python."""
    found = shutil.which("oxigraph")
    if found:
        return found
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else None


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited with {process.returncode}")
        try:
            httpx.get(url + "/query", params={"query": "ASK {}"}, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"oxigraph serve did not answer at {url}")


@contextlib.contextmanager
def running_oxigraph(location: Path) -> Iterator[str]:
    """An ``oxigraph serve`` on a free loopback port (union default graph); yields its base URL."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server CLI is not installed")
    url = f"http://127.0.0.1:{free_loopback_port()}"
    process = subprocess.Popen(
        [binary, "serve", "--union-default-graph", "--location", str(location),
         "--bind", url.removeprefix("http://")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def oxigraph_launcher() -> Callable[[Path], contextlib.AbstractContextManager[str]]:
    """Start a private Oxigraph server: ``with oxigraph_launcher(folder) as url: ...``."""
    return running_oxigraph


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a read-write Oxigraph server on loopback (or of ``$CLAIMGRAPH_TEST_ENDPOINT``).

    The server is started once per session on a free port with a temporary
    store location, and stopped at the end.
    """
    given = os.environ.get(ENDPOINT_VARIABLE)
    if given:
        yield given.rstrip("/")
        return
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph-server")) as url:
        yield url
