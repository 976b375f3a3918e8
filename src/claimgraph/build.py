"""The corpus pipeline: convert every article, validate each graph, publish the dataset.

The build streams article by article. The driver reads each article and hands
it to an executor (this process, a local process pool, or a Dask cluster); the
worker converts it and validates its graph, and returns canonical N-Triples and
a small validation summary. The driver writes each graph to an N-Triples shard
in a work folder and keeps only the summaries of articles with findings, so no
process ever holds every article's graph at once. :func:`claimgraph.publish.publish`
then streams the shards into the dumps.

Conversion and validation are pure functions of the article, so results come
back in input order and the output is byte-identical whichever executor ran them.
"""

from __future__ import annotations

import multiprocessing
import tempfile
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack, closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, TypeAlias

from pyoxigraph import NamedNode

from claimgraph.errors import ClaimgraphError, InputError
from claimgraph.files import atomic_output
from claimgraph.model import Article
from claimgraph.publish import publish
from claimgraph.resources import ontology_file

SIDECAR_ENDINGS = (".gold.yaml", ".meta.json")
VALIDATION_TEXT = "validation.txt"
VALIDATION_TURTLE = "validation.ttl"
IN_FLIGHT_PER_WORKER = 4  # articles queued per worker: keeps workers busy, memory bounded

SCHEDULER_TIMEOUT = "10s"  # how long to try to reach a Dask scheduler

SH = "http://www.w3.org/ns/shacl#"
SH_REPORT = NamedNode(SH + "ValidationReport")

Progress = Callable[[int, int, str], None]
Validator = Literal["fast", "shacl"]
Outcomes: TypeAlias = "Generator[ArticleOutcome, None, None]"


@dataclass(frozen=True)
class BuildReport:
    """What a build did: counts, validation verdict and report, files written."""

    articles: int
    triples: int
    conforms: bool
    validation_text: str
    outputs: tuple[Path, ...]


@dataclass(frozen=True)
class ArticleValidation:
    """The validation of one article's graph, small enough to send between processes."""

    conforms: bool
    violations: int
    warnings: int
    text: str  # the readable report; empty when there is nothing to report
    report_ntriples: str  # the SHACL report graph; empty when there is nothing to report


@dataclass(frozen=True)
class Finding:
    """An article whose validation reported something, kept for the corpus report."""

    name: str
    article_iri: str
    validation: ArticleValidation


@dataclass(frozen=True)
class ArticleOutcome:
    """One converted and validated article, as a worker returns it."""

    name: str
    article_iri: str
    ntriples: str
    triple_count: int
    validation: ArticleValidation


# --- inputs ----------------------------------------------------------------------------


def article_paths(seeds: Path) -> list[Path]:
    """Every ``*.txt`` article in ``seeds`` (sidecars excluded), sorted by name."""
    if not seeds.exists():
        raise InputError("no such folder", path=seeds, hint="give the folder of *.txt articles")
    if not seeds.is_dir():
        raise InputError("is not a folder", path=seeds, hint="give the folder of *.txt articles")
    paths = sorted(
        path
        for path in seeds.glob("*.txt")
        if path.is_file() and not path.name.endswith(SIDECAR_ENDINGS)
    )
    if not paths:
        raise InputError("no articles (*.txt files) in this folder", path=seeds)
    return paths


def read_articles(paths: Iterable[Path]) -> Iterator[tuple[str, Article]]:
    """Read each article with its sidecar metadata, lazily, in order."""
    from claimgraph.convert import read_article

    for path in paths:
        yield path.name, read_article(path)


# --- the work for one article (runs in any process) ------------------------------------


def validate_ntriples(ntriples: str, validator: Validator = "fast") -> ArticleValidation:
    """Validate one article's graph with the project's shapes and checks.

    ``fast`` runs the shapes compiled to SPARQL on Oxigraph (about ten
    milliseconds an article); ``shacl`` runs pySHACL, the reference (ten to
    forty times slower). Both report the same (focus, shape, constraint) results.
    """
    from claimgraph.validate import validate, validate_fast

    if validator == "fast":
        result = validate_fast(ntriples)
    else:
        from rdflib import Graph

        result = validate(Graph().parse(data=ntriples, format="nt"))
    if not result.violations:
        return ArticleValidation(result.conforms, 0, 0, "", "")
    return ArticleValidation(
        result.conforms,
        result.violation_count,
        result.warning_count,
        result.text(),
        result.report_graph.serialize(format="nt"),
    )


def process_article(name: str, article: Article, validator: Validator = "fast") -> ArticleOutcome:
    """Convert and validate one article: a pure function, run by every executor."""
    from claimgraph.convert import convert

    converted = convert(article)
    validation = validate_ntriples(converted.ntriples, validator)
    return ArticleOutcome(
        name, converted.article_iri, converted.ntriples, converted.triple_count, validation
    )


# --- executors -------------------------------------------------------------------------


class _Future(Protocol):
    def result(self) -> Any: ...


def _in_order(
    submit: Callable[[str, Article], _Future],
    articles: Iterable[tuple[str, Article]],
    window: int,
) -> Iterator[ArticleOutcome]:
    """Submit ahead at most ``window`` articles and yield their outcomes in input order."""
    pending: deque[_Future] = deque()
    for name, article in articles:
        pending.append(submit(name, article))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _serial(articles: Iterable[tuple[str, Article]], validator: Validator) -> Outcomes:
    for name, article in articles:
        yield process_article(name, article, validator)


def _process_pool(
    articles: Iterable[tuple[str, Article]], jobs: int, validator: Validator
) -> Outcomes:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    try:

        def submit(name: str, article: Article) -> Future[ArticleOutcome]:
            return pool.submit(process_article, name, article, validator)

        yield from _in_order(submit, articles, jobs * IN_FLIGHT_PER_WORKER)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _dask_client(stack: ExitStack, scheduler: str | None, jobs: int) -> Any:
    """A client for the scheduler at ``scheduler``, or for a local cluster of ``jobs`` workers."""
    from dask.distributed import Client, LocalCluster

    if scheduler is None:
        cluster = stack.enter_context(
            LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=":0",  # any free port: None still claims 8787 for HTTP
            )
        )
        return stack.enter_context(Client(cluster))
    try:
        return stack.enter_context(Client(scheduler, timeout=SCHEDULER_TIMEOUT))
    except (OSError, TimeoutError, ValueError) as exc:
        problem = " ".join(str(exc).split()) or type(exc).__name__
        raise ClaimgraphError(
            f"cannot reach the Dask scheduler: {problem}", path=scheduler
        ) from None


def _dask(
    articles: Iterable[tuple[str, Article]], jobs: int, scheduler: str | None, validator: Validator
) -> Outcomes:
    with ExitStack() as stack:
        client = _dask_client(stack, scheduler, jobs)
        workers = max(sum(client.nthreads().values()), 1)

        def submit(name: str, article: Article) -> _Future:
            return client.submit(process_article, name, article, validator, pure=False)

        yield from _in_order(submit, articles, workers * IN_FLIGHT_PER_WORKER)


def check_executor(
    jobs: int, executor: str, scheduler: str | None, validator: str = "fast"
) -> None:
    """Refuse settings that cannot work, before any work starts."""
    if validator not in ("fast", "shacl"):
        raise ClaimgraphError(f"unknown validator {validator!r}: choose fast or shacl")
    if jobs < 1:
        raise ClaimgraphError(f"jobs must be at least 1, not {jobs}")
    if executor not in ("local", "dask"):
        raise ClaimgraphError(f"unknown executor {executor!r}: choose local or dask")
    if scheduler is not None and executor != "dask":
        raise ClaimgraphError("a scheduler address needs the dask executor")


def run_articles(
    articles: Iterable[tuple[str, Article]],
    *,
    jobs: int = 1,
    executor: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
    validator: Validator = "fast",
) -> Outcomes:
    """Process articles with the chosen executor; outcomes come back in input order.

    Close the generator (or exhaust it) to shut the workers down.
    """
    check_executor(jobs, executor, scheduler, validator)
    if executor == "dask":
        return _dask(articles, jobs, scheduler, validator)
    if jobs == 1:
        return _serial(articles, validator)
    return _process_pool(articles, jobs, validator)


# --- validation report -----------------------------------------------------------------


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def validation_text(findings: list[Finding], articles: int) -> str:
    """The corpus report: one block per article with findings, then a summary line."""
    violations = sum(o.validation.violations for o in findings)
    warnings = sum(o.validation.warnings for o in findings)
    failing = sum(1 for o in findings if not o.validation.conforms)
    blocks = [
        f"== {o.name} <{o.article_iri}>\n{o.validation.text.rstrip()}\n" for o in findings
    ]
    if failing:
        verdict = f"Does not conform: {_plural(failing, 'article')} of {articles} with violations."
    else:
        verdict = f"Conforms: {_plural(articles, 'article')} validated."
    summary = f"{verdict} {_plural(violations, 'violation')}, {_plural(warnings, 'warning')}.\n"
    return "\n".join([*blocks, summary])


def validation_report_turtle(findings: list[Finding], conforms: bool) -> str:
    """One SHACL validation report holding every article's results, as deterministic Turtle.

    Each article's report arrives as N-Triples with blank nodes numbered in
    result order; they are renamed per article (``a0000001-result000001``) and
    hung from a single report node, so the bytes depend only on the findings.
    """
    from pyoxigraph import Quad, RdfFormat, parse
    from rdflib import RDF, BNode, Graph, Literal, URIRef

    from claimgraph.validate import report_turtle, to_rdflib

    combined = Graph()
    combined.bind("sh", SH)
    report = BNode("report")
    combined.add((report, RDF.type, URIRef(SH + "ValidationReport")))
    combined.add((report, URIRef(SH + "conforms"), Literal(conforms)))
    for index, finding in enumerate(findings, start=1):
        scope = f"a{index:07d}-"
        quads: list[Quad] = list(
            parse(finding.validation.report_ntriples.encode("utf-8"), format=RdfFormat.N_TRIPLES)
        )
        reports = {q.subject for q in quads if q.object == SH_REPORT}
        for quad in quads:
            if quad.subject in reports and quad.predicate.value != SH + "result":
                continue  # the article's own report node: replaced by the corpus one
            # (N-Triples has no quoted triples, so every term converts)
            subject = report if quad.subject in reports else to_rdflib(quad.subject, scope)  # type: ignore[arg-type]
            value = to_rdflib(quad.object, scope)  # type: ignore[arg-type]
            combined.add((subject, URIRef(quad.predicate.value), value))
    return report_turtle(combined)


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically."""
    with atomic_output(path) as handle:
        handle.write(text.encode("utf-8"))
    return path


# --- the build -------------------------------------------------------------------------


def _collect(
    outcomes: Iterable[ArticleOutcome],
    seeds: Path,
    shards: Path,
    total: int,
    progress: Progress | None,
) -> tuple[list[tuple[str, Path]], list[Finding]]:
    """Write each graph to its shard; keep the validation findings (not the graphs)."""
    graphs: list[tuple[str, Path]] = []
    findings: list[Finding] = []
    seen: dict[str, str] = {}
    for done, outcome in enumerate(outcomes, start=1):
        if outcome.article_iri in seen:
            raise InputError(
                f"gives the same article IRI as {seen[outcome.article_iri]}",
                path=seeds / outcome.name,
                hint="rename one of the two files",
            )
        seen[outcome.article_iri] = outcome.name
        shard = shards / f"{done:07d}.nt"
        shard.write_text(outcome.ntriples, encoding="utf-8")
        graphs.append((outcome.article_iri, shard))
        if outcome.validation.text:
            findings.append(Finding(outcome.name, outcome.article_iri, outcome.validation))
        if progress is not None:
            progress(done, total, outcome.name)
    return graphs, findings


def build(
    seeds: Path = Path("seeds"),
    *,
    out: Path = Path("dist"),
    jobs: int = 1,
    executor: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
    sparql_endpoint: str | None = None,
    validator: Validator = "fast",
) -> BuildReport:
    """Convert every article in ``seeds``, validate each graph and publish into ``out``.

    ``progress(done, total, name)`` is called after each article. The dumps are
    written even when validation fails (``conforms`` is then false and the
    report says where), so the findings can be inspected in the data.
    ``sparql_endpoint``, when the data is served, is named in ``void.ttl``.
    ``validator`` is ``fast`` (the shapes as SPARQL on Oxigraph) or ``shacl``
    (pySHACL, the reference; ten to forty times slower).
    """
    check_executor(jobs, executor, scheduler, validator)
    paths = article_paths(seeds)
    ontology = ontology_file()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=out) as work:
        work_dir = Path(work)
        shards = work_dir / "shards"
        shards.mkdir()
        outcomes = run_articles(
            read_articles(paths),
            jobs=jobs,
            executor=executor,
            scheduler=scheduler,
            validator=validator,
        )
        with closing(outcomes):
            graphs, findings = _collect(outcomes, seeds, shards, len(paths), progress)
        published = publish(
            graphs, out, ontology=ontology, work_dir=work_dir, sparql_endpoint=sparql_endpoint
        )
    conforms = all(finding.validation.conforms for finding in findings)
    text = validation_text(findings, len(paths))
    reports = (
        write_text(out / VALIDATION_TEXT, text),
        write_text(out / VALIDATION_TURTLE, validation_report_turtle(findings, conforms)),
    )
    return BuildReport(
        articles=len(paths),
        triples=published.triples,
        conforms=conforms,
        validation_text=text,
        outputs=tuple(sorted((*published.outputs, *reports))),
    )
