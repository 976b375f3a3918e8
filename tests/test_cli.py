"""The command line: commands listed and documented, errors in one line with exit 2."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.cli import main, make_parser
from claimgraph.resources import project_root

ROOT = project_root()
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    parser = make_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


def test_help_lists_every_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "claimgraph.cli", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    for name in ("convert", "validate", "query", "build", "load"):
        assert re.search(rf"^\s+{name}\s", result.stdout, re.MULTILINE), name


@pytest.mark.parametrize("name", command_names())
def test_readme_documents_every_command(name: str) -> None:
    assert f"claimgraph {name}" in README, f"README.md does not show `claimgraph {name}`"


def test_readme_names_every_bundled_query() -> None:
    names = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    assert names, "no bundled queries"
    missing = [n for n in names if f"`{n}`" not in README]
    assert not missing, f"README.md does not mention queries {missing}"


def test_missing_article_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    code = main(["convert", str(tmp_path / "nope.txt")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "nope.txt: no such file" in err


def test_bad_sidecar_names_the_sidecar(tmp_path: Path, capsys) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Officials said nothing happened.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"published": "last week"}', encoding="utf-8")
    code = main(["convert", str(article)])
    err = capsys.readouterr().err
    assert code == 2
    assert "a.meta.json" in err and "not a date" in err


def test_not_utf8_is_a_clear_error(tmp_path: Path, capsys) -> None:
    article = tmp_path / "latin1.txt"
    article.write_bytes("Le ministère a déclaré".encode("latin-1"))
    assert main(["convert", str(article)]) == 2
    assert "not valid UTF-8" in capsys.readouterr().err


def test_failed_convert_leaves_no_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    assert main(["convert", str(tmp_path / "missing.txt"), "-o", str(out)]) == 2
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


VALID_EXAMPLE = ROOT / "examples" / "valid" / "saraqib-clinic.ttl"
INVALID_EXAMPLES = sorted((ROOT / "examples" / "invalid").glob("*.ttl"))


@pytest.mark.parametrize("fast", [False, True])
def test_validate_exit_codes(fast: bool, tmp_path: Path, capsys) -> None:
    flags = ["--fast"] if fast else []
    assert main(["validate", *flags, str(VALID_EXAMPLE)]) == 0
    assert "Conforms." in capsys.readouterr().out
    assert main(["validate", *flags, str(INVALID_EXAMPLES[0])]) == 1
    assert "Does not conform" in capsys.readouterr().out
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://a> <http://b> .\n", encoding="utf-8")
    assert main(["validate", *flags, str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "broken.ttl" in err


def test_validate_turtle_report_is_a_shacl_report(capsys) -> None:
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF

    assert main(["validate", "--format", "turtle", str(INVALID_EXAMPLES[0])]) == 1
    report = Graph().parse(data=capsys.readouterr().out, format="turtle")
    sh = "http://www.w3.org/ns/shacl#"
    assert len(list(report.subjects(RDF.type, URIRef(sh + "ValidationResult")))) >= 1
