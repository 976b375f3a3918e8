"""Loading the dataset into a triplestore: the embedded Oxigraph store or a remote one.

Both take the TriG dump, where each article is one named graph, and both
*replace* each graph they load, so loading the same dump twice leaves the same
quads, and loading a rebuilt article drops what it no longer says.

- Embedded: an on-disk Oxigraph store (``.claimgraph/store``) through pyoxigraph.
- Remote: any SPARQL 1.1 Graph Store HTTP Protocol endpoint. Each graph is sent
  with ``PUT ?graph=IRI``; then a SPARQL query counts what the server holds.

Endpoint URLs (``endpoint`` is the Graph Store endpoint; the query endpoint used
for the count check is derived from it, see :func:`endpoints`):

============  =======================================  ===========================================
server        Graph Store endpoint (give this)         query endpoint (derived)
============  =======================================  ===========================================
Oxigraph      ``http://host:7878/store`` (or the       ``http://host:7878/query``
              server's base URL)
Fuseki        ``http://host:3030/DATASET/data`` or      ``http://host:3030/DATASET/query``, or the
              ``http://host:3030/DATASET``              dataset URL itself
GraphDB       ``http://host:7200/repositories/REPO/     ``http://host:7200/repositories/REPO``
              rdf-graphs/service`` (or the repository
              URL)
Virtuoso      ``http://host:8890/sparql-graph-crud-     ``http://host:8890/sparql``
              auth`` (``sparql-graph-crud`` when
              unauthenticated writes are allowed)
============  =======================================  ===========================================
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, parse

from claimgraph.errors import ClaimgraphError, InputError

DEFAULT_STORE = Path(".claimgraph/store")
COUNT_BATCH = 200  # graphs counted per query
TIMEOUT_SECONDS = 60.0
RDF_CONTENT_TYPE = "text/turtle"  # N-Triples is Turtle; every Graph Store accepts Turtle


@dataclass(frozen=True)
class LoadReport:
    """What a load did: named graphs loaded, quads they now hold, where."""

    graphs: int
    quads: int
    target: str


@dataclass(frozen=True)
class Endpoints:
    """The two URLs a remote load talks to."""

    graph_store: str
    query: str


# --- reading the dump ------------------------------------------------------------------


def _check_dump(trig: Path) -> None:
    if not trig.exists():
        raise InputError("no such file", path=trig, hint="run 'claimgraph build' first")
    if not trig.is_file():
        raise InputError("is not a file", path=trig)


def _parse_quads(trig: Path) -> Iterator[Quad]:
    """Stream the quads of a TriG file; a syntax error is an :class:`InputError`."""
    try:
        yield from parse(path=str(trig), format=RdfFormat.TRIG)
    except SyntaxError as exc:
        raise InputError(f"not valid TriG: {exc}", path=trig) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=trig) from None


def graph_chunks(trig: Path) -> Iterator[tuple[str | None, list[str]]]:
    """Consecutive runs of quads in one graph: ``(graph IRI or None, sorted N-Triples lines)``.

    ``None`` is the default graph. A graph that appears in several places of the
    file comes out as several chunks.
    """

    def graph_of(quad: Quad) -> str | None:
        name = quad.graph_name
        return name.value if isinstance(name, NamedNode) else None

    for graph, quads in groupby(_parse_quads(trig), key=graph_of):
        yield graph, sorted({f"{quad.triple} .\n" for quad in quads})


def graph_names(trig: Path) -> list[str]:
    """The named graphs of a TriG file, in order of first appearance."""
    seen: dict[str, None] = {}
    for graph, _ in graph_chunks(trig):
        if graph is not None:
            seen.setdefault(graph)
    return list(seen)


# --- embedded store --------------------------------------------------------------------


def open_store(path: Path) -> Store:
    """Open (or create) the on-disk store for writing; a locked store is a user error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return Store(str(path))
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise ClaimgraphError(
                "the store is in use by another process",
                path=path,
                hint="stop 'claimgraph serve' or the other load, then retry",
            ) from None
        raise ClaimgraphError(f"cannot open the store: {exc}", path=path) from None


def _count_local(store: Store, graphs: Sequence[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for start in range(0, len(graphs), COUNT_BATCH):
        for graph, count in _store_counts(store, graphs[start : start + COUNT_BATCH]):
            counts[graph] = count
    return counts


def _store_counts(store: Store, graphs: Sequence[str]) -> Iterator[tuple[str, int]]:
    for row in store.query(count_query(graphs)):  # type: ignore[union-attr]
        yield row["g"].value, int(row["n"].value)


def load_store(trig: Path, store: Path = DEFAULT_STORE) -> LoadReport:
    """Load ``trig`` into the on-disk Oxigraph store at ``store``, replacing its graphs.

    The graphs named in the file are dropped first, then the file is bulk-loaded.
    Default-graph triples, if any, are added to the default graph.
    """
    _check_dump(trig)
    graphs = graph_names(trig)
    database = open_store(store)
    for graph in graphs:
        database.remove_graph(NamedNode(graph))
    database.bulk_load(path=str(trig), format=RdfFormat.TRIG)
    database.flush()
    counts = _count_local(database, graphs)
    default = sum(1 for _ in database.quads_for_pattern(None, None, None, DefaultGraph()))
    loaded = len(graphs) + (1 if default else 0)
    return LoadReport(loaded, sum(counts.values()) + default, str(store))


# --- remote Graph Store Protocol -------------------------------------------------------


def endpoints(url: str, query: str | None = None) -> Endpoints:
    """The Graph Store and query endpoints of a server, from the URL the user gave.

    Recognised: Oxigraph (``/store``, or the bare server URL), GraphDB
    (``/repositories/R/rdf-graphs/service`` or ``/repositories/R``), Virtuoso
    (``/sparql-graph-crud[-auth]``), Fuseki (``/DATASET/data``); any other URL
    (a Fuseki dataset URL) is used for both. ``query`` overrides the derived one.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ClaimgraphError(f"not an http(s) URL: {url!r}")
    path = parts.path.rstrip("/")

    def at(new_path: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, new_path, "", ""))

    graph_store, derived = url, url
    if path == "":
        graph_store, derived = at("/store"), at("/query")
    elif path.endswith("/store"):
        derived = at(path.removesuffix("/store") + "/query")
    elif path.endswith("/rdf-graphs/service"):
        derived = at(path.removesuffix("/rdf-graphs/service"))
    elif "/repositories/" in path and path.count("/") == 2:
        graph_store, derived = at(path + "/rdf-graphs/service"), at(path)
    elif path.endswith(("/sparql-graph-crud", "/sparql-graph-crud-auth")):
        derived = at(path.rsplit("/", 1)[0] + "/sparql")
    elif path.endswith("/data"):
        derived = at(path.removesuffix("/data") + "/query")
    return Endpoints(graph_store, query or derived)


def count_query(graphs: Sequence[str]) -> str:
    """SPARQL counting the triples of each graph in ``graphs``."""
    values = " ".join(str(NamedNode(graph)) for graph in graphs)
    return (
        "SELECT ?g (COUNT(*) AS ?n) WHERE { VALUES ?g { "
        + values
        + " } GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    )


class _Remote:
    """An HTTP client for one server, with one-line errors and Basic or Digest auth."""

    def __init__(self, user: str | None, password: str | None, timeout: float):
        self._user, self._password = user, password
        auth = httpx.BasicAuth(user, password or "") if user else None
        self.client = httpx.Client(auth=auth, timeout=timeout, follow_redirects=True)

    def close(self) -> None:
        self.client.close()

    def send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self.client.request(method, url, **kwargs)
            if response.status_code == 401 and self._user and self._wants_digest(response):
                self.client.auth = httpx.DigestAuth(self._user, self._password or "")
                response = self.client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            problem = " ".join(str(exc).split()) or type(exc).__name__
            raise ClaimgraphError(f"cannot reach the server: {problem}", path=url) from None
        if response.status_code >= 400:
            raise ClaimgraphError(_http_problem(method, response), path=url)
        return response

    @staticmethod
    def _wants_digest(response: httpx.Response) -> bool:
        challenge = response.headers.get("www-authenticate", "")
        return challenge.lower().startswith("digest")


def _http_problem(method: str, response: httpx.Response) -> str:
    status, reason = response.status_code, response.reason_phrase
    body = " ".join(response.text.split())[:200]
    hint = " (check --user and --password-env)" if status in (401, 403) else ""
    return f"the server answered {method} with {status} {reason}{hint}" + (
        f": {body}" if body else ""
    )


def _graph_params(graph: str | None) -> dict[str, str]:
    return {"graph": graph} if graph is not None else {"default": ""}


def _remote_counts(remote: _Remote, query_url: str, graphs: Sequence[str]) -> dict[str, int]:
    counts = dict.fromkeys(graphs, 0)
    for start in range(0, len(graphs), COUNT_BATCH):
        response = remote.send(
            "POST",
            query_url,
            content=count_query(graphs[start : start + COUNT_BATCH]).encode("utf-8"),
            headers={
                "Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json",
            },
        )
        try:
            bindings = response.json()["results"]["bindings"]
            for row in bindings:
                counts[row["g"]["value"]] = int(row["n"]["value"])
        except (ValueError, KeyError, TypeError):
            raise ClaimgraphError(
                "the query endpoint did not answer with SPARQL JSON results", path=query_url
            ) from None
    return counts


def load_endpoint(
    trig: Path,
    endpoint: str,
    *,
    user: str | None = None,
    password: str | None = None,
    query_endpoint: str | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> LoadReport:
    """Push each graph of ``trig`` to a Graph Store endpoint with PUT, then check the counts.

    A graph that appears in several places of the file is PUT once and then
    POSTed (appended). After loading, one SPARQL query per batch of graphs
    counts the triples the server holds; a mismatch is an error.
    """
    _check_dump(trig)
    urls = endpoints(endpoint, query_endpoint)
    remote = _Remote(user, password, timeout)
    expected: dict[str, int] = {}
    default = 0
    sent: set[str | None] = set()
    try:
        for graph, lines in graph_chunks(trig):
            remote.send(
                "POST" if graph in sent else "PUT",
                urls.graph_store,
                params=_graph_params(graph),
                content="".join(lines).encode("utf-8"),
                headers={"Content-Type": RDF_CONTENT_TYPE},
            )
            sent.add(graph)
            if graph is None:
                default += len(lines)
            else:
                expected[graph] = expected.get(graph, 0) + len(lines)
        graphs = list(expected)
        counts = _remote_counts(remote, urls.query, graphs)
    finally:
        remote.close()
    for graph in graphs:
        if counts[graph] != expected[graph]:
            raise ClaimgraphError(
                f"after loading, graph <{graph}> holds {counts[graph]} triples, "
                f"expected {expected[graph]}",
                path=urls.graph_store,
            )
    loaded = len(graphs) + (1 if default else 0)
    return LoadReport(loaded, sum(counts.values()) + default, urls.graph_store)


# --- the library entry point -----------------------------------------------------------


def load(
    trig: Path = Path("dist/claimgraph.trig"),
    *,
    store: Path | None = DEFAULT_STORE,
    endpoint: str | None = None,
    user: str | None = None,
    password: str | None = None,
) -> LoadReport:
    """Load the TriG dump into the embedded store, or into ``endpoint`` when given.

    Reloading replaces each named graph, so the quad count does not change.
    """
    if endpoint is not None:
        return load_endpoint(trig, endpoint, user=user, password=password)
    if store is None:
        raise ClaimgraphError("nothing to load into: give a store folder or an endpoint URL")
    return load_store(trig, store)
