"""The query library: terms, parameters, loading queries, every data source, every format."""

from __future__ import annotations

import csv
import gc
import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pyoxigraph import RdfFormat, Store

from claimgraph import query as q
from claimgraph.errors import ClaimgraphError, InputError
from claimgraph.query import (
    QueryResult,
    Term,
    format_result,
    list_checks,
    list_queries,
    load_query,
    parse_param,
    parse_results_json,
    run_query,
)
from conftest import free_loopback_port

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "data" / "query-example.trig"
EXPECTED_EXAMPLE = ROOT / "tests" / "expected" / "queries" / "example"
XSD = "http://www.w3.org/2001/XMLSchema#"
CG = "https://w3id.org/claimgraph/ontology#"
RUSSIA = "https://w3id.org/claimgraph/id/actor/russia"

SMALL = """@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/s1> a cg:Claim ; cg:claimant <https://example.org/a1> ;
    cg:text "line one\\n\\"quoted\\", with a comma\\tand a tab" .
<https://example.org/a1> a cg:Actor ; rdfs:label "The Spokesman" .
<https://example.org/s2> a cg:Claim ; cg:claimant <https://w3id.org/claimgraph/id/actor/x> ;
    cg:text "short"@en .
"""
SMALL_QUERY = """PREFIX cg: <https://w3id.org/claimgraph/ontology#>
SELECT ?s ?who ?text ?n WHERE {
  ?s cg:claimant ?who ; cg:text ?text .
  BIND (STRLEN(?text) AS ?n)
} ORDER BY ?s"""


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("small") / "small.ttl"
    path.write_text(SMALL, encoding="utf-8")
    return path


def ntriples_rows(result: QueryResult) -> list[tuple[tuple[str, str], ...]]:
    return [tuple(sorted((k, v.ntriples()) for k, v in row.items())) for row in result.rows]


# --- terms and parameters ------------------------------------------------------------


def test_term_ntriples_escapes_quotes_newlines_and_tabs() -> None:
    term = Term.literal('a "b"\n\tc\\')
    assert term.ntriples() == '"a \\"b\\"\\n\\tc\\\\"'


def test_term_literal_drops_xsd_string_and_lowercases_language() -> None:
    assert Term.literal("x", datatype=XSD + "string") == Term.literal("x")
    assert Term.literal("x", language="EN").ntriples() == '"x"@en'


def test_term_json_round_trip() -> None:
    for term in (
        Term.iri("https://example.org/a"),
        Term.bnode("b0"),
        Term.literal("5", datatype=XSD + "integer"),
        Term.literal("Aleppo", language="en"),
        Term.literal("plain"),
    ):
        assert Term.from_json(term.to_json()) == term


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("actor=<https://w3id.org/claimgraph/id/actor/russia>", "actor", Term.iri(RUSSIA)),
        ("actor=https://w3id.org/claimgraph/id/actor/russia", "actor", Term.iri(RUSSIA)),
        ("?actor=cgid:actor/russia", "actor", Term.iri(RUSSIA)),
        ("kind=cg:Denial", "kind", Term.iri(CG + "Denial")),
        ("x=urn:isbn:123", "x", Term.iri("urn:isbn:123")),
        ("n=5", "n", Term.literal("5", datatype=XSD + "integer")),
        ("n=-12", "n", Term.literal("-12", datatype=XSD + "integer")),
        ("d=2016-02-11", "d", Term.literal("2016-02-11", datatype=XSD + "date")),
        ('t="Aleppo"@en', "t", Term.literal("Aleppo", language="en")),
        ('t="5"^^xsd:integer', "t", Term.literal("5", datatype=XSD + "integer")),
        (f't="5"^^<{XSD}decimal>', "t", Term.literal("5", datatype=XSD + "decimal")),
        ('t="say \\"no\\"\\n"', "t", Term.literal('say "no"\n')),
        ("t=over 500 people", "t", Term.literal("over 500 people")),
        ("t=a=b", "t", Term.literal("a=b")),
        ("t=", "t", Term.literal("")),
    ],
)
def test_parse_param(text: str, name: str, expected: Term) -> None:
    assert parse_param(text) == (name, expected)


@pytest.mark.parametrize(
    "text",
    [
        "no-equals-sign",
        "1abc=5",
        "bad name=5",
        "x=<not closed",
        "x=<no-scheme>",
        "x=<https://a b>",
        'x="unterminated',
        'x="5"^^xsd:integer trailing',
        'x="five"^^xsd:integer',
        'x="x"@',
        'x="\\q"',
        "d=2016-02-30",
    ],
)
def test_parse_param_rejects_bad_syntax(text: str) -> None:
    with pytest.raises(ClaimgraphError):
        parse_param(text)


# --- bundled queries and headers ---------------------------------------------------------


def test_list_queries_sorted_with_headers_and_without_checks() -> None:
    queries = list_queries()
    names = [query.name for query in queries]
    assert names == sorted(names)
    assert {"statements", "denials", "contested-claims", "evidence", "timeline"} <= set(names)
    assert not any(name.endswith("-violation") for name in names)
    for query in queries:
        assert query.description and not query.description.startswith("#")
        assert query.columns


def test_list_checks_select_focus_and_message() -> None:
    checks = list_checks()
    assert len(checks) >= 7
    for check in checks:
        assert check.name.endswith("-violation")
        assert check.columns == ("focus", "message")
        assert check.parameters == ()


def test_load_query_by_name_and_by_path(tmp_path: Path) -> None:
    text, bundled = load_query("denials")
    assert bundled is not None and bundled.name == "denials"
    assert "cg:Denial" in text
    assert load_query("denials.rq")[1] == bundled
    own = tmp_path / "mine.rq"
    own.write_text("SELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    assert load_query(str(own)) == ("SELECT ?s WHERE { ?s ?p ?o }\n", None)
    described = tmp_path / "described.rq"
    described.write_text(
        "# Mine.\n# Parameters: ?s (IRI)\n# Columns: ?s ?o\nSELECT ?s ?o WHERE { ?s ?p ?o }\n",
        encoding="utf-8",
    )
    header = load_query(str(described))[1]
    assert header is not None
    assert (header.description, header.parameters, header.columns) == ("Mine.", ("s",), ("s", "o"))


def test_load_query_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(ClaimgraphError) as caught:
        load_query("who-did-it")
    assert "denials" in str(caught.value) and "statements" in str(caught.value)


def test_load_query_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_query(str(tmp_path / "absent.rq"))


@pytest.mark.parametrize(
    "header",
    [
        "SELECT * WHERE {}\n",
        "# Parameters: none\n# Columns: ?a\n",
        "# A question.\n# Columns: ?a\n",
        "# A question.\n# Parameters: none\n",
        "# A question.\n# Parameters: none\n# Columns: none\n",
    ],
)
def test_parse_header_rejects_incomplete_headers(header: str) -> None:
    with pytest.raises(InputError):
        q.parse_header(header)


# --- running over files --------------------------------------------------------------


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_run_query_over_files_with_labels(small: Path, engine: q.Engine) -> None:
    result = run_query(SMALL_QUERY, data=[small], engine=engine)
    assert result.variables == ("s", "who", "text", "n")
    assert [row["s"].value for row in result.rows] == [
        "https://example.org/s1", "https://example.org/s2",
    ]
    assert result.rows[1]["text"] == Term.literal("short", language="en")
    assert result.rows[0]["n"] == Term.literal("41", datatype=XSD + "integer")
    assert result.labels == {"https://example.org/a1": "The Spokesman"}


def test_default_graph_is_the_merge_of_the_graphs_and_graphs_stay_named() -> None:
    merged = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    russia = f"SELECT ?g WHERE {{ GRAPH ?g {{ <{RUSSIA}> ?p ?o }} }} GROUP BY ?g ORDER BY ?g"
    for engine in ("oxigraph", "rdflib"):
        in_graphs = int(run_query(named, data=[EXAMPLE], engine=engine).rows[0]["n"].value)
        distinct = int(run_query(merged, data=[EXAMPLE], engine=engine).rows[0]["n"].value)
        assert 0 < distinct < in_graphs, engine  # Russia is described in both articles
        assert len(run_query(russia, data=[EXAMPLE], engine=engine).rows) == 2


def test_run_query_accepts_name_path_and_text() -> None:
    by_name = run_query("denials", data=[EXAMPLE])
    by_path = run_query(str(ROOT / "queries" / "denials.rq"), data=[EXAMPLE])
    by_text = run_query(load_query("denials")[0], data=[EXAMPLE])
    assert by_name.rows == by_path.rows == by_text.rows
    assert len(by_name.rows) > 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "exactly one"),
        ({"data": [EXAMPLE], "endpoint": "http://127.0.0.1:9/q"}, "exactly one"),
        ({"store": Path("x"), "engine": "rdflib"}, "rdflib engine"),
        ({"data": [EXAMPLE], "engine": "jena"}, "unknown engine"),
    ],
)
def test_run_query_rejects_bad_source_choices(kwargs: dict, message: str) -> None:
    with pytest.raises(ClaimgraphError, match=message):
        run_query("denials", **kwargs)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_run_query_reports_bad_sparql_in_one_line(engine: q.Engine) -> None:
    with pytest.raises(ClaimgraphError, match="SPARQL syntax error") as caught:
        run_query("SELECT ?s WHERE { ?s ?p }", data=[EXAMPLE], engine=engine)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "ASK { ?s ?p ?o }",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "PREFIX cg: <https://w3id.org/claimgraph/ontology#>\nINSERT DATA { cg:a cg:b cg:c }",
        "# a comment\nDELETE WHERE { ?s ?p ?o }",
    ],
)
def test_run_query_refuses_anything_but_select(text: str) -> None:
    with pytest.raises(ClaimgraphError, match="only SELECT"):
        run_query(text, data=[EXAMPLE])


def test_run_query_refuses_a_parameter_the_query_does_not_use() -> None:
    with pytest.raises(ClaimgraphError, match=r"no variable \?nobody"):
        run_query("denials", data=[EXAMPLE], params={"nobody": Term.literal("x")})


def test_unknown_file_type_and_invalid_rdf_are_input_errors(tmp_path: Path) -> None:
    odd = tmp_path / "data.csv"
    odd.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown RDF file type"):
        run_query("denials", data=[odd])
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://example.org/a> <https://example.org/b> .\n", encoding="utf-8")
    for engine in ("oxigraph", "rdflib"):
        with pytest.raises(InputError, match="not valid RDF") as caught:
            run_query("denials", data=[broken], engine=engine)
        assert "broken.ttl" in str(caught.value)
    with pytest.raises(InputError, match="no such file"):
        run_query("denials", data=[tmp_path / "absent.ttl"])


# --- parameters bind terms, never text ------------------------------------------------


def test_params_bind_a_term_on_both_engines() -> None:
    russia = {"actor": Term.iri(RUSSIA)}
    every = run_query("actor-profile", data=[EXAMPLE])
    expected = [row for row in ntriples_rows(every) if ("actor", f"<{RUSSIA}>") in row]
    assert expected
    for engine in ("oxigraph", "rdflib"):
        bound = run_query("actor-profile", data=[EXAMPLE], params=russia, engine=engine)
        assert ntriples_rows(bound) == expected


def test_a_literal_that_looks_like_sparql_stays_a_literal() -> None:
    sneaky = Term.literal('x" } UNION { ?statement ?p ?o } #')
    for engine in ("oxigraph", "rdflib"):
        result = run_query("evidence", data=[EXAMPLE], params={"statement": sneaky}, engine=engine)
        assert result.rows == ()


def test_values_clause_is_built_from_escaped_terms() -> None:
    clause = q.values_clause(
        {"b": Term.literal('he said "no"\n'), "a": Term.iri("https://example.org/a>b")}
    )
    assert clause == (
        'VALUES (?a ?b) { (<https://example.org/a\\u003Eb> "he said \\"no\\"\\n") }'
    )


# --- the embedded store ----------------------------------------------------------------


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("store") / "store"
    store = Store(str(path))
    store.load(path=str(EXAMPLE), format=RdfFormat.TRIG)
    store.flush()
    del store
    gc.collect()
    yield path


@pytest.mark.parametrize("name", [query.name for query in list_queries()])
def test_store_answers_like_the_files(store_dir: Path, name: str) -> None:
    from_store = run_query(name, store=store_dir)
    from_files = run_query(name, data=[EXAMPLE])
    assert from_store.rows == from_files.rows
    assert from_store.labels == from_files.labels


def test_store_binds_params(store_dir: Path) -> None:
    result = run_query("actor-profile", store=store_dir, params={"actor": Term.iri(RUSSIA)})
    assert result.rows and {row["actor"].value for row in result.rows} == {RUSSIA}


def test_missing_store_says_to_run_load(tmp_path: Path) -> None:
    with pytest.raises(ClaimgraphError, match="claimgraph load"):
        run_query("denials", store=tmp_path / "nowhere")


# --- a remote SPARQL endpoint ----------------------------------------------------------


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory, oxigraph_launcher) -> Iterator[str]:
    """An Oxigraph server of our own on loopback, holding the example data."""
    with oxigraph_launcher(tmp_path_factory.mktemp("server")) as base:
        loaded = httpx.post(
            f"{base}/store", content=EXAMPLE.read_bytes(),
            headers={"Content-Type": "application/trig"}, timeout=30,
        )
        assert loaded.status_code in (200, 201, 204), loaded.text
        yield f"{base}/query"


def test_endpoint_answers_every_bundled_query_like_the_expected_results(endpoint: str) -> None:
    for query in list_queries():
        result = run_query(query.name, endpoint=endpoint)
        expected = parse_results_json((EXPECTED_EXAMPLE / f"{query.name}.srj").read_text())
        assert result.variables == expected.variables, query.name
        assert ntriples_rows(result) == ntriples_rows(expected), query.name


def test_endpoint_labels_match_local_labels(endpoint: str) -> None:
    remote = run_query("strike-attribution", endpoint=endpoint)
    local = run_query("strike-attribution", data=[EXAMPLE])
    assert remote.labels == local.labels and remote.labels


def test_endpoint_binds_params_with_values(endpoint: str) -> None:
    russia = {"actor": Term.iri(RUSSIA)}
    remote = run_query("actor-profile", endpoint=endpoint, params=russia)
    local = run_query("actor-profile", data=[EXAMPLE], params=russia)
    assert remote.rows == local.rows and remote.rows
    sneaky = {"statement": Term.literal('x" } UNION { ?statement ?p ?o } #')}
    assert run_query("evidence", endpoint=endpoint, params=sneaky).rows == ()


def test_endpoint_errors_are_one_line(endpoint: str) -> None:
    with pytest.raises(ClaimgraphError, match="HTTP 400"):
        run_query("SELECT ?s WHERE { ?s ?p }", endpoint=endpoint)
    with pytest.raises(ClaimgraphError, match="cannot reach"):
        run_query("denials", endpoint=f"http://127.0.0.1:{free_loopback_port()}/query")


# --- formats ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_result(small: Path) -> QueryResult:
    return run_query(SMALL_QUERY, data=[small])


def test_table_is_aligned_with_labels_and_compact_names(small_result: QueryResult) -> None:
    lines = format_result(small_result, "table").splitlines()
    assert lines[0].split() == ["s", "who", "text", "n"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[-1] == "(2 rows)"
    starts = [lines[0].index(name) for name in ("who", "text")]
    dashes = [i for i, ch in enumerate(lines[1]) if ch == "-" and lines[1][i - 1] == " "]
    assert starts == dashes[:2]
    assert "The Spokesman" in lines[2] and "cgid:actor/x" in lines[3]
    assert "line one \"quoted\", with a comma and a tab" in lines[2]
    n_column = lines[1].rindex(" ") + 1
    assert lines[2].endswith("41") and len(lines[2]) == len(lines[1])
    assert lines[3][n_column:].strip() == "5"


def test_table_truncates_long_cells() -> None:
    result = QueryResult(("t",), ({"t": Term.literal("x" * 200)},))
    row = format_result(result, "table").splitlines()[2]
    assert len(row) == q.MAX_CELL and row.endswith("…")


def test_csv_follows_sparql_csv(small_result: QueryResult) -> None:
    text = format_result(small_result, "csv")
    assert text.startswith("s,who,text,n\r\n")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == [
        "https://example.org/s1", "https://example.org/a1",
        'line one\n"quoted", with a comma\tand a tab', "41",
    ]
    assert rows[2][2] == "short"


def test_tsv_follows_sparql_tsv(small_result: QueryResult) -> None:
    lines = format_result(small_result, "tsv").split("\n")
    assert lines[0] == "?s\t?who\t?text\t?n"
    first = lines[1].split("\t")
    assert first == [
        "<https://example.org/s1>", "<https://example.org/a1>",
        '"line one\\n\\"quoted\\", with a comma\\tand a tab"',
        f'"41"^^<{XSD}integer>',
    ]
    assert lines[2].split("\t")[2] == '"short"@en'
    assert lines[3] == ""


def test_tsv_and_csv_leave_unbound_values_empty() -> None:
    result = QueryResult(("a", "b"), ({"b": Term.literal("x")},))
    assert format_result(result, "tsv") == '?a\t?b\n\t"x"\n'
    assert format_result(result, "csv") == "a,b\r\n,x\r\n"


def test_json_is_sparql_results_json_and_round_trips(small_result: QueryResult) -> None:
    text = format_result(small_result, "json")
    document = json.loads(text)
    assert document["head"] == {"vars": ["s", "who", "text", "n"]}
    first = document["results"]["bindings"][0]
    assert first["s"] == {"type": "uri", "value": "https://example.org/s1"}
    assert first["n"] == {"type": "literal", "value": "41", "datatype": XSD + "integer"}
    assert document["results"]["bindings"][1]["text"]["xml:lang"] == "en"
    back = parse_results_json(text)
    assert back.variables == small_result.variables and back.rows == small_result.rows


def test_unknown_format_is_refused(small_result: QueryResult) -> None:
    with pytest.raises(ClaimgraphError, match="unknown format"):
        format_result(small_result, "xml")  # type: ignore[arg-type]


def test_compact_prefers_the_longest_namespace() -> None:
    assert q.compact(CG + "Claim") == "cg:Claim"
    assert q.compact("https://w3id.org/claimgraph/vocab/casualty/killed") == "casualty:killed"
    assert q.compact("https://example.org/x") == "<https://example.org/x>"
