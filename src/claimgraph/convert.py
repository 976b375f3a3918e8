"""One article: text in, graph out. The library's main function.

``convert_file`` is a pure function of the file's text, its sidecar metadata and
the options: the corpus build calls it once per article, in any process.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from claimgraph import iris
from claimgraph.errors import InputError
from claimgraph.extract import extract
from claimgraph.files import read_text
from claimgraph.model import Article, Extraction
from claimgraph.rdf import canonical_ntriples, extraction_triples, serialize_ntriples

SIDECAR_SUFFIX = ".meta.json"
SIDECAR_FIELDS = ("title", "publisher", "url", "published")


@dataclass(frozen=True)
class ConvertOptions:
    """Metadata given on the command line (it wins over the sidecar) and output switches."""

    published: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    title: str | None = None
    include_text: bool = True


@dataclass(frozen=True)
class Converted:
    """One article's graph as canonical N-Triples."""

    article_iri: str
    ntriples: str
    extraction: Extraction

    @property
    def triple_count(self) -> int:
        """How many triples the graph holds."""
        return self.ntriples.count("\n")

    def graph(self) -> Graph:
        """The graph as an rdflib Graph (for small graphs: tests, validation)."""
        return Graph().parse(data=self.ntriples, format="nt")

    def serialize(self, fmt: str) -> str:
        """The graph as ``ttl``, ``nt``, ``trig`` (named by the article IRI) or ``jsonld``."""
        return serialize_ntriples(self.ntriples, fmt, graph_name=self.article_iri)


def sidecar_path(path: Path) -> Path:
    """``seeds/x.txt`` -> ``seeds/x.meta.json``."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def parse_date(value: str, *, path: Path | str | None = None) -> dt.date:
    """A ``YYYY-MM-DD`` date, or an :class:`InputError` naming where it came from."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(f"not a date (YYYY-MM-DD): {value!r}", path=path) from None


def read_sidecar(path: Path) -> dict[str, object]:
    """The article's sidecar metadata, or nothing when there is none."""
    meta_path = sidecar_path(path)
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(read_text(meta_path))
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON at line {exc.lineno}: {exc.msg}", path=meta_path) from None
    if not isinstance(meta, dict):
        raise InputError("expected a JSON object", path=meta_path)
    known = {key: meta.get(key) for key in SIDECAR_FIELDS if meta.get(key) is not None}
    if "published" in known:
        known["published"] = parse_date(str(known["published"]), path=meta_path)
    return known


def read_article(path: str | Path, options: ConvertOptions | None = None) -> Article:
    """Read an article and its metadata; flags in ``options`` win over the sidecar."""
    source = Path(path)
    options = options or ConvertOptions()
    text = read_text(source)
    if not text.strip():
        raise InputError("the article is empty", path=source)
    meta = read_sidecar(source)
    given = {field: getattr(options, field) or meta.get(field) for field in SIDECAR_FIELDS}
    return Article(
        key=source.stem,
        text=text,
        title=_optional_text(given["title"]),
        publisher=_optional_text(given["publisher"]),
        url=_optional_text(given["url"]),
        published=given["published"] if isinstance(given["published"], dt.date) else None,
    )


def _optional_text(value: object) -> str | None:
    return None if value is None else str(value)


def convert(article: Article, *, include_text: bool = True) -> Converted:
    """Extract what the article says and express it as RDF."""
    extraction = extract(article)
    triples = extraction_triples(extraction, include_text=include_text)
    return Converted(iris.article(article.key), canonical_ntriples(triples), extraction)


def convert_file(path: str | Path, options: ConvertOptions | None = None) -> Converted:
    """Read, extract and express one article file."""
    options = options or ConvertOptions()
    return convert(read_article(path, options), include_text=options.include_text)
