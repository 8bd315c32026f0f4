
from rdflib import Literal, URIRef
from rdflib.namespace import ORG, RDFS

from kg import cli
from kg.validate import validate, validate_file
from kg.vocab import GK

DISTRICT = URIRef("https://w3id.org/govkg/id/district/990103")


def test_validate_small_build_conforms(small_graph):
    report = validate(small_graph)
    assert report.conforms, report.text()
    assert report.text() == "conforms\n"


def test_validate_district_missing_label_is_named(small_graph):
    small_graph.remove((DISTRICT, RDFS.label, None))
    report = validate(small_graph)
    assert not report.conforms
    assert [v.focus for v in report.violations] == [f"<{DISTRICT}>"]
    assert str(DISTRICT) in report.text() and "label" in report.text()


def test_validate_label_must_be_chinese(small_graph):
    small_graph.set((DISTRICT, RDFS.label, Literal("Hexi")))
    assert not validate(small_graph).conforms


def test_validate_level_must_be_one_of_six(small_graph):
    small_graph.set((DISTRICT, GK.level, GK.Levels))
    report = validate(small_graph)
    assert not report.conforms and "gk:level" in report.text()


def test_validate_official_without_post_and_post_without_title(small_graph):
    post = next(small_graph.subjects(GK.title, None))
    small_graph.remove((post, GK.title, None))
    for official, _ in list(small_graph.subject_objects(ORG.holds)):
        small_graph.remove((official, ORG.holds, None))
    paths = {v.path for v in validate(small_graph).violations}
    assert {"gk:title", "org:holds"} <= paths


def test_validate_mention_needs_evidence_and_source(small_graph):
    mention = next(small_graph.subjects(GK.evidence, None))
    small_graph.remove((mention, GK.evidence, None))
    small_graph.remove((mention, URIRef("http://purl.org/dc/terms/source"), None))
    paths = {v.path for v in validate(small_graph).violations}
    assert {"gk:evidence", "dcterms:source"} <= paths


def test_validate_entity_needs_provenance(small_graph):
    project = next(small_graph.subjects(GK.locatedIn, None))
    small_graph.remove((project, GK.mentionedIn, None))
    assert "gk:mentionedIn" in {v.path for v in validate(small_graph).violations}


def test_validate_seed_build_conforms(seed_build):
    report = validate_file(seed_build / "graph.ttl")
    assert report.conforms, report.text()[:2000]


def test_validate_cli_exit_codes(small_graph, tmp_path, capsys):
    good = tmp_path / "good.ttl"
    small_graph.serialize(good, format="turtle")
    assert cli.main(["validate", "--graph", str(good)]) == 0
    small_graph.remove((DISTRICT, RDFS.label, None))
    bad = tmp_path / "bad.ttl"
    small_graph.serialize(bad, format="turtle")
    capsys.readouterr()
    assert cli.main(["validate", "--graph", str(bad)]) == 1
    assert str(DISTRICT) in capsys.readouterr().out
