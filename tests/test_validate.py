"""validate(), validate_files(), validate_fast() and load_data(): verdicts, reports, errors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from claimgraph import resources
from claimgraph.errors import ClaimgraphError, InputError
from claimgraph.validate import (
    SH,
    SHAPES_NS,
    ShapeCompileError,
    Violation,
    check_findings_rdflib,
    check_findings_store,
    check_queries,
    compile_shapes,
    install_query_cache,
    load_data,
    load_store,
    ontology_graph,
    validate,
    validate_fast,
    validate_files,
)

ROOT = resources.project_root()
VALID = ROOT / "examples" / "valid" / "saraqib-clinic.ttl"
INVALID = ROOT / "examples" / "invalid"
CG = Namespace("https://w3id.org/claimgraph/ontology#")
EX = Namespace("http://example.org/")
ARTICLE = "https://w3id.org/claimgraph/id/article/example-saraqib-clinic"
CLAIM = ARTICLE + "/statement/89eb52cedb00"
DENIAL = ARTICLE + "/statement/94ddd06fa4f2"


@pytest.fixture(scope="module")
def valid_graph() -> Graph:
    return load_data([VALID])


def one_line(exc: BaseException) -> str:
    text = str(exc)
    assert "\n" not in text
    return text


# --- verdicts --------------------------------------------------------------------------


def test_valid_example_conforms_to_shapes_and_checks(valid_graph: Graph) -> None:
    result = validate(valid_graph)
    assert result.conforms
    assert result.violations == ()
    assert result.text() == "Conforms.\n"


@pytest.mark.parametrize("inference", ["rdfs", "owlrl"])
def test_valid_example_conforms_under_inference(valid_graph: Graph, inference: str) -> None:
    result = validate(valid_graph, inference=inference)
    assert result.conforms, result.text()


def test_inference_changes_what_is_found() -> None:
    """RDFS infers cg:Actor from cg:claimant's range: the outlet given as claimant passes as
    an actor, and then fails the actor shape for being neither person nor organisation."""
    data = load_data([INVALID / "claim-claimant-class.ttl"])
    outlet = "https://w3id.org/claimgraph/id/source/al-jazeera"
    plain = validate(data, checks=False)
    inferred = validate(data, inference="rdfs", checks=False)
    assert [(v.focus, v.shape) for v in plain.violations] == [(CLAIM, SHAPES_NS + "Claim-claimant")]
    assert [(v.focus, v.shape, v.component) for v in inferred.violations] == [
        (outlet, SHAPES_NS + "ActorShape", str(SH.XoneConstraintComponent))
    ]


def test_unknown_inference_is_a_user_error(valid_graph: Graph) -> None:
    with pytest.raises(ClaimgraphError, match="unknown inference 'hermit'"):
        validate(valid_graph, inference="hermit")


def test_violation_names_focus_path_shape_component_value() -> None:
    result = validate_files([INVALID / "claim-claimant-class.ttl"], checks=False)
    assert not result.conforms
    [violation] = result.violations
    assert violation == Violation(
        focus=CLAIM,
        path=str(CG.claimant),
        shape=SHAPES_NS + "Claim-claimant",
        component=str(SH.ClassConstraintComponent),
        message=violation.message,
        severity="Violation",
        source="shacl",
        value="https://w3id.org/claimgraph/id/source/al-jazeera",
    )
    assert "cg:Actor" in violation.message
    assert violation.constraint == (SHAPES_NS + "Claim-claimant", str(SH.ClassConstraintComponent))


def test_warnings_are_reported_but_do_not_break_conformance() -> None:
    result = validate_files([INVALID / "denial-denies-something.ttl"])
    assert result.conforms
    assert [(v.severity, v.focus) for v in result.violations] == [("Warning", DENIAL)]
    assert (result.violation_count, result.warning_count) == (0, 1)


def test_violations_sort_before_warnings_and_are_deduplicated(valid_graph: Graph) -> None:
    data = Graph()
    data += valid_graph
    data.remove((URIRef(DENIAL), CG.denies, None))
    data.remove((URIRef(CLAIM), CG.cue, None))
    result = validate(data, checks=False)
    assert [v.severity for v in result.violations] == ["Violation", "Warning"]
    assert len(set(result.violations)) == len(result.violations)


def test_files_are_validated_together(tmp_path: Path, valid_graph: Graph) -> None:
    actors = Graph()
    rest = Graph()
    for triple in valid_graph:
        (actors if (triple[0], RDF.type, CG.Actor) in valid_graph else rest).add(triple)
    actors_file, rest_file = tmp_path / "actors.nt", tmp_path / "rest.ttl"
    actors.serialize(actors_file, format="nt", encoding="utf-8")
    rest.serialize(rest_file, format="turtle")
    assert validate_files([rest_file, actors_file]).conforms
    alone = validate_files([rest_file], checks=False)
    assert not alone.conforms
    assert {v.component for v in alone.violations} == {str(SH.ClassConstraintComponent)}


def test_same_input_gives_the_same_report(valid_graph: Graph) -> None:
    data = load_data([INVALID / "evidence-matches-text.ttl"])
    first, second = validate(data), validate(data)
    assert first.text() == second.text()
    assert first.report_turtle() == second.report_turtle()


# --- reports ---------------------------------------------------------------------------


def test_text_report_has_one_block_per_problem_and_a_summary() -> None:
    result = validate_files([INVALID / "strike-no-perpetrator.ttl"])
    text = result.text()
    blocks = text.strip().split("\n\n")
    assert len(blocks) == len(result.violations) + 1 >= 3
    shacl_block = next(b for b in blocks if "shape:" in b)
    assert shacl_block.startswith("Violation: cgid:article/example-saraqib-clinic/strike/")
    assert "  path:    cg:allegedPerpetrator" in shacl_block
    assert "  value:" not in shacl_block  # a count has no single value
    assert "  message: A strike never carries a perpetrator" in shacl_block
    assert "  shape:   cgsh:Strike-noPerpetrator (sh:MaxCountConstraintComponent)" in shacl_block
    assert any("  check:   strike-perpetrator-violation" in b for b in blocks)
    assert blocks[-1] == f"Does not conform: {len(result.violations)} violations, 0 warnings"


def test_text_report_summary_counts_warnings() -> None:
    text = validate_files([INVALID / "estimate-gives-figure.ttl"]).text()
    assert text.startswith("Warning: cgid:article/example-saraqib-clinic/statement/")
    assert text.endswith("Conforms: 0 violations, 1 warning\n")


def test_report_graph_holds_every_result(valid_graph: Graph) -> None:
    result = validate_files([INVALID / "denial-not-self.ttl"])
    report = Graph().parse(data=result.report_turtle(), format="turtle")
    [node] = list(report.subjects(RDF.type, SH.ValidationReport))
    assert report.value(node, SH.conforms) == Literal(False)
    results = list(report.objects(node, SH.result))
    assert len(results) == len(result.violations) == 2
    sources = {str(report.value(r, SH.sourceShape)) for r in results}
    assert sources == {
        SHAPES_NS + "DenialNotSelfShape",
        "https://w3id.org/claimgraph/checks/denial-denies-itself-violation",
    }
    assert all(report.value(r, SH.focusNode) == URIRef(DENIAL) for r in results)
    assert isomorphic(report, result.report_graph)


def test_report_turtle_is_byte_identical_across_processes() -> None:
    script = (
        "from pathlib import Path\n"
        "from claimgraph.validate import validate_files\n"
        f"print(validate_files([Path({str(INVALID / 'strike-no-perpetrator.ttl')!r})])"
        ".report_turtle(), end='')\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1
    assert "sh:ValidationReport" in outputs.pop()


def test_conforming_report_says_so(valid_graph: Graph) -> None:
    report = Graph().parse(data=validate(valid_graph).report_turtle(), format="turtle")
    [node] = list(report.subjects(RDF.type, SH.ValidationReport))
    assert report.value(node, SH.conforms) == Literal(True)
    assert list(report.objects(node, SH.result)) == []


# --- data-quality checks ---------------------------------------------------------------


@pytest.fixture
def project_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the real ontology and shapes and checks of our own."""
    home = tmp_path / "home"
    shutil.copytree(ROOT / "ontology", home / "ontology")
    shutil.copytree(ROOT / "shapes", home / "shapes")
    checks = home / "queries" / "checks"
    checks.mkdir(parents=True)
    (checks / "quoted-paraphrase-violation.rq").write_text(
        "# A quoted statement whose text is one word long.\n"
        "# Columns: ?statement\n"
        "PREFIX cg: <https://w3id.org/claimgraph/ontology#>\n"
        "SELECT ?statement WHERE { ?statement cg:quoted true ; cg:text ?text .\n"
        '  FILTER (!CONTAINS(?text, " ")) }\n',
        encoding="utf-8",
    )
    (checks / "long-cue-violation.rq").write_text(
        "# A cue of more than three words.\n"
        "PREFIX cg: <https://w3id.org/claimgraph/ontology#>\n"
        "SELECT ?focus ?message WHERE { ?focus cg:cue ?cue .\n"
        '  FILTER (REGEX(?cue, "^\\\\S+( \\\\S+){3,}$"))\n'
        '  BIND (CONCAT("cue has too many words: ", ?cue) AS ?message) }\n',
        encoding="utf-8",
    )
    (checks / "not-a-check.rq").write_text("SELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMGRAPH_HOME", str(home))
    return home


def test_checks_folder_queries_become_violations(project_copy: Path, valid_graph: Graph) -> None:
    data = Graph()
    data += valid_graph
    data.set((URIRef(DENIAL), CG.text, Literal("Lies")))
    data.set((URIRef(CLAIM), CG.cue, Literal("went on to lay the blame")))
    result = validate(data)
    checks = [v for v in result.violations if v.source.startswith("check:")]
    assert [(v.source, v.focus, v.message) for v in checks] == [
        ("check:long-cue-violation", CLAIM, "cue has too many words: went on to lay the blame"),
        (
            "check:quoted-paraphrase-violation",
            DENIAL,
            "A quoted statement whose text is one word long.",
        ),
    ]
    assert all(v.severity == "Violation" and v.path is None for v in checks)
    assert not result.conforms
    assert [c.name for c in check_queries()] == [
        "long-cue-violation",
        "quoted-paraphrase-violation",
    ]


def test_checks_can_be_switched_off(project_copy: Path, valid_graph: Graph) -> None:
    data = Graph()
    data += valid_graph
    data.set((URIRef(DENIAL), CG.text, Literal("Lies")))
    assert not validate(data).conforms
    assert validate(data, checks=False).conforms
    assert not validate_fast(data.serialize(format="nt")).conforms
    assert validate_fast(data.serialize(format="nt"), checks=False).conforms


def test_a_missing_checks_folder_means_no_checks(project_copy: Path, valid_graph: Graph) -> None:
    shutil.rmtree(project_copy / "queries")
    assert check_queries() == ()
    assert validate(valid_graph).conforms


def test_missing_shapes_file_is_a_one_line_error(project_copy: Path, valid_graph: Graph) -> None:
    (project_copy / "shapes" / "claimgraph.shacl.ttl").unlink()
    with pytest.raises(ClaimgraphError) as caught:
        validate(valid_graph)
    assert "claimgraph.shacl.ttl: project file missing" in one_line(caught.value)


@pytest.mark.parametrize(
    "path", sorted(INVALID.glob("*.ttl"))[::7] + [VALID], ids=lambda p: p.name
)
def test_checks_give_the_same_rows_on_rdflib_and_oxigraph(path: Path) -> None:
    def rows(findings) -> set[tuple[str, str, str]]:
        return {(f.source, f.focus.n3(), f.message) for f in findings}

    assert rows(check_findings_rdflib(load_data([path]))) == rows(
        check_findings_store(load_store([path]))
    )


# --- loading ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".trig", ".nq", ".jsonld", ".rdf", ".xml"])
def test_every_format_loads_the_same_triples(
    tmp_path: Path, valid_graph: Graph, suffix: str
) -> None:
    rdflib_format = {
        ".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads",
        ".jsonld": "json-ld", ".rdf": "xml", ".xml": "xml",
    }[suffix]
    path = tmp_path / f"graph{suffix}"
    if suffix in (".trig", ".nq"):
        from rdflib import Dataset

        dataset = Dataset()
        named = dataset.graph(URIRef(ARTICLE))
        for triple in valid_graph:
            named.add(triple)
        dataset.serialize(path, format=rdflib_format)
    else:
        valid_graph.serialize(path, format=rdflib_format, encoding="utf-8")
    loaded = load_data([path])
    assert len(loaded) == len(valid_graph)
    assert isomorphic(loaded, valid_graph)


def test_blank_nodes_of_different_files_stay_apart(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    first.write_text('_:x <http://example.org/name> "one" .\n', encoding="utf-8")
    second.write_text('_:x <http://example.org/name> "two" .\n', encoding="utf-8")
    graph = load_data([first, second])
    assert len(set(graph.subjects())) == 2


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("broken.ttl", '@prefix ex: <http://example.org/> .\nex:a ex:b "open .\n', "line 2"),
        ("broken.nt", "<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> .\n",
         "line 2"),
        ("broken.jsonld", '{"@id": "http://e/a", "http://e/b": [}', "line 1"),
        ("broken.trig", "<http://e/g> { <http://e/a> <http://e/b> <http://e/c> \n", "line 2"),
    ],
)
def test_malformed_file_is_a_one_line_error_with_its_line(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_data([path])
    message = one_line(caught.value)
    assert message.startswith(f"{path}: {expected}: ")
    assert "not valid" in message


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        validate_files([tmp_path / "absent.ttl"])
    assert one_line(caught.value) == f"{tmp_path / 'absent.ttl'}: no such file"


def test_unknown_extension_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "graph.csv"
    path.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_data([path])
    assert "unknown RDF file extension '.csv'" in one_line(caught.value)


def test_directory_is_a_one_line_error(tmp_path: Path) -> None:
    folder = tmp_path / "graph.ttl"
    folder.mkdir()
    with pytest.raises(InputError) as caught:
        load_data([folder])
    assert "is a directory" in one_line(caught.value)


# --- the fast path ---------------------------------------------------------------------


def test_fast_path_takes_ntriples_a_file_or_a_store(tmp_path: Path) -> None:
    path = INVALID / "figure-min-count-less-than-or-equals.ttl"
    graph = load_data([path])
    trig = tmp_path / "graph.trig"
    from rdflib import Dataset

    dataset = Dataset()
    named = dataset.graph(URIRef(ARTICLE))
    for triple in graph:
        named.add(triple)
    dataset.serialize(trig, format="trig")
    store = ox.Store()
    store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    assert len(store) == len(graph) and store.named_graphs

    verdicts = [
        validate_fast(graph.serialize(format="nt")),
        validate_fast(path),
        validate_fast(store),
        validate(graph),
    ]
    expected = {(v.focus, v.shape, v.component, v.source) for v in verdicts[-1].violations}
    assert len(expected) == 2  # the shape and the count-range check
    for verdict in verdicts:
        assert not verdict.conforms
        assert {(v.focus, v.shape, v.component, v.source) for v in verdict.violations} == expected


def test_fast_path_rejects_malformed_ntriples() -> None:
    with pytest.raises(InputError) as caught:
        validate_fast("<http://e/a> <http://e/b> .\n")
    assert one_line(caught.value).startswith("line 1: ")


def test_fast_path_reports_like_the_reference_path() -> None:
    path = INVALID / "claim-quoted-datatype.ttl"
    fast, reference = validate_fast(path), validate_files([path])
    assert [(v.focus, v.path, v.shape, v.component, v.value) for v in fast.violations] == [
        (v.focus, v.path, v.shape, v.component, v.value) for v in reference.violations
    ]
    assert "cg:quoted" in fast.violations[0].message
    assert fast.text().endswith("Does not conform: 1 violation, 0 warnings\n")
    assert "sh:DatatypeConstraintComponent" in fast.report_turtle()


FEATURES_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:Labelled a sh:NodeShape ; sh:targetSubjectsOf ex:name ;
    sh:property ex:Labelled-name .
ex:Labelled-name a sh:PropertyShape ; sh:path ex:name ; sh:minLength 3 ; sh:maxCount 2 .
ex:Flagged a sh:NodeShape ; sh:targetNode ex:alpha, ex:beta ;
    sh:property ex:Flagged-status .
ex:Flagged-status a sh:PropertyShape ; sh:path ex:status ; sh:hasValue "checked" .
ex:NotBoth a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:not [ sh:class ex:Retired ] ;
    sh:and ( [ sh:nodeKind sh:IRI ] [ sh:property [ sh:path ex:code ; sh:minCount 1 ] ] ) ;
    sh:node ex:Coded .
ex:Coded a sh:NodeShape ;
    sh:property [ sh:path ex:code ; sh:datatype xsd:integer ; sh:maxCount 1 ] .
"""

FEATURES_DATA = """
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:alpha ex:name "Al", "Alpha", "Alf" ; ex:status "checked" .
ex:beta ex:name "Beta" ; ex:status "pending" .
ex:one a ex:Thing ; ex:code 1 .
ex:two a ex:Thing, ex:Retired ; ex:code 2 .
ex:three a ex:Thing .
ex:four a ex:Thing ; ex:code "4" .
ex:five a ex:Thing ; ex:code 5, 6 .
"""


def test_compiler_matches_pyshacl_on_components_the_project_does_not_use() -> None:
    shapes = Graph().parse(data=FEATURES_SHAPES, format="turtle")
    data = Graph().parse(data=FEATURES_DATA, format="turtle")
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes)
    expected = {
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.sourceShape)),
         str(report.value(r, SH.sourceConstraintComponent)))
        for r in report.objects(report.value(None, RDF.type, SH.ValidationReport), SH.result)
    }
    rules = compile_shapes(shapes, Graph())
    fast = validate_fast(data.serialize(format="nt"), checks=False, rules=rules)
    assert {(v.focus, v.shape, v.component) for v in fast.violations} == expected
    assert {(focus.rsplit("/", 1)[1], component.rsplit("#", 1)[1]) for focus, _, component in
            expected} == {
        ("alpha", "MinLengthConstraintComponent"),
        ("alpha", "MaxCountConstraintComponent"),
        ("beta", "HasValueConstraintComponent"),
        ("two", "NotConstraintComponent"),
        ("three", "AndConstraintComponent"),
        ("four", "NodeConstraintComponent"),
        ("five", "NodeConstraintComponent"),
    }


@pytest.mark.parametrize(
    ("shape", "problem"),
    [
        ("ex:S sh:targetClass ex:T ; sh:property [ sh:path ( ex:a ex:b ) ; sh:minCount 1 ] .",
         "complex sh:path"),
        ("ex:S sh:targetClass ex:T ; sh:property [ sh:path ex:a ; sh:equals ex:b ] .", "equals"),
        ("ex:S sh:targetClass ex:T ; sh:closed true .", "closed"),
    ],
)
def test_compiler_refuses_what_it_cannot_compile(shape: str, problem: str) -> None:
    shapes = Graph().parse(
        data="@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        f"@prefix ex: <http://example.org/> .\n{shape}\n",
        format="turtle",
    )
    with pytest.raises(ShapeCompileError, match=problem):
        compile_shapes(shapes, Graph())


def test_compiled_classes_include_ontology_subclasses() -> None:
    shapes = Graph().parse(
        data="@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix cg: <https://w3id.org/claimgraph/ontology#> .\n"
        "@prefix ex: <http://example.org/> .\n"
        "ex:S sh:targetClass cg:Claim ; sh:property [ sh:path cg:text ; sh:minCount 1 ] .\n",
        format="turtle",
    )
    data = (
        "<http://example.org/d> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/claimgraph/ontology#Denial> .\n"
    )
    assert validate_fast(data, rules=compile_shapes(shapes, Graph()), checks=False).conforms
    with_ontology = validate_fast(
        data, rules=compile_shapes(shapes, ontology_graph()), checks=False
    )
    assert [v.focus for v in with_ontology.violations] == ["http://example.org/d"]


# --- the parse cache -------------------------------------------------------------------


def test_cached_queries_still_honour_their_bindings() -> None:
    install_query_cache()
    graph = Graph()
    graph.add((EX.a, EX.p, Literal(1)))
    graph.add((EX.b, EX.p, Literal(2)))
    query = "SELECT ?o WHERE { ?s <http://example.org/p> ?o }"
    assert [int(r[0]) for r in graph.query(query, initBindings={"s": EX.a})] == [1]
    assert [int(r[0]) for r in graph.query(query, initBindings={"s": EX.b})] == [2]
    assert sorted(int(r[0]) for r in graph.query(query)) == [1, 2]


def test_ill_typed_literal_is_reported_without_a_logged_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level("WARNING"):
        result = validate_files([INVALID / "strike-date-datatype.ttl"], checks=False)
    assert [v.component for v in result.violations] == [str(SH.DatatypeConstraintComponent)]
    assert not [r for r in caplog.records if "Failed to convert" in r.getMessage()]
