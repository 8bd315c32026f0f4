import json

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic, to_isomorphic, graph_diff
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg import cli
from kg.errors import GraphError
from kg.export import RdfExport, convert, serialize, serialized, write_files
from kg.graph import document_statements, shared_statements
from kg.vocab import PREFIXES
from tests.conftest import small_resolution


def assert_same(expected: Graph, found: Graph) -> None:
    if not isomorphic(expected, found):
        _, only_expected, only_found = graph_diff(to_isomorphic(expected), to_isomorphic(found))
        pytest.fail(f"graphs differ:\nonly expected:\n{only_expected.serialize(format='nt')}"
                    f"\nonly found:\n{only_found.serialize(format='nt')}")


def named_graphs(dataset: Dataset) -> dict:
    return {g.identifier: g for g in dataset.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)}


def _write_build_exports(folder) -> list:
    result = small_resolution()
    graphs = serialized(document_statements(result)) + serialized(shared_statements(result))
    return write_files(folder, RdfExport(graphs).writers())


def test_export_writers_write_four_files(tmp_path, small_graph, small_dataset):
    written = _write_build_exports(tmp_path)
    assert sorted(p.name for p in written) == ["graph.jsonld", "graph.nt", "graph.trig", "graph.ttl"]
    for name, fmt in (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")):
        assert_same(small_graph, Graph().parse(tmp_path / name, format=fmt))
    back = Dataset()
    back.parse(tmp_path / "graph.trig", format="trig")
    for name, graph in named_graphs(small_dataset).items():
        assert_same(graph, named_graphs(back)[name])
    assert_same(small_dataset.default_graph, back.default_graph)


def test_export_writers_give_the_same_bytes_twice(tmp_path, small_graph):
    first, second = tmp_path / "1", tmp_path / "2"
    _write_build_exports(first), _write_build_exports(second)
    for name in ("graph.ttl", "graph.nt", "graph.trig", "graph.jsonld"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_export_trig_round_trips_one_graph_per_document(tmp_path, small_dataset):
    path = tmp_path / "graph.trig"
    path.write_bytes(serialize(small_dataset, "trig"))
    back = Dataset()
    back.parse(path, format="trig")
    expected, found = named_graphs(small_dataset), named_graphs(back)
    assert sorted(map(str, found)) == ["https://w3id.org/govkg/id/doc/a.txt", "https://w3id.org/govkg/id/doc/b.txt"]
    for name, graph in expected.items():
        assert_same(graph, found[name])
    assert_same(small_dataset.default_graph, back.default_graph)


def test_export_jsonld_has_the_context_and_round_trips(small_graph):
    data = serialize(small_graph, "jsonld")
    document = json.loads(data)
    assert document["@context"]["gk"] == PREFIXES["gk"]
    assert_same(small_graph, Graph().parse(data=data, format="json-ld"))


def test_export_trig_needs_a_dataset(small_graph):
    with pytest.raises(GraphError, match="TriG needs"):
        serialize(small_graph, "trig")


def test_export_convert_between_formats(tmp_path, small_graph, small_dataset):
    _write_build_exports(tmp_path)
    assert_same(small_graph, Graph().parse(data=convert(tmp_path / "graph.trig", "nt"), format="nt"))
    assert_same(small_graph, Graph().parse(data=convert(tmp_path / "graph.jsonld", "ttl"), format="turtle"))
    back = Dataset()
    back.parse(data=convert(tmp_path / "graph.trig", "trig"), format="trig")
    assert named_graphs(back).keys() == named_graphs(small_dataset).keys()


def test_export_trig_from_turtle_says_to_use_the_build(small_graph_file):
    with pytest.raises(GraphError, match="graph.trig"):
        convert(small_graph_file, "trig")


def test_export_cli_writes_file_and_stdout(tmp_path, small_graph, small_graph_file, capsysbinary):
    out = tmp_path / "out.nt"
    assert cli.main(["export", "--graph", str(small_graph_file), "--format", "nt", "-o", str(out)]) == 0
    assert_same(small_graph, Graph().parse(out, format="nt"))
    assert cli.main(["export", "--graph", str(small_graph_file), "--format", "jsonld"]) == 0
    assert_same(small_graph, Graph().parse(data=capsysbinary.readouterr().out, format="json-ld"))
    assert cli.main(["export", "--graph", str(small_graph_file), "--format", "trig"]) != 0


@pytest.mark.parametrize("failure", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_export_a_write_failing_midway_leaves_previous_files_exactly(tmp_path, failure):
    def fail(path):
        path.write_text("half")
        raise failure
    write_files(tmp_path, {"a.txt": lambda p: p.write_text("first a"), "b.txt": lambda p: p.write_text("first b")})
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(type(failure)):
        write_files(tmp_path, {"a.txt": lambda p: p.write_text("second a"), "b.txt": fail})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no staging folder left either


def test_export_ntriples_has_each_triple_once_when_two_documents_state_it(tmp_path):
    from kg.pipeline import analyse

    for name, date in (("a.txt", "3月1日"), ("b.txt", "4月2日")):
        (tmp_path / name).write_text(f"越城区新闻\n{date}，绍兴市越城区委书记王建国主持会议。\n", encoding="utf-8")
    result = analyse([tmp_path])
    graphs = serialized(document_statements(result)) + serialized(shared_statements(result))
    export = RdfExport(graphs)
    write_files(tmp_path / "out", export.writers())
    lines = (tmp_path / "out" / "graph.nt").read_bytes().splitlines()
    stated = [line for g in graphs for line in g.ntriples().splitlines()]
    assert len(stated) > len(set(stated))  # the post and its organisation, stated by both documents
    assert sorted(lines) == sorted(set(stated)) and export.triples == len(lines)
    assert len(Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")) == len(lines)
