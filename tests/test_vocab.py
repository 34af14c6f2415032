"""kg.vocab (the closed KG namespace) and ontology/kg.ttl agree, and every term is
labelled and explained in English and German."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from conftest import ROOT
from kg import vocab
from kg.graphio import ontology_file
from kg.vocab import KG, ONTOLOGY_IRI, OWL, RDF, RDFS

ONTOLOGY = ROOT / "ontology" / "kg.ttl"
NS = str(KG._NS)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def ontology_terms(g: Graph) -> set[str]:
    """Local names of every subject in the kg namespace that has an rdf:type."""
    return {str(s)[len(NS):] for s in g.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(NS)}


def vocab_terms() -> set[str]:
    return {name for name in KG.__annotations__ if not name.startswith("_")}


def test_vocab_and_ontology_hold_the_same_terms(onto: Graph) -> None:
    in_onto, in_vocab = ontology_terms(onto), vocab_terms()
    missing = sorted(in_onto - in_vocab)
    extra = sorted(in_vocab - in_onto)
    assert not missing and not extra, (
        f"in ontology, not in vocab: {missing}; in vocab, not in ontology: {extra}")
    assert len(in_onto) == 55


def test_closed_namespace_rejects_unknown_terms() -> None:
    assert KG.Meeting == URIRef(NS + "Meeting")
    with pytest.raises(AttributeError):
        _ = KG.Meating


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                                  OWL.NamedIndividual])
def test_every_term_has_label_and_comment_in_en_and_de(onto: Graph, kind: URIRef) -> None:
    terms = [s for s in onto.subjects(RDF.type, kind) if str(s).startswith(NS)]
    assert terms
    missing = []
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in onto.objects(term, prop) if isinstance(o, Literal)}
            missing += [f"{term} {prop} @{lang}" for lang in ("en", "de") if lang not in langs]
    assert not missing, missing


def test_every_kg_term_is_a_class_property_or_individual(onto: Graph) -> None:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}
    untyped = sorted(t for t in ontology_terms(onto)
                     if not kinds & set(onto.objects(KG[t], RDF.type)))
    assert not untyped, untyped


def test_ontology_header_and_alignment(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    langs = {o.language for o in onto.objects(ONTOLOGY_IRI, RDFS.label)}
    assert langs == {"en", "de"}
    # aligned to the standard vocabularies, not reinvented
    supers = {str(o) for o in onto.objects(None, RDFS.subClassOf)}
    supers |= {str(o) for o in onto.objects(None, RDFS.subPropertyOf)}
    for ns in ("https://schema.org/", "http://semanticweb.cs.vu.nl/2009/11/sem/",
               "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#"):
        assert any(s.startswith(ns) for s in supers), ns


def test_code_reads_the_repositorys_ontology() -> None:
    assert ontology_file("kg.ttl").read_bytes() == ONTOLOGY.read_bytes()
    assert ontology_file("shapes.ttl").read_bytes() == (ROOT / "ontology" /
                                                        "shapes.ttl").read_bytes()


def test_vocab_exports() -> None:
    for name in vocab.__all__:
        assert getattr(vocab, name) is not None
