import csv
import io
import json
from xml.etree import ElementTree as ET

import pytest
from rdflib import Literal, URIRef

from kg import cli
from kg.errors import QueryError
from kg.query import (answer, format_result, parse_bindings, parse_value, query_text, run_query,
                      saved_queries, solution_rows)
from kg.vocab import GK

CITY = "https://w3id.org/govkg/id/district/990100"


def rows(store, name: str, columns: tuple[str, ...], **bind: str) -> list[tuple[str, ...]]:
    """The values of ``columns`` in the rows of a saved query, with ``bind`` as --bind pairs."""
    result = run_query(store, saved_queries()[name].text, parse_bindings(f"{k}={v}" for k, v in bind.items()))
    names, found = solution_rows(result)
    index = [names.index(c) for c in columns]
    return [tuple("" if row[i] is None else row[i].value for i in index) for row in found]


def test_query_saved_library_has_ten_described_queries():
    queries = saved_queries()
    assert len(queries) >= 10
    for q in queries.values():
        assert q.text.startswith("# ") and q.description, q.name
        assert q.params, f"{q.name} declares no # param line"


def test_query_saved_params_are_projected(small_store):
    """Oxigraph substitutes only variables the SELECT lists, so every parameter must be one."""
    for q in saved_queries().values():
        names, _ = solution_rows(run_query(small_store, q.text))
        assert set(q.params) <= set(names), q.name


def test_query_officials_of_district(small_store):
    assert rows(small_store, "officials-of-district", ("name", "post", "date", "document"), district="临江区") == [
        ("周敏", "副区长", "2024-03-01", "a.txt"),
        ("陈立新", "临江区委书记", "2024-03-01", "a.txt"),
        ("陈立新", "区长", "2024-05-02", "b.txt"),
    ]


def test_query_posts_of_person_keeps_namesakes_apart(small_store):
    found = rows(small_store, "posts-of-person", ("post", "district", "document", "official"), person="陈立新")
    assert [r[:3] for r in found] == [("临江区委书记", "临江区", "a.txt"), ("区长", "临江区", "b.txt"),
                                      ("区长", "北山区", "b.txt")]
    assert found[0][3] == found[1][3] != found[2][3]


def test_query_projects_of_district_include_sub_districts(small_store):
    assert rows(small_store, "projects-of-district", ("project", "locatedIn"), district="江城市") == [
        ("河西大桥项目", "河西区"), ("滨湖路改造工程", "滨湖街道")]
    assert len(rows(small_store, "projects-of-district", ("project",), district="江南省")) == 3


def test_query_programmes_in_more_than_one_city(small_store):
    [(programme, cities, names)] = rows(small_store, "programmes-in-cities", ("programme", "cities", "names"))
    assert (programme, cities, set(names.split("、"))) == ("乡村振兴战略", "2", {"山阳市", "江城市"})


def test_query_division_hierarchy(small_store):
    assert rows(small_store, "division-hierarchy", ("district", "level", "depth"))[:3] == [
        ("江南省", "province", "0"), ("江城市", "city", "1"), ("山阳市", "city", "1")]
    assert rows(small_store, "division-hierarchy", ("district", "code"), parent="江城市") == [
        ("临江区", "990102"), ("河西区", "990103")]


def test_query_mentions_of_gives_documents_and_evidence(small_store):
    found = rows(small_store, "mentions-of", ("document", "date", "evidence"), entity="乡村振兴战略")
    assert [r[:2] for r in found] == [("a.txt", "2024-03-01"), ("b.txt", "2024-05-02")]
    assert all("乡村振兴战略" in r[2] for r in found)


def test_query_co_mentioned_pairs(small_store):
    assert rows(small_store, "co-mentioned", ("first", "second", "articles")) == [
        ("临江区", "乡村振兴战略", "2"), ("临江区", "陈立新", "2"), ("陈立新", "乡村振兴战略", "2")]


def test_query_mentioned_with(small_store):
    found = rows(small_store, "mentioned-with", ("other", "articles"), entity="乡村振兴战略")
    assert found[:2] == [("临江区", "2"), ("陈立新", "2")] and len(found) == 11


def test_query_most_mentioned_by_class(small_store):
    assert rows(small_store, "most-mentioned", ("name", "mentions"), **{"class": "gk:Official"}) == [
        ("陈立新", "2"), ("周敏", "1"), ("陈立新", "1")]


def test_query_posts_by_title(small_store):
    assert rows(small_store, "posts-by-title", ("name", "district"), title="区长") == [
        ("陈立新", "临江区"), ("陈立新", "北山区")]


def test_query_namesakes(small_store):
    assert rows(small_store, "namesakes", ("name", "entities")) == [("陈立新", "2")]


def test_query_entities_of_document(small_store):
    found = rows(small_store, "entities-of-document", ("class", "name"), document="b.txt")
    assert len(found) == 8 and (str(GK.Project), "河西大桥项目") in found


@pytest.mark.parametrize("text, term", [
    ("庐阳区", Literal("庐阳区")),
    ('"庐阳区"@zh', Literal("庐阳区", lang="zh")),
    ('"5"^^xsd:integer', Literal(5)),
    ("<https://example.org/x>", URIRef("https://example.org/x")),
    ("gk:City", GK.City),
    ("10:30", Literal("10:30")),  # not a declared prefix: plain text
])
def test_query_parse_value(text, term):
    assert parse_value(text) == term


def test_query_bind_is_not_string_formatting(small_store):
    """A value that would break the query if pasted into it is just a string that matches nothing."""
    assert rows(small_store, "officials-of-district", ("name",), district='临江区" } #') == []


def test_query_bind_needs_name_equals_value():
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_bindings(["district"])


def test_query_syntax_error_names_line_and_column(small_store):
    with pytest.raises(QueryError, match=r"line 2, column \d+") as info:
        run_query(small_store, "SELECT ?x WHERE {\n ?x ?y }")
    assert "?x ?y }" in str(info.value)


def test_query_ask_construct_describe(small_store):
    assert format_result(run_query(small_store, "ASK { ?d gk:code \"990100\" }")) == "true\n"
    assert json.loads(format_result(run_query(small_store, "ASK { ?d gk:code \"0\" }"), "json")) == \
        {"head": {}, "boolean": False}
    text = format_result(run_query(small_store, "CONSTRUCT { ?d gk:code ?c } WHERE { ?d gk:code ?c }"))
    assert "gk:code" in text and '"990100"' in text
    assert "江城市" in format_result(run_query(small_store, f"DESCRIBE <{CITY}>"))


def test_query_result_formats_agree(small_store):
    sparql = "SELECT ?d ?label WHERE { ?d gk:code \"990100\" ; rdfs:label ?label }"
    as_json = json.loads(format_result(run_query(small_store, sparql), "json"))
    assert as_json["results"]["bindings"] == [{"d": {"type": "uri", "value": CITY},
                                               "label": {"type": "literal", "value": "江城市", "xml:lang": "zh"}}]
    assert list(csv.reader(io.StringIO(format_result(run_query(small_store, sparql), "csv")))) == [
        ["d", "label"], [CITY, "江城市"]]
    assert format_result(run_query(small_store, sparql), "tsv").splitlines()[1] == f'<{CITY}>\t"江城市"@zh'
    root = ET.fromstring(format_result(run_query(small_store, sparql), "xml").split("\n", 1)[1])
    assert [e.text for e in root.iter("{http://www.w3.org/2005/sparql-results#}literal")] == ["江城市"]


def test_query_text_from_file_stdin_and_name(tmp_path, monkeypatch):
    path = tmp_path / "q.rq"
    path.write_text("ASK {}", encoding="utf-8")
    assert query_text(str(path)) == "ASK {}"
    monkeypatch.setattr("sys.stdin", io.StringIO("ASK { ?s ?p ?o }"))
    assert query_text("-") == "ASK { ?s ?p ?o }"
    assert query_text("namesakes").startswith("# Names shared")
    with pytest.raises(QueryError, match="no such query file"):
        query_text(str(tmp_path / "missing.rq"))


def test_query_answer_runs_a_saved_query_on_a_file(small_graph_file):
    text = answer("officials-of-district", small_graph_file, ["district=北山区"], "csv")
    assert text.splitlines()[1].startswith("北山区,陈立新,区长,2024-05-02,b.txt,")


def test_query_cli_syntax_error_exits_nonzero_without_traceback(small_graph_file, capsys):
    code = cli.main(["query", "SELECT ?x WHERE {\n ?x ?y }", "--graph", str(small_graph_file)])
    err = capsys.readouterr().err
    assert code != 0 and err.startswith("Error: syntax error at line 2") and "Traceback" not in err


def test_query_cli_list_and_bind(small_graph_file, capsys):
    assert cli.main(["query", "--list"]) == 0
    assert "officials-of-district" in capsys.readouterr().out
    assert cli.main(["query", "posts-by-title", "--bind", "title=副区长", "--graph", str(small_graph_file)]) == 0
    assert "周敏" in capsys.readouterr().out
