"""The RDF stage: an :class:`~claimgraph.model.Extraction` in, triples out.

Terms are pyoxigraph's, so bulk output never passes through rdflib. The
canonical form of an article's graph is its N-Triples lines, de-duplicated and
sorted: the same extraction always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, parse, serialize

from claimgraph import iris
from claimgraph.model import Actor, Article, Extraction, Figure, Span, Statement, Strike

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SCHEMA = "https://schema.org/"
OA = "http://www.w3.org/ns/oa#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"

PREFIXES = {
    "cg": iris.CG,
    "actor": iris.DATA + "actor/",
    "source": iris.DATA + "source/",
    "place": iris.DATA + "place/",
    "commitment": iris.VOCAB + "commitment/",
    "qualifier": iris.VOCAB + "qualifier/",
    "casualty": iris.VOCAB + "casualty/",
    "dcterms": DCTERMS,
    "oa": OA,
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": PROV,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": RDFS,
    "schema": SCHEMA,
    "skos": SKOS,
    "wd": iris.WIKIDATA,
    "xsd": XSD,
}

CONTEXT_CHARS = 32  # length of oa:prefix and oa:suffix

FORMATS = {
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
}

ACTOR_CLASSES = {
    "person": ("Person",),
    "organization": ("Organization",),
    "country": ("Organization", "Country"),
}

STATEMENT_CLASSES = {"claim": "Claim", "denial": "Denial", "estimate": "Estimate"}


def cg(name: str) -> NamedNode:
    """A term of the claimgraph ontology."""
    return NamedNode(iris.CG + name)


def iri(value: str) -> NamedNode:
    """A named node."""
    return NamedNode(value)


def text(value: str) -> Literal:
    """A plain string literal."""
    return Literal(value)


def boolean(value: bool) -> Literal:
    """An xsd:boolean literal."""
    return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))


def count(value: int) -> Literal:
    """An xsd:nonNegativeInteger literal."""
    return Literal(str(value), datatype=NamedNode(XSD + "nonNegativeInteger"))


def date(value: dt.date) -> Literal:
    """An xsd:date literal."""
    return Literal(value.isoformat(), datatype=NamedNode(XSD + "date"))


TYPE = NamedNode(RDF_TYPE)
LABEL = NamedNode(RDFS + "label")
SAME_AS = NamedNode(SCHEMA + "sameAs")


class _Minter:
    """Keys of one extraction mapped to their IRIs (minted by :mod:`claimgraph.iris`)."""

    def __init__(self, extraction: Extraction):
        key = extraction.article.key
        self.article = iri(iris.article(key))
        self.actors = {a.key: iri(_actor_iri(a, key)) for a in extraction.actors}
        self.sources = {s.key: iri(iris.source(s.label)) for s in extraction.sources}
        self.places = {p.key: iri(iris.place(p.label)) for p in extraction.places}
        self.strikes = {
            s.key: iri(iris.node(key, "strike", s.evidence.start, s.evidence.end, s.trigger))
            for s in extraction.strikes
        }
        self.figures = {
            f.key: iri(iris.node(key, "figure", f.evidence.start, f.evidence.end, f.count_text))
            for f in extraction.figures
        }
        self.statements = {
            s.key: iri(
                iris.node(key, "statement", s.cue_span.start, s.content.start, s.content.end)
            )
            for s in extraction.statements
        }

    def about(self, key: str) -> NamedNode:
        """A strike or figure by key."""
        return self.strikes.get(key) or self.figures[key]


def _actor_iri(actor: Actor, article_key: str) -> str:
    if actor.unnamed:
        return iris.actor(actor.label, article_key=article_key)
    return iris.actor(actor.label)


def extraction_triples(extraction: Extraction, *, include_text: bool = True) -> Iterator[Triple]:
    """Every triple of one article's graph, in no particular order."""
    ids = _Minter(extraction)
    article = extraction.article
    yield from article_triples(article, ids.article, include_text=include_text)
    for actor in extraction.actors:
        yield from actor_triples(actor, ids)
    for source in extraction.sources:
        node = ids.sources[source.key]
        yield Triple(node, TYPE, cg("Source"))
        yield Triple(node, TYPE, iri(SCHEMA + "NewsMediaOrganization"))
        yield Triple(node, LABEL, text(source.label))
        if source.wikidata:
            yield Triple(node, SAME_AS, iri(iris.wikidata(source.wikidata)))
    for place in extraction.places:
        node = ids.places[place.key]
        yield Triple(node, TYPE, iri(SCHEMA + "Place"))
        yield Triple(node, LABEL, text(place.label))
        if place.wikidata:
            yield Triple(node, SAME_AS, iri(iris.wikidata(place.wikidata)))
    for statement in extraction.statements:
        yield from statement_triples(statement, ids, article.text)
    for strike in extraction.strikes:
        yield from strike_triples(strike, ids, article.text)
    for figure in extraction.figures:
        yield from figure_triples(figure, ids, article.text)


def article_triples(article: Article, node: NamedNode, *, include_text: bool) -> Iterator[Triple]:
    """The article as a cg:Source and schema:NewsArticle."""
    yield Triple(node, TYPE, cg("Source"))
    yield Triple(node, TYPE, iri(SCHEMA + "NewsArticle"))
    yield Triple(node, LABEL, text(article.title or article.key))
    yield Triple(node, iri(DCTERMS + "identifier"), text(article.key))
    yield Triple(node, iri(SCHEMA + "inLanguage"), text(article.language))
    if article.title:
        yield Triple(node, iri(SCHEMA + "headline"), text(article.title))
    if article.publisher:
        publisher = iri(iris.source(article.publisher))
        yield Triple(node, iri(SCHEMA + "publisher"), publisher)
        yield Triple(publisher, TYPE, cg("Source"))
        yield Triple(publisher, TYPE, iri(SCHEMA + "NewsMediaOrganization"))
        yield Triple(publisher, LABEL, text(article.publisher))
    if article.published:
        yield Triple(node, iri(SCHEMA + "datePublished"), date(article.published))
    if article.url:
        yield Triple(node, iri(SCHEMA + "url"), iri(article.url))
    if include_text:
        yield Triple(node, iri(SCHEMA + "text"), text(article.text))


def actor_triples(actor: Actor, ids: _Minter) -> Iterator[Triple]:
    """An actor with its kind, label, role, affiliation and Wikidata link."""
    node = ids.actors[actor.key]
    yield Triple(node, TYPE, cg("Actor"))
    for name in ACTOR_CLASSES[actor.kind]:
        yield Triple(node, TYPE, cg(name))
    yield Triple(node, LABEL, text(actor.label))
    if actor.role:
        yield Triple(node, cg("role"), text(actor.role))
    if actor.affiliation and actor.affiliation in ids.actors:
        yield Triple(node, cg("affiliation"), ids.actors[actor.affiliation])
    if actor.unnamed:
        yield Triple(node, cg("unnamed"), boolean(True))
    if actor.wikidata:
        yield Triple(node, SAME_AS, iri(iris.wikidata(actor.wikidata)))


def statement_triples(statement: Statement, ids: _Minter, article_text: str) -> Iterator[Triple]:
    """A claim, denial or estimate with its speakers, outlets and grounding."""
    node = ids.statements[statement.key]
    yield Triple(node, TYPE, cg(STATEMENT_CLASSES[statement.kind]))
    for claimant in statement.claimants:
        yield Triple(node, cg("claimant"), ids.actors[claimant])
    yield Triple(node, cg("cue"), text(statement.cue))
    yield Triple(node, cg("text"), text(statement.content.of(article_text)))
    yield Triple(node, cg("quoted"), boolean(statement.quoted))
    yield Triple(node, cg("reportedIn"), ids.article)
    yield Triple(
        node, cg("commitment"), iri(iris.concept("commitment", statement.commitment))
    )
    yield from via_chain(node, [ids.sources[key] for key in statement.via])
    for key in statement.denies:
        yield Triple(node, cg("denies"), ids.statements[key])
    for key in statement.about:
        yield Triple(node, cg("about"), ids.about(key))
    for key in statement.alleged_perpetrators:
        yield Triple(node, cg("allegedPerpetrator"), ids.actors[key])
    if statement.stated_on:
        yield Triple(node, cg("statedOn"), date(statement.stated_on))
    yield from evidence_triples(node, statement.evidence, ids.article, article_text)


def via_chain(node: NamedNode, outlets: list[NamedNode]) -> Iterator[Triple]:
    """``node cg:via first``, then each outlet ``cg:via`` the next one out."""
    previous = node
    for outlet in outlets:
        yield Triple(previous, cg("via"), outlet)
        previous = outlet


def strike_triples(strike: Strike, ids: _Minter, article_text: str) -> Iterator[Triple]:
    """A strike: where, what, when, as written. Never who."""
    node = ids.strikes[strike.key]
    yield Triple(node, TYPE, cg("Strike"))
    yield Triple(node, LABEL, text(strike.trigger))
    yield Triple(node, cg("reportedIn"), ids.article)
    if strike.location:
        yield Triple(node, cg("location"), ids.places[strike.location])
    if strike.target:
        yield Triple(node, cg("target"), text(strike.target))
    if strike.date:
        yield Triple(node, cg("date"), date(strike.date))
    if strike.date_text:
        yield Triple(node, cg("dateText"), text(strike.date_text))
    if strike.frequency_text:
        yield Triple(node, cg("frequency"), text(strike.frequency_text))
    yield from evidence_triples(node, strike.evidence, ids.article, article_text)


def figure_triples(figure: Figure, ids: _Minter, article_text: str) -> Iterator[Triple]:
    """A casualty estimate with its range, hedge, type, victims and estimator."""
    node = ids.figures[figure.key]
    yield Triple(node, TYPE, cg("CasualtyEstimate"))
    yield Triple(node, LABEL, text(figure.count_text))
    yield Triple(node, cg("countText"), text(figure.count_text))
    yield Triple(node, cg("reportedIn"), ids.article)
    if figure.min_count is not None:
        yield Triple(node, cg("minCount"), count(figure.min_count))
    if figure.max_count is not None:
        yield Triple(node, cg("maxCount"), count(figure.max_count))
    yield Triple(node, cg("countQualifier"), iri(iris.concept("qualifier", figure.qualifier)))
    yield Triple(node, cg("casualtyType"), iri(iris.concept("casualty", figure.casualty_type)))
    if figure.victims:
        yield Triple(node, cg("victims"), text(figure.victims))
    for key in figure.estimated_by:
        yield Triple(node, cg("estimatedBy"), ids.actors[key])
    yield Triple(node, cg("statedByArticle"), boolean(not figure.estimated_by))
    if figure.part_of:
        yield Triple(node, cg("partOf"), ids.figures[figure.part_of])
    if figure.location:
        yield Triple(node, cg("location"), ids.places[figure.location])
    if figure.strike:
        yield Triple(node, cg("resultOf"), ids.strikes[figure.strike])
    yield from evidence_triples(node, figure.evidence, ids.article, article_text)


def evidence_triples(
    subject: NamedNode, span: Span, article: NamedNode, article_text: str
) -> Iterator[Triple]:
    """A Web Annotation selector: the exact words, their context and offsets."""
    node = iri(iris.evidence(subject.value))
    yield Triple(subject, cg("evidence"), node)
    yield Triple(node, TYPE, iri(OA + "TextQuoteSelector"))
    yield Triple(node, TYPE, iri(OA + "TextPositionSelector"))
    yield Triple(node, iri(OA + "exact"), text(span.of(article_text)))
    before = article_text[max(0, span.start - CONTEXT_CHARS) : span.start]
    after = article_text[span.end : span.end + CONTEXT_CHARS]
    yield Triple(node, iri(OA + "prefix"), text(before))
    yield Triple(node, iri(OA + "suffix"), text(after))
    yield Triple(node, iri(OA + "start"), count(span.start))
    yield Triple(node, iri(OA + "end"), count(span.end))
    yield Triple(node, iri(OA + "hasSource"), article)


def canonical_ntriples(triples: Iterable[Triple]) -> str:
    """Sorted, de-duplicated N-Triples: the canonical bytes of a graph."""
    lines = sorted({f"{triple} ." for triple in triples})
    return "".join(line + "\n" for line in lines)


def serialize_ntriples(ntriples: str, fmt: str, *, graph_name: str | None = None) -> str:
    """Re-serialise canonical N-Triples as ``ttl``, ``nt``, ``trig`` or ``jsonld``.

    For ``trig`` the triples go into the named graph ``graph_name``.
    """
    if fmt == "nt":
        return ntriples
    triples = [quad.triple for quad in parse(ntriples.encode("utf-8"), format=RdfFormat.N_TRIPLES)]
    if fmt == "trig":
        if graph_name is None:
            raise ValueError("trig output needs a graph name")
        name = NamedNode(graph_name)
        quads = [Quad(t.subject, t.predicate, t.object, name) for t in triples]
        return _to_text(serialize(quads, format=FORMATS[fmt], prefixes=PREFIXES))
    return _to_text(serialize(triples, format=FORMATS[fmt], prefixes=PREFIXES))


def _to_text(data: bytes | None) -> str:
    return (data or b"").decode("utf-8")
