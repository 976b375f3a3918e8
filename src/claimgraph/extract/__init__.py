"""The converter's reading of news prose: who said what, about which strike and toll.

:func:`extract` is the one entry point: an :class:`~claimgraph.model.Article` in,
an :class:`~claimgraph.model.Extraction` out, the same one for the same text.
The stages: :mod:`.text` (tokens, units, quotations, cues), :mod:`.attribution`
(speaker + cue + content), :mod:`.actors` (speaker phrases -> actors) and
:mod:`.meaning` (kinds, commitment, strikes, figures, denial links).
"""

from __future__ import annotations

from claimgraph.extract.actors import ActorBook
from claimgraph.extract.attribution import attribute
from claimgraph.extract.gazetteer import load_gazetteer
from claimgraph.extract.meaning import assemble
from claimgraph.extract.text import load_lexicon, tokenize
from claimgraph.model import Article, Extraction

__all__ = ["extract"]


def extract(article: Article) -> Extraction:
    """Everything the article says, attributed, grounded in its text."""
    gazetteer = load_gazetteer()
    lexicon = load_lexicon()
    tokens = tokenize(article.text)
    book = ActorBook(article.text, tokens, gazetteer)
    attributions = attribute(article.text, tokens, book)
    return assemble(article, tokens, attributions, book, gazetteer, lexicon)
