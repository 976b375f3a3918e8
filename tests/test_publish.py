"""The publisher: dumps agree with the article graphs, VoID counts are right, output is stable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import Dataset, RdfFormat, parse
from rdflib.namespace import RDF

from claimgraph import iris, publish
from claimgraph.files import atomic_output
from claimgraph.publish import (
    compact_iri,
    merge_ntriples,
    ontology_ntriples,
    write_jsonld,
)

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
CG = rdflib.Namespace(iris.CG)
ENDPOINT = "http://127.0.0.1:7878/query"


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def union_lines(shards: list[tuple[str, Path]]) -> list[str]:
    return sorted({line for _, path in shards for line in lines_of(path)})


@pytest.fixture
def published(
    tmp_path: Path, article_shards: list[tuple[str, Path]], tiny_ontology: Path
) -> tuple[Path, publish.Published]:
    out = tmp_path / "dist"
    work = tmp_path / "work"
    work.mkdir()
    report = publish.publish(
        article_shards, out, ontology=tiny_ontology, work_dir=work, sparql_endpoint=ENDPOINT
    )
    return out, report


# --- merging ---------------------------------------------------------------------------


def test_merge_gives_the_sorted_union_without_duplicates(
    tmp_path: Path, article_shards: list[tuple[str, Path]]
) -> None:
    target = tmp_path / "all.nt"
    count = merge_ntriples([path for _, path in article_shards], target, work_dir=tmp_path)
    expected = union_lines(article_shards)
    assert lines_of(target) == expected
    assert count == len(expected)
    shared = [line for line in expected if "source/reuters> <http://www.w3.org/2000/01" in line]
    assert len(shared) == 1  # Reuters' label is in both articles, once in the merge


def test_merge_in_several_rounds_gives_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shards = []
    for index in range(7):
        shard = tmp_path / f"{index}.nt"
        lines = {f"<http://example.org/s{n % 5}> <http://example.org/p> \"{n}\" ." for n in
                 range(index, index + 9)}
        shard.write_text("".join(line + "\n" for line in sorted(lines)), encoding="utf-8")
        shards.append(shard)
    one_round = tmp_path / "one.nt"
    merge_ntriples(shards, one_round, work_dir=tmp_path)
    monkeypatch.setattr(publish, "MERGE_FAN_IN", 2)
    many_rounds = tmp_path / "many.nt"
    merge_ntriples(shards, many_rounds, work_dir=tmp_path)
    assert many_rounds.read_bytes() == one_round.read_bytes()
    assert len(lines_of(one_round)) == 15  # values 0..14, each once


# --- the dumps -------------------------------------------------------------------------


def test_every_output_is_written(published: tuple[Path, publish.Published]) -> None:
    out, report = published
    names = {path.relative_to(out).as_posix() for path in report.outputs}
    assert names == {
        "claimgraph.ttl", "claimgraph.trig", "claimgraph.nt", "claimgraph.jsonld",
        "context.jsonld", "void.ttl", "ontology/index.html", "ontology/claimgraph.ttl",
    }
    assert all(path.is_file() and path.stat().st_size > 0 for path in report.outputs)
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]  # no temporary files


def test_turtle_ntriples_and_jsonld_hold_the_same_triples(
    published: tuple[Path, publish.Published], article_shards: list[tuple[str, Path]]
) -> None:
    out, report = published
    expected = rdflib.Graph().parse(data="\n".join(union_lines(article_shards)), format="nt")
    assert report.triples == len(expected)
    for name, fmt in (("claimgraph.nt", "nt"), ("claimgraph.ttl", "turtle"),
                      ("claimgraph.jsonld", "json-ld")):
        graph = rdflib.Graph().parse(str(out / name), format=fmt)
        assert set(graph) == set(expected), name


def test_turtle_uses_the_project_prefixes(published: tuple[Path, publish.Published]) -> None:
    out, _ = published
    text = (out / "claimgraph.ttl").read_text(encoding="utf-8")
    assert "@prefix cg: <https://w3id.org/claimgraph/ontology#> ." in text
    assert " a cg:Claim ;" in text
    assert "schema:NewsArticle" in text


def test_trig_has_one_graph_per_article_and_the_ontology(
    published: tuple[Path, publish.Published],
    article_shards: list[tuple[str, Path]],
    tiny_ontology: Path,
) -> None:
    out, _ = published
    dataset = Dataset(parse(path=str(out / "claimgraph.trig"), format=RdfFormat.TRIG))
    names = {quad.graph_name.value for quad in dataset}
    assert names == {iris.ONTOLOGY, *(iri for iri, _ in article_shards)}
    for iri, shard in article_shards:
        in_graph = sorted(f"{q.triple} ." for q in dataset if q.graph_name.value == iri)
        assert in_graph == lines_of(shard)
    ontology = [q for q in dataset if q.graph_name.value == iris.ONTOLOGY]
    assert len(ontology) == len(rdflib.Graph().parse(str(tiny_ontology)))


def test_jsonld_refers_to_a_compact_context_file(published: tuple[Path, publish.Published]) -> None:
    out, _ = published
    document = json.loads((out / "claimgraph.jsonld").read_text(encoding="utf-8"))
    context = json.loads((out / "context.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == "context.jsonld"
    assert context["@context"]["cg"] == iris.CG
    claim = next(n for n in document["@graph"] if n["@id"].endswith("/statement/a1"))
    assert claim["@id"] == compact_iri(iris.article("harbour-shelling") + "/statement/a1")
    assert claim["@type"] == "cg:Claim"
    claimant = iris.actor("port authority")
    assert compact_iri(claimant) != claimant  # a prefix of the context applies
    assert claim["cg:claimant"] == {"@id": compact_iri(claimant)}
    assert claim["cg:quoted"] == {"@value": "false", "@type": "xsd:boolean"}


def test_jsonld_keeps_languages_and_escapes(tmp_path: Path) -> None:
    source = tmp_path / "in.nt"
    source.write_text(
        '<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "Alep"@fr .\n'
        '<http://example.org/a> <https://schema.org/text> "said \\"no\\"\\nthen left" .\n',
        encoding="utf-8",
    )
    target = write_jsonld(source, tmp_path / "out.jsonld")
    (tmp_path / "context.jsonld").write_text(json.dumps(publish.jsonld_context()))
    graph = rdflib.Graph().parse(str(target), format="json-ld")
    assert set(graph) == set(rdflib.Graph().parse(str(source), format="nt"))


def test_compact_iri_prefers_the_longest_namespace() -> None:
    assert compact_iri(iris.CG + "Claim") == "cg:Claim"
    assert compact_iri(iris.VOCAB + "commitment/alleged") == "commitment:alleged"
    assert compact_iri("http://example.org/x") == "http://example.org/x"


# --- VoID and DCAT ---------------------------------------------------------------------


def local_path(iri: object) -> Path:
    """The file a relative IRI in void.ttl resolved to (rdflib bases it on the file)."""
    return Path(str(iri).removeprefix("file://"))


def void_graph(out: Path) -> tuple[rdflib.Graph, rdflib.URIRef]:
    graph = rdflib.Graph().parse(str(out / "void.ttl"), format="turtle")
    dataset = graph.value(predicate=RDF.type, object=VOID.Dataset)
    assert isinstance(dataset, rdflib.URIRef)
    return graph, dataset


def test_void_counts_match_the_data(published: tuple[Path, publish.Published]) -> None:
    out, report = published
    graph, dataset = void_graph(out)
    assert graph.value(dataset, VOID.triples).toPython() == report.triples
    assert graph.value(dataset, VOID.documents).toPython() == 2
    vocabularies = {str(v) for v in graph.objects(dataset, VOID.vocabulary)}
    assert {iris.ONTOLOGY, "https://schema.org/", "http://www.w3.org/ns/oa#"} <= vocabularies
    assert "http://www.w3.org/2004/02/skos/core#" not in vocabularies  # not used by the data
    partitions = {
        graph.value(part, VOID["class"]): (
            graph.value(part, VOID.entities).toPython(), graph.value(part, VOID.triples).toPython()
        )
        for part in graph.objects(dataset, VOID.classPartition)
    }
    data = rdflib.Graph().parse(str(out / "claimgraph.nt"), format="nt")
    for cls in (CG.Claim, CG.Denial, CG.Actor, CG.Strike):
        instances = set(data.subjects(RDF.type, cls))
        triples = sum(len(list(data.triples((s, None, None)))) for s in instances)
        assert partitions[cls] == (len(instances), triples), cls


def test_void_describes_the_dumps_and_the_endpoint(
    published: tuple[Path, publish.Published],
) -> None:
    out, _ = published
    graph, dataset = void_graph(out)
    dumps = {local_path(iri) for iri in graph.objects(dataset, VOID.dataDump)}
    assert {path.name for path in dumps} == {
        "claimgraph.ttl", "claimgraph.trig", "claimgraph.nt", "claimgraph.jsonld"
    }
    assert all(path.is_file() for path in dumps)  # relative IRIs resolve next to void.ttl
    media = {}
    for distribution in graph.objects(dataset, DCAT.distribution):
        url = graph.value(distribution, DCAT.downloadURL)
        if url is not None:
            path = local_path(url)
            assert graph.value(distribution, DCAT.byteSize).toPython() == path.stat().st_size
            media[path.name] = str(graph.value(distribution, DCAT.mediaType))
    assert media["claimgraph.trig"].endswith("/application/trig")
    assert media["claimgraph.ttl"].endswith("/text/turtle")
    assert str(graph.value(dataset, VOID.sparqlEndpoint)) == ENDPOINT
    assert str(graph.value(dataset, rdflib.URIRef("http://purl.org/dc/terms/license"))).startswith(
        "https://creativecommons.org/"
    )


def test_void_counts_the_same_with_the_store_on_disk(
    published: tuple[Path, publish.Published], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, _ = published
    in_memory = publish.dataset_stats(out / "claimgraph.nt", work_dir=tmp_path)
    monkeypatch.setattr(publish, "STATS_IN_MEMORY_BYTES", 0)
    on_disk = publish.dataset_stats(out / "claimgraph.nt", work_dir=tmp_path)
    assert on_disk == in_memory
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("void-store-")]


def test_void_example_resources_exist_in_the_data(
    published: tuple[Path, publish.Published],
) -> None:
    out, _ = published
    graph, dataset = void_graph(out)
    examples = set(graph.objects(dataset, VOID.exampleResource))
    data = rdflib.Graph().parse(str(out / "claimgraph.nt"), format="nt")
    assert rdflib.URIRef("https://w3id.org/claimgraph/id/article/convoy-raid") in examples
    assert examples and all((ex, RDF.type, None) in data for ex in examples)


def test_void_has_no_endpoint_when_not_served(
    tmp_path: Path, article_shards: list[tuple[str, Path]], tiny_ontology: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    publish.publish(article_shards, tmp_path / "dist", ontology=tiny_ontology, work_dir=work)
    graph, dataset = void_graph(tmp_path / "dist")
    assert graph.value(dataset, VOID.sparqlEndpoint) is None
    assert len(list(graph.objects(dataset, DCAT.distribution))) == 4


# --- ontology, determinism, atomicity --------------------------------------------------


def test_ontology_docs_document_the_terms(published: tuple[Path, publish.Published]) -> None:
    out, _ = published
    html = (out / "ontology" / "index.html").read_text(encoding="utf-8")
    assert "claimgraph test ontology" in html
    assert "Casualty estimate" in html and "What a claim is about." in html


def test_ontology_ntriples_are_canonical(tiny_ontology: Path) -> None:
    first, second = ontology_ntriples(tiny_ontology), ontology_ntriples(tiny_ontology)
    assert first == second
    assert "_:" in first  # the union list is made of blank nodes, labelled from content
    assert first.splitlines() == sorted(first.splitlines())


def test_publishing_twice_gives_identical_bytes(
    tmp_path: Path, article_shards: list[tuple[str, Path]], tiny_ontology: Path
) -> None:
    outputs = []
    for run in ("one", "two"):
        work = tmp_path / f"work-{run}"
        work.mkdir()
        publish.publish(
            article_shards, tmp_path / run, ontology=tiny_ontology, work_dir=work,
            sparql_endpoint=ENDPOINT,
        )
        outputs.append({p.relative_to(tmp_path / run): p.read_bytes()
                        for p in sorted((tmp_path / run).rglob("*")) if p.is_file()})
    assert outputs[0].keys() == outputs[1].keys()
    for name in outputs[0]:
        assert outputs[0][name] == outputs[1][name], name


def test_an_interrupted_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "claimgraph.ttl"
    target.write_bytes(b"old\n")
    with pytest.raises(KeyboardInterrupt), atomic_output(target) as handle:
        handle.write(b"half of the new")
        raise KeyboardInterrupt
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["claimgraph.ttl"]
