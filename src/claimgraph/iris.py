"""The only place claimgraph mints IRIs.

Every IRI is derived from content: the article's key and the words or offsets a
node stands for. No counters, no clocks, so the same input always gives the same
IRIs. Named actors, outlets and places are shared across articles (one node for
"Reuters" everywhere); unnamed actors and everything grounded in one text live
under that article's IRI.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

ONTOLOGY = "https://w3id.org/claimgraph/ontology"
CG = ONTOLOGY + "#"
VOCAB = "https://w3id.org/claimgraph/vocab/"
DATA = "https://w3id.org/claimgraph/id/"
WIKIDATA = "http://www.wikidata.org/entity/"

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug(label: str) -> str:
    """A lower-case ASCII slug: "Igor Konashenkov" -> "igor-konashenkov"."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    text = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    return text or "x" + digest(label, 8)


def digest(*parts: object, length: int = 12) -> str:
    """A short, stable hex digest of the parts, joined unambiguously."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def article(key: str) -> str:
    """The article's IRI; also the name of its graph in TriG."""
    return f"{DATA}article/{slug(key)}"


def article_text(key: str) -> str:
    """The IRI of the article's text, the target that evidence selectors point into."""
    return f"{article(key)}/text"


def actor(label: str, *, article_key: str | None = None) -> str:
    """A named actor (shared across articles), or an unnamed one scoped to its article."""
    if article_key is None:
        return f"{DATA}actor/{slug(label)}"
    return f"{article(article_key)}/actor/{slug(label)}"


def source(label: str) -> str:
    """An outlet: shared across articles."""
    return f"{DATA}source/{slug(label)}"


def place(label: str) -> str:
    """A place: shared across articles."""
    return f"{DATA}place/{slug(label)}"


def node(article_key: str, kind: str, *content: object) -> str:
    """A statement, strike or figure, named by the words and offsets it stands for."""
    return f"{article(article_key)}/{kind}/{digest(*content)}"


def evidence(subject_iri: str) -> str:
    """The Web Annotation selector grounding ``subject_iri`` in the text."""
    return f"{subject_iri}/evidence"


def concept(scheme: str, name: str) -> str:
    """A SKOS concept: ``concept("commitment", "alleged")``."""
    return f"{VOCAB}{scheme}/{slug(name)}"


def wikidata(qid: str) -> str:
    """A Wikidata entity IRI from "Q42" (or an IRI already)."""
    return qid if qid.startswith("http") else WIKIDATA + qid
