"""Scaling out: a build on a Dask cluster writes the same bytes as a serial build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph import build as build_module
from claimgraph.build import build
from claimgraph.errors import ClaimgraphError
from conftest import free_loopback_port
from test_build import ARTICLES, files_of, write_seeds

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A local Dask cluster of two single-threaded worker processes; yields its address."""
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0",
        host="127.0.0.1",
    ) as local:
        yield local.scheduler_address


def test_a_dask_build_equals_the_serial_build(cluster: str, tmp_path: Path) -> None:
    seeds = write_seeds(tmp_path / "seeds")
    serial = build(seeds, out=tmp_path / "serial")
    calls: list[tuple[int, int, str]] = []
    scaled = build(
        seeds, out=tmp_path / "dask", executor="dask", scheduler=cluster,
        progress=lambda *call: calls.append(call),
    )
    assert scaled.articles == serial.articles == len(ARTICLES)
    assert scaled.triples == serial.triples
    assert [c[0] for c in calls] == list(range(1, len(ARTICLES) + 1))
    serial_files, dask_files = files_of(tmp_path / "serial"), files_of(tmp_path / "dask")
    assert sorted(dask_files) == sorted(serial_files)
    for name, content in serial_files.items():
        assert dask_files[name] == content, name


def test_dask_without_a_scheduler_starts_its_own_cluster(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    name = "market-shelling.txt"
    (seeds / name).write_text(ARTICLES[name], encoding="utf-8")
    serial = build(seeds, out=tmp_path / "serial")
    scaled = build(seeds, out=tmp_path / "dask", executor="dask", jobs=1)
    assert files_of(tmp_path / "dask") == files_of(tmp_path / "serial")
    assert scaled.triples == serial.triples


def test_an_unreachable_scheduler_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_module, "SCHEDULER_TIMEOUT", "1s")
    seeds = write_seeds(tmp_path / "seeds")
    address = f"tcp://127.0.0.1:{free_loopback_port()}"
    with pytest.raises(ClaimgraphError) as error:
        build(seeds, out=tmp_path / "dist", executor="dask", scheduler=address)
    assert str(error.value).startswith(f"{address}: cannot reach the Dask scheduler")
    assert "\n" not in str(error.value)


def test_a_scheduler_needs_the_dask_executor(tmp_path: Path) -> None:
    seeds = write_seeds(tmp_path / "seeds")
    with pytest.raises(ClaimgraphError, match="needs the dask executor"):
        build(seeds, out=tmp_path / "dist", scheduler="tcp://127.0.0.1:8786")
