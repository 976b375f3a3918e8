"""Validation: the SHACL shapes, the ontology, and the data-quality queries.

:func:`validate` runs pySHACL with the project's shapes (``shapes/claimgraph.shacl.ttl``)
and ontology, with SHACL-SPARQL enabled, then every ``queries/checks/*-violation.rq``
over the data. Each problem becomes one :class:`Violation`; the data conforms when none
has severity ``Violation`` (warnings are reported but do not break conformance).

:func:`validate_fast` is the path for large corpora: the same shapes compiled to SPARQL
and run on an Oxigraph store. It finds the same (focus node, shape, constraint component)
results as pySHACL for the constraint components the shapes use (tests prove it on every
example), with two documented differences: classes are matched through the ontology's
``rdfs:subClassOf`` (not through subclass axioms inside the data), and because Oxigraph
stores every integer-derived literal as ``xsd:integer``, a non-negative ``xsd:integer``
passes ``sh:datatype xsd:nonNegativeInteger``.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from claimgraph import resources
from claimgraph.errors import ClaimgraphError, InputError

SH = Namespace("http://www.w3.org/ns/shacl#")
CHECKS_NS = "https://w3id.org/claimgraph/checks/"
SHAPES_NS = "https://w3id.org/claimgraph/shapes#"

Inference = TypingLiteral["none", "rdfs", "owlrl"]
INFERENCE_MODES: tuple[str, ...] = ("none", "rdfs", "owlrl")
SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
SEVERITY_RANK = {"Violation": 0, "Warning": 1, "Info": 2}

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}

SHORT_PREFIXES = (
    ("cgid:", "https://w3id.org/claimgraph/id/"),
    ("cg:", "https://w3id.org/claimgraph/ontology#"),
    ("cgsh:", SHAPES_NS),
    ("check:", CHECKS_NS),
    ("commitment:", "https://w3id.org/claimgraph/vocab/commitment/"),
    ("qualifier:", "https://w3id.org/claimgraph/vocab/qualifier/"),
    ("casualty:", "https://w3id.org/claimgraph/vocab/casualty/"),
    ("sh:", str(SH)),
    ("oa:", "http://www.w3.org/ns/oa#"),
    ("schema:", "https://schema.org/"),
    ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"),
    ("rdf:", str(RDF)),
    ("xsd:", str(XSD)),
    ("dcterms:", "http://purl.org/dc/terms/"),
    ("prov:", "http://www.w3.org/ns/prov#"),
    ("skos:", "http://www.w3.org/2004/02/skos/core#"),
    ("wd:", "http://www.wikidata.org/entity/"),
)


# --- results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    """One problem found in the data: a SHACL result or a row of a check query.

    ``focus``, ``path``, ``shape``, ``component`` and ``value`` are full IRIs (blank nodes
    as ``_:id``, literals in N-Triples form); ``severity`` is ``Violation``, ``Warning``
    or ``Info``; ``source`` is ``shacl`` or ``check:<query file stem>``.
    """

    focus: str
    path: str | None
    shape: str | None
    component: str
    message: str
    severity: str
    source: str
    value: str | None = None

    @property
    def constraint(self) -> tuple[str | None, str]:
        """The rule broken: (shape, constraint component)."""
        return (self.shape, self.component)


@dataclass(frozen=True)
class ValidationResult:
    """The verdict, every problem found, and the SHACL validation report graph."""

    conforms: bool
    violations: tuple[Violation, ...]
    report_graph: Graph

    @property
    def violation_count(self) -> int:
        """How many problems have severity Violation."""
        return sum(1 for v in self.violations if v.severity == "Violation")

    @property
    def warning_count(self) -> int:
        """How many problems have severity Warning or Info."""
        return len(self.violations) - self.violation_count

    def text(self) -> str:
        """A readable report: one block per problem and a summary line."""
        if not self.violations:
            return "Conforms.\n"
        blocks = [violation_block(v) for v in self.violations]
        verdict = "Conforms" if self.conforms else "Does not conform"
        summary = (
            f"{verdict}: {plural(self.violation_count, 'violation')}, "
            f"{plural(self.warning_count, 'warning')}"
        )
        return "\n".join(blocks) + "\n" + summary + "\n"

    def report_turtle(self) -> str:
        """The validation report graph in Turtle, byte-identical for the same results."""
        return report_turtle(self.report_graph)


def plural(count: int, noun: str) -> str:
    """``1 violation``, ``2 violations``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def shorten(term: str) -> str:
    """A full IRI as a prefixed name where a known prefix fits."""
    for prefix, namespace in SHORT_PREFIXES:
        if term.startswith(namespace) and len(term) > len(namespace):
            return prefix + term[len(namespace) :]
    return term if term.startswith(("_:", '"')) else f"<{term}>"


def violation_block(violation: Violation) -> str:
    """The lines describing one problem in :meth:`ValidationResult.text`."""
    lines = [f"{violation.severity}: {shorten(violation.focus)}"]
    if violation.path:
        lines.append(f"  path:    {shorten(violation.path)}")
    if violation.value is not None:
        lines.append(f"  value:   {_clip(shorten(violation.value))}")
    lines.append(f"  message: {' '.join(violation.message.split())}")
    if violation.source == "shacl":
        rule = shorten(violation.shape) if violation.shape else "(anonymous shape)"
        lines.append(f"  shape:   {rule} ({shorten(violation.component)})")
    else:
        lines.append(f"  check:   {violation.source.removeprefix('check:')}")
    return "\n".join(lines) + "\n"


def _clip(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass(frozen=True)
class _Finding:
    """One result with its RDF terms, before it becomes a Violation and report triples."""

    focus: Node
    path: Node | None
    shape: Node | None
    component: URIRef
    severity: URIRef
    message: str
    source: str
    value: Node | None = None

    def sort_key(self) -> tuple[object, ...]:
        return (
            SEVERITY_RANK[SEVERITY_NAMES.get(self.severity, "Violation")],
            _n3(self.focus),
            _n3(self.shape),
            _n3(self.component),
            _n3(self.value),
            self.message,
            self.source,
        )

    def violation(self) -> Violation:
        return Violation(
            focus=_term_text(self.focus),
            path=_term_text(self.path) if isinstance(self.path, URIRef) else None,
            shape=_term_text(self.shape) if self.shape is not None else None,
            component=str(self.component),
            message=self.message,
            severity=SEVERITY_NAMES.get(self.severity, "Violation"),
            source=self.source,
            value=_term_text(self.value) if self.value is not None else None,
        )


def _n3(term: Node | None) -> str:
    return "" if term is None else term.n3()


def _term_text(term: Node) -> str:
    if isinstance(term, URIRef):
        return str(term)
    return term.n3()


def _result(findings: Iterable[_Finding]) -> ValidationResult:
    """Sort and de-duplicate findings, decide conformance, build the report graph."""
    ordered = sorted(set(findings), key=_Finding.sort_key)
    conforms = not any(f.severity == SH.Violation for f in ordered)
    return ValidationResult(
        conforms=conforms,
        violations=tuple(f.violation() for f in ordered),
        report_graph=_report_graph(ordered, conforms),
    )


def _report_graph(findings: Sequence[_Finding], conforms: bool) -> Graph:
    """A SHACL validation report with one sh:result per finding, blank nodes numbered in order."""
    graph = Graph()
    graph.bind("sh", SH)
    for prefix, namespace in SHORT_PREFIXES:
        if prefix != "sh:":
            graph.bind(prefix.rstrip(":"), namespace)
    report = BNode("report")
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(conforms)))
    for index, finding in enumerate(findings, start=1):
        node = BNode(f"result{index:06d}")
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, finding.focus))
        graph.add((node, SH.resultSeverity, finding.severity))
        graph.add((node, SH.sourceConstraintComponent, finding.component))
        graph.add((node, SH.resultMessage, Literal(finding.message)))
        if finding.shape is not None:
            graph.add((node, SH.sourceShape, finding.shape))
        if isinstance(finding.path, URIRef):
            graph.add((node, SH.resultPath, finding.path))
        if finding.value is not None:
            graph.add((node, SH.value, finding.value))
    return graph


def report_turtle(report: Graph) -> str:
    """A report graph in Turtle; stable bytes, since results are numbered blank nodes in order."""
    return report.serialize(format="turtle")


# --- loading data ----------------------------------------------------------------------


class _IllTypedLiteralFilter(logging.Filter):
    """Drops rdflib's traceback for an ill-typed literal ("2024-13-04"^^xsd:date).

    Validation reports such a literal as a sh:datatype violation; the traceback rdflib
    logs while reading it would only repeat that, on stderr, as if it were a crash.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form")


_ILL_TYPED_FILTER = _IllTypedLiteralFilter()


def quiet_ill_typed_literals() -> None:
    """Install :class:`_IllTypedLiteralFilter` on rdflib's term logger (idempotent)."""
    logger = logging.getLogger("rdflib.term")
    if _ILL_TYPED_FILTER not in logger.filters:
        logger.addFilter(_ILL_TYPED_FILTER)



def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF syntax of a file, from its extension."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = " ".join(sorted(FORMATS))
        raise InputError(
            f"unknown RDF file extension {path.suffix or '(none)'!r}",
            path=path,
            hint=f"use one of {known}",
        ) from None


def parse_file(path: Path) -> list[ox.Quad]:
    """Every quad of an RDF file; a missing or malformed file is an :class:`InputError`."""
    syntax = rdf_format(path)
    if not path.exists():
        raise InputError("no such file", path=path)
    if path.is_dir():
        raise InputError("is a directory, expected an RDF file", path=path)
    try:
        return list(ox.parse(path=path, format=syntax, base_iri=path.resolve().as_uri()))
    except SyntaxError as exc:
        raise InputError(_syntax_problem(exc, syntax), path=path) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read as {syntax.name}: {exc}", path=path) from None


def _syntax_problem(exc: SyntaxError, syntax: ox.RdfFormat) -> str:
    """``line 3: unexpected end of file (not valid Turtle)`` from a parser error."""
    detail = exc.msg or str(exc)
    if detail.startswith("Parser error") and ": " in detail:
        detail = detail.split(": ", 1)[1]
    detail = " ".join(detail.split())
    where = f"line {exc.lineno}: " if exc.lineno else ""
    return f"{where}{detail} (not valid {syntax.name})"


OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph


def to_rdflib(term: OxTerm, scope: str = "") -> Node:
    """An Oxigraph term as an rdflib term; blank nodes get ``scope`` to keep files apart.

    RDF 1.2 triple terms have no rdflib counterpart: they are an :class:`InputError`.
    """
    if isinstance(term, ox.Triple | ox.DefaultGraph):
        raise InputError("RDF 1.2 triple terms are not supported")
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(scope + term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


def load_data(paths: Sequence[Path]) -> Graph:
    """All triples of the files in one graph (named graphs are merged into it).

    The syntax comes from each file's extension (.ttl .nt .trig .nq .jsonld .rdf/.xml).
    A missing or malformed file raises :class:`InputError` naming the file and line.
    """
    quiet_ill_typed_literals()
    graph = Graph()
    for index, path in enumerate(Path(p) for p in paths):
        scope = f"f{index}-" if len(paths) > 1 else ""
        for quad in parse_file(path):
            graph.add(
                (
                    to_rdflib(quad.subject, scope),
                    to_rdflib(quad.predicate),
                    to_rdflib(quad.object, scope),
                )
            )
    return graph


def load_store(paths: Sequence[Path]) -> ox.Store:
    """All triples of the files in an in-memory Oxigraph store's default graph."""
    store = ox.Store()
    for path in (Path(p) for p in paths):
        store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in parse_file(path))
    return store


# --- the project's shapes, ontology and checks -----------------------------------------


@functools.cache
def _parsed(path: Path, mtime: float) -> Graph:
    return Graph().parse(path, format="turtle")


def _graph_file(path: Path) -> Graph:
    """A project Turtle file, parsed once per version of the file."""
    if not path.exists():
        raise ClaimgraphError("project file missing", path=path, hint="is CLAIMGRAPH_HOME right?")
    return _parsed(path, path.stat().st_mtime)


def shapes_graph() -> Graph:
    """The project's SHACL shapes."""
    return _graph_file(resources.shapes_file())


def ontology_graph() -> Graph:
    """The project's OWL ontology."""
    return _graph_file(resources.ontology_file())


@dataclass(frozen=True)
class Check:
    """A data-quality query: every row it returns is a violation."""

    name: str
    query: str
    description: str


def check_queries() -> tuple[Check, ...]:
    """The ``*-violation.rq`` queries in the checks folder, by name; none if it is absent."""
    folder = resources.checks_dir()
    if not folder.is_dir():
        return ()
    return tuple(
        _check(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*-violation.rq"))
    )


def _check(name: str, query: str) -> Check:
    comments = (line.lstrip("#").strip() for line in query.splitlines() if line.startswith("#"))
    description = next((line for line in comments if line), name)
    return Check(name, query, description)


# --- a parse cache for rdflib's SPARQL engine ------------------------------------------
#
# pySHACL sends each SHACL-SPARQL query to rdflib once per focus node, as text, and rdflib
# parses it anew every time (tens of milliseconds each with pyparsing): with a few dozen
# evidence selectors per article that is most of the validation time. This processor keeps
# the parsed and translated algebra per (query text, base, namespaces); evaluation is
# rdflib's own, so results are the same. Installed for the process by validate().


@functools.lru_cache(maxsize=1024)
def _prepared_query(text: str, base: str | None, namespaces: tuple[tuple[str, str], ...]):
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    return translateQuery(parseQuery(text), base, dict(namespaces))


def _caching_processor_class():
    from rdflib.plugins.sparql.evaluate import evalQuery
    from rdflib.plugins.sparql.processor import SPARQLProcessor

    class CachingSPARQLProcessor(SPARQLProcessor):
        """rdflib's SPARQL processor with parsed queries cached by their text."""

        def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
            if not isinstance(strOrQuery, str):
                return super().query(strOrQuery, initBindings or {}, initNs, base, DEBUG)
            namespaces = tuple(sorted((k, str(v)) for k, v in (initNs or {}).items()))
            prepared = _prepared_query(strOrQuery, base, namespaces)
            return evalQuery(self.graph, prepared, initBindings or {}, base)

    return CachingSPARQLProcessor


@functools.cache
def install_query_cache() -> None:
    """Make rdflib's default SPARQL processor cache parsed queries (once per process)."""
    import rdflib.plugin
    from rdflib.query import Processor

    processor = _caching_processor_class()
    globals()["CachingSPARQLProcessor"] = processor
    rdflib.plugin.register("sparql", Processor, __name__, "CachingSPARQLProcessor")


# --- the reference path: pySHACL -------------------------------------------------------


def validate(
    data: Graph, *, inference: Inference | str = "none", checks: bool = True
) -> ValidationResult:
    """Validate a graph against the shapes and ontology, then run the check queries.

    ``inference`` ("none", "rdfs", "owlrl") expands the data with the ontology before the
    shapes are checked; the check queries always see the data as given.
    """
    import pyshacl

    install_query_cache()
    quiet_ill_typed_literals()
    if inference not in INFERENCE_MODES:
        raise ClaimgraphError(
            f"unknown inference {inference!r}", hint=f"use one of {', '.join(INFERENCE_MODES)}"
        )
    _conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference=inference,
        advanced=True,
        allow_warnings=True,
        abort_on_first=False,
    )
    findings = list(shacl_findings(report))
    if checks:
        findings.extend(check_findings_rdflib(data))
    return _result(findings)


def validate_files(
    paths: Sequence[Path], *, inference: Inference | str = "none", checks: bool = True
) -> ValidationResult:
    """Load the files (see :func:`load_data`) and :func:`validate` them together."""
    return validate(load_data(paths), inference=inference, checks=checks)


def shacl_findings(report: Graph) -> Iterator[_Finding]:
    """The top-level results of a pySHACL validation report (not their sh:detail)."""
    results = (r for node in report.subjects(RDF.type, SH.ValidationReport)
               for r in report.objects(node, SH.result))
    for result in results:
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        component = report.value(result, SH.sourceConstraintComponent)
        severity = report.value(result, SH.resultSeverity)
        yield _Finding(
            focus=report.value(result, SH.focusNode) or Literal(""),
            path=report.value(result, SH.resultPath),
            shape=report.value(result, SH.sourceShape),
            component=URIRef(str(component)) if component is not None else SH.ConstraintComponent,
            severity=URIRef(str(severity)) if severity is not None else SH.Violation,
            message=messages[0] if messages else "",
            source="shacl",
            value=report.value(result, SH.value),
        )


def check_findings_rdflib(data: Graph) -> Iterator[_Finding]:
    """The rows of every check query run over an rdflib graph."""
    for check in check_queries():
        rows = data.query(check.query)
        names = [str(v) for v in rows.vars or ()]
        for row in rows:
            values: dict[str, Node | None] = dict(zip(names, row, strict=False))  # type: ignore[arg-type]
            yield _check_finding(check, values)


def _check_finding(check: Check, values: Mapping[str, Node | None]) -> _Finding:
    focus = values.get("focus")
    if focus is None:
        focus = next((v for v in values.values() if v is not None), Literal(""))
    message = values.get("message")
    return _Finding(
        focus=focus,
        path=None,
        shape=URIRef(CHECKS_NS + check.name),
        component=SH.SPARQLConstraintComponent,
        severity=SH.Violation,
        message=str(message) if message is not None else check.description,
        source=f"check:{check.name}",
    )


# --- the fast path: the shapes compiled to SPARQL, run on Oxigraph ---------------------
#
# Each constraint of each shape becomes one SELECT query returning ?this (the focus node)
# and, where there is one, ?value. Targets and sh:class use SHACL instance-of through the
# ontology's subclasses, expanded when the shapes are compiled, so the store needs only
# the data. Nested shapes (sh:or, sh:xone, sh:not, sh:and, sh:node) become EXISTS tests.

RDF_TYPE = f"<{RDF.type}>"
COMPONENT_PARAMETERS = {
    SH["class"]: "ClassConstraintComponent",
    SH.datatype: "DatatypeConstraintComponent",
    SH.nodeKind: "NodeKindConstraintComponent",
    SH.minCount: "MinCountConstraintComponent",
    SH.maxCount: "MaxCountConstraintComponent",
    SH["in"]: "InConstraintComponent",
    SH.hasValue: "HasValueConstraintComponent",
    SH.pattern: "PatternConstraintComponent",
    SH.minLength: "MinLengthConstraintComponent",
    SH.maxLength: "MaxLengthConstraintComponent",
    SH.lessThan: "LessThanConstraintComponent",
    SH.lessThanOrEquals: "LessThanOrEqualsConstraintComponent",
    SH["or"]: "OrConstraintComponent",
    SH.xone: "XoneConstraintComponent",
    SH["and"]: "AndConstraintComponent",
    SH["not"]: "NotConstraintComponent",
    SH.node: "NodeConstraintComponent",
    SH.sparql: "SPARQLConstraintComponent",
}
UNSUPPORTED_PARAMETERS = (
    SH.qualifiedValueShape, SH.equals, SH.disjoint, SH.closed, SH.uniqueLang, SH.languageIn,
    SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.flags,
)
INTEGER_TYPES = {
    XSD.integer: "", XSD.nonNegativeInteger: ">= 0", XSD.positiveInteger: "> 0",
    XSD.nonPositiveInteger: "<= 0", XSD.negativeInteger: "< 0",
}
CASTABLE_TYPES = (XSD.boolean, XSD.date, XSD.dateTime, XSD.decimal, XSD.double, XSD.float)
NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}


@dataclass(frozen=True)
class Rule:
    """One constraint of one shape, as a query yielding ?this and optionally ?value."""

    shape: Node
    component: URIRef
    severity: URIRef
    path: URIRef | None
    message: str
    query: str


class ShapeCompileError(ClaimgraphError):
    """The shapes use a SHACL feature the fast path does not compile."""


class _Compiler:
    """Turns a shapes graph into :class:`Rule` queries."""

    def __init__(self, shapes: Graph, ontology: Graph):
        self.shapes = shapes
        self.ontology = ontology
        self.counter = itertools.count()
        self.prefixes = self._prefix_declarations()

    # terms and variables

    def fresh(self, name: str) -> str:
        return f"?{name}_{next(self.counter)}"

    @staticmethod
    def sparql_term(term: Node) -> str:
        if isinstance(term, URIRef):
            return f"<{term}>"
        if isinstance(term, Literal):
            return term.n3()
        raise ShapeCompileError(f"cannot compile the blank node {term} as a constant")

    def subclasses(self, cls: Node) -> list[Node]:
        """``cls`` and every subclass of it in the ontology, sorted."""
        found = {n for n in self.ontology.transitive_subjects(RDFS_SUBCLASS_OF, cls) if n}
        return sorted(found | {cls}, key=lambda n: n.n3())

    def instance_of(self, var: str, cls: Node) -> str:
        """A pattern true when ``var`` is a SHACL instance of ``cls``."""
        classes = " ".join(self.sparql_term(c) for c in self.subclasses(cls))
        kind = self.fresh("type")
        return f"{var} {RDF_TYPE} {kind} . VALUES {kind} {{ {classes} }}"

    # shapes

    def rules(self) -> list[Rule]:
        rules: list[Rule] = []
        for shape in sorted(self._node_shapes(), key=lambda n: n.n3()):
            targets = self.targets(shape)
            if targets:
                rules.extend(self.shape_rules(shape, targets))
        return rules

    def _node_shapes(self) -> set[Node]:
        target_props = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)
        found = {s for p in target_props for s in self.shapes.subjects(p, None)}
        if self.shapes.value(None, SH.target) is not None:
            raise ShapeCompileError("SPARQL-based targets (sh:target) are not compiled")
        return found

    def targets(self, shape: Node) -> str:
        branches = []
        for cls in self.shapes.objects(shape, SH.targetClass):
            branches.append(self.instance_of("?this", cls))
        for node in self.shapes.objects(shape, SH.targetNode):
            branches.append(f"VALUES ?this {{ {self.sparql_term(node)} }}")
        for prop in self.shapes.objects(shape, SH.targetObjectsOf):
            branches.append(f"[] {self.sparql_term(prop)} ?this .")
        for prop in self.shapes.objects(shape, SH.targetSubjectsOf):
            branches.append(f"?this {self.sparql_term(prop)} [] .")
        return " UNION ".join(f"{{ {b} }}" for b in sorted(branches))

    def shape_rules(self, shape: Node, targets: str) -> Iterator[Rule]:
        if self._deactivated(shape):
            return
        yield from self.constraint_rules(shape, targets, path=None)
        for prop in sorted(self.shapes.objects(shape, SH.property), key=lambda n: n.n3()):
            if self._deactivated(prop):
                continue
            path = self.shapes.value(prop, SH.path)
            if not isinstance(path, URIRef):
                raise ShapeCompileError(f"property shape {prop} has a complex sh:path")
            yield from self.constraint_rules(prop, targets, path=path)

    def _deactivated(self, shape: Node) -> bool:
        return self.shapes.value(shape, SH.deactivated) == Literal(True)

    def constraint_rules(self, shape: Node, targets: str, path: URIRef | None) -> Iterator[Rule]:
        self._refuse_unsupported(shape)
        severity = self.shapes.value(shape, SH.severity) or SH.Violation
        message = self.shapes.value(shape, SH.message)
        for parameter, name in COMPONENT_PARAMETERS.items():
            for argument in sorted(self.shapes.objects(shape, parameter), key=lambda n: n.n3()):
                component = SH[name]
                if parameter == SH.sparql:
                    query = self.sparql_rule(argument, targets)
                    text = self.shapes.value(argument, SH.message) or message
                else:
                    pattern = self.violation(parameter, argument, "?this", path, "?value")
                    query = (
                        f"SELECT DISTINCT ?this ?value WHERE {{\n"
                        f"  {{ SELECT DISTINCT ?this WHERE {{ {targets} }} }}\n"
                        f"  {pattern}\n}}"
                    )
                    text = message
                yield Rule(
                    shape=shape,
                    component=component,
                    severity=URIRef(str(severity)),
                    path=path,
                    message=str(text) if text is not None else default_message(name, path),
                    query=query,
                )

    def _refuse_unsupported(self, shape: Node) -> None:
        for parameter in UNSUPPORTED_PARAMETERS:
            if self.shapes.value(shape, parameter) is not None:
                raise ShapeCompileError(f"{parameter} (on {shape}) is not compiled")

    # constraints: a graph pattern with solutions exactly when the focus violates it

    def values(self, focus: str, path: URIRef | None, value: str) -> str:
        """Bind ``value`` to each value node: the focus itself, or its values on ``path``."""
        if path is None:
            return f"BIND ({focus} AS {value})"
        return f"{focus} {self.sparql_term(path)} {value} ."

    def violation(
        self, parameter: Node, argument: Node, focus: str, path: URIRef | None, value: str
    ) -> str:
        if parameter == SH.minCount:
            return f"FILTER NOT EXISTS {{ {self.distinct_values(focus, path, _int(argument))} }}"
        if parameter == SH.maxCount:
            return self.distinct_values(focus, path, _int(argument) + 1)
        if parameter == SH.hasValue:
            return f"FILTER NOT EXISTS {{ {self.values(focus, path, value)} " \
                   f"FILTER (sameTerm({value}, {self.sparql_term(argument)})) }}"
        if parameter in (SH.lessThan, SH.lessThanOrEquals):
            other = self.fresh("other")
            operator = "<" if parameter == SH.lessThan else "<="
            return (
                f"{self.values(focus, path, value)} {focus} {self.sparql_term(argument)} {other} ."
                f" FILTER (!COALESCE({value} {operator} {other}, false))"
            )
        test = self.test(parameter, argument, value)
        return f"{self.values(focus, path, value)} FILTER (!({test}))"

    def distinct_values(self, focus: str, path: URIRef | None, count: int) -> str:
        """A pattern with a solution when the focus has at least ``count`` distinct values."""
        if count == 0:
            return ""
        if path is None:
            return "" if count == 1 else "FILTER (false)"
        names = [self.fresh("v") for _ in range(count)]
        triples = " ".join(f"{focus} {self.sparql_term(path)} {n} ." for n in names)
        pairs = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2)]
        return triples + (f" FILTER ({' && '.join(pairs)})" if pairs else "")

    def test(self, parameter: Node, argument: Node, var: str) -> str:
        """A boolean expression true when the value node ``var`` satisfies the constraint."""
        if parameter == SH["class"]:
            return f"EXISTS {{ {self.instance_of(var, argument)} }}"
        if parameter == SH.datatype:
            return datatype_test(var, argument)
        if parameter == SH.nodeKind:
            return NODE_KINDS[URIRef(str(argument))].format(v=var)
        if parameter == SH["in"]:
            same = [f"sameTerm({var}, {self.sparql_term(m)})" for m in self._list(argument)]
            return "(" + " || ".join(same or ["false"]) + ")"
        if parameter == SH.pattern:
            regex = Literal(str(argument)).n3()
            return f"(!isBlank({var}) && REGEX(STR({var}), {regex}))"
        if parameter == SH.minLength:
            return f"(!isBlank({var}) && STRLEN(STR({var})) >= {_int(argument)})"
        if parameter == SH.maxLength:
            return f"(!isBlank({var}) && STRLEN(STR({var})) <= {_int(argument)})"
        if parameter in (SH["or"], SH.xone, SH["and"]):
            members: list[str] = [self.conforms(m, var) for m in self._list(argument)]
            if parameter == SH["or"]:
                return "(" + " || ".join(members or ["false"]) + ")"
            if parameter == SH["and"]:
                return "(" + " && ".join(members or ["true"]) + ")"
            ones = " + ".join(f"IF({m}, 1, 0)" for m in members) or "0"
            return f"(({ones}) = 1)"
        if parameter == SH["not"]:
            return f"(!{self.conforms(argument, var)})"
        if parameter == SH.node:
            return self.conforms(argument, var)
        raise ShapeCompileError(f"{parameter} cannot be compiled as a value test")

    def _list(self, head: Node) -> list[Node]:
        if not isinstance(head, BNode | URIRef):
            raise ShapeCompileError(f"expected an RDF list, found {head}")
        return list(Collection(self.shapes, head))

    def conforms(self, shape: Node, var: str) -> str:
        """A boolean expression true when ``var`` conforms to a nested shape."""
        self._refuse_unsupported(shape)
        path = self.shapes.value(shape, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise ShapeCompileError(f"nested shape {shape} has a complex sh:path")
        checks = []
        for parameter in COMPONENT_PARAMETERS:
            if parameter == SH.sparql and self.shapes.value(shape, parameter) is not None:
                raise ShapeCompileError("SPARQL constraints in nested shapes are not compiled")
            for argument in self.shapes.objects(shape, parameter):
                pattern = self.violation(parameter, argument, var, path, self.fresh("value"))
                checks.append(f"NOT EXISTS {{ {pattern} }}")
        for prop in self.shapes.objects(shape, SH.property):
            checks.append(self.conforms(prop, var))
        return "(" + " && ".join(checks or ["true"]) + ")"

    # SHACL-SPARQL

    def _prefix_declarations(self) -> str:
        pairs = {
            (str(self.shapes.value(d, SH.prefix)), str(self.shapes.value(d, SH.namespace)))
            for d in self.shapes.objects(None, SH.declare)
        }
        return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(pairs))

    def sparql_rule(self, constraint: Node, targets: str) -> str:
        select = str(self.shapes.value(constraint, SH.select))
        match = SELECT_BODY.fullmatch(select)
        if not match:
            raise ShapeCompileError(
                "a SPARQL constraint must read SELECT ... WHERE { ... } with no modifiers"
            )
        return (
            f"{self.prefixes}SELECT DISTINCT ?this ?value WHERE {{\n"
            f"  {{ SELECT DISTINCT ?this WHERE {{ {targets} }} }}\n"
            f"  {match.group('body')}\n}}"
        )


def _int(term: Node) -> int:
    """An integer parameter of a constraint (sh:minCount 1)."""
    try:
        return int(str(term))
    except ValueError:
        raise ShapeCompileError(f"expected an integer, found {term}") from None


RDFS_SUBCLASS_OF = URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf")
SELECT_BODY = re.compile(r"\s*SELECT\s+[^{]*?WHERE\s*\{(?P<body>.*)\}\s*", re.S | re.I)


def datatype_test(var: str, datatype: Node) -> str:
    """True when ``var`` is a well-formed literal of ``datatype``.

    Oxigraph stores every integer-derived literal as xsd:integer, so those are checked by
    value range; castable types are checked by a round trip through their cast function.
    """
    if isinstance(datatype, URIRef) and datatype in INTEGER_TYPES:
        check = INTEGER_TYPES[datatype]
        in_range = f" && {var} {check}" if check else ""
        return (
            f"(isLiteral({var}) && DATATYPE({var}) IN (<{XSD.integer}>, <{datatype}>)"
            f" && COALESCE(<{XSD.integer}>(STR({var})) = {var}{in_range}, false))"
        )
    if datatype in CASTABLE_TYPES:
        return (
            f"(isLiteral({var}) && DATATYPE({var}) = <{datatype}>"
            f" && COALESCE(<{datatype}>(STR({var})) = {var}, false))"
        )
    return f"(isLiteral({var}) && DATATYPE({var}) = <{datatype}>)"


def default_message(component: str, path: URIRef | None) -> str:
    """A plain message for a result whose shape gives none."""
    subject = shorten(str(path)) if path is not None else "the node"
    return {
        "MinCountConstraintComponent": f"too few values of {subject}",
        "MaxCountConstraintComponent": f"too many values of {subject}",
        "ClassConstraintComponent": f"a value of {subject} is not of the required class",
        "DatatypeConstraintComponent": f"a value of {subject} has the wrong datatype",
        "NodeKindConstraintComponent": f"a value of {subject} is the wrong kind of node",
        "InConstraintComponent": f"a value of {subject} is not one of the allowed values",
        "PatternConstraintComponent": f"a value of {subject} does not match the pattern",
        "MinLengthConstraintComponent": f"a value of {subject} is too short",
        "MaxLengthConstraintComponent": f"a value of {subject} is too long",
        "LessThanConstraintComponent": f"a value of {subject} is not less than required",
        "LessThanOrEqualsConstraintComponent": f"a value of {subject} is larger than allowed",
        "HasValueConstraintComponent": f"{subject} lacks the required value",
    }.get(component, f"{subject} breaks a {component.removesuffix('ConstraintComponent')} rule")


def compile_shapes(shapes: Graph, ontology: Graph) -> tuple[Rule, ...]:
    """Every constraint of the shapes as a SPARQL rule; subclasses come from ``ontology``.

    Raises :class:`ShapeCompileError` for SHACL features the fast path does not cover
    (complex paths, qualified shapes, sh:equals/disjoint/closed, SPARQL targets, ...).
    """
    return tuple(_Compiler(shapes, ontology).rules())


@functools.cache
def _compiled(shapes_path: Path, shapes_mtime: float, ont_path: Path, ont_mtime: float):
    return compile_shapes(shapes_graph(), ontology_graph())


def compiled_rules() -> tuple[Rule, ...]:
    """The project's shapes as SPARQL rules, compiled once per version of the files."""
    shapes, ontology = resources.shapes_file(), resources.ontology_file()
    shapes_graph(), ontology_graph()  # raise the one-line error if a file is missing
    return _compiled(shapes, shapes.stat().st_mtime, ontology, ontology.stat().st_mtime)


def validate_fast(
    data: str | Path | ox.Store, *, checks: bool = True, rules: Sequence[Rule] | None = None
) -> ValidationResult:
    """Validate with the shapes compiled to SPARQL on Oxigraph: for large corpora.

    ``data`` is N-Triples text, an RDF file, or an Oxigraph store (its default graph and
    named graphs together). Finds the same (focus, shape, component) results as
    :func:`validate` without inference; see the module docstring for the two differences.
    ``rules`` replaces the project's compiled shapes (see :func:`compile_shapes`).
    """
    store = _as_store(data)
    active = compiled_rules() if rules is None else rules
    findings = [finding for rule in active for finding in _rule_findings(store, rule)]
    if checks:
        findings.extend(check_findings_store(store))
    return _result(findings)


def _as_store(data: str | Path | ox.Store) -> ox.Store:
    if isinstance(data, ox.Store):
        return data
    if isinstance(data, Path):
        return load_store([data])
    store = ox.Store()
    try:
        store.load(data.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    except SyntaxError as exc:
        raise InputError(_syntax_problem(exc, ox.RdfFormat.N_TRIPLES)) from None
    return store


def _select(store: ox.Store, query: str) -> ox.QuerySolutions:
    solutions = store.query(query, use_default_graph_as_union=True)
    if not isinstance(solutions, ox.QuerySolutions):
        raise ShapeCompileError("a rule or check must be a SELECT query")
    return solutions


def _rule_findings(store: ox.Store, rule: Rule) -> Iterator[_Finding]:
    for solution in _select(store, rule.query):
        focus, value = solution["this"], solution["value"]
        if value is None and rule.component == SH.SPARQLConstraintComponent:
            value = focus  # as pySHACL reports a node shape's SPARQL result
        yield _Finding(
            focus=to_rdflib(focus),
            path=rule.path,
            shape=rule.shape,
            component=rule.component,
            severity=rule.severity,
            message=rule.message,
            source="shacl",
            value=to_rdflib(value) if value is not None else None,
        )


def check_findings_store(store: ox.Store) -> Iterator[_Finding]:
    """The rows of every check query run on an Oxigraph store."""
    for check in check_queries():
        solutions = _select(store, check.query)
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            values = {
                name: to_rdflib(solution[name]) if solution[name] is not None else None
                for name in names
            }
            yield _check_finding(check, values)
