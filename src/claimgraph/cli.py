"""The command line: thin adapters, each command calls one library function.

Exit codes: 0 success (data conforms), 1 the data does not conform to the
shapes, 2 bad input or usage (one line on stderr naming the file and the problem).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from claimgraph import __version__
from claimgraph.errors import EXIT_NONCONFORMANT, EXIT_OK, EXIT_USAGE, ClaimgraphError

Handler = Callable[[argparse.Namespace], int]

EPILOG = """exit codes: 0 success, 1 data does not conform to the shapes, 2 bad input or usage.
docs: README.md; the RDF layout: docs/rdf-contract.md"""


def _write_output(text: str, out: str | None) -> None:
    """Write to stdout (``-`` or no path) or atomically to a file."""
    if out in (None, "-"):
        sys.stdout.write(text)
        return
    from claimgraph.files import atomic_write

    atomic_write(Path(out), text)


def _parse_date_flag(value: str) -> object:
    from claimgraph.convert import parse_date

    try:
        return parse_date(value)
    except ClaimgraphError as exc:
        raise argparse.ArgumentTypeError(exc.problem) from None


# --- convert ---------------------------------------------------------------------------


def _add_convert(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "convert",
        help="convert one article (plain text) to RDF",
        description="Read a news article and emit its attributed, text-grounded graph. "
        "Metadata may come from a sidecar ARTICLE.meta.json; flags win.",
    )
    p.add_argument("article", help="the article, a UTF-8 text file")
    p.add_argument("--published", type=_parse_date_flag, help="publication date, YYYY-MM-DD")
    p.add_argument("--publisher", help="the outlet that published the article")
    p.add_argument("--url", help="the article's URL")
    p.add_argument("--title", help="the article's title")
    p.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    p.add_argument(
        "--format", choices=["ttl", "nt", "trig", "jsonld"], default=None,
        help="output format (default: from the output file's extension, else ttl)",
    )
    p.add_argument("--no-text", action="store_true", help="leave the article text out")
    p.set_defaults(handler=_cmd_convert)


def _format_for(output: str, requested: str | None) -> str:
    if requested:
        return requested
    suffix = Path(output).suffix.lstrip(".").lower() if output != "-" else ""
    return {"ttl": "ttl", "nt": "nt", "trig": "trig", "jsonld": "jsonld", "json": "jsonld"}.get(
        suffix, "ttl"
    )


def _cmd_convert(args: argparse.Namespace) -> int:
    from claimgraph.convert import ConvertOptions, convert_file

    options = ConvertOptions(
        published=args.published, publisher=args.publisher, url=args.url, title=args.title,
        include_text=not args.no_text,
    )
    converted = convert_file(Path(args.article), options)
    _write_output(converted.serialize(_format_for(args.output, args.format)), args.output)
    return EXIT_OK


# --- validate --------------------------------------------------------------------------


def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="validate RDF files against the shapes and data-quality checks",
        description="Validate RDF against claimgraph's SHACL shapes and ontology, and run the "
        "data-quality queries in queries/checks/. Exit 0 conforms, 1 does not, 2 bad input.",
    )
    p.add_argument("files", nargs="+", help="RDF files (.ttl .nt .trig .nq .jsonld)")
    p.add_argument("--inference", choices=["none", "rdfs", "owlrl"], default="none")
    p.add_argument(
        "--format", choices=["text", "turtle"], default="text",
        help="text: readable report; turtle: the SHACL validation report graph",
    )
    p.add_argument("--no-checks", action="store_true", help="skip queries/checks/")
    p.add_argument(
        "--fast", action="store_true",
        help="the shapes compiled to SPARQL over Oxigraph (for large files; no --inference)",
    )
    p.set_defaults(handler=_cmd_validate)


def _cmd_validate(args: argparse.Namespace) -> int:
    from claimgraph.validate import load_store, validate_fast, validate_files

    paths = [Path(f) for f in args.files]
    if args.fast:
        if args.inference != "none":
            raise ClaimgraphError("--fast does not infer: drop --inference or --fast")
        result = validate_fast(load_store(paths), checks=not args.no_checks)
    else:
        result = validate_files(paths, inference=args.inference, checks=not args.no_checks)
    report = result.report_turtle() if args.format == "turtle" else result.text()
    sys.stdout.write(report if report.endswith("\n") else report + "\n")
    return EXIT_OK if result.conforms else EXIT_NONCONFORMANT


# --- query -----------------------------------------------------------------------------


def _add_query(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "query",
        help="ask a bundled provenance question, or run a .rq file",
        description="Run a bundled question by name (see --list) or any SPARQL .rq file over "
        "RDF files, the embedded store, or a remote SPARQL endpoint.",
    )
    p.add_argument("query", nargs="?", help="a bundled question's name or a .rq file")
    p.add_argument("--list", action="store_true", help="list the bundled questions")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--data", action="append", default=[], help="an RDF file (repeatable)")
    source.add_argument(
        "--store", nargs="?", const=".claimgraph/store", default=None,
        help="the embedded Oxigraph store (default .claimgraph/store)",
    )
    source.add_argument("--endpoint", help="a SPARQL 1.1 query endpoint URL")
    p.add_argument(
        "--param", action="append", default=[], metavar="VAR=VALUE",
        help="bind a variable to an RDF term (repeatable)",
    )
    p.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table")
    p.set_defaults(handler=_cmd_query)


def _cmd_query(args: argparse.Namespace) -> int:
    from claimgraph.query import format_result, list_queries, parse_param, run_query

    if args.list:
        queries = list_queries()
        width = max((len(q.name) for q in queries), default=0)
        for q in queries:
            sys.stdout.write(f"{q.name.ljust(width)}  {q.description}\n")
        return EXIT_OK
    if not args.query:
        raise ClaimgraphError("name a question or a .rq file", hint="claimgraph query --list")
    if not (args.data or args.store or args.endpoint):
        default = Path("dist/claimgraph.nt")
        if not default.exists():
            raise ClaimgraphError(
                "no data: give --data FILE, --store DIR or --endpoint URL",
                hint="run 'claimgraph build' first to make dist/claimgraph.nt",
            )
        args.data = [str(default)]
    params = dict(parse_param(p) for p in args.param)
    result = run_query(
        args.query,
        data=[Path(d) for d in args.data],
        store=Path(args.store) if args.store else None,
        endpoint=args.endpoint,
        params=params,
    )
    text = format_result(result, args.format)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


# --- build -----------------------------------------------------------------------------


def _add_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="convert, validate and publish every article in a folder (the main job)",
        description="Convert every *.txt article in SEEDS, validate the graphs, and publish "
        "dumps (Turtle, TriG, N-Triples, JSON-LD), VoID/DCAT and ontology docs to --out.",
    )
    p.add_argument("seeds", nargs="?", default="seeds", help="folder of articles (default seeds/)")
    p.add_argument("--out", default="dist", help="output folder (default dist/)")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--executor", choices=["local", "dask"], default="local")
    p.add_argument("--scheduler", help="Dask scheduler address, with --executor dask")
    p.add_argument(
        "--validator", choices=["fast", "shacl"], default="fast",
        help="fast: the shapes compiled to SPARQL (default); shacl: pySHACL, the reference",
    )
    p.add_argument("--sparql-endpoint", help="the public SPARQL endpoint to name in void.ttl")
    p.set_defaults(handler=_cmd_build)


def _progress_printer() -> tuple[Callable[[int, int, str], None], Callable[[], None]]:
    """A progress bar on a terminal, plain lines otherwise; both on stderr."""
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar: list[tqdm] = []

        def update(done: int, total: int, name: str) -> None:
            if not bar:
                bar.append(tqdm(total=total, unit="article", file=sys.stderr))
            bar[0].set_postfix_str(name, refresh=False)
            bar[0].update(done - bar[0].n)

        return update, lambda: bar[0].close() if bar else None

    def line(done: int, total: int, name: str) -> None:
        sys.stderr.write(f"[{done}/{total}] {name}\n")

    return line, lambda: None


def _cmd_build(args: argparse.Namespace) -> int:
    from claimgraph.build import build

    if args.jobs < 1:
        raise ClaimgraphError(f"--jobs must be at least 1, not {args.jobs}")
    progress, close = _progress_printer()
    try:
        report = build(
            Path(args.seeds), out=Path(args.out), jobs=args.jobs, executor=args.executor,
            scheduler=args.scheduler, progress=progress, validator=args.validator,
            sparql_endpoint=args.sparql_endpoint,
        )
    finally:
        close()
    noun = "article" if report.articles == 1 else "articles"
    sys.stdout.write(f"{report.articles} {noun}, {report.triples} triples -> {args.out}/\n")
    if not report.conforms:
        sys.stdout.write(report.validation_text.rstrip("\n") + "\n")
        return EXIT_NONCONFORMANT
    return EXIT_OK


# --- load ------------------------------------------------------------------------------


def _add_load(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "load",
        help="load the dataset into the embedded store or a remote triplestore",
        description="Load a TriG dump (one named graph per article) into the embedded Oxigraph "
        "store, or push it to a triplestore with the SPARQL 1.1 Graph Store Protocol (PUT: a "
        "reload replaces each article's graph).",
    )
    p.add_argument("trig", nargs="?", default="dist/claimgraph.trig")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--store", default=None, help="store folder (default .claimgraph/store)")
    target.add_argument("--endpoint", help="the triplestore's base URL (see README)")
    p.add_argument("--user", help="user name for HTTP basic authentication")
    p.add_argument(
        "--password-env", metavar="VAR", help="environment variable holding the password"
    )
    p.set_defaults(handler=_cmd_load)


def _cmd_load(args: argparse.Namespace) -> int:
    from claimgraph.store import load

    password = None
    if args.password_env:
        password = os.environ.get(args.password_env)
        if password is None:
            raise ClaimgraphError(f"environment variable {args.password_env} is not set")
    store = None if args.endpoint else Path(args.store or ".claimgraph/store")
    report = load(
        Path(args.trig), store=store, endpoint=args.endpoint, user=args.user, password=password
    )
    sys.stdout.write(f"{report.graphs} graphs, {report.quads} quads -> {report.target}\n")
    return EXIT_OK


# --- serve -----------------------------------------------------------------------------


def _add_serve(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="browse the data as linked data and query it over SPARQL (read-only)",
        description="Serve linked-data pages (HTML, Turtle, N-Triples, JSON-LD by content "
        "negotiation) and a read-only SPARQL 1.1 endpoint at /sparql.",
    )
    source = p.add_mutually_exclusive_group()
    source.add_argument("--store", default=None, help="store folder (default .claimgraph/store)")
    source.add_argument("--data", action="append", default=[], help="an RDF file (repeatable)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(handler=_cmd_serve)


def _cmd_serve(args: argparse.Namespace) -> int:
    from claimgraph.server import serve

    store = None if args.data else Path(args.store or ".claimgraph/store")
    serve(store=store, data=[Path(d) for d in args.data], host=args.host, port=args.port)
    return EXIT_OK


# --- main ------------------------------------------------------------------------------

COMMANDS = (_add_convert, _add_validate, _add_query, _add_build, _add_load, _add_serve)


def make_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    parser = argparse.ArgumentParser(
        prog="claimgraph",
        description="Turn contested war reporting into attributed, text-grounded RDF.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"claimgraph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except ClaimgraphError as exc:
        sys.stderr.write(f"claimgraph {args.command}: error: {exc.one_line()}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
