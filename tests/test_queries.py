"""The bundled questions and data-quality checks: portable, deterministic, and right.

Two graphs answer them: ``tests/data/query-example.trig`` (a hand encoding of the seed
article's gold file plus one invented article) and, once the converter imports, the seed
article as the converter translates it. Known answers come from the seed's gold file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimgraph.query import (
    BundledQuery,
    QueryResult,
    Term,
    list_checks,
    list_queries,
    load_query,
    parse_results_json,
    run_query,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "data" / "query-example.trig"
SEED = ROOT / "seeds" / "000_17ff118d58b876ac.txt"
EXPECTED = ROOT / "tests" / "expected" / "queries"
SEED_ARTICLE = "000_17ff118d58b876ac"  # its label: the file name, as it has no title
REGENERATE = "run: .venv/bin/python scripts/regen_expected_queries.py"
QUERIES = list_queries()
CHECKS = list_checks()
ENGINES = ("oxigraph", "rdflib")

Rows = list[tuple[tuple[str, str], ...]]


def ntriples_rows(result: QueryResult) -> Rows:
    """Each row as sorted (variable, N-Triples term) pairs."""
    return [tuple(sorted((k, v.ntriples()) for k, v in row.items())) for row in result.rows]


def readable(result: QueryResult) -> list[dict[str, str]]:
    """Each row as variable -> what a person reads (labels for IRIs)."""
    return [{k: result.display(v) for k, v in row.items()} for row in result.rows]


@pytest.fixture(scope="module")
def seed_nt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article as the converter translates it (skipped until the converter imports)."""
    convert = pytest.importorskip("claimgraph.convert", exc_type=ImportError)
    path = tmp_path_factory.mktemp("seed") / "seed.nt"
    path.write_text(convert.convert_file(SEED).ntriples, encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=["example", "seed"])
def graph(request: pytest.FixtureRequest) -> Path:
    """The data the gold-derived answers must hold for: the hand encoding, then the converter's."""
    if request.param == "seed":
        return request.getfixturevalue("seed_nt")
    return EXAMPLE


def ask(name: str, data: Path, **params: Term) -> list[dict[str, str]]:
    return readable(run_query(name, data=[data], params=params or None))


def assert_portable(name: str, data: Path, expected_file: Path) -> None:
    """Both engines give the committed rows, in the committed order."""
    if not expected_file.exists():
        pytest.fail(f"{expected_file.relative_to(ROOT)} is missing; {REGENERATE}")
    expected = parse_results_json(expected_file.read_text(encoding="utf-8"))
    for engine in ENGINES:
        result = run_query(name, data=[data], engine=engine)
        assert result.variables == expected.variables, (name, engine)
        got, want = ntriples_rows(result), ntriples_rows(expected)
        assert set(got) == set(want), (name, engine, set(got) ^ set(want))
        assert got == want, f"{name}: {engine} orders the rows differently"


# --- portability and determinism ----------------------------------------------------


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: query.name)
def test_example_results_are_portable_and_as_committed(query: BundledQuery) -> None:
    assert_portable(query.name, EXAMPLE, EXPECTED / "example" / f"{query.name}.srj")


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: query.name)
def test_seed_results_are_portable_and_as_committed(query: BundledQuery, seed_nt: Path) -> None:
    assert_portable(query.name, seed_nt, EXPECTED / f"{query.name}.srj")


def test_every_expected_file_belongs_to_a_query() -> None:
    names = {query.name for query in QUERIES}
    for folder in (EXPECTED, EXPECTED / "example"):
        stale = {path.stem for path in folder.glob("*.srj")} - names
        assert not stale, f"expected results for no query: {sorted(stale)}"


@pytest.fixture(scope="module")
def shuffled_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's quads in reverse order: the same data, inserted differently."""
    from pyoxigraph import RdfFormat, parse, serialize

    quads = list(parse(path=str(EXAMPLE), format=RdfFormat.TRIG))
    path = tmp_path_factory.mktemp("shuffled") / "reversed.nq"
    path.write_bytes(serialize(reversed(quads), format=RdfFormat.N_QUADS))
    return path


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: query.name)
def test_row_order_does_not_depend_on_insertion_order(
    query: BundledQuery, shuffled_example: Path
) -> None:
    for engine in ENGINES:
        forward = run_query(query.name, data=[EXAMPLE], engine=engine)
        backward = run_query(query.name, data=[shuffled_example], engine=engine)
        assert ntriples_rows(forward) == ntriples_rows(backward), engine


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: query.name)
def test_header_matches_the_query(query: BundledQuery) -> None:
    text = load_query(query.name)[0]
    assert re.search(r"^SELECT DISTINCT\b", text, re.MULTILINE), "rows must be distinct"
    assert re.search(r"^ORDER BY\b", text, re.MULTILINE), "rows must be ordered"
    result = run_query(query.name, data=[EXAMPLE])
    assert result.variables == query.columns
    for parameter in query.parameters:
        assert parameter in query.columns, f"parameter ?{parameter} must be a result column"
        assert re.search(rf"\?{parameter}\b", text)


@pytest.mark.parametrize(
    "query", [query for query in QUERIES if query.parameters], ids=lambda query: query.name
)
def test_binding_a_parameter_selects_exactly_its_rows(query: BundledQuery) -> None:
    everything = run_query(query.name, data=[EXAMPLE])
    for parameter in query.parameters:
        values = sorted({row[parameter] for row in everything.rows if parameter in row})
        assert len(values) >= 3
        for value in (values[0], values[len(values) // 2], values[-1]):
            pair = (parameter, value.ntriples())
            want = [row for row in ntriples_rows(everything) if pair in row]
            for engine in ENGINES:
                bound = run_query(
                    query.name, data=[EXAMPLE], params={parameter: value}, engine=engine
                )
                assert ntriples_rows(bound) == want, (parameter, value, engine)


# --- answers known from the seed's gold file -------------------------------------------


def konashenkov_a10(rows: list[dict[str, str]], text_column: str) -> list[dict[str, str]]:
    return [row for row in rows if "A-10" in row.get(text_column, "")]


def test_statements_give_speaker_role_affiliation_and_outlet(graph: Path) -> None:
    rows = ask("statements", graph)
    a10 = konashenkov_a10(rows, "text")
    assert a10, "Konashenkov's A-10 claim is missing"
    assert {row["claimant"] for row in a10} == {"Igor Konashenkov"}
    assert {row.get("outlet") for row in a10} == {"CNN"}
    assert {row["kind"] for row in a10} == {"cg:Claim"}
    assert {row.get("quoted") for row in a10} == {"true"}
    assert {row.get("role") for row in a10} == {"spokesman"}
    assert {row.get("affiliation") for row in a10} == {"Russian Defense Ministry"}
    supply = [row for row in rows if "supply route" in row.get("text", "")]
    assert {row["claimant"] for row in supply} >= {"United Nations"}
    assert len({row["claimant"] for row in supply}) == 2
    deniers = {row["claimant"] for row in rows if row["kind"] == "cg:Denial"}
    assert any("State Department official" in denier for denier in deniers)


def test_denials_name_the_denied_claim_and_its_claimant(graph: Path) -> None:
    rows = ask("denials", graph)
    official = [row for row in rows if "State Department official" in row["denier"]]
    assert official and {row["cue"] for row in official} == {"countered"}
    assert any("A-10" in row.get("claimText", "") for row in official)
    assert "Igor Konashenkov" in {row.get("claimant") for row in official}
    coalition = [row for row in rows if "coalition" in row["denier"]]
    assert coalition and {row.get("outlet") for row in coalition} == {"The Guardian"}


def test_contested_claims_state_department_denies_konashenkov(graph: Path) -> None:
    rows = konashenkov_a10(ask("contested-claims", graph), "text")
    assert rows, "Konashenkov's A-10 claim is not contested"
    assert {row["claimant"] for row in rows} == {"Igor Konashenkov"}
    deniers = {row["denier"] for row in rows}
    assert any("State Department official" in denier for denier in deniers)
    assert any("coalition" in denier for denier in deniers)
    assert {row["deniers"] for row in rows} == {str(len(deniers))}


def test_strike_attribution_who_blames_whom_and_who_denies(graph: Path) -> None:
    rows = ask("strike-attribution", graph)
    wednesday = [row for row in rows if row.get("dateText") == "Wednesday"]
    assert {row.get("place") for row in wednesday} == {"Aleppo"}
    accused = {row["accused"] for row in wednesday}
    assert "United States" in accused and accused <= {"United States", "U.S. Air Force"}
    assert "Igor Konashenkov" in {row["accuser"] for row in wednesday}
    assert any("State Department official" in row.get("denier", "") for row in wednesday)
    friday = [row for row in rows if row.get("dateText") == "Friday"]
    assert {(row["accuser"], row["accused"]) for row in friday} == {("Turkey", "Russia")}
    assert not any(row.get("denier") for row in friday)


def test_casualty_figures_with_estimators(graph: Path) -> None:
    rows = {
        row["countText"]: row
        for row in ask("casualty-figures", graph)
        if row["article"] == SEED_ARTICLE
    }
    over_500 = rows["over 500"]
    assert over_500["estimator"] == "Syrian Observatory for Human Rights"
    assert (over_500["minCount"], over_500.get("maxCount")) == ("501", None)
    assert over_500["qualifier"] == "qualifier:more-than"
    assert over_500["casualtyType"] == "casualty:killed"
    sixteen = rows["16"]
    assert sixteen["estimator"] == "Turkey"
    assert (sixteen["minCount"], sixteen["maxCount"]) == ("16", "16")
    assert sixteen["victims"] == "civilians"
    assert rows["dozens"]["partOf"] == "over 500"


def test_second_hand_statements_and_their_outlets(graph: Path) -> None:
    pairs = {(row["claimant"], row["outlet"]) for row in ask("second-hand", graph)}
    assert ("Igor Konashenkov", "CNN") in pairs
    assert ("Abu Mahmoud", "Middle East Eye") in pairs
    assert ("United Nations", "Reuters") in pairs
    assert any(outlet == "Reuters" and "rebel fighter" in who for who, outlet in pairs)
    assert any(outlet == "The Guardian" and "coalition" in who for who, outlet in pairs)
    assert not any(who == "Syrian Observatory for Human Rights" for who, _ in pairs)


def test_unnamed_sources_only(graph: Path) -> None:
    speakers = {row["claimant"] for row in ask("unnamed-sources", graph)}
    assert any("State Department official" in who for who in speakers)
    assert any("rebel fighter" in who for who in speakers)
    assert "Abu Mahmoud" not in speakers and "Igor Konashenkov" not in speakers


def test_single_source_claims(graph: Path) -> None:
    rows = ask("single-source", graph)
    rebel = [row for row in rows if "rebel fighter" in row["claimant"]]
    assert rebel and {row["outlet"] for row in rebel} == {"Reuters"}
    assert not konashenkov_a10(rows, "text"), "Russia's own blame corroborates the A-10 claim"
    assert not any("supply route" in row.get("text", "") for row in rows), "two claimants"
    assert not any(row["kind"] == "cg:Denial" for row in rows)


def test_evidence_offsets_point_at_the_exact_words(graph: Path) -> None:
    texts = {
        row["article"]: row["text"]
        for row in readable(run_query(
            "SELECT ?article ?text WHERE { ?article <https://schema.org/text> ?text }",
            data=[graph],
        ))
    }
    seed_text = SEED.read_text(encoding="utf-8")
    assert seed_text in texts.values()
    result = run_query("evidence", data=[graph])
    assert len(result.rows) > 10
    for row in result.rows:
        text = texts[result.display(row["article"])]
        start, end = int(row["start"].value), int(row["end"].value)
        assert text[start:end] == row["exact"].value
        assert text[max(0, start - 32) : start] == row["prefix"].value


def test_evidence_for_one_statement(graph: Path) -> None:
    a10 = konashenkov_a10(readable(run_query("statements", data=[graph])), "text")
    every = run_query("statements", data=[graph])
    iri = next(row["statement"] for row in every.rows if "A-10" in row["text"].value)
    assert a10
    rows = ask("evidence", graph, statement=iri)
    assert len(rows) == 1
    assert "A-10" in rows[0]["exact"] and "Konashenkov claimed" in rows[0]["exact"]


def test_actor_profile_of_russia(graph: Path) -> None:
    rows = ask("actor-profile", graph, actor=Term.iri("https://w3id.org/claimgraph/id/actor/russia"))
    assert {row["actor"] for row in rows} == {"Russia"}
    accusers = {row["speaker"] for row in rows if row["relation"] == "accused"}
    assert {"Abu Mahmoud", "Turkey"} <= accusers
    assert any("rebel fighter" in who for who in accusers)
    assert "Igor Konashenkov" in {row["speaker"] for row in rows if row["relation"] == "claimed"}


def test_actor_profile_of_the_united_states(graph: Path) -> None:
    us = Term.iri("https://w3id.org/claimgraph/id/actor/united-states")
    rows = ask("actor-profile", graph, actor=us)
    accused = [row for row in rows if row["relation"] == "accused"]
    assert "Igor Konashenkov" in {row["speaker"] for row in accused}
    assert {row["party"] for row in accused} <= {"United States", "U.S. Air Force"}
    denied = [row for row in rows if row["relation"] == "denied"]
    assert any("State Department official" in row["party"] for row in denied)
    assert not any(row["relation"] == "claimed" for row in rows)


def test_timeline_follows_the_text_when_undated(graph: Path) -> None:
    result = run_query("timeline", data=[graph])
    seed_rows = [
        row for row in readable(result) if row["article"] == SEED_ARTICLE
    ]
    summaries = [row["summary"] for row in seed_rows]
    first_a10 = next(i for i, s in enumerate(summaries) if "A-10" in s)
    first_500 = next(i for i, s in enumerate(summaries) if "over 500" in s)
    first_16 = next(i for i, s in enumerate(summaries) if s.startswith("16 civilians"))
    assert first_a10 < first_500 < first_16


# --- answers from the invented second article -------------------------------------------


def test_conflicting_tolls_side_by_side() -> None:
    rows = ask("conflicting-tolls", EXAMPLE)
    assert rows == [
        {
            "figure": "23", "countText": "23", "estimator": "Syria Civil Defence",
            "otherFigure": "at least 31", "otherCountText": "at least 31",
            "otherEstimator": "Syrian Network for Human Rights",
            "casualtyType": "casualty:killed", "strike": "struck", "place": "Idlib",
            "spread": "8", "rangesOverlap": "false",
        }
    ]


def test_source_chain_hops_for_a_nested_citation() -> None:
    rows = [row for row in ask("source-chain", EXAMPLE) if row["speaker"] == "local activists"]
    assert [(row["hop"], row["outlet"]) for row in rows] == [
        ("1", "Agence France-Presse"), ("2", "Al Jazeera"),
    ]
    first_hand = [row for row in ask("source-chain", EXAMPLE) if row["speaker"] == "Pavel Markin"]
    assert [(row.get("hop"), row["outlet"]) for row in first_hand] == [("1", "RIA Novosti")]


def test_second_hand_skips_what_the_publisher_heard_itself() -> None:
    speakers = {row["claimant"] for row in ask("second-hand", EXAMPLE)}
    assert "local activists" in speakers
    assert "a medic at a field hospital" not in speakers


def test_timeline_puts_dated_items_first_in_date_order() -> None:
    rows = ask("timeline", EXAMPLE)
    dates = [row.get("date") for row in rows]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and len(dated) == 3
    assert dates[: len(dated)] == dated
    assert rows[0]["kind"] == "cg:Strike" and rows[0]["dateText"] == "Tuesday"


def test_contested_claims_counts_one_denier_for_the_activists() -> None:
    rows = [row for row in ask("contested-claims", EXAMPLE) if row["claimant"] == "local activists"]
    assert [(row["deniers"], row["denier"]) for row in rows] == [("1", "Pavel Markin")]


# --- data-quality checks ---------------------------------------------------------------

PREFIXES = """@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix : <https://example.org/> .
"""

BAD_DATA = {
    "claimant-not-actor-violation": (
        """:good cg:claimant :actor . :actor a cg:Actor .
           :bad cg:claimant :ghost .""",
        {":bad"},
    ),
    "count-range-violation": (
        """:good cg:minCount 5 ; cg:maxCount 5 .
           :bad cg:minCount "10"^^xsd:nonNegativeInteger ;
                cg:maxCount "5"^^xsd:nonNegativeInteger .""",
        {":bad"},
    ),
    "denial-denies-itself-violation": (
        """:good a cg:Denial ; cg:denies :claim .
           :bad a cg:Denial ; cg:denies :bad .""",
        {":bad"},
    ),
    "denies-on-non-denial-violation": (
        """:good a cg:Denial ; cg:denies :claim .
           :bad a cg:Claim ; cg:denies :claim .""",
        {":bad"},
    ),
    "evidence-offsets-violation": (
        """:good oa:exact "army" ; oa:start 4 ; oa:end 8 .
           :empty oa:exact "" ; oa:start 8 ; oa:end 8 .
           :reversed oa:start 9 ; oa:end 3 .
           :short oa:exact "arm" ; oa:start 4 ; oa:end 8 .""",
        {":empty", ":reversed", ":short"},
    ),
    "evidence-source-violation": (
        """:good cg:reportedIn :a1 ; cg:evidence :e1 . :e1 oa:hasSource :a1 .
           :bad cg:reportedIn :a1 ; cg:evidence :e2 . :e2 oa:hasSource :a2 .""",
        {":bad"},
    ),
    "evidence-text-violation": (
        """:a1 schema:text "The army said no." .
           :good oa:exact "army" ; oa:start 4 ; oa:end 8 ; oa:hasSource :a1 .
           :bad oa:exact "navy" ; oa:start 4 ; oa:end 8 ; oa:hasSource :a1 .
           :untexted oa:exact "navy" ; oa:start 4 ; oa:end 8 ; oa:hasSource :a2 .""",
        {":bad"},
    ),
    "figure-estimator-contradiction-violation": (
        """:good a cg:CasualtyEstimate ; cg:estimatedBy :who ; cg:statedByArticle false .
           :bad a cg:CasualtyEstimate ; cg:estimatedBy :who ; cg:statedByArticle true .""",
        {":bad"},
    ),
    "figure-without-estimator-violation": (
        """:good a cg:CasualtyEstimate ; cg:statedByArticle true .
           :attributed a cg:CasualtyEstimate ; cg:estimatedBy :who ; cg:statedByArticle false .
           :bad a cg:CasualtyEstimate ; cg:statedByArticle false .
           :bare a cg:CasualtyEstimate .""",
        {":bad", ":bare"},
    ),
    "strike-perpetrator-violation": (
        """:good a cg:Strike . :claim cg:about :good ; cg:allegedPerpetrator :army .
           :bad a cg:Strike ; cg:allegedPerpetrator :army .""",
        {":bad"},
    ),
    "via-not-source-violation": (
        """:outlet a cg:Source . :good cg:via :outlet . :outlet cg:via :other . :other a cg:Source .
           :bad cg:via :someone . :someone a cg:Actor .""",
        {":bad"},
    ),
}


def short(term: Term) -> str:
    """``https://example.org/bad`` -> ``:bad``."""
    return term.value.replace("https://example.org/", ":")


def test_every_check_has_a_counter_example() -> None:
    assert {check.name for check in CHECKS} == set(BAD_DATA)


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.name)
def test_check_fires_on_bad_data_only(check: BundledQuery, tmp_path: Path) -> None:
    turtle, bad = BAD_DATA[check.name]
    data = tmp_path / "bad.ttl"
    data.write_text(PREFIXES + turtle, encoding="utf-8")
    for engine in ENGINES:
        result = run_query(str(check.path), data=[data], engine=engine)
        assert result.variables == ("focus", "message")
        assert {short(row["focus"]) for row in result.rows} == bad, engine
        assert all(row["message"].value for row in result.rows)


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.name)
def test_check_finds_nothing_in_the_example(check: BundledQuery) -> None:
    for engine in ENGINES:
        assert run_query(str(check.path), data=[EXAMPLE], engine=engine).rows == ()


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.name)
def test_check_finds_nothing_in_the_converted_seed(check: BundledQuery, seed_nt: Path) -> None:
    result = run_query(str(check.path), data=[seed_nt])
    assert result.rows == (), [row["message"].value for row in result.rows]
