from rdflib import Literal
from rdflib.compare import isomorphic, to_isomorphic, graph_diff
from rdflib.namespace import ORG, RDF, RDFS

from kg.document import Article
from kg.graph import build_dataset, build_graph, iri
from kg.resolve import Entity, LocationFact, PostFact, Resolution
from kg.vocab import GK
from tests.conftest import mention

TEXT = "临江区委书记陈立新调研滨河大桥项目。"


def _resolution(make_doc) -> Resolution:
    doc = make_doc(TEXT)
    doc.articles = [Article(0, len(TEXT), "调研", "2023-04-01")]
    official = mention(doc, "陈立新", "official", posts=[{"title": "区委书记", "org": "临江区委"}])
    district = mention(doc, "临江区", "district", level="county")
    project = mention(doc, "滨河大桥项目", "project")
    doc.mentions = [district, official, project]
    result = Resolution(documents=[doc])
    result.entities = {
        "990102": Entity("990102", "district", "临江区", attrs={"level": "county", "code": "990102",
                                                              "parent": "990100"}),
        "990100": Entity("990100", "district", "江城市", attrs={"level": "city", "code": "990100"}),
        "陈立新@990102": Entity("陈立新@990102", "official", "陈立新"),
        "project:滨河大桥项目": Entity("project:滨河大桥项目", "project", "滨河大桥项目"),
    }
    for key, m in (("990102", district), ("陈立新@990102", official), ("project:滨河大桥项目", project)):
        result.entities[key].mentions.append((doc.id, m))
    result.posts = [PostFact("陈立新@990102", "区委书记", "临江区委", "990102", doc.id, official)]
    result.locations = [LocationFact("project:滨河大桥项目", "990102", doc.id, project)]
    return result


def test_graph_iri_is_stable_and_keyed_by_code():
    assert iri("district", "140105") == iri("district", "140105")
    assert str(iri("district", "140105")).endswith("/district/140105")
    assert iri("official", "王勇@140105") != iri("official", "王勇@350102")


def test_graph_holds_posts_districts_and_evidence(make_doc):
    graph = build_graph(_resolution(make_doc))
    official, district = iri("official", "陈立新@990102"), iri("district", "990102")
    post = graph.value(official, ORG.holds)
    assert graph.value(post, GK.inDistrict) == district
    assert graph.value(post, GK.title) == Literal("区委书记", lang="zh")
    assert graph.value(district, GK.partOf) == iri("district", "990100")
    assert graph.value(iri("project", "project:滨河大桥项目"), GK.locatedIn) == district
    evidence = {str(o) for o in graph.objects(None, GK.evidence)}
    assert evidence == {TEXT}
    assert (official, RDFS.label, Literal("陈立新", lang="zh")) in graph


def test_graph_is_the_same_for_the_same_input(make_doc):
    first, second = build_graph(_resolution(make_doc)), build_graph(_resolution(make_doc))
    if not isomorphic(first, second):
        _, only_first, only_second = graph_diff(to_isomorphic(first), to_isomorphic(second))
        raise AssertionError(f"graphs differ:\n{only_first.serialize()}\n---\n{only_second.serialize()}")
    assert set(first) == set(second)  # no blank nodes: the same IRIs, not just the same shape


def test_graph_dataset_puts_document_facts_in_the_document_graph(make_doc):
    result = _resolution(make_doc)
    dataset = build_dataset(result)
    doc_graph = dataset.graph(iri("doc", "test.txt"))
    assert (iri("official", "陈立新@990102"), ORG.holds, None) in doc_graph
    assert (iri("district", "990102"), RDF.type, GK.District) in dataset.default_graph
    assert len(set(dataset.quads())) == len(build_graph(result))


def test_graph_post_label_joins_organisation_and_title_once():
    from kg.graph import post_label
    assert post_label("临江区委", "区委书记") == "临江区委书记"
    assert post_label("市人社局", "局长") == "市人社局局长"
    assert post_label(None, "市长") == "市长"
    assert post_label("宏达公司", "董事长") == "宏达公司董事长"
