
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal

from kg.errors import GraphError, QueryError
from kg.store import Store, syntax_message



def test_store_bulk_load_counts_like_rdflib(small_graph_file):
    assert len(Store.from_file(small_graph_file)) == len(Graph().parse(small_graph_file)) > 200


def test_store_seed_build_counts_like_rdflib(seed_build):
    built = seed_build / "graph.ttl"
    assert len(Store.from_file(built)) == len(Graph().parse(built)) >= 3000


def test_store_from_graph_equals_from_file(small_graph, small_graph_file):
    assert len(Store.from_graph(small_graph)) == len(Store.from_file(small_graph_file))


def test_store_trig_is_queried_as_one_graph(small_dataset, tmp_path):
    path = tmp_path / "graph.trig"
    small_dataset.serialize(path, format="trig")
    store = Store.from_file(path)
    assert bool(store.query('ASK { ?d gk:code "990102" . ?m gk:mentions ?d }'))


def test_store_binds_values_without_editing_the_query(small_store):
    sparql = "SELECT ?label ?code WHERE { ?d rdfs:label ?label ; gk:code ?code }"
    found = list(small_store.query(sparql, {"code": Literal("990102")}))
    assert [s["label"].value for s in found] == ["临江区"]


def test_store_binding_a_variable_not_selected_says_what_to_do(small_store):
    with pytest.raises(QueryError, match="projection"):
        small_store.query("SELECT ?d WHERE { ?d gk:code ?code }", {"code": Literal("990102")})


def test_store_missing_and_bad_files(tmp_path):
    with pytest.raises(GraphError, match="kg build"):
        Store.from_file(tmp_path / "none.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(GraphError, match="not a valid graph"):
        Store.from_file(bad)
    (tmp_path / "g.xyz").write_text("", encoding="utf-8")
    with pytest.raises(GraphError, match="unknown graph format"):
        Store.from_file(tmp_path / "g.xyz")


def test_store_syntax_message_points_at_the_column():
    sparql = "SELECT *\nWHERE { ?s ?p }"
    with pytest.raises(SyntaxError) as info:
        ox.Store().query(sparql)
    message = syntax_message(info.value, sparql)
    first, line, caret = message.split("\n")
    assert first.startswith("syntax error at line 2, column ")
    column = int(first.split("column ")[1].split(":")[0])
    assert line == "  WHERE { ?s ?p }" and caret.index("^") == column + 1
