"""The corpus build: every article converted and validated, outputs complete, stable and atomic."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import Dataset, RdfFormat, parse

from claimgraph import build as build_module
from claimgraph import convert as convert_module
from claimgraph.build import (
    BuildReport,
    article_paths,
    build,
    validate_ntriples,
    validation_report_turtle,
    validation_text,
)
from claimgraph.cli import main
from claimgraph.convert import convert_file
from claimgraph.errors import ClaimgraphError, InputError

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
CLAIMANT = "<https://w3id.org/claimgraph/ontology#claimant>"

# Short articles in the genre, invented for these tests.
ARTICLES = {
    "barrel-bombs.txt": (
        "Opposition commanders said government helicopters dropped barrel bombs on the town "
        "of Darayya on Tuesday, killing at least 14 people. The army denied the accusation, "
        "a military source told state television.\n"
    ),
    "market-shelling.txt": (
        "According to the regional governor, shelling of the central market in Kherson left "
        "6 dead and 11 wounded on Saturday. Russian officials rejected the report as "
        "\u201cstaged,\u201d the Interfax news agency said.\n"
    ),
    "drone-night.txt": (
        "\u201cWe shot down most of the drones before they reached the port,\u201d air force "
        "spokesman Andriy Melnyk told Reuters. He said debris had damaged two warehouses in "
        "Odesa.\nA local official said three workers were wounded.\n"
    ),
    "camp-raid.txt": (
        "Aid groups accused the Rapid Support Forces of shelling a displacement camp near "
        "El Fasher, where they said more than 30 civilians were killed. The paramilitary "
        "group dismissed the claims as lies.\n"
    ),
}
SIDECAR = {"published": "2024-06-14", "publisher": "Reuters"}


def write_seeds(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "drone-night.meta.json").write_text(json.dumps(SIDECAR), encoding="utf-8")
    (folder / "drone-night.gold.yaml").write_text("statements: []\n", encoding="utf-8")
    (folder / "notes.md").write_text("not an article\n", encoding="utf-8")
    return folder


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, BuildReport]:
    """One serial build of the test articles, shared by the tests that only read it."""
    root = tmp_path_factory.mktemp("baseline")
    seeds = write_seeds(root / "seeds")
    out = root / "dist"
    calls: list[tuple[int, int, str]] = []
    report = build(seeds, out=out, progress=lambda *call: calls.append(call))
    (root / "progress.json").write_text(json.dumps(calls))
    return seeds, out, report


# --- inputs ----------------------------------------------------------------------------


def test_articles_are_the_txt_files_without_sidecars(tmp_path: Path) -> None:
    seeds = write_seeds(tmp_path / "seeds")
    assert [p.name for p in article_paths(seeds)] == sorted(ARTICLES)


def test_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere: no such folder"):
        build(tmp_path / "nowhere", out=tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def test_a_folder_without_articles_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.meta.json").write_text("{}")
    with pytest.raises(InputError, match=r"seeds: no articles \(\*\.txt files\)"):
        build(tmp_path / "seeds", out=tmp_path / "dist")


def test_an_unreadable_article_is_named(tmp_path: Path) -> None:
    seeds = write_seeds(tmp_path / "seeds")
    (seeds / "broken.txt").write_bytes(b"Officials said \xff\xfe the town was shelled.")
    with pytest.raises(InputError) as error:
        build(seeds, out=tmp_path / "dist")
    assert str(error.value).startswith(f"{seeds / 'broken.txt'}: not valid UTF-8")


def test_two_files_with_the_same_article_iri_are_an_error(tmp_path: Path) -> None:
    seeds = write_seeds(tmp_path / "seeds")
    (seeds / "Market Shelling.txt").write_text(ARTICLES["market-shelling.txt"], encoding="utf-8")
    with pytest.raises(InputError, match="same article IRI as Market Shelling.txt"):
        build(seeds, out=tmp_path / "dist")


# --- what a build writes ---------------------------------------------------------------


def test_build_reports_and_writes_everything(baseline: tuple[Path, Path, BuildReport]) -> None:
    _, out, report = baseline
    assert report.articles == len(ARTICLES)
    names = {path.relative_to(out).as_posix() for path in report.outputs}
    assert names == {
        "claimgraph.ttl", "claimgraph.trig", "claimgraph.nt", "claimgraph.jsonld",
        "context.jsonld", "void.ttl", "validation.txt", "validation.ttl",
        "ontology/index.html", "ontology/claimgraph.ttl",
    }
    assert set(files_of(out)) == names  # no shards or temporary files left behind
    nt_lines = (out / "claimgraph.nt").read_text(encoding="utf-8").splitlines()
    assert report.triples == len(nt_lines) == len(set(nt_lines))


def test_each_article_is_its_own_graph_as_convert_gives_it(
    baseline: tuple[Path, Path, BuildReport],
) -> None:
    seeds, out, _ = baseline
    dataset = Dataset(parse(path=str(out / "claimgraph.trig"), format=RdfFormat.TRIG))
    union: set[str] = set()
    for path in article_paths(seeds):
        converted = convert_file(path)
        graph = sorted(
            f"{q.triple} ." for q in dataset if q.graph_name.value == converted.article_iri
        )
        assert graph == converted.ntriples.splitlines(), path.name
        union.update(graph)
    merged = (out / "claimgraph.nt").read_text(encoding="utf-8").splitlines()
    assert merged == sorted(union)


def test_progress_is_reported_after_each_article(
    baseline: tuple[Path, Path, BuildReport],
) -> None:
    seeds, _, _ = baseline
    calls = json.loads((seeds.parent / "progress.json").read_text())
    total = len(ARTICLES)
    assert calls == [[n, total, name] for n, name in enumerate(sorted(ARTICLES), start=1)]


def test_sidecar_metadata_reaches_the_void_dates(baseline: tuple[Path, Path, BuildReport]) -> None:
    _, out, _ = baseline
    void = rdflib.Graph().parse(str(out / "void.ttl"), format="turtle")
    assert {str(d) for d in void.objects(None, DCAT.startDate)} == {SIDECAR["published"]}
    assert [d.toPython() for d in void.objects(None, VOID.documents)] == [len(ARTICLES)]


def test_a_clean_corpus_conforms(baseline: tuple[Path, Path, BuildReport]) -> None:
    _, out, report = baseline
    assert report.conforms, report.validation_text
    assert (out / "validation.txt").read_text(encoding="utf-8") == report.validation_text
    assert f"Conforms: {len(ARTICLES)} articles validated." in report.validation_text
    shacl = rdflib.Graph().parse(str(out / "validation.ttl"), format="turtle")
    assert (None, SH.conforms, rdflib.Literal(True)) in shacl


def test_rebuilding_gives_identical_bytes(
    baseline: tuple[Path, Path, BuildReport], tmp_path: Path
) -> None:
    seeds, out, _ = baseline
    before = files_of(out)
    build(seeds, out=out)  # over the same folder
    build(seeds, out=tmp_path / "elsewhere")
    assert files_of(out) == before
    assert files_of(tmp_path / "elsewhere") == before


def test_a_process_pool_gives_the_same_bytes(
    baseline: tuple[Path, Path, BuildReport], tmp_path: Path
) -> None:
    seeds, out, _ = baseline
    report = build(seeds, out=tmp_path / "pool", jobs=2)
    assert report.articles == len(ARTICLES)
    assert files_of(tmp_path / "pool") == files_of(out)


def test_a_failed_build_leaves_earlier_outputs_whole(
    baseline: tuple[Path, Path, BuildReport], tmp_path: Path
) -> None:
    seeds, out, _ = baseline
    target = tmp_path / "dist"
    build(seeds, out=target)
    before = files_of(target)
    broken = tmp_path / "seeds"
    write_seeds(broken)
    (broken / "zz-last.txt").write_bytes(b"\xff not text")
    with pytest.raises(InputError):
        build(broken, out=target)
    assert files_of(target) == before
    assert [p.name for p in target.iterdir() if p.name.startswith(".")] == []


# --- validation ------------------------------------------------------------------------


def without_claimants(real_convert):  # type: ignore[no-untyped-def]
    """A converter that loses every claimant: a fault the shapes must catch."""

    def broken(article, **options):  # type: ignore[no-untyped-def]
        converted = real_convert(article, **options)
        kept = [line for line in converted.ntriples.splitlines() if CLAIMANT not in line]
        return dataclasses.replace(converted, ntriples="".join(f"{line}\n" for line in kept))

    return broken


def test_violations_make_the_build_fail_with_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = write_seeds(tmp_path / "seeds")
    monkeypatch.setattr(convert_module, "convert", without_claimants(convert_module.convert))
    report = build(seeds, out=tmp_path / "dist")
    assert not report.conforms
    assert "Does not conform" in report.validation_text
    assert "claimant" in report.validation_text
    shacl = rdflib.Graph().parse(str(tmp_path / "dist" / "validation.ttl"), format="turtle")
    assert (None, SH.conforms, rdflib.Literal(False)) in shacl
    paths = {str(p) for p in shacl.objects(None, SH.resultPath)}
    assert "https://w3id.org/claimgraph/ontology#claimant" in paths
    assert (tmp_path / "dist" / "claimgraph.ttl").exists()  # the data is there to inspect


def test_the_cli_exits_1_on_violations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = write_seeds(tmp_path / "seeds")
    monkeypatch.setattr(convert_module, "convert", without_claimants(convert_module.convert))
    assert main(["build", str(seeds), "--out", str(tmp_path / "dist")]) == 1
    assert "Does not conform" in capsys.readouterr().out


def test_the_cli_builds(
    baseline: tuple[Path, Path, BuildReport], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds, _, report = baseline
    assert main(["build", str(seeds), "--out", str(tmp_path / "dist")]) == 0
    assert f"{len(ARTICLES)} articles, {report.triples} triples" in capsys.readouterr().out


def test_corpus_report_keeps_each_articles_results(
    baseline: tuple[Path, Path, BuildReport],
) -> None:
    seeds, _, _ = baseline
    findings = []
    for path in article_paths(seeds)[:2]:
        converted = convert_file(path)
        broken = "".join(
            f"{line}\n" for line in converted.ntriples.splitlines() if CLAIMANT not in line
        )
        validation = validate_ntriples(broken)
        assert not validation.conforms
        findings.append(build_module.Finding(path.name, converted.article_iri, validation))
    text = validation_text(findings, 5)
    assert text.count("== ") == 2
    assert "Does not conform: 2 articles of 5 with violations." in text
    combined = rdflib.Graph().parse(data=validation_report_turtle(findings, False), format="turtle")
    reports = list(combined.subjects(rdflib.RDF.type, SH.ValidationReport))
    assert len(reports) == 1
    expected = sum(f.validation.violations + f.validation.warnings for f in findings)
    assert len(list(combined.objects(reports[0], SH.result))) == expected


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    seeds = write_seeds(tmp_path / "seeds")
    with pytest.raises(ClaimgraphError, match="jobs must be at least 1"):
        build(seeds, out=tmp_path / "dist", jobs=0)


def report_results(path: Path) -> set[tuple[str, str, str]]:
    graph = rdflib.Graph().parse(str(path), format="turtle")
    return {
        (
            str(graph.value(result, SH.focusNode)),
            str(graph.value(result, SH.sourceShape)),
            str(graph.value(result, SH.sourceConstraintComponent)),
        )
        for result in graph.objects(None, SH.result)
    }


def test_the_fast_validator_agrees_with_pyshacl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = write_seeds(tmp_path / "seeds")
    monkeypatch.setattr(convert_module, "convert", without_claimants(convert_module.convert))
    fast = build(seeds, out=tmp_path / "fast")
    reference = build(seeds, out=tmp_path / "shacl", validator="shacl")
    assert fast.conforms is reference.conforms is False
    found = report_results(tmp_path / "fast" / "validation.ttl")
    assert found and found == report_results(tmp_path / "shacl" / "validation.ttl")


def test_an_unknown_validator_is_refused(tmp_path: Path) -> None:
    seeds = write_seeds(tmp_path / "seeds")
    with pytest.raises(ClaimgraphError, match="unknown validator 'strict'"):
        build(seeds, out=tmp_path / "dist", validator="strict")  # type: ignore[arg-type]
