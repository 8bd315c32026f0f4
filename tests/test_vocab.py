from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.vocab import GK, LEVELS
from tests.conftest import ROOT


def _ontology_terms() -> set[str]:
    graph = Graph().parse(ROOT / "ontology" / "govkg.ttl")
    namespace = str(GK._NS)
    return {str(s)[len(namespace):] for s in graph.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(namespace)}


def test_vocab_matches_ontology_both_ways():
    in_python = set(GK.__annotations__)
    assert in_python == _ontology_terms()


def test_vocab_rejects_undefined_terms():
    import pytest
    with pytest.raises(AttributeError):
        GK.NotATerm  # noqa: B018


def test_vocab_levels_are_district_levels():
    graph = Graph().parse(ROOT / "ontology" / "govkg.ttl")
    assert all((level, RDF.type, GK.DistrictLevel) in graph for level in LEVELS.values())
