"""Serving: linked-data pages and a read-only SPARQL endpoint over an Oxigraph store.

Every ``https://w3id.org/claimgraph/id/...`` IRI dereferences here as ``/id/...``:
HTML for browsers, Turtle, N-Triples or JSON-LD by content negotiation. ``/sparql``
speaks the SPARQL 1.1 Protocol for queries only: updates and federated SERVICE
calls are refused.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import parse_qs

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    serialize,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from claimgraph import iris
from claimgraph.errors import ClaimgraphError
from claimgraph.rdf import PREFIXES

LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")

RDF_MEDIA = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
}
RESULT_MEDIA = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX|BASE)\s[^\n]*\s*)*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b",
    re.IGNORECASE,
)
_SERVICE = re.compile(r"\bSERVICE\s*(<|\?|\$|SILENT\b)", re.IGNORECASE)


def open_store(*, store: Path | None = None, data: Sequence[Path] = ()) -> Store:
    """A read-only view of the on-disk store, or an in-memory store of RDF files."""
    if store is not None:
        if not store.exists():
            raise ClaimgraphError(
                "no store here", path=store, hint="run 'claimgraph load' first"
            )
        return Store.read_only(str(store))
    memory = Store()
    for path in data:
        if not path.exists():
            raise ClaimgraphError("no such file", path=path)
        try:
            memory.load(path=str(path))
        except (SyntaxError, ValueError) as exc:
            raise ClaimgraphError(f"cannot parse: {exc}", path=path) from None
    return memory


def negotiate(accept: str, offered: Sequence[str], default: str) -> str:
    """The first offered media type the Accept header names (by q order), else the default."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        quality = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    quality = float(field[2:])
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, position, fields[0].lower()))
    for quality, _, media in sorted(ranked):
        if quality == 0:
            continue
        if media in offered:
            return media
        if media in ("*/*", "text/*") and default in offered:
            return default
    return default


def describe(store: Store, subject: NamedNode) -> list[Triple]:
    """The resource's own triples and the triples pointing at it, de-duplicated and sorted."""
    found = {
        Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(subject, None, None, None)
    }
    found |= {
        Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, subject, None)
    }
    return sorted(found, key=str)


def _local_href(iri: str) -> str:
    """Links to claimgraph IRIs stay on this server."""
    return "/id/" + iri[len(iris.DATA) :] if iri.startswith(iris.DATA) else iri


def _compact(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and prefix not in ("cgid",):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _label(store: Store, node: NamedNode) -> str | None:
    for quad in store.quads_for_pattern(node, LABEL, None, None):
        return str(getattr(quad.object, "value", quad.object))
    return None


def _term_html(store: Store, term: object) -> str:
    if isinstance(term, NamedNode):
        text = _label(store, term) or _compact(term.value)
        return f'<a href="{html.escape(_local_href(term.value))}">{html.escape(text)}</a>'
    value = getattr(term, "value", str(term))
    return f"<q>{html.escape(str(value))}</q>"


def resource_page(store: Store, subject: NamedNode, triples: Sequence[Triple]) -> str:
    """An HTML page listing what the graph says of a resource and what points at it."""
    title = _label(store, subject) or subject.value
    outgoing = [t for t in triples if t.subject == subject]
    incoming = [t for t in triples if t.subject != subject]
    rows = "".join(
        f"<tr><th>{html.escape(_compact(t.predicate.value))}</th>"
        f"<td>{_term_html(store, t.object)}</td></tr>"
        for t in outgoing
    )
    back = "".join(
        f"<tr><td>{_term_html(store, t.subject)}</td>"
        f"<th>{html.escape(_compact(t.predicate.value))}</th></tr>"
        for t in incoming
    )
    return _page(
        title,
        f"<p class=iri>{html.escape(subject.value)}</p>"
        f"<table id=about>{rows}</table>"
        + (f"<h2>Referenced by</h2><table id=referenced>{back}</table>" if back else ""),
    )


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{html.escape(title)} · claimgraph</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "th{text-align:left;padding-right:1em;vertical-align:top}"
        ".iri{color:#555;font-family:monospace}</style></head><body>"
        f'<nav><a href="/">claimgraph</a> · <a href="/sparql">SPARQL</a></nav>'
        f"<h1>{html.escape(title)}</h1>{body}</body></html>"
    )


def _count(store: Store, cls: str) -> int:
    result = store.query(
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{cls}> }}",
        use_default_graph_as_union=True,
    )
    assert isinstance(result, QuerySolutions)
    return int(next(iter(result))["n"].value)


def home_page(store: Store) -> str:
    """The dataset at a glance, with a link to every article."""
    counts = "".join(
        f"<tr><th>{name}</th><td>{_count(store, iris.CG + name)}</td></tr>"
        for name in ("Claim", "Denial", "Estimate", "Strike", "CasualtyEstimate", "Actor")
    )
    articles = store.query(
        "SELECT DISTINCT ?a WHERE { ?a a <https://schema.org/NewsArticle> } ORDER BY ?a",
        use_default_graph_as_union=True,
    )
    assert isinstance(articles, QuerySolutions)
    links = "".join(f"<li>{_term_html(store, row['a'])}</li>" for row in articles)
    form = (
        '<form action="/sparql" method="get"><textarea name="query" rows="6" cols="80">'
        "SELECT ?claim ?text WHERE { ?claim a &lt;https://w3id.org/claimgraph/ontology#Claim&gt; ;"
        " &lt;https://w3id.org/claimgraph/ontology#text&gt; ?text } LIMIT 10</textarea><br>"
        '<button type="submit">Run</button></form>'
    )
    return _page(
        "claimgraph",
        f"<table id=counts>{counts}</table><h2>Articles</h2><ul id=articles>{links}</ul>"
        f"<h2>SPARQL</h2>{form}",
    )


def create_app(store: Store) -> Starlette:
    """The linked-data and SPARQL application over a store (queried as a union of graphs)."""

    async def home(request: Request) -> Response:
        return HTMLResponse(home_page(store))

    async def resource(request: Request) -> Response:
        subject = NamedNode(iris.DATA + request.path_params["path"])
        triples = describe(store, subject)
        if not triples:
            return PlainTextResponse(f"nothing is known of {subject.value}\n", status_code=404)
        media = negotiate(request.headers.get("accept", ""), ["text/html", *RDF_MEDIA], "text/html")
        if media == "text/html":
            return HTMLResponse(resource_page(store, subject, triples))
        body = serialize(triples, format=RDF_MEDIA[media], prefixes=PREFIXES)
        return Response(body, media_type=media, headers={"Vary": "Accept"})

    async def sparql(request: Request) -> Response:
        query = await _read_query(request)
        if query is None:
            return RedirectResponse("/") if request.method == "GET" else _bad("no query given")
        if _UPDATE.search(query):
            return _bad("this endpoint is read-only: updates are refused", status=403)
        if _SERVICE.search(query):
            return _bad("federated SERVICE calls are refused", status=403)
        try:
            result = store.query(query, use_default_graph_as_union=True)
        except SyntaxError as exc:
            return _bad(f"query syntax error: {exc}")
        accept = request.headers.get("accept", "")
        if isinstance(result, (QuerySolutions, QueryBoolean)):
            media = negotiate(accept, list(RESULT_MEDIA), "application/sparql-results+json")
            return Response(result.serialize(format=RESULT_MEDIA[media]), media_type=media)
        media = negotiate(accept, list(RDF_MEDIA), "text/turtle")
        body = serialize(list(result), format=RDF_MEDIA[media], prefixes=PREFIXES)
        return Response(body, media_type=media)

    return Starlette(
        routes=[
            Route("/", home),
            Route("/id/{path:path}", resource),
            Route("/sparql", sparql, methods=["GET", "POST"]),
        ]
    )


async def _read_query(request: Request) -> str | None:
    if request.method == "GET":
        return request.query_params.get("query")
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    if content_type == "application/sparql-query":
        return (await request.body()).decode("utf-8")
    if content_type == "application/x-www-form-urlencoded":
        form = parse_qs((await request.body()).decode("utf-8"))
        if "update" in form:
            return "INSERT {} WHERE {}"  # an update by form: refused like any other
        return form["query"][0] if "query" in form else None
    return None


def _bad(message: str, status: int = 400) -> Response:
    return PlainTextResponse(message + "\n", status_code=status)


def serve(
    *, store: Path | None = None, data: Sequence[Path] = (), host: str = "127.0.0.1",
    port: int = 8000,
) -> None:
    """Serve the store (or files) until interrupted."""
    import uvicorn

    uvicorn.run(create_app(open_store(store=store, data=data)), host=host, port=port)
