"""The linked-data server: dereferencing, content negotiation, a read-only SPARQL endpoint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from starlette.testclient import TestClient

from claimgraph import iris
from claimgraph.server import create_app, negotiate, open_store

CG = iris.CG
CLAIM = iris.DATA + "article/a1/statement/abc"
ACTOR = iris.DATA + "actor/igor-konashenkov"
ARTICLE = iris.DATA + "article/a1"

TRIG = f"""
@prefix cg: <{CG}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{ARTICLE}> {{
  <{ARTICLE}> a cg:Source, <https://schema.org/NewsArticle> ; rdfs:label "Test article" .
  <{CLAIM}> a cg:Claim ; cg:claimant <{ACTOR}> ; cg:cue "claimed" ;
      cg:text "no planes were near the city" ; cg:reportedIn <{ARTICLE}> .
  <{ACTOR}> a cg:Actor, cg:Person ; rdfs:label "Igor Konashenkov" .
}}
"""


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    data = tmp_path / "data.trig"
    data.write_text(TRIG, encoding="utf-8")
    return TestClient(create_app(open_store(data=[data])))


def test_resource_page_shows_labels_and_local_links(client: TestClient) -> None:
    response = client.get("/id/article/a1/statement/abc", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert '<a href="/id/actor/igor-konashenkov">Igor Konashenkov</a>' in response.text
    assert "no planes were near the city" in response.text


def test_actor_page_lists_what_points_at_it(client: TestClient) -> None:
    response = client.get("/id/actor/igor-konashenkov")
    assert "Referenced by" in response.text
    assert 'href="/id/article/a1/statement/abc"' in response.text


def test_turtle_by_content_negotiation(client: TestClient) -> None:
    response = client.get("/id/actor/igor-konashenkov", headers={"accept": "text/turtle"})
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    assert (URIRef(ACTOR), label, Literal("Igor Konashenkov")) in graph
    assert (URIRef(CLAIM), URIRef(CG + "claimant"), URIRef(ACTOR)) in graph


def test_unknown_resource_is_404(client: TestClient) -> None:
    assert client.get("/id/actor/nobody").status_code == 404


def test_sparql_select_returns_standard_json(client: TestClient) -> None:
    query = f"SELECT ?cue WHERE {{ ?s <{CG}cue> ?cue }}"
    response = client.post(
        "/sparql", content=query, headers={"content-type": "application/sparql-query"}
    )
    assert response.status_code == 200
    body = json.loads(response.text)
    assert body["head"]["vars"] == ["cue"]
    assert [b["cue"]["value"] for b in body["results"]["bindings"]] == ["claimed"]


def test_sparql_csv_by_accept(client: TestClient) -> None:
    query = f"SELECT ?cue WHERE {{ ?s <{CG}cue> ?cue }}"
    response = client.get("/sparql", params={"query": query}, headers={"accept": "text/csv"})
    assert response.text.splitlines() == ["cue", "claimed"]


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://x> <http://y> <http://z> }",
        "PREFIX ex: <http://x/>\nDELETE WHERE { ?s ?p ?o }",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_updates_and_federation_are_refused(client: TestClient, query: str) -> None:
    def size() -> str:
        answer = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
        return json.loads(answer.text)["results"]["bindings"][0]["n"]["value"]

    before = size()
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 403
    assert size() == before == str(len(list(Dataset().parse(data=TRIG, format="trig").quads())))


def test_bad_query_is_400(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": "SELEKT nothing"}).status_code == 400


def test_home_counts_claims_and_links_articles(client: TestClient) -> None:
    response = client.get("/")
    assert '<tr><th>Claim</th><td>1</td></tr>' in response.text
    assert 'href="/id/article/a1"' in response.text


def test_negotiate_prefers_quality_then_order() -> None:
    offered = ["text/html", "text/turtle"]
    assert negotiate("text/turtle;q=0.5, text/html", offered, "text/html") == "text/html"
    assert negotiate("application/xml, text/turtle", offered, "text/html") == "text/turtle"
    assert negotiate("*/*", offered, "text/turtle") == "text/turtle"
    assert negotiate("", offered, "text/html") == "text/html"
