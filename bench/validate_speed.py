"""How fast validation is: pySHACL against the shapes compiled to SPARQL on Oxigraph.

    python bench/validate_speed.py --copies 900

Builds a synthetic corpus by repeating examples/valid/saraqib-clinic.ttl with its
article-scoped IRIs renamed per copy (named actors, outlets and places stay shared,
as in a real corpus), then times:

- pySHACL per article (``validate``: shapes, ontology, SHACL-SPARQL, checks), the way the
  corpus build validates, averaged over a sample of articles;
- pySHACL on the whole corpus at once (skip with ``--skip-whole-pyshacl``);
- the fast path (``validate_fast``) on the whole corpus: loading into Oxigraph, the
  compiled shape rules, the check queries;
- pyrudof's native SHACL engine on the whole corpus, when pyrudof is installed.

It prints figures only; nothing here is asserted anywhere.
"""

from __future__ import annotations

import argparse
import logging
import time

import pyoxigraph as ox

from claimgraph import resources
from claimgraph.validate import (
    check_findings_store,
    compiled_rules,
    load_data,
    validate,
    validate_fast,
)

EXAMPLE = resources.project_root() / "examples" / "valid" / "saraqib-clinic.ttl"
ARTICLE_KEY = "example-saraqib-clinic"


def example_ntriples() -> str:
    """The valid example as N-Triples (sorted, so the corpus is the same every run)."""
    lines = load_data([EXAMPLE]).serialize(format="nt").splitlines()
    return "".join(f"{line}\n" for line in sorted(set(lines)) if line.strip())


def article_copy(ntriples: str, index: int) -> str:
    """One copy of the example with its article-scoped IRIs and identifier renamed."""
    key = f"{ARTICLE_KEY}-{index:06d}"
    return ntriples.replace(f"/article/{ARTICLE_KEY}", f"/article/{key}").replace(
        f'"{ARTICLE_KEY}"', f'"{key}"'
    )


def corpus(copies: int) -> list[str]:
    """Each article's graph as N-Triples."""
    base = example_ntriples()
    return [article_copy(base, index) for index in range(copies)]


def seconds(action) -> tuple[float, object]:
    started = time.perf_counter()
    outcome = action()
    return time.perf_counter() - started, outcome


def line(label: str, elapsed: float, triples: int, extra: str = "") -> None:
    per_second = f"{triples / elapsed:>12,.0f} triples/s" if elapsed > 0 else ""
    print(f"{label:<40} {elapsed:>9.3f} s {per_second}  {extra}")


def bench_pyshacl_per_article(articles: list[str], sample: int) -> None:
    from rdflib import Graph

    chosen = articles[:sample]
    graphs = [Graph().parse(data=text, format="nt") for text in chosen]
    validate(graphs[0])  # warm: parse shapes, ontology, queries once
    elapsed, results = seconds(lambda: [validate(g) for g in graphs])
    assert all(r.conforms for r in results)
    triples = sum(len(g) for g in graphs)
    line(f"pyshacl, per article ({len(graphs)} articles)", elapsed, triples,
         f"{1000 * elapsed / len(graphs):.1f} ms/article")


def bench_pyshacl_whole(text: str, triples: int) -> None:
    from rdflib import Graph

    load_s, graph = seconds(lambda: Graph().parse(data=text, format="nt"))
    line("rdflib parse (whole corpus)", load_s, triples)
    elapsed, result = seconds(lambda: validate(graph))
    line("pyshacl + checks (whole corpus)", elapsed, triples,
         f"conforms={result.conforms}")


def bench_fast(text: str, triples: int) -> None:
    compiled_rules()  # compile once, as a long-running process would
    load_s, store = seconds(lambda: _store(text))
    line("oxigraph load (whole corpus)", load_s, triples)
    rules_s, result = seconds(lambda: validate_fast(store, checks=False))
    line(f"fast path: {len(compiled_rules())} shape rules", rules_s, triples,
         f"conforms={result.conforms}")
    checks_s, rows = seconds(lambda: list(check_findings_store(store)))
    line("fast path: check queries", checks_s, triples, f"{len(rows)} rows")
    total_s, result = seconds(lambda: validate_fast(text))
    line("validate_fast(ntriples), end to end", total_s, triples,
         f"conforms={result.conforms}")


def bench_pyrudof(text: str, triples: int) -> None:
    try:
        import pyrudof
    except ImportError:
        print("pyrudof: not installed (pip install pyrudof to compare)")
        return
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    ontology = resources.ontology_file().read_text(encoding="utf-8")
    shapes = resources.shapes_file().read_text(encoding="utf-8")

    def load() -> None:
        rudof.read_data(ontology, format=pyrudof.RDFFormat.Turtle)
        rudof.read_data(text, format=pyrudof.RDFFormat.NTriples, merge=True)
        rudof.read_shacl(shapes, format=pyrudof.ShaclFormat.Turtle)

    load_s, _ = seconds(load)
    line("pyrudof load", load_s, triples)
    elapsed, report = seconds(rudof.validate_shacl)
    line("pyrudof native SHACL", elapsed, triples, f"{len(report)} results")


def _store(text: str) -> ox.Store:
    store = ox.Store()
    store.load(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=900, help="articles in the corpus")
    parser.add_argument("--sample", type=int, default=50, help="articles for the per-article run")
    parser.add_argument("--skip-whole-pyshacl", action="store_true")
    parser.add_argument("--skip-pyrudof", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    articles = corpus(args.copies)
    text = "".join(articles)
    triples = text.count("\n")
    print(f"corpus: {args.copies} articles, {triples:,} triples "
          f"({triples // args.copies} per article)")
    bench_pyshacl_per_article(articles, min(args.sample, args.copies))
    bench_fast(text, triples)
    if not args.skip_pyrudof:
        bench_pyrudof(text, triples)
    if not args.skip_whole_pyshacl:
        bench_pyshacl_whole(text, triples)


if __name__ == "__main__":
    main()
