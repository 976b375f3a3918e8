"""The README's examples run: its Python blocks, and the shell commands it shows."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.build import build
from claimgraph.resources import project_root

ROOT = project_root()
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, re.DOTALL)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder laid out like a checkout after `make build`."""
    folder = tmp_path_factory.mktemp("readme")
    for name in ("seeds", "examples"):
        (folder / name).symlink_to(ROOT / name)
    report = build(folder / "seeds", out=folder / "dist")
    assert report.conforms
    return folder


def test_readme_has_python_examples() -> None:
    assert len(PYTHON_BLOCKS) >= 3


@pytest.mark.parametrize("index", range(len(PYTHON_BLOCKS)))
def test_python_example_runs(index: int, workdir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PYTHON_BLOCKS[index]], cwd=workdir, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "the example printed nothing"


def test_readme_query_example_answers(workdir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "claimgraph.cli", "query", "contested-claims",
         "--data", "dist/claimgraph.nt"],
        cwd=workdir, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Igor Konashenkov" in result.stdout
    assert "a U.S. State Department official" in result.stdout


def test_readme_actor_profile_example(workdir: Path) -> None:
    command = re.search(r"claimgraph (query actor-profile .*?)\n```", README, re.DOTALL)
    assert command
    args = command.group(1).replace("\\\n", " ").split()
    result = subprocess.run(
        [sys.executable, "-m", "claimgraph.cli", *args], cwd=workdir, capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "the United States for the bombing" in result.stdout
