import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph

from kg import cli
from kg.errors import GraphError
from kg.export import graph_store_url, push

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph_server(tmp_path):
    """A real Oxigraph server (PyPI package `oxigraph`) on a free loopback port; yields its base URL."""
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server is not installed: pip install 'govkg[test]'")
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "db"),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


def remote_count(base: str, graph_iri: str | None = None) -> int:
    pattern = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }}" if graph_iri else "?s ?p ?o"
    query = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"})
    request = urllib.request.Request(f"{base}/query?{query}", headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(response.read().decode().split()[1])


def test_push_round_trip_counts_equal(oxigraph_server, seed_build):
    path = seed_build / "graph.ttl"
    assert push(path, oxigraph_server + "/store") in (200, 201, 204)
    assert remote_count(oxigraph_server) == len(Graph().parse(path))


def test_push_named_graph_and_append(oxigraph_server, small_graph, small_graph_file, tmp_path):
    iri = "https://example.org/govkg"
    nt = tmp_path / "graph.nt"
    small_graph.serialize(nt, format="nt")
    push(nt, oxigraph_server + "/store", iri)
    push(nt, oxigraph_server + "/store", iri)  # PUT replaces: still one copy
    assert remote_count(oxigraph_server, iri) == len(small_graph)
    assert remote_count(oxigraph_server) == 0


def test_push_cli(oxigraph_server, small_graph, small_graph_file, capsys):
    assert cli.main(["push", "--endpoint", oxigraph_server + "/store", "--graph", str(small_graph_file)]) == 0
    assert "replaced the default graph" in capsys.readouterr().out
    assert remote_count(oxigraph_server) == len(small_graph)


def test_push_unreachable_endpoint_says_so(small_graph_file):
    with pytest.raises(GraphError, match="cannot reach"):
        push(small_graph_file, f"http://127.0.0.1:{free_port()}/store", timeout=5)


def test_push_graph_store_url():
    assert graph_store_url("http://h/store", None) == "http://h/store?default"
    assert graph_store_url("http://h/store", "https://e.org/g") == "http://h/store?graph=https%3A%2F%2Fe.org%2Fg"
