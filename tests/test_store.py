"""Loading into triplestores: the embedded Oxigraph store and a real Oxigraph server over HTTP."""

from __future__ import annotations

import base64
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import Store

from claimgraph.cli import main
from claimgraph.errors import ClaimgraphError, InputError
from claimgraph.publish import write_trig
from claimgraph.query import Term, run_query
from claimgraph.store import LoadReport, endpoints, graph_chunks, load, load_endpoint, load_store
from conftest import free_loopback_port

ONE = "https://w3id.org/claimgraph/id/article/harbour-shelling"
TWO = "https://w3id.org/claimgraph/id/article/convoy-raid"
DENIAL = f"<{ONE}/statement/d1>"
COUNT_GRAPHS = """
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g
"""


def shard_lines(shards: list[tuple[str, Path]]) -> dict[str, set[str]]:
    return {iri: set(path.read_text(encoding="utf-8").splitlines()) for iri, path in shards}


@pytest.fixture
def trig(tmp_path: Path, article_shards: list[tuple[str, Path]]) -> Path:
    return write_trig(article_shards, tmp_path / "claimgraph.trig")


@pytest.fixture
def changed_trig(tmp_path: Path, article_shards: list[tuple[str, Path]]) -> Path:
    """The same dump after a rebuild: article one lost its denial and gained a label."""
    iri, path = article_shards[0]
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if DENIAL not in line]
    lines.append(f'<{iri}> <https://schema.org/headline> "Harbour shelled" .')
    changed = tmp_path / "changed.nt"
    changed.write_text("".join(f"{line}\n" for line in sorted(lines)), encoding="utf-8")
    return write_trig([(iri, changed), article_shards[1]], tmp_path / "changed.trig")


def graph_counts(store: Store) -> dict[str, int]:
    return {row["g"].value: int(row["n"].value) for row in store.query(COUNT_GRAPHS)}


# --- reading the dump ------------------------------------------------------------------


def test_graph_chunks_follow_the_file(trig: Path, article_shards: list[tuple[str, Path]]) -> None:
    chunks = list(graph_chunks(trig))
    assert [graph for graph, _ in chunks] == [ONE, TWO]
    expected = shard_lines(article_shards)
    for graph, lines in chunks:
        assert {line.rstrip("\n") for line in lines} == expected[graph]


# --- embedded store --------------------------------------------------------------------


def test_load_into_the_embedded_store(
    tmp_path: Path, trig: Path, article_shards: list[tuple[str, Path]]
) -> None:
    location = tmp_path / "store"
    report = load_store(trig, location)
    expected = {iri: len(lines) for iri, lines in shard_lines(article_shards).items()}
    assert report == LoadReport(2, sum(expected.values()), str(location))
    assert graph_counts(Store.read_only(str(location))) == expected


def test_reloading_does_not_double_anything(tmp_path: Path, trig: Path) -> None:
    location = tmp_path / "store"
    first = load(trig, store=location)
    second = load(trig, store=location)
    assert second == first
    assert len(Store.read_only(str(location))) == first.quads


def test_reloading_a_rebuilt_article_replaces_its_graph(
    tmp_path: Path, trig: Path, changed_trig: Path, article_shards: list[tuple[str, Path]]
) -> None:
    location = tmp_path / "store"
    load_store(trig, location)
    load_store(changed_trig, location)
    store = Store.read_only(str(location))
    assert not store.query(f"ASK {{ GRAPH ?g {{ {DENIAL} ?p ?o }} }}")
    assert store.query(f'ASK {{ GRAPH <{ONE}> {{ <{ONE}> ?p "Harbour shelled" }} }}')
    assert graph_counts(store)[TWO] == len(shard_lines(article_shards)[TWO])


def test_query_reads_the_loaded_store(tmp_path: Path, trig: Path) -> None:
    location = tmp_path / "store"
    load_store(trig, location)
    result = run_query(
        "SELECT ?who WHERE { GRAPH ?g { ?d a <https://w3id.org/claimgraph/ontology#Denial> ; "
        "<https://w3id.org/claimgraph/ontology#claimant> ?who } }",
        store=location,
    )
    assert [row["who"] for row in result.rows] == [
        Term.iri("https://w3id.org/claimgraph/id/actor/navy")
    ]


def test_a_store_in_use_is_a_one_line_error(tmp_path: Path, trig: Path) -> None:
    location = tmp_path / "store"
    held = Store(str(location))
    with pytest.raises(ClaimgraphError) as error:
        load_store(trig, location)
    assert "in use by another process" in str(error.value)
    assert str(location) in str(error.value) and "\n" not in str(error.value)
    del held


def test_a_missing_dump_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.trig: no such file"):
        load(tmp_path / "nope.trig", store=tmp_path / "store")


def test_a_broken_dump_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.trig"
    broken.write_text("<http://example.org/g> { <http://example.org/a> <http://", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load(broken, store=tmp_path / "store")
    assert str(error.value).startswith(f"{broken}: not valid TriG")
    assert "\n" not in str(error.value)


# --- endpoint URLs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "graph_store", "query"),
    [
        ("http://127.0.0.1:7878", "http://127.0.0.1:7878/store", "http://127.0.0.1:7878/query"),
        ("http://127.0.0.1:7878/store", "http://127.0.0.1:7878/store",
         "http://127.0.0.1:7878/query"),
        ("http://h:3030/claims/data", "http://h:3030/claims/data", "http://h:3030/claims/query"),
        ("http://h:3030/claims", "http://h:3030/claims", "http://h:3030/claims"),
        ("http://h:7200/repositories/claims",
         "http://h:7200/repositories/claims/rdf-graphs/service",
         "http://h:7200/repositories/claims"),
        ("http://h:7200/repositories/claims/rdf-graphs/service",
         "http://h:7200/repositories/claims/rdf-graphs/service",
         "http://h:7200/repositories/claims"),
        ("http://h:8890/sparql-graph-crud-auth", "http://h:8890/sparql-graph-crud-auth",
         "http://h:8890/sparql"),
    ],
)
def test_endpoint_urls_of_common_triplestores(given: str, graph_store: str, query: str) -> None:
    urls = endpoints(given)
    assert (urls.graph_store, urls.query) == (graph_store, query)


def test_a_query_endpoint_can_be_given() -> None:
    urls = endpoints("http://h:3030/claims/data", "http://h:3030/claims/sparql")
    assert urls.query == "http://h:3030/claims/sparql"


def test_an_endpoint_must_be_http() -> None:
    with pytest.raises(ClaimgraphError, match="not an http"):
        endpoints("ftp://h/store")


# --- a real Oxigraph server ------------------------------------------------------------


def remote_counts(server: str, graphs: list[str]) -> dict[str, int]:
    result = run_query(COUNT_GRAPHS, endpoint=server + "/query")
    counts = {row["g"].value: int(row["n"].value) for row in result.rows}
    return {graph: counts.get(graph, 0) for graph in graphs}


def test_load_to_a_server_then_reload(
    oxigraph_server: str, trig: Path, article_shards: list[tuple[str, Path]]
) -> None:
    expected = {iri: len(lines) for iri, lines in shard_lines(article_shards).items()}
    report = load(trig, endpoint=oxigraph_server)
    assert report == LoadReport(2, sum(expected.values()), oxigraph_server + "/store")
    assert remote_counts(oxigraph_server, [ONE, TWO]) == expected
    again = load(trig, endpoint=oxigraph_server + "/store")
    assert again.quads == report.quads
    assert remote_counts(oxigraph_server, [ONE, TWO]) == expected  # nothing doubled


def test_reloading_to_a_server_replaces_the_graph(
    oxigraph_server: str, trig: Path, changed_trig: Path
) -> None:
    load(trig, endpoint=oxigraph_server)
    load(changed_trig, endpoint=oxigraph_server)
    result = run_query(
        f"SELECT ?p WHERE {{ GRAPH ?g {{ {DENIAL} ?p ?o }} }}", endpoint=oxigraph_server + "/query"
    )
    assert result.rows == ()
    load(trig, endpoint=oxigraph_server)  # leave the server as the other tests expect


def test_cli_loads_and_queries_a_server(
    oxigraph_server: str, trig: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["load", str(trig), "--endpoint", oxigraph_server]) == 0
    assert "2 graphs" in capsys.readouterr().out
    query = trig.parent / "denier.rq"
    query.write_text(
        "# Who denied something\n# Parameters: none\n# Columns: ?who\n"
        "SELECT ?who WHERE { GRAPH ?g { ?d a <https://w3id.org/claimgraph/ontology#Denial> ; "
        "<https://w3id.org/claimgraph/ontology#claimant> ?who } } ORDER BY ?who\n",
        encoding="utf-8",
    )
    code = main(["query", str(query), "--endpoint", oxigraph_server + "/query", "--format", "csv"])
    assert code == 0
    assert capsys.readouterr().out.splitlines() == ["who", "https://w3id.org/claimgraph/id/actor/navy"]


def test_an_unreachable_server_is_a_one_line_error(trig: Path) -> None:
    url = f"http://127.0.0.1:{free_loopback_port()}/store"
    with pytest.raises(ClaimgraphError) as error:
        load_endpoint(trig, url, timeout=5)
    assert str(error.value).startswith(f"{url}: cannot reach the server")
    assert "\n" not in str(error.value)


def test_a_server_error_names_the_status(oxigraph_server: str, trig: Path) -> None:
    url = oxigraph_server + "/no-such-service"
    with pytest.raises(ClaimgraphError) as error:
        load_endpoint(trig, url, query_endpoint=oxigraph_server + "/query")
    assert str(error.value).startswith(f"{url}: the server answered PUT with 404")


# --- authentication --------------------------------------------------------------------


@pytest.fixture
def refusing_server() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that answers 401 to everything and records Authorization."""
    seen: list[str] = []

    class Refuse(http.server.BaseHTTPRequestHandler):
        def do_PUT(self) -> None:  # noqa: N802 (the standard library's naming)
            seen.append(self.headers.get("Authorization", ""))
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(401, "Unauthorized")
            self.send_header("WWW-Authenticate", 'Basic realm="claims"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Refuse)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/claims/data", seen
    finally:
        server.shutdown()
        server.server_close()


def test_credentials_go_as_basic_auth_and_a_refusal_says_so(
    refusing_server: tuple[str, list[str]], trig: Path
) -> None:
    url, seen = refusing_server
    with pytest.raises(ClaimgraphError) as error:
        load(trig, endpoint=url, user="editor", password="s3cret")
    assert seen == ["Basic " + base64.b64encode(b"editor:s3cret").decode()]
    assert "401 Unauthorized (check --user and --password-env)" in str(error.value)


# --- a real build, loaded -------------------------------------------------------------


def test_a_built_dataset_answers_the_same_from_the_store_and_the_files(
    tmp_path: Path, oxigraph_server: str
) -> None:
    from claimgraph.build import build
    from claimgraph.resources import project_root

    out = tmp_path / "dist"
    report = build(project_root() / "seeds", out=out)
    loaded = load(out / "claimgraph.trig", store=tmp_path / "store")
    ontology_quads = len(list(graph_chunks(out / "claimgraph.trig"))[0][1])
    assert loaded.graphs == report.articles + 1  # and the ontology's graph
    assert loaded.quads == report.triples + ontology_quads  # one article: no shared triples
    remote = load(out / "claimgraph.trig", endpoint=oxigraph_server)
    assert remote.quads == loaded.quads
    from_files = run_query("statements", data=[out / "claimgraph.nt"])
    from_store = run_query("statements", store=tmp_path / "store")
    assert from_files.rows and from_store.rows == from_files.rows
