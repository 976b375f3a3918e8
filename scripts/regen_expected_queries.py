"""Regenerate the expected results of the bundled queries (SPARQL 1.1 JSON, ``.srj``).

    .venv/bin/python scripts/regen_expected_queries.py            # both sets
    .venv/bin/python scripts/regen_expected_queries.py --example  # hand-encoded test data only
    .venv/bin/python scripts/regen_expected_queries.py --seed     # the converter's seed graph only

``tests/expected/queries/NAME.srj`` holds each question's answer over the seed article as
the converter translates it; ``tests/expected/queries/example/NAME.srj`` its answer over
``tests/data/query-example.trig``. Review the diff before committing: these files are the
reference the tests hold every engine to.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from claimgraph.files import atomic_write
from claimgraph.query import format_result, list_queries, run_query

ROOT = Path(__file__).resolve().parent.parent

SEED = ROOT / "seeds" / "000_17ff118d58b876ac.txt"
EXAMPLE = ROOT / "tests" / "data" / "query-example.trig"
EXPECTED = ROOT / "tests" / "expected" / "queries"


def write_expected(data: Path, folder: Path) -> list[Path]:
    """Run every bundled query over ``data`` and write ``folder/NAME.srj``."""
    written = []
    for query in list_queries():
        result = run_query(query.name, data=[data])
        written.append(atomic_write(folder / f"{query.name}.srj", format_result(result, "json")))
    return written


def seed_graph(folder: Path) -> Path:
    """The seed article converted to N-Triples, written under ``folder``."""
    from claimgraph.convert import convert_file

    path = folder / "seed.nt"
    path.write_text(convert_file(SEED).ntriples, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", action="store_true", help="only the hand-encoded data")
    parser.add_argument("--seed", action="store_true", help="only the converter's seed graph")
    args = parser.parse_args(argv)
    both = not (args.example or args.seed)
    if args.example or both:
        for path in write_expected(EXAMPLE, EXPECTED / "example"):
            print(path.relative_to(ROOT))
    if args.seed or both:
        try:
            with tempfile.TemporaryDirectory() as tmp:
                for path in write_expected(seed_graph(Path(tmp)), EXPECTED):
                    print(path.relative_to(ROOT))
        except ImportError as exc:
            print(f"seed results not written: the converter does not import yet ({exc})")
            return 1 if args.seed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
