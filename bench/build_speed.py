"""How fast the corpus build is: convert, validate and publish a synthetic corpus.

    python bench/build_speed.py --articles 500 --jobs 2

Prints articles and triples per second for each stage (conversion, validation,
publishing) measured one after the other in this process, then the time of a
whole ``build()`` with the chosen executor, and the peak memory of this process
and of its worker processes. No figure here is asserted anywhere.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_corpus  # noqa: E402

from claimgraph.build import Validator, build, read_articles, validate_ntriples  # noqa: E402
from claimgraph.convert import convert  # noqa: E402
from claimgraph.publish import publish  # noqa: E402
from claimgraph.resources import ontology_file  # noqa: E402


def peak_megabytes(who: int) -> float:
    """Peak resident memory in MiB (``ru_maxrss`` is in KiB on Linux)."""
    return resource.getrusage(who).ru_maxrss / 1024


def rate(count: float, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s" if seconds > 0 else "n/a"


def stage_convert(paths: list[Path], shards: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    graphs, texts = [], []
    for index, (_, article) in enumerate(read_articles(paths)):
        converted = convert(article)
        shard = shards / f"{index:07d}.nt"
        shard.write_text(converted.ntriples, encoding="utf-8")
        graphs.append((converted.article_iri, shard))
        texts.append(converted.ntriples)
    return graphs, texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--executor", choices=["local", "dask"], default="local")
    parser.add_argument(
        "--shacl-sample", type=int, default=20, help="articles to time pySHACL on (0: skip)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        root = Path(tmp)
        paths = write_corpus(args.articles, root / "seeds")
        shards = root / "shards"
        shards.mkdir()

        started = time.perf_counter()
        graphs, texts = stage_convert(paths, shards)
        convert_s = time.perf_counter() - started
        triples = sum(text.count("\n") for text in texts)
        print(f"articles            {len(paths):>10,}")
        print(f"triples (per graph) {triples:>10,}")
        print(f"convert             {convert_s:>9.2f}s  {rate(len(paths), convert_s)} articles, "
              f"{rate(triples, convert_s)} triples")

        stages: list[tuple[Validator, list[str]]] = [
            ("fast", texts), ("shacl", texts[: args.shacl_sample])
        ]
        for validator, sample in stages:
            if not sample:
                continue
            started = time.perf_counter()
            for text in sample:
                validate_ntriples(text, validator)
            seconds = time.perf_counter() - started
            print(f"validate ({validator:5s})    {seconds:>9.2f}s  "
                  f"{1000 * seconds / len(sample):.1f} ms/article over {len(sample):,}")
        del texts

        work = root / "work"
        work.mkdir()
        started = time.perf_counter()
        published = publish(graphs, root / "dist-stages", ontology=ontology_file(), work_dir=work)
        publish_s = time.perf_counter() - started
        print(f"publish (merge, dumps, VoID, docs) {publish_s:>6.2f}s  "
              f"{rate(published.triples, publish_s)} merged triples ({published.triples:,})")

        started = time.perf_counter()
        report = build(root / "seeds", out=root / "dist", jobs=args.jobs, executor=args.executor)
        build_s = time.perf_counter() - started
        print(f"build(jobs={args.jobs}, {args.executor}) {build_s:>8.2f}s  "
              f"{rate(report.articles, build_s)} articles, conforms={report.conforms}")
        print(f"peak memory: this process {peak_megabytes(resource.RUSAGE_SELF):,.0f} MiB, "
              f"largest worker {peak_megabytes(resource.RUSAGE_CHILDREN):,.0f} MiB")


if __name__ == "__main__":
    main()
