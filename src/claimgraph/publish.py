"""Publishing the corpus: dumps, JSON-LD context, VoID/DCAT and the ontology's documentation.

Bulk triples never pass through rdflib. Each article's graph arrives as a shard
of canonical N-Triples (sorted, one triple per line); the shards are merged into
one sorted, de-duplicated N-Triples file, and every other dump is streamed from
the shards or from that file through pyoxigraph. Statistics for VoID come from
SPARQL over an Oxigraph store (on disk for large data). Every output is written through a
temporary file and a rename, and depends only on the input: no clock, no random
blank node labels, no hash-ordered sets.
"""

from __future__ import annotations

import contextlib
import functools
import heapq
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import IO

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Store, parse, serialize

from claimgraph import iris
from claimgraph.errors import ClaimgraphError
from claimgraph.files import atomic_output
from claimgraph.rdf import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
SCHEMA = "https://schema.org/"

DUMP_NAMES = {
    "ttl": "claimgraph.ttl",
    "trig": "claimgraph.trig",
    "nt": "claimgraph.nt",
    "jsonld": "claimgraph.jsonld",
}
CONTEXT_NAME = "context.jsonld"
VOID_NAME = "void.ttl"
ONTOLOGY_DIR = "ontology"

MEDIA_TYPES = {
    "ttl": "text/turtle",
    "trig": "application/trig",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}
FORMAT_NAMES = {"ttl": "Turtle", "trig": "TriG", "nt": "N-Triples", "jsonld": "JSON-LD"}
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"

DEFAULT_TITLE = "claimgraph: attributed claims from contested war reporting"
DEFAULT_DESCRIPTION = (
    "Who said what about strikes and casualties, who denied it, through which outlet, "
    "with the exact words behind every node. Statements are attributed, never asserted."
)
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"

# The classes whose first instance (in IRI order) VoID names as an example resource.
EXAMPLE_CLASSES = (
    SCHEMA + "NewsArticle",
    iris.CG + "Claim",
    iris.CG + "Denial",
    iris.CG + "Estimate",
    iris.CG + "Strike",
    iris.CG + "CasualtyEstimate",
    iris.CG + "Actor",
)

VOID_PREFIXES = {
    "cg": iris.CG,
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": SCHEMA,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "void": "http://rdfs.org/ns/void#",
    "xsd": XSD,
}

STATS_IN_MEMORY_BYTES = 64 * 1024 * 1024  # an in-memory store takes ~4x the N-Triples size
MERGE_FAN_IN = 128  # shards merged at once; bounded so open files stay few

# --- writing files safely --------------------------------------------------------------


# --- N-Triples: merging sorted shards --------------------------------------------------


def _unique(lines: Iterable[bytes]) -> Iterator[bytes]:
    """Consecutive duplicates dropped (the input is sorted)."""
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line


def _merge_into(paths: Sequence[Path], handle: IO[bytes]) -> int:
    """Merge sorted N-Triples files into ``handle``; returns the number of lines written."""
    count = 0
    with contextlib.ExitStack() as stack:
        readers = [stack.enter_context(path.open("rb")) for path in paths]
        for line in _unique(heapq.merge(*readers)):
            if not line.endswith(b"\n"):
                line += b"\n"
            handle.write(line)
            count += 1
    return count


def merge_ntriples(shards: Sequence[Path], target: Path, *, work_dir: Path) -> int:
    """Merge sorted N-Triples shards into one sorted, de-duplicated file; returns its triples.

    Merges at most :data:`MERGE_FAN_IN` files at a time, through intermediate
    files in ``work_dir``, so memory and open files stay bounded for any corpus.
    """
    level = list(shards)
    round_number = 0
    while len(level) > MERGE_FAN_IN:
        merged = []
        for start in range(0, len(level), MERGE_FAN_IN):
            part = work_dir / f"merge-{round_number}-{start // MERGE_FAN_IN:06d}.nt"
            with part.open("wb") as handle:
                _merge_into(level[start : start + MERGE_FAN_IN], handle)
            merged.append(part)
        level = merged
        round_number += 1
    with atomic_output(target) as handle:
        return _merge_into(level, handle)


def read_ntriples(path: Path) -> Iterator[Quad]:
    """Stream the triples of an N-Triples file (as default-graph quads)."""
    return parse(path=str(path), format=RdfFormat.N_TRIPLES)


# --- Turtle and TriG -------------------------------------------------------------------


def write_turtle(nt_path: Path, target: Path) -> Path:
    """Turtle with the project's prefixes, in the sorted order of ``nt_path``."""
    triples = (quad.triple for quad in read_ntriples(nt_path))
    with atomic_output(target) as handle:
        serialize(triples, handle, RdfFormat.TURTLE, prefixes=PREFIXES)
    return target


def _graph_quads(name: str, nt_path: Path) -> Iterator[Quad]:
    graph = NamedNode(name)
    for quad in read_ntriples(nt_path):
        yield Quad(quad.subject, quad.predicate, quad.object, graph)


def write_trig(graphs: Sequence[tuple[str, Path]], target: Path) -> Path:
    """TriG with one named graph per ``(graph IRI, N-Triples file)``, in the order given."""
    quads = (quad for name, path in graphs for quad in _graph_quads(name, path))
    with atomic_output(target) as handle:
        serialize(quads, handle, RdfFormat.TRIG, prefixes=PREFIXES)
    return target


# --- JSON-LD ---------------------------------------------------------------------------


def jsonld_context() -> dict[str, object]:
    """The compact ``@context``: the project's prefixes, nothing else."""
    return {"@context": {prefix: PREFIXES[prefix] for prefix in sorted(PREFIXES)}}


def write_context(target: Path) -> Path:
    """Write the JSON-LD context file the JSON-LD dump refers to."""
    text = json.dumps(jsonld_context(), indent=2, ensure_ascii=False) + "\n"
    with atomic_output(target) as handle:
        handle.write(text.encode("utf-8"))
    return target


@functools.lru_cache(maxsize=8)
def _namespaces(prefixes: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Prefixes longest namespace first, so the most specific one wins."""
    return tuple(sorted(prefixes, key=lambda item: (-len(item[1]), item[0])))


@functools.lru_cache(maxsize=1 << 16)
def _compact(value: str, prefixes: tuple[tuple[str, str], ...]) -> str:
    for prefix, namespace in _namespaces(prefixes):
        if value.startswith(namespace):
            local = value[len(namespace) :]
            if local and not local.startswith("//"):
                return f"{prefix}:{local}"
    return value


_PROJECT_PREFIXES = tuple(PREFIXES.items())


def compact_iri(value: str, prefixes: dict[str, str] | None = None) -> str:
    """``https://schema.org/text`` -> ``schema:text``; IRIs outside the prefixes stay whole.

    ``prefixes`` defaults to the project's; the longest matching namespace wins.
    """
    chosen = _PROJECT_PREFIXES if prefixes is None else tuple(prefixes.items())
    return _compact(value, chosen)


def _node_id(term: object) -> str:
    if isinstance(term, NamedNode):
        return compact_iri(term.value)
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    raise ValueError(f"RDF-star terms have no JSON-LD form: {term}")


def _jsonld_value(term: object) -> object:
    if isinstance(term, Literal):
        datatype = term.datatype.value
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if datatype == XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": compact_iri(datatype)}
    return {"@id": _node_id(term)}


def _jsonld_node(subject: object, quads: Iterable[Quad]) -> dict[str, object]:
    node: dict[str, object] = {"@id": _node_id(subject), "@type": None}
    for predicate, group in groupby(quads, key=lambda quad: quad.predicate.value):
        objects = [quad.object for quad in group]
        values: list[object]
        if predicate == RDF_TYPE and not any(isinstance(o, Literal) for o in objects):
            key, values = "@type", [_node_id(o) for o in objects]
        else:
            key, values = compact_iri(predicate), [_jsonld_value(o) for o in objects]
        node[key] = values[0] if len(values) == 1 else values
    if node["@type"] is None:
        del node["@type"]
    return node


def write_jsonld(nt_path: Path, target: Path, *, context: str = CONTEXT_NAME) -> Path:
    """Compact JSON-LD, one node object per subject, referring to the context file ``context``.

    ``nt_path`` must be sorted (as :func:`merge_ntriples` writes it), so each
    subject's triples are adjacent and the output is streamed node by node.
    """
    with atomic_output(target) as handle:
        head = json.dumps({"@context": context})[:-1]
        handle.write(f'{head},\n  "@graph": [\n'.encode())
        first = True
        for _, quads in groupby(read_ntriples(nt_path), key=lambda quad: str(quad.subject)):
            group = list(quads)
            node = _jsonld_node(group[0].subject, group)
            separator = "" if first else ",\n"
            handle.write(f"{separator}    {json.dumps(node, ensure_ascii=False)}".encode())
            first = False
        handle.write(b"\n  ]\n}\n")
    return target


# --- the ontology ----------------------------------------------------------------------


def ontology_ntriples(path: Path) -> str:
    """The ontology as canonical N-Triples: blank nodes labelled from content, lines sorted."""
    from rdflib import Graph
    from rdflib.compare import to_canonical_graph

    try:
        graph = Graph().parse(str(path), format="turtle")
    except FileNotFoundError:
        raise ClaimgraphError(
            "the ontology is missing", path=path, hint="set CLAIMGRAPH_HOME to the source checkout"
        ) from None
    canonical = to_canonical_graph(graph)
    lines = {line for line in canonical.serialize(format="nt").splitlines() if line.strip()}
    return "".join(line + "\n" for line in sorted(lines))


_PYLODE_SCRIPT = """
import sys
from claimgraph.publish import _render_ontology_html
sys.stdout.write(_render_ontology_html(sys.argv[1]))
"""


def _render_ontology_html(ontology: str) -> str:
    """pyLODE's HTML for the ontology. Runs in a child process (see :func:`ontology_html`)."""
    import importlib.metadata
    import io
    import types

    # pyLODE 3.4.1 reads its version from a pyproject.toml it does not install
    # (RDFLib/pyLODE#260); give it the installed version instead.
    version = types.ModuleType("pylode.version")
    version.__version__ = importlib.metadata.version("pylode")  # type: ignore[attr-defined]
    sys.modules.setdefault("pylode.version", version)
    from pylode import OntPub, utils
    from rdflib import Graph

    # pyLODE lists the members of owl:unionOf in set order, which changes from run
    # to run; sort them by their HTML so the page is the same every time.
    plain_intersperse = utils.intersperse
    utils.intersperse = lambda items, sep: plain_intersperse(sorted(items, key=str), sep)
    with contextlib.redirect_stdout(io.StringIO()):
        return str(OntPub(ontology=Graph().parse(ontology, format="turtle")).make_html())


def ontology_html(ontology: Path) -> str:
    """The ontology's documentation page, made by pyLODE offline.

    pyLODE prints, configures the root logger at import and needs two patches,
    so it runs in a child Python process that leaves this one untouched.
    """
    package_root = str(Path(__file__).resolve().parent.parent)  # so the child imports this code
    search_path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", _PYLODE_SCRIPT, str(ontology)],
        capture_output=True,
        check=False,
        env={
            **os.environ,
            "PYTHONPATH": search_path,
            "PYTHONIOENCODING": "utf-8",
            "PYTHONHASHSEED": "0",  # any set of strings pyLODE iterates comes out the same
        },
    )
    if result.returncode != 0:
        last = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise RuntimeError(f"pyLODE failed on {ontology}: {' '.join(last)}")
    return result.stdout.decode("utf-8")


def write_ontology_docs(ontology: Path, out_dir: Path) -> tuple[Path, ...]:
    """``out_dir/index.html`` (pyLODE) and a copy of the ontology next to it."""
    page = out_dir / "index.html"
    with atomic_output(page) as handle:
        handle.write(ontology_html(ontology).encode("utf-8"))
    copy = out_dir / "claimgraph.ttl"
    with atomic_output(copy) as handle:
        handle.write(ontology.read_bytes())
    return page, copy


# --- VoID and DCAT ---------------------------------------------------------------------


@dataclass(frozen=True)
class ClassPartition:
    """How many instances a class has and how many triples describe them."""

    cls: str
    entities: int
    triples: int


@dataclass(frozen=True)
class DatasetStats:
    """Counts over the merged data, for the VoID description."""

    triples: int
    entities: int
    distinct_subjects: int
    distinct_objects: int
    properties: int
    classes: int
    documents: int
    class_partitions: tuple[ClassPartition, ...]
    property_partitions: tuple[tuple[str, int], ...]
    examples: tuple[str, ...]
    first_published: str | None
    last_published: str | None


def _rows(store: Store, query: str) -> list[dict[str, str]]:
    solutions = store.query(query)
    names = [variable.value for variable in solutions.variables]  # type: ignore[union-attr]
    rows = []
    for solution in solutions:  # type: ignore[union-attr]
        row = {name: solution[name].value for name in names if solution[name] is not None}
        rows.append(row)
    return rows


def _count(store: Store, query: str) -> int:
    return int(_rows(store, query)[0]["n"])


def _examples(store: Store) -> tuple[str, ...]:
    values = " ".join(f"<{cls}>" for cls in EXAMPLE_CLASSES)
    rows = _rows(
        store,
        f"SELECT ?class (MIN(STR(?s)) AS ?example) WHERE {{ VALUES ?class {{ {values} }} "
        f"?s a ?class FILTER(isIRI(?s)) }} GROUP BY ?class",
    )
    found = {row["class"]: row["example"] for row in rows if "example" in row}
    return tuple(found[cls] for cls in EXAMPLE_CLASSES if cls in found)


def _stats_from_store(store: Store) -> DatasetStats:
    partitions = _rows(
        store,
        "SELECT ?class (COUNT(DISTINCT ?s) AS ?entities) (COUNT(*) AS ?triples) "
        "WHERE { ?s a ?class . ?s ?p ?o FILTER(isIRI(?class)) } GROUP BY ?class ORDER BY ?class",
    )
    properties = _rows(
        store, "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"
    )
    dates = _rows(
        store,
        "SELECT (MIN(?d) AS ?first) (MAX(?d) AS ?last) "
        "WHERE { ?a <https://schema.org/datePublished> ?d }",
    )
    return DatasetStats(
        triples=_count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
        entities=_count(
            store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?s)) }"
        ),
        distinct_subjects=_count(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"),
        distinct_objects=_count(store, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"),
        properties=len(properties),
        classes=len(partitions),
        documents=_count(
            store, f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{SCHEMA}NewsArticle> }}"
        ),
        class_partitions=tuple(
            ClassPartition(row["class"], int(row["entities"]), int(row["triples"]))
            for row in partitions
        ),
        property_partitions=tuple((row["p"], int(row["n"])) for row in properties),
        examples=_examples(store),
        first_published=dates[0].get("first") if dates else None,
        last_published=dates[0].get("last") if dates else None,
    )


def dataset_stats(nt_path: Path, *, work_dir: Path) -> DatasetStats:
    """VoID counts by SPARQL over an Oxigraph store loaded from ``nt_path``.

    Small data is counted in memory; above :data:`STATS_IN_MEMORY_BYTES` of
    N-Triples the store lives on disk in ``work_dir``, so memory stays bounded.
    """
    if nt_path.stat().st_size <= STATS_IN_MEMORY_BYTES:
        store = Store()
    else:
        store = Store(tempfile.mkdtemp(prefix="void-store-", dir=work_dir))
    try:
        store.bulk_load(path=str(nt_path), format=RdfFormat.N_TRIPLES)
        return _stats_from_store(store)
    finally:
        del store


def _string(value: str, language: str = "en") -> str:
    return str(Literal(value, language=language))


def _typed(value: object, datatype: str) -> str:
    return f"{Literal(str(value))}^^xsd:{datatype}"


def _iri(value: str) -> str:
    """An IRI in Turtle: a prefixed name when the local part is plain, else ``<...>``."""
    compact = compact_iri(value, VOID_PREFIXES)
    local = compact.partition(":")[2]
    if compact != value and local.replace("-", "_").isidentifier():
        return compact
    return str(NamedNode(value))


def vocabularies(stats: DatasetStats) -> list[str]:
    """The vocabularies whose classes or properties the data uses (the ontology for cg:)."""
    terms = [part.cls for part in stats.class_partitions]
    terms += [prop for prop, _ in stats.property_partitions]
    found = set()
    for term in terms:
        compact = compact_iri(term, VOID_PREFIXES)
        if compact != term:
            found.add(VOID_PREFIXES[compact.partition(":")[0]])
    return sorted(iris.ONTOLOGY if v == iris.CG else v for v in found)


def _endpoint_iri(url: str) -> str:
    try:
        return str(NamedNode(url))
    except ValueError:
        raise ClaimgraphError(f"not a valid endpoint IRI: {url!r}") from None


def _dump_kind(path: Path) -> str:
    return next(kind for kind, name in DUMP_NAMES.items() if name == path.name)


def _dataset_lines(
    stats: DatasetStats, dumps: Sequence[Path], *, title: str, description: str,
    license_iri: str, endpoint: str | None,
) -> list[str]:
    """The properties of ``<#dataset>``, each line ending in `` ;``."""
    lines = [
        f"    dcterms:title {_string(title)} ;",
        f"    dcterms:description {_string(description)} ;",
        f"    dcterms:license {str(NamedNode(license_iri))} ;",
        f"    void:uriSpace {str(Literal(iris.DATA))} ;",
        *(f"    void:vocabulary {str(NamedNode(v))} ;" for v in vocabularies(stats)),
        f"    void:triples {stats.triples} ;",
        f"    void:entities {stats.entities} ;",
        f"    void:distinctSubjects {stats.distinct_subjects} ;",
        f"    void:distinctObjects {stats.distinct_objects} ;",
        f"    void:properties {stats.properties} ;",
        f"    void:classes {stats.classes} ;",
        f"    void:documents {stats.documents} ;",
    ]
    if stats.first_published and stats.last_published:
        lines += [
            "    dcterms:temporal [ a dcterms:PeriodOfTime ;",
            f"        dcat:startDate {_typed(stats.first_published, 'date')} ;",
            f"        dcat:endDate {_typed(stats.last_published, 'date')} ] ;",
        ]
    lines += [f"    void:exampleResource {str(NamedNode(iri))} ;" for iri in stats.examples]
    lines += [f"    void:dataDump <{dump.name}> ;" for dump in dumps]
    lines += [f"    dcat:distribution <#dump-{_dump_kind(dump)}> ;" for dump in dumps]
    if endpoint:
        lines += [f"    void:sparqlEndpoint {endpoint} ;", "    dcat:distribution <#sparql> ;"]
    for part in stats.class_partitions:
        lines.append(
            f"    void:classPartition [ void:class {_iri(part.cls)} ; "
            f"void:entities {part.entities} ; void:triples {part.triples} ] ;"
        )
    for prop, count in stats.property_partitions:
        lines.append(
            f"    void:propertyPartition [ void:property {_iri(prop)} ; void:triples {count} ] ;"
        )
    return lines


def _distribution_lines(dump: Path) -> list[str]:
    kind = _dump_kind(dump)
    media_type = MEDIA_TYPES[kind]
    return [
        "",
        f"<#dump-{kind}> a dcat:Distribution ;",
        f"    dcterms:title {_string(FORMAT_NAMES[kind] + ' dump')} ;",
        f"    dcat:downloadURL <{dump.name}> ;",
        f"    dcat:accessURL <{dump.name}> ;",
        f"    dcat:mediaType <{IANA_MEDIA_TYPES}{media_type}> ;",
        f"    dcterms:format {str(Literal(media_type))} ;",
        f"    dcat:byteSize {_typed(dump.stat().st_size, 'nonNegativeInteger')} .",
    ]


def _service_lines(endpoint: str) -> list[str]:
    return [
        "",
        "<#sparql> a dcat:Distribution ;",
        f"    dcterms:title {_string('SPARQL endpoint')} ;",
        f"    dcat:accessURL {endpoint} ;",
        "    dcat:accessService [ a dcat:DataService ;",
        f"        dcat:endpointURL {endpoint} ;",
        "        dcterms:conformsTo <https://www.w3.org/TR/sparql11-protocol/> ] .",
    ]


def void_turtle(
    stats: DatasetStats,
    dumps: Sequence[Path],
    *,
    sparql_endpoint: str | None = None,
    title: str = DEFAULT_TITLE,
    description: str = DEFAULT_DESCRIPTION,
    license_iri: str = DEFAULT_LICENSE,
) -> str:
    """The VoID and DCAT description of the dataset, as Turtle.

    The description and the dumps have relative IRIs (``<#dataset>``,
    ``<claimgraph.ttl>``): they resolve against wherever ``void.ttl`` is
    published, next to the dumps. ``dumps`` must exist (their sizes are read).
    """
    endpoint = _endpoint_iri(sparql_endpoint) if sparql_endpoint else None
    head = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in VOID_PREFIXES.items()]
    body = _dataset_lines(
        stats, dumps, title=title, description=description, license_iri=license_iri,
        endpoint=endpoint,
    )
    body[-1] = body[-1].removesuffix(" ;") + " ."
    lines = [*head, "", "<#dataset> a void:Dataset, dcat:Dataset ;", *body]
    for dump in dumps:
        lines += _distribution_lines(dump)
    if endpoint:
        lines += _service_lines(endpoint)
    return "\n".join(lines) + "\n"


def write_void(
    target: Path, stats: DatasetStats, dumps: Sequence[Path], *, sparql_endpoint: str | None = None
) -> Path:
    """Write :func:`void_turtle` to ``target``."""
    text = void_turtle(stats, dumps, sparql_endpoint=sparql_endpoint)
    with atomic_output(target) as handle:
        handle.write(text.encode("utf-8"))
    return target


# --- everything at once ----------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    """What :func:`publish` wrote."""

    triples: int
    outputs: tuple[Path, ...]


def publish(
    graphs: Sequence[tuple[str, Path]],
    out: Path,
    *,
    ontology: Path,
    work_dir: Path,
    sparql_endpoint: str | None = None,
) -> Published:
    """Write every dump, the JSON-LD context, the ontology docs and ``void.ttl`` into ``out``.

    ``graphs`` are ``(article IRI, sorted N-Triples shard)`` pairs in the order
    the TriG dump lists them; the ontology gets its own graph, first.
    """
    nt = out / DUMP_NAMES["nt"]
    triples = merge_ntriples([path for _, path in graphs], nt, work_dir=work_dir)
    ontology_nt = work_dir / "ontology.nt"
    ontology_nt.write_text(ontology_ntriples(ontology), encoding="utf-8")
    dumps = (
        write_turtle(nt, out / DUMP_NAMES["ttl"]),
        write_trig([(iris.ONTOLOGY, ontology_nt), *graphs], out / DUMP_NAMES["trig"]),
        nt,
        write_jsonld(nt, out / DUMP_NAMES["jsonld"]),
    )
    context = write_context(out / CONTEXT_NAME)
    docs = write_ontology_docs(ontology, out / ONTOLOGY_DIR)
    stats = dataset_stats(nt, work_dir=work_dir)
    void = write_void(out / VOID_NAME, stats, dumps, sparql_endpoint=sparql_endpoint)
    return Published(triples, tuple(sorted((*dumps, context, *docs, void))))
