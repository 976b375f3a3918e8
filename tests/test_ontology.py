"""The ontology: parses, declares every contract term, aligns with PROV-O and schema.org."""

from __future__ import annotations

import re
from pathlib import Path

import owlrl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from claimgraph import resources
from claimgraph.validate import load_data

CG = Namespace("https://w3id.org/claimgraph/ontology#")
SCHEMA = Namespace("https://schema.org/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
VOCAB = "https://w3id.org/claimgraph/vocab/"
ONTOLOGY_IRI = URIRef("https://w3id.org/claimgraph/ontology")
OWLRL_ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")
ROOT = resources.project_root()
CONTRACT = ROOT / "docs" / "rdf-contract.md"
EXAMPLES = ROOT / "examples"
TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(resources.ontology_file(), format="turtle")


def contract_terms() -> list[str]:
    """Every cg: local name written in docs/rdf-contract.md."""
    return sorted(set(re.findall(r"\bcg:([A-Za-z]+)", CONTRACT.read_text(encoding="utf-8"))))


def contract_concepts() -> dict[str, list[str]]:
    """The concept schemes and their members as the contract lists them."""
    text = CONTRACT.read_text(encoding="utf-8")
    schemes: dict[str, list[str]] = {}
    for scheme in ("commitment", "qualifier", "casualty"):
        block = re.search(rf"vocab/{scheme}>`: (.+?)(?:\n- |\n\n)", text, re.S)
        assert block, f"contract lists no {scheme} scheme"
        schemes[scheme] = re.findall(rf"`{scheme}:([a-z-]+)`", block.group(1))
    return schemes


def closure(graph: Graph) -> Graph:
    """The OWL 2 RL closure of the graph together with the ontology."""
    expanded = Graph()
    expanded += graph
    expanded += Graph().parse(resources.ontology_file(), format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(expanded)
    return expanded


def inconsistencies(graph: Graph) -> list[str]:
    """The messages owlrl attaches to a graph it finds inconsistent."""
    return sorted(str(message) for message in graph.objects(None, OWLRL_ERROR))


def test_ontology_header_names_version_title_and_licence(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    version_iri = ontology.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert str(version_iri).startswith(str(ONTOLOGY_IRI) + "/")
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.title) is not None
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.description) is not None
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    created = ontology.value(ONTOLOGY_IRI, DCTERMS.created)
    assert isinstance(created, Literal) and created.datatype == XSD.date


def test_contract_lists_the_terms_this_test_reads() -> None:
    terms = contract_terms()
    assert {"Claim", "Denial", "claimant", "evidence", "minCount", "statedByArticle"} <= set(terms)


@pytest.mark.parametrize("name", contract_terms())
def test_every_contract_term_is_declared_with_label_and_comment(
    ontology: Graph, name: str
) -> None:
    term = CG[name]
    kinds = set(ontology.objects(term, RDF.type)) & set(TERM_KINDS)
    assert kinds, f"cg:{name} is used in docs/rdf-contract.md but not declared"
    assert ontology.value(term, RDFS.label) is not None, f"cg:{name} has no rdfs:label"
    assert ontology.value(term, RDFS.comment) is not None, f"cg:{name} has no rdfs:comment"


def test_every_declared_term_has_label_comment_and_definer(ontology: Graph) -> None:
    declared = {
        term
        for kind in TERM_KINDS
        for term in ontology.subjects(RDF.type, kind)
        if str(term).startswith(str(CG))
    }
    assert len(declared) >= 40
    for term in sorted(declared):
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, RDFS.comment) is not None, term
        assert ontology.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI, term


def test_every_property_states_where_it_applies_and_what_it_points_to(ontology: Graph) -> None:
    properties = [
        p
        for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
        for p in ontology.subjects(RDF.type, kind)
        if str(p).startswith(str(CG))
    ]
    for prop in sorted(properties):
        has_domain = (prop, RDFS.domain, None) in ontology or (
            prop, SCHEMA.domainIncludes, None
        ) in ontology
        has_range = (prop, RDFS.range, None) in ontology or (
            prop, SCHEMA.rangeIncludes, None
        ) in ontology
        assert has_domain and has_range, prop


def test_every_cg_term_the_shapes_use_is_in_the_ontology(ontology: Graph) -> None:
    shapes = Graph().parse(resources.shapes_file(), format="turtle")
    used = {t for triple in shapes for t in triple if isinstance(t, URIRef) and t.startswith(CG)}
    declared = {s for s in ontology.subjects() if isinstance(s, URIRef)}
    assert used and used <= declared, sorted(used - declared)


@pytest.mark.parametrize(
    ("term", "parent"),
    [
        (CG.Actor, PROV.Agent),
        (CG.Person, CG.Actor),
        (CG.Organization, CG.Actor),
        (CG.Country, CG.Organization),
        (CG.Country, SCHEMA.Country),
        (CG.Claim, PROV.Entity),
        (CG.Claim, SCHEMA.Claim),
        (CG.Denial, CG.Claim),
        (CG.Estimate, CG.Claim),
        (CG.Strike, PROV.Activity),
        (CG.Strike, SCHEMA.Event),
    ],
)
def test_classes_align_with_prov_and_schema_org(ontology: Graph, term: URIRef, parent) -> None:
    assert (term, RDFS.subClassOf, parent) in ontology


def test_attribution_properties_specialise_prov(ontology: Graph) -> None:
    assert (CG.claimant, RDFS.subPropertyOf, PROV.wasAttributedTo) in ontology
    assert (CG.estimatedBy, RDFS.subPropertyOf, PROV.wasAttributedTo) in ontology
    assert (CG.claimant, RDFS.range, CG.Actor) in ontology
    assert (CG.minCount, RDFS.range, XSD.nonNegativeInteger) in ontology
    assert (CG.statedOn, RDFS.range, XSD.date) in ontology


@pytest.mark.parametrize(("scheme", "members"), sorted(contract_concepts().items()))
def test_concept_schemes_match_the_contract(
    ontology: Graph, scheme: str, members: list[str]
) -> None:
    scheme_iri = URIRef(VOCAB + scheme)
    assert (scheme_iri, RDF.type, SKOS.ConceptScheme) in ontology
    assert members
    found = set(ontology.subjects(SKOS.inScheme, scheme_iri))
    assert found == {URIRef(f"{VOCAB}{scheme}/{m}") for m in members}
    for name in members:
        concept = URIRef(f"{VOCAB}{scheme}/{name}")
        assert (concept, RDF.type, SKOS.Concept) in ontology
        assert ontology.value(concept, SKOS.prefLabel) is not None, concept
        assert ontology.value(concept, SKOS.definition) is not None, concept
        assert (scheme_iri, SKOS.hasTopConcept, concept) in ontology, concept


def test_commitment_scheme_credits_grasp(ontology: Graph) -> None:
    scheme = URIRef(VOCAB + "commitment")
    words = " ".join(str(ontology.value(scheme, p)) for p in (SKOS.definition, RDFS.comment))
    assert "GRaSP" in words
    assert "GRaSP" in str(ontology.value(CG.commitment, RDFS.comment))


def test_owl_rl_closure_yields_the_aligned_types() -> None:
    data = load_data([EXAMPLES / "valid" / "saraqib-clinic.ttl"])
    denials = list(data.subjects(RDF.type, CG.Denial))
    strikes = list(data.subjects(RDF.type, CG.Strike))
    claimants = set(data.objects(None, CG.claimant))
    assert denials and strikes and claimants
    assert (denials[0], RDF.type, PROV.Entity) not in data  # only inference adds it

    inferred = closure(data)

    assert inconsistencies(inferred) == []
    for denial in denials:
        assert (denial, RDF.type, PROV.Entity) in inferred
        assert (denial, RDF.type, CG.Claim) in inferred
        assert (denial, RDF.type, SCHEMA.Claim) in inferred
        for claimant in data.objects(denial, CG.claimant):
            assert (denial, PROV.wasAttributedTo, claimant) in inferred
    for claimant in claimants:
        assert (claimant, RDF.type, PROV.Agent) in inferred
    for strike in strikes:
        assert (strike, RDF.type, PROV.Activity) in inferred
        assert (strike, RDF.type, SCHEMA.Event) in inferred


@pytest.mark.parametrize(
    ("example", "problem"),
    [
        ("actor-xone-both.ttl", "Disjoint classes"),
        ("denial-not-self.ttl", "Irreflexive property"),
    ],
)
def test_owl_rl_closure_finds_the_axioms_broken(example: str, problem: str) -> None:
    inferred = closure(load_data([EXAMPLES / "invalid" / example]))
    messages = inconsistencies(inferred)
    assert len(messages) == 1
    assert messages[0].startswith(problem)


def test_ontology_file_is_where_resources_says() -> None:
    assert resources.ontology_file() == ROOT / "ontology" / "claimgraph.ttl"
    assert Path(resources.ontology_file()).read_text(encoding="utf-8").startswith("#")
