"""Where the project's data files live: ontology, shapes, queries, bundled lexicons."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def project_root() -> Path:
    """The folder holding ``ontology/``, ``shapes/`` and ``queries/``.

    ``CLAIMGRAPH_HOME`` overrides it; by default it is the source checkout the
    package was installed from (``pip install -e .``).
    """
    configured = os.environ.get("CLAIMGRAPH_HOME")
    if configured:
        return Path(configured)
    return _PACKAGE.parent.parent


def ontology_file() -> Path:
    """The OWL ontology in Turtle."""
    return project_root() / "ontology" / "claimgraph.ttl"


def shapes_file() -> Path:
    """The SHACL shapes in Turtle."""
    return project_root() / "shapes" / "claimgraph.shacl.ttl"


def queries_dir() -> Path:
    """The bundled SPARQL questions."""
    return project_root() / "queries"


def checks_dir() -> Path:
    """The data-quality checks: ``*-violation.rq`` queries that must return no rows."""
    return queries_dir() / "checks"


def data_file(name: str) -> Path:
    """A data file shipped inside the package (gazetteer, cue lexicon)."""
    return _PACKAGE / "data" / name
