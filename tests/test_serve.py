import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.serve import Refusal, Settings, make_server, negotiate, query_of

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture
def endpoint(small_store):
    """A live endpoint on a free loopback port; yields its /sparql URL."""
    server = make_server(small_store, "127.0.0.1", 0, Settings(timeout=5, max_rows=5))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def fetch(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of a request, errors included."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode("utf-8")


def test_serve_sparqlwrapper_gets_json(endpoint, small_store):
    client = SPARQLWrapper(endpoint)
    client.setQuery(COUNT)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    assert int(result["results"]["bindings"][0]["n"]["value"]) == len(small_store)


def test_serve_sparqlwrapper_update_is_refused(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setMethod("POST")
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(urllib.error.HTTPError) as info:  # SPARQLWrapper passes a 403 through as is
        client.query()
    assert info.value.code == 403


@pytest.mark.parametrize("accept, media, marker", [
    ("application/sparql-results+json", "application/sparql-results+json", '"bindings"'),
    ("application/sparql-results+xml", "application/sparql-results+xml", "<sparql"),
    ("text/csv", "text/csv", "n\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", "?n\n"),
])
def test_serve_negotiates_result_formats(endpoint, accept, media, marker):
    status, headers, body = fetch(endpoint + "?" + urllib.parse.urlencode({"query": COUNT}),
                                  headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(media) and marker in body


def test_serve_post_form_and_body_and_turtle(endpoint):
    form = urllib.parse.urlencode({"query": "ASK { ?d gk:code \"990102\" }"}).encode()
    status, _, body = fetch(endpoint, form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and json.loads(body)["boolean"] is True
    query = "CONSTRUCT { ?d gk:code ?c } WHERE { ?d gk:code ?c FILTER(?c = \"990102\") }".encode()
    status, headers, body = fetch(endpoint, query, {"Content-Type": "application/sparql-query",
                                                    "Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle") and '"990102"' in body


@pytest.mark.parametrize("data, headers", [
    (b"update=INSERT+DATA+%7B%3Curn%3Aa%3E+%3Curn%3Ab%3E+%3Curn%3Ac%3E%7D",
     {"Content-Type": "application/x-www-form-urlencoded"}),
    (b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", {"Content-Type": "application/sparql-update"}),
    (b"LOAD <http://example.org/x>", {"Content-Type": "application/sparql-query"}),
    (b"CLEAR ALL", {"Content-Type": "application/sparql-query"}),
    (b"SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", {"Content-Type": "application/sparql-query"}),
])
def test_serve_refuses_updates_and_federation(endpoint, small_store, data, headers):
    before = len(small_store)
    status, _, body = fetch(endpoint, data, headers)
    assert status == 403 and body
    assert len(small_store) == before


def test_serve_malformed_requests_get_400_with_a_message(endpoint):
    for url in (endpoint, endpoint + "?query=SELEC", endpoint + "?query=a&query=b"):
        status, _, body = fetch(url)
        assert status == 400 and body.strip(), url
    assert fetch(endpoint + "?query=ASK%7B%7D", method="PUT", data=b"")[0] == 405


def test_serve_caps_rows(endpoint):
    status, headers, body = fetch(endpoint + "?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}),
                                  headers={"Accept": "text/csv"})
    assert status == 200 and len(body.strip().split("\r\n")) == 1 + 5 and "X-Govkg-Truncated" in headers


def test_serve_times_out_slow_queries(small_store):
    server = make_server(small_store, "127.0.0.1", 0, Settings(timeout=0.05))
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 15 M rows: about 2 s
    with pytest.raises(Refusal) as info:
        server.answer(slow, "", None)
    assert info.value.status == 503
    server.server_close()


def test_serve_page_is_offline(endpoint):
    status, headers, body = fetch(endpoint.removesuffix("sparql"))
    assert status == 200 and "<textarea" in body and "http://" not in body and "https://" not in body


def test_serve_negotiate():
    assert negotiate("", False) == "json" and negotiate("", True) == "turtle"
    assert negotiate("text/html, */*;q=0.8", False) == "json"
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", False) == "xml"
    with pytest.raises(Refusal):
        negotiate("text/turtle", False)


def test_serve_query_of_reads_the_protocol_forms():
    assert query_of("GET", "/sparql?query=ASK%7B%7D", "", b"") == "ASK{}"
    assert query_of("POST", "/sparql", "application/sparql-query; charset=utf-8", "ASK {}".encode()) == "ASK {}"
    with pytest.raises(Refusal):
        query_of("POST", "/sparql", "application/sparql-query", b"\xff")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_serve_arbitrary_queries_never_give_500(endpoint, text):
    status, _, _ = fetch(endpoint + "?" + urllib.parse.urlencode({"query": text}))
    assert status < 500 or status == 503
    status, _, _ = fetch(endpoint, text.encode("utf-8"), {"Content-Type": "application/sparql-query"})
    assert status < 500 or status == 503
