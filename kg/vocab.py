"""The govkg ontology's terms as an rdflib namespace (mirrors ontology/govkg.ttl).

A test checks that every term here is defined in the Turtle file and the reverse.
W3C vocabularies are reused from rdflib: RDFS, SKOS, ORG, PROV, DCTERMS.
"""
from typing import TypeVar

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/govkg/ns"
ENTITY_BASE = "https://w3id.org/govkg/id/"
ID = Namespace(ENTITY_BASE)
G = TypeVar("G", bound=Graph)


class GK(DefinedNamespace):
    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Person: URIRef
    Official: URIRef
    District: URIRef
    Organisation: URIRef
    Post: URIRef
    Project: URIRef
    Programme: URIRef
    PolicyDocument: URIRef
    Document: URIRef
    Article: URIRef
    Mention: URIRef
    DistrictLevel: URIRef
    # district levels
    Levels: URIRef
    Province: URIRef
    City: URIRef
    County: URIRef
    Township: URIRef
    Village: URIRef
    Zone: URIRef
    # properties
    level: URIRef
    partOf: URIRef
    code: URIRef
    inDistrict: URIRef
    locatedIn: URIRef
    title: URIRef
    role: URIRef
    mentionedIn: URIRef
    mentionCount: URIRef
    mentions: URIRef
    surface: URIRef
    evidence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    extractor: URIRef


LEVELS = {
    "province": GK.Province, "city": GK.City, "county": GK.County,
    "township": GK.Township, "village": GK.Village, "zone": GK.Zone,
}

PREFIXES = {
    "gk": str(GK._NS), "id": ENTITY_BASE, "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS),
    "org": str(ORG), "prov": str(PROV), "dcterms": str(DCTERMS), "xsd": str(XSD),
}



def bind_prefixes(graph: G) -> G:
    """``graph`` (or a dataset) with the ontology's prefixes bound, replacing rdflib's defaults."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


__all__ = ["GK", "ID", "LEVELS", "PREFIXES", "ONTOLOGY_IRI", "ENTITY_BASE", "bind_prefixes"]
