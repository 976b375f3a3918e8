"""Provenance questions over claimgraph data: bundled SPARQL queries, run anywhere.

A bundled question is a SPARQL 1.1 ``SELECT`` file in ``queries/`` whose leading
comment gives its description, parameters and result columns::

    # Who denied what, whose claim it was, and through which outlet.
    # Parameters: none
    # Columns: ?denial ?denier ?claim

Queries run over RDF files (an in-memory Oxigraph store, or rdflib's engine),
the embedded on-disk Oxigraph store, or a remote SPARQL 1.1 endpoint. The
default graph is the union of all graphs, so TriG dumps with one graph per
article are queried as one graph; named graphs stay available to ``GRAPH ?g``.
A remote endpoint must do the same (Oxigraph: ``oxigraph serve
--union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph true``), or the
bundled questions find nothing in data loaded as one graph per article.

Parameters are variables left unbound in the query text, bound at run time to
RDF terms, never spliced into the text: Oxigraph gets ``substitutions``, rdflib
``initBindings``. Over the SPARQL protocol the only way to send a binding is in
the query, so the terms go into a trailing ``VALUES`` clause written in
N-Triples term syntax by :meth:`Term.ntriples` (an escaped term, not user text).
A trailing ``VALUES`` joins after the query's pattern is evaluated, so a bundled
query's parameters are always variables its every solution binds; then all
three ways give the same rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from claimgraph import iris, resources
from claimgraph.errors import ClaimgraphError, InputError
from claimgraph.files import read_text

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

#: Namespaces for compact names in tables and for ``prefix:local`` parameters.
PREFIXES: dict[str, str] = {
    "cg": iris.CG,
    "cgid": iris.DATA,
    "commitment": iris.VOCAB + "commitment/",
    "qualifier": iris.VOCAB + "qualifier/",
    "casualty": iris.VOCAB + "casualty/",
    "schema": "https://schema.org/",
    "oa": "http://www.w3.org/ns/oa#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD,
    "wd": iris.WIKIDATA,
}

Engine = Literal["oxigraph", "rdflib"]
Format = Literal["table", "csv", "tsv", "json"]
FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json")

MAX_CELL = 60  # widest table cell, in characters
LABEL_BATCH = 400  # IRIs per label lookup
ENDPOINT_TIMEOUT = 60.0  # seconds

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_IRI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_ABSOLUTE_IRI = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|urn:)[^\s<>\"{}|^`\\]+")
_IRI_FORBIDDEN = re.compile(r"[\x00-\x20<>\"{}|^`\\]")
_LANG = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"(.*)', re.DOTALL)
_INTEGER = re.compile(r"[+-]?\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LEXICAL_CHECKS: dict[str, re.Pattern[str]] = {
    XSD + "integer": _INTEGER,
    XSD + "nonNegativeInteger": re.compile(r"\+?\d+"),
    XSD + "decimal": re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"),
    XSD + "boolean": re.compile(r"true|false|1|0"),
    XSD + "date": re.compile(r"-?\d{4,}-\d{2}-\d{2}(?:Z|[+-]\d{2}:\d{2})?"),
}
_NUMERIC = {
    XSD + name
    for name in (
        "integer", "decimal", "double", "float", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "long", "int", "short", "byte",
        "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    )
}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
MERGE_NAMED_GRAPHS = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
_DATA_FORMATS = {
    ".ttl": ("TURTLE", "turtle"),
    ".nt": ("N_TRIPLES", "nt"),
    ".nq": ("N_QUADS", "nquads"),
    ".trig": ("TRIG", "trig"),
    ".jsonld": ("JSON_LD", "json-ld"),
    ".json": ("JSON_LD", "json-ld"),
    ".rdf": ("RDF_XML", "xml"),
    ".owl": ("RDF_XML", "xml"),
    ".xml": ("RDF_XML", "xml"),
    ".n3": ("N3", "n3"),
}


# --- values ----------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Term:
    """An RDF term in a result or a parameter: an IRI, a literal or a blank node.

    Literals keep their lexical form. A plain string has no datatype (not
    ``xsd:string``) and a language-tagged string no datatype either, so the same
    value from any engine is the same ``Term``.
    """

    kind: Literal["iri", "literal", "bnode"]
    value: str
    datatype: str | None = None
    language: str | None = None

    @classmethod
    def iri(cls, value: str) -> Term:
        """A named node."""
        return cls("iri", value)

    @classmethod
    def literal(
        cls, value: str, *, datatype: str | None = None, language: str | None = None
    ) -> Term:
        """A literal; ``xsd:string`` and ``rdf:langString`` datatypes are left implicit."""
        if language:
            return cls("literal", value, None, language.lower())
        if datatype in (XSD_STRING, RDF_LANG_STRING):
            datatype = None
        return cls("literal", value, datatype, None)

    @classmethod
    def bnode(cls, value: str) -> Term:
        """A blank node, by its label."""
        return cls("bnode", value)

    def ntriples(self) -> str:
        """The term in N-Triples syntax (tabs and newlines escaped)."""
        if self.kind == "iri":
            return "<" + _escape_iri(self.value) + ">"
        if self.kind == "bnode":
            return "_:" + self.value
        text = '"' + "".join(_ESCAPES.get(ch, ch) for ch in self.value) + '"'
        if self.language:
            return f"{text}@{self.language}"
        if self.datatype:
            return f"{text}^^<{_escape_iri(self.datatype)}>"
        return text

    def is_numeric(self) -> bool:
        """A literal of an XSD numeric datatype."""
        return self.kind == "literal" and self.datatype in _NUMERIC

    def to_json(self) -> dict[str, str]:
        """The term as a SPARQL 1.1 Query Results JSON binding."""
        if self.kind == "iri":
            return {"type": "uri", "value": self.value}
        if self.kind == "bnode":
            return {"type": "bnode", "value": self.value}
        binding = {"type": "literal", "value": self.value}
        if self.language:
            binding["xml:lang"] = self.language
        elif self.datatype:
            binding["datatype"] = self.datatype
        return binding

    @classmethod
    def from_json(cls, binding: Mapping[str, str]) -> Term:
        """A term from a SPARQL 1.1 Query Results JSON binding."""
        kind = binding.get("type")
        value = binding.get("value", "")
        if kind == "uri":
            return cls.iri(value)
        if kind == "bnode":
            return cls.bnode(value)
        if kind in ("literal", "typed-literal"):
            return cls.literal(
                value, datatype=binding.get("datatype"), language=binding.get("xml:lang")
            )
        raise ClaimgraphError(f"unsupported term in SPARQL results: {kind!r}")


def _escape_iri(value: str) -> str:
    return _IRI_FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04X}", value)


@dataclass(frozen=True)
class BundledQuery:
    """A question shipped in ``queries/``, described by its header comment."""

    name: str
    path: Path
    description: str
    parameters: tuple[str, ...]  # variable names without "?"
    columns: tuple[str, ...]  # result variables without "?"


@dataclass(frozen=True)
class QueryResult:
    """Rows of a ``SELECT``: each maps a variable to its term (unbound: absent).

    ``labels`` maps IRIs in the rows to their ``rdfs:label`` in the data.
    """

    variables: tuple[str, ...]
    rows: tuple[dict[str, Term], ...]
    labels: Mapping[str, str] = field(default_factory=dict)

    def column(self, variable: str) -> list[Term | None]:
        """Every row's value for one variable, in row order."""
        return [row.get(variable) for row in self.rows]

    def display(self, term: Term | None) -> str:
        """A term as a person reads it: the label of an IRI, a literal's value."""
        return display_term(term, self.labels)


# --- bundled queries -------------------------------------------------------------------


Header = tuple[str, tuple[str, ...], tuple[str, ...]]


def parse_header(text: str, *, path: str | Path = "query") -> Header:
    """The description, parameters and columns a query's leading comment declares."""
    comments = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        comments.append(stripped.lstrip("#").strip())
    if not comments or not comments[0] or comments[0].startswith(("Parameters:", "Columns:")):
        raise InputError("the first line must be '# <one-line description>'", path=path)
    fields: dict[str, str] = {}
    for comment in comments[1:]:
        key, sep, value = comment.partition(":")
        if sep and key in ("Parameters", "Columns"):
            fields[key] = value.strip()
    if "Parameters" not in fields or "Columns" not in fields:
        raise InputError("the header needs '# Parameters:' and '# Columns:' lines", path=path)
    parameters = () if fields["Parameters"] in ("", "none") else _header_variables(
        fields["Parameters"], path
    )
    return comments[0], parameters, _header_variables(fields["Columns"], path)


def _header_variables(text: str, path: str | Path) -> tuple[str, ...]:
    """``?actor (IRI) ?n`` -> ``("actor", "n")``."""
    names = re.findall(r"[?$](\w+)", text)
    if not names:
        raise InputError(f"expected ?variables in the header, got {text!r}", path=path)
    return tuple(names)


def bundled_query(path: Path) -> BundledQuery:
    """A bundled query described by its header."""
    description, parameters, columns = parse_header(read_text(path), path=path)
    return BundledQuery(path.stem, path, description, parameters, columns)


def list_queries() -> list[BundledQuery]:
    """The bundled questions, sorted by name (the data-quality checks excluded)."""
    folder = resources.queries_dir()
    return [bundled_query(p) for p in sorted(folder.glob("*.rq"))]


def list_checks() -> list[BundledQuery]:
    """The data-quality checks, ``queries/checks/*-violation.rq``, sorted by name.

    Each selects ``?focus ?message`` and returns no rows on good data.
    """
    folder = resources.checks_dir()
    return [bundled_query(p) for p in sorted(folder.glob("*-violation.rq"))]


def load_query(name_or_path: str) -> tuple[str, BundledQuery | None]:
    """A bundled question by name (``"denials"``) or a ``.rq`` file.

    Returns the query text and, when the file has a header, its description.
    """
    bundled = {q.name: q for q in list_queries()}
    stem = name_or_path[:-3] if name_or_path.endswith(".rq") else name_or_path
    path = Path(name_or_path)
    if name_or_path in bundled or (stem in bundled and not path.exists()):
        query = bundled[stem]
        return read_text(query.path), query
    if name_or_path.endswith(".rq") or "/" in name_or_path or path.exists():
        text = read_text(path)
        try:
            description, parameters, columns = parse_header(text, path=path)
        except ClaimgraphError:
            return text, None
        return text, BundledQuery(path.stem, path, description, parameters, columns)
    names = ", ".join(sorted(bundled)) or "(none)"
    raise ClaimgraphError(
        f"no bundled question named {name_or_path!r}; known: {names}",
        hint="give a .rq file path for your own query",
    )


# --- parameters ------------------------------------------------------------------------


def parse_param(text: str) -> tuple[str, Term]:
    """``NAME=VALUE`` -> the variable name and an RDF term.

    ``<https://...>``, ``https://...``, ``urn:...`` and ``cgid:actor/russia``
    (known prefixes) are IRIs; ``5`` an ``xsd:integer``; ``2016-02-11`` an
    ``xsd:date``; ``"text"@en``, ``"5"^^xsd:integer`` and ``"x"^^<iri>`` literals
    in Turtle syntax; anything else a plain string literal.
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep:
        raise ClaimgraphError(f"a parameter is NAME=VALUE, got {text!r}")
    if not _VARIABLE.fullmatch(name):
        raise ClaimgraphError(f"not a variable name: {name!r}", hint="use letters, digits and _")
    return name, parse_term(value)


def parse_term(value: str) -> Term:
    """A parameter value as an RDF term (see :func:`parse_param`)."""
    if value.startswith("<"):
        if not value.endswith(">"):
            raise ClaimgraphError(f"unterminated IRI: {value!r}")
        return _checked_iri(value[1:-1])
    if value.startswith('"'):
        return _parse_literal(value)
    if _ABSOLUTE_IRI.fullmatch(value):
        return Term.iri(value)
    prefixed = _expand_prefixed(value)
    if prefixed:
        return _checked_iri(prefixed)
    if _INTEGER.fullmatch(value):
        return Term.literal(value, datatype=XSD + "integer")
    if _DATE.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ClaimgraphError(f"not a valid date: {value!r}") from None
        return Term.literal(value, datatype=XSD + "date")
    return Term.literal(value)


def _checked_iri(value: str) -> Term:
    if not _IRI_SCHEME.match(value) or _IRI_FORBIDDEN.search(value):
        raise ClaimgraphError(f"not an absolute IRI: <{value}>")
    return Term.iri(value)


def _expand_prefixed(value: str) -> str | None:
    prefix, sep, local = value.partition(":")
    if not sep or prefix not in PREFIXES or local.startswith("//"):
        return None
    return None if _IRI_FORBIDDEN.search(local) else PREFIXES[prefix] + local


def _parse_literal(value: str) -> Term:
    match = _QUOTED.fullmatch(value)
    if not match:
        raise ClaimgraphError(f"unterminated string literal: {value!r}")
    lexical, rest = _unescape(match.group(1)), match.group(2)
    if not rest:
        return Term.literal(lexical)
    if rest.startswith("@") and _LANG.fullmatch(rest[1:]):
        return Term.literal(lexical, language=rest[1:])
    if rest.startswith("^^"):
        datatype = parse_term(rest[2:]) if rest[2:3] == "<" else None
        expanded = datatype.value if datatype else _expand_prefixed(rest[2:])
        if expanded:
            check = _LEXICAL_CHECKS.get(expanded)
            if check and not check.fullmatch(lexical):
                raise ClaimgraphError(f"{lexical!r} is not a valid {rest[2:]}")
            return Term.literal(lexical, datatype=expanded)
    raise ClaimgraphError(
        f"bad literal syntax: {value!r}", hint='"text", "text"@en, "5"^^xsd:integer'
    )


def _unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        escaped = match.group(1)
        if escaped[0] in "uU":
            return chr(int(escaped[1:], 16))
        if escaped in _UNESCAPES:
            return _UNESCAPES[escaped]
        raise ClaimgraphError(f"bad escape \\{escaped} in a literal")

    return re.sub(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", replace, text)


# --- running ---------------------------------------------------------------------------

Runner = Callable[[str, Mapping[str, Term]], QueryResult]


def run_query(
    query: str,
    *,
    data: Sequence[str | Path] = (),
    store: Path | None = None,
    endpoint: str | None = None,
    params: Mapping[str, Term] | None = None,
    engine: Engine = "oxigraph",
) -> QueryResult:
    """Run a ``SELECT`` over RDF files, the embedded store, or a SPARQL endpoint.

    ``query`` is a bundled question's name, a ``.rq`` path, or SPARQL text.
    ``params`` binds variables to terms (see the module docstring). The result
    carries the ``rdfs:label`` of every IRI it mentions, from the same data.
    """
    text = query if _looks_like_sparql(query) else load_query(query)[0]
    bindings = dict(params or {})
    _check_select(text)
    _check_params(text, bindings)
    runner = _runner(
        data=[Path(d) for d in data],
        store=Path(store) if store is not None else None,
        endpoint=endpoint,
        engine=engine,
    )
    result = runner(text, bindings)
    labels = _fetch_labels(runner, _iris_in(result))
    return QueryResult(result.variables, result.rows, labels)


def _looks_like_sparql(query: str) -> bool:
    return "{" in query or "\n" in query


def _runner(
    *, data: Sequence[Path], store: Path | None, endpoint: str | None, engine: Engine
) -> Runner:
    chosen = [bool(data), store is not None, endpoint is not None]
    if sum(chosen) != 1:
        raise ClaimgraphError("give exactly one of: data files, a store, an endpoint")
    if engine not in ("oxigraph", "rdflib"):
        raise ClaimgraphError(f"unknown engine {engine!r}; use oxigraph or rdflib")
    if engine == "rdflib" and not data:
        raise ClaimgraphError("the rdflib engine reads data files only")
    if data:
        if engine == "rdflib":
            return _rdflib_runner(data)
        return _oxigraph_runner(_load_files(data), union=False)
    if store is not None:
        return _oxigraph_runner(_open_store(store), union=True)
    assert endpoint is not None
    return _endpoint_runner(endpoint)


_PROLOGUE = re.compile(
    r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[\w.-]*:\s*<[^>]*>)*", re.IGNORECASE
)


def _query_form(text: str) -> str:
    """The query's form keyword: SELECT, ASK, CONSTRUCT, DESCRIBE or an update verb."""
    rest = text[_PROLOGUE.match(text).end():]  # type: ignore[union-attr]
    word = re.match(r"[A-Za-z]+", rest)
    return word.group().upper() if word else ""


def _check_select(text: str) -> None:
    form = _query_form(text)
    if form != "SELECT":
        shown = form or "this"
        raise ClaimgraphError(f"only SELECT queries are supported, not {shown}")


def _check_params(text: str, params: Mapping[str, Term]) -> None:
    for name, term in params.items():
        if not isinstance(term, Term):
            raise TypeError(f"parameter {name} must be a claimgraph.query.Term")
        if not re.search(rf"[?$]{re.escape(name)}\b", text):
            raise ClaimgraphError(f"the query has no variable ?{name} to bind")


def _data_format(path: Path) -> tuple[str, str]:
    found = _DATA_FORMATS.get(path.suffix.lower())
    if not found:
        known = " ".join(sorted(_DATA_FORMATS))
        raise InputError(f"unknown RDF file type {path.suffix!r}", path=path, hint=f"use {known}")
    if not path.is_file():
        raise InputError("no such file", path=path)
    return found


def _load_files(paths: Sequence[Path]) -> Any:
    """An in-memory Oxigraph store holding every file.

    Named graphs (TriG, N-Quads) stay named, for queries that ask ``GRAPH ?g``;
    the default graph gets the merge of everything, each triple once.
    """
    from pyoxigraph import RdfFormat, Store

    store = Store()
    for path in paths:
        oxigraph_format, _ = _data_format(path)
        try:
            store.load(path=str(path), format=getattr(RdfFormat, oxigraph_format))
        except (SyntaxError, ValueError) as exc:
            raise InputError(f"not valid RDF: {_first_line(exc)}", path=path) from None
    if any(True for _ in store.named_graphs()):
        store.update(MERGE_NAMED_GRAPHS)
    return store


def _open_store(path: Path) -> Any:
    from pyoxigraph import Store

    if not path.is_dir():
        raise ClaimgraphError(
            "no store here", path=path, hint="run 'claimgraph load' to create it"
        )
    try:
        return Store.read_only(str(path))
    except OSError as exc:
        raise ClaimgraphError(f"cannot open the store: {_first_line(exc)}", path=path) from None


def _oxigraph_runner(store: Any, *, union: bool) -> Runner:
    """Queries over ``store``: its default graph, or with ``union`` the union of its graphs.

    Oxigraph 0.5's union repeats a triple once per graph that holds it (oxigraph#1919),
    so bundled queries select DISTINCT and read shared nodes through DISTINCT subqueries.
    """
    from pyoxigraph import QuerySolutions, Variable

    def run(text: str, params: Mapping[str, Term]) -> QueryResult:
        substitutions = {Variable(name): _to_oxigraph(term) for name, term in params.items()}
        try:
            solutions = store.query(
                text, use_default_graph_as_union=union, substitutions=substitutions or None
            )
        except SyntaxError as exc:
            raise ClaimgraphError(f"SPARQL syntax error: {_first_line(exc)}") from None
        if not isinstance(solutions, QuerySolutions):
            raise ClaimgraphError("only SELECT queries are supported")
        variables = tuple(v.value for v in solutions.variables)
        rows = tuple(
            {
                name: _from_oxigraph(value)
                for name, value in zip(variables, solution, strict=True)
                if value is not None
            }
            for solution in solutions
        )
        return QueryResult(variables, rows)

    return run


def _to_oxigraph(term: Term) -> Any:
    from pyoxigraph import BlankNode, Literal, NamedNode

    if term.kind == "iri":
        return NamedNode(term.value)
    if term.kind == "bnode":
        return BlankNode(term.value)
    if term.language:
        return Literal(term.value, language=term.language)
    if term.datatype:
        return Literal(term.value, datatype=NamedNode(term.datatype))
    return Literal(term.value)


def _from_oxigraph(value: Any) -> Term:
    from pyoxigraph import BlankNode, Literal, NamedNode

    if isinstance(value, NamedNode):
        return Term.iri(value.value)
    if isinstance(value, BlankNode):
        return Term.bnode(value.value)
    if isinstance(value, Literal):
        return Term.literal(value.value, datatype=value.datatype.value, language=value.language)
    raise ClaimgraphError(f"unsupported term in results: {value}")


def _rdflib_runner(paths: Sequence[Path]) -> Runner:
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    for path in paths:
        _, rdflib_format = _data_format(path)
        try:
            dataset.parse(str(path), format=rdflib_format)
        except Exception as exc:  # rdflib's parsers raise many unrelated types
            raise InputError(f"not valid RDF: {_first_line(exc)}", path=path) from None

    def run(text: str, params: Mapping[str, Term]) -> QueryResult:
        from rdflib.plugins.sparql import prepareQuery

        try:
            prepared = prepareQuery(text)
        except Exception as exc:  # pyparsing's ParseException and rdflib's own errors
            raise ClaimgraphError(f"SPARQL syntax error: {_first_line(exc)}") from None
        bindings = {name: _to_rdflib(term) for name, term in params.items()}
        result = dataset.query(prepared, initBindings=bindings)
        if result.type != "SELECT":
            raise ClaimgraphError("only SELECT queries are supported")
        variables = tuple(str(v) for v in result.vars or ())
        rows = tuple(
            {
                name: _from_rdflib(value)
                for name, value in zip(variables, row, strict=True)  # type: ignore[arg-type]
                if value is not None
            }
            for row in result
        )
        return QueryResult(variables, rows)

    return run


def _to_rdflib(term: Term) -> Any:
    from rdflib import BNode, URIRef
    from rdflib import Literal as RdflibLiteral

    if term.kind == "iri":
        return URIRef(term.value)
    if term.kind == "bnode":
        return BNode(term.value)
    datatype = URIRef(term.datatype) if term.datatype else None
    return RdflibLiteral(term.value, lang=term.language, datatype=datatype)


def _from_rdflib(value: Any) -> Term:
    from rdflib import BNode, URIRef
    from rdflib import Literal as RdflibLiteral

    if isinstance(value, URIRef):
        return Term.iri(str(value))
    if isinstance(value, BNode):
        return Term.bnode(str(value))
    if isinstance(value, RdflibLiteral):
        datatype = str(value.datatype) if value.datatype else None
        return Term.literal(str(value), datatype=datatype, language=value.language)
    raise ClaimgraphError(f"unsupported term in results: {value!r}")


def values_clause(params: Mapping[str, Term]) -> str:
    """A trailing ``VALUES (?a ?b) { (<iri> "x") }`` binding each variable to its term."""
    names = sorted(params)
    variables = " ".join(f"?{name}" for name in names)
    terms = " ".join(params[name].ntriples() for name in names)
    return f"VALUES ({variables}) {{ ({terms}) }}"


def _endpoint_runner(endpoint: str) -> Runner:
    import httpx

    def run(text: str, params: Mapping[str, Term]) -> QueryResult:
        if params:
            text = f"{text.rstrip()}\n{values_clause(params)}\n"
        try:
            response = httpx.post(
                endpoint,
                content=text.encode("utf-8"),
                headers={
                    "Content-Type": "application/sparql-query; charset=utf-8",
                    "Accept": "application/sparql-results+json",
                },
                timeout=ENDPOINT_TIMEOUT,
            )
        except httpx.HTTPError as exc:
            raise ClaimgraphError(
                f"cannot reach the endpoint {endpoint}: {_first_line(exc)}"
            ) from None
        if response.status_code != 200:
            body = _first_line(response.text) or response.reason_phrase
            raise ClaimgraphError(f"the endpoint answered HTTP {response.status_code}: {body}")
        try:
            return parse_results_json(response.text)
        except (ValueError, KeyError, TypeError):
            raise ClaimgraphError(
                f"the endpoint {endpoint} did not answer with SPARQL JSON results"
            ) from None

    return run


def _first_line(error: object) -> str:
    lines = str(error).strip().splitlines()
    return lines[0].strip() if lines else ""


# --- labels ----------------------------------------------------------------------------


def _iris_in(result: QueryResult) -> list[str]:
    return sorted({t.value for row in result.rows for t in row.values() if t.kind == "iri"})


def _fetch_labels(runner: Runner, iri_values: list[str]) -> dict[str, str]:
    """The preferred ``rdfs:label`` of each IRI that has one."""
    found: dict[str, list[Term]] = {}
    for start in range(0, len(iri_values), LABEL_BATCH):
        batch = iri_values[start : start + LABEL_BATCH]
        members = " ".join(Term.iri(value).ntriples() for value in batch)
        text = (
            f"SELECT ?iri ?label WHERE {{ VALUES ?iri {{ {members} }} "
            f"?iri <{RDFS_LABEL}> ?label }}"
        )
        for row in runner(text, {}).rows:
            if "iri" in row and "label" in row and row["label"].kind == "literal":
                found.setdefault(row["iri"].value, []).append(row["label"])
    return {value: min(labels, key=_label_rank).value for value, labels in found.items()}


def _label_rank(label: Term) -> tuple[int, str]:
    language = label.language or ""
    return (0 if language in ("", "en") or language.startswith("en-") else 1, label.value)


# --- formatting ------------------------------------------------------------------------


def compact(iri: str) -> str:
    """``https://w3id.org/claimgraph/ontology#Claim`` -> ``cg:Claim``; else ``<iri>``."""
    best = max(
        ((prefix, ns) for prefix, ns in PREFIXES.items() if iri.startswith(ns)),
        key=lambda item: len(item[1]),
        default=None,
    )
    if best is None:
        return f"<{iri}>"
    return f"{best[0]}:{iri[len(best[1]):]}"


def display_term(term: Term | None, labels: Mapping[str, str] | None = None) -> str:
    """A term for people: an IRI's label or compact name, a literal's value, ``""`` unbound."""
    if term is None:
        return ""
    if term.kind == "iri":
        return (labels or {}).get(term.value) or compact(term.value)
    if term.kind == "bnode":
        return "_:" + term.value
    return term.value


def format_result(result: QueryResult, fmt: Format) -> str:
    """The result as an aligned ``table``, or SPARQL 1.1 ``csv``, ``tsv`` or ``json``."""
    formatters = {
        "table": _format_table, "csv": _format_csv, "tsv": _format_tsv, "json": _format_json
    }
    if fmt not in formatters:
        raise ClaimgraphError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return formatters[fmt](result)


def _cell(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_CELL else flat[: MAX_CELL - 1] + "…"


def _format_table(result: QueryResult) -> str:
    header = list(result.variables)
    cells = [[_cell(result.display(row.get(v))) for v in header] for row in result.rows]
    numeric = [
        any(v in row for row in result.rows)
        and all(row[v].is_numeric() for row in result.rows if v in row)
        for v in header
    ]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]

    def line(values: Iterable[str]) -> str:
        parts = [
            value.rjust(width) if right else value.ljust(width)
            for value, width, right in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    lines = [line(header), line("-" * w for w in widths)]
    lines.extend(line(row) for row in cells)
    count = len(result.rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    return "_:" + term.value if term.kind == "bnode" else term.value


def _format_csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_csv_value(row.get(v)) for v in result.variables])
    return buffer.getvalue()


def _format_tsv(result: QueryResult) -> str:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join(row[v].ntriples() if v in row else "" for v in result.variables))
    return "\n".join(lines) + "\n"


def results_json(result: QueryResult) -> dict[str, Any]:
    """The result as a SPARQL 1.1 Query Results JSON object."""
    bindings = [
        {v: row[v].to_json() for v in result.variables if v in row} for row in result.rows
    ]
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}


def _format_json(result: QueryResult) -> str:
    return json.dumps(results_json(result), ensure_ascii=False, indent=2) + "\n"


def parse_results_json(text: str) -> QueryResult:
    """A ``SELECT`` result from SPARQL 1.1 Query Results JSON (as an endpoint sends it)."""
    document = json.loads(text)
    if "boolean" in document:
        raise ClaimgraphError("got an ASK answer; only SELECT queries are supported")
    variables = tuple(document["head"]["vars"])
    rows = tuple(
        {name: Term.from_json(value) for name, value in binding.items()}
        for binding in document["results"]["bindings"]
    )
    return QueryResult(variables, rows)
