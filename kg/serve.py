"""A read-only SPARQL 1.1 Protocol endpoint over a built graph (``kg serve``).

GET and POST at /sparql (``query=`` in the URL or a form, or an application/sparql-query
body); results by content negotiation (JSON, XML, CSV, TSV; Turtle for CONSTRUCT and
DESCRIBE). Updates and federated queries (SERVICE) are refused with 403, malformed
requests get 400 with a message, a query running past the timeout gets 503, and at
most ``max_rows`` rows are returned (header ``X-Govkg-Truncated`` when cut). An offline
HTML page with a query box is served at /.
"""
from __future__ import annotations

import itertools
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query import format_result, format_rows, solution_rows, turtle
from kg.store import Store

MEDIA = {  # result format → media type
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
}
_ACCEPT = {"application/sparql-results+json": "json", "application/json": "json",
           "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
           "text/csv": "csv", "text/tab-separated-values": "tsv", "text/turtle": "turtle",
           "application/x-turtle": "turtle"}
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>|#[^\n]*)\s*)*"
                     r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
_SERVICE = re.compile(r"\bSERVICE\b", re.I)
_MAX_BODY = 1 << 20
PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>govkg SPARQL</title>
<style>body{font:14px sans-serif;margin:2em;max-width:70em}textarea{width:100%;height:12em;font:13px monospace}
pre{background:#f6f6f6;padding:1em;overflow:auto}</style></head>
<body><h1>govkg SPARQL endpoint</h1>
<p>Prefixes gk:, id:, rdfs:, skos:, org:, prov:, dcterms:, xsd: are predeclared. Read-only.</p>
<form id="f"><textarea name="query">SELECT ?district ?code WHERE {
  ?d a gk:District ; rdfs:label ?district ; gk:code ?code
} ORDER BY ?code LIMIT 20</textarea>
<p><select name="format"><option>json</option><option>csv</option><option>tsv</option><option>xml</option>
</select> <button>Run</button></p></form><pre id="out"></pre>
<script>
document.getElementById("f").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const response = await fetch("sparql?format=" + form.get("format"), {method: "POST",
    headers: {"Content-Type": "application/sparql-query"}, body: form.get("query")});
  document.getElementById("out").textContent = response.status + "\\n" + await response.text();
});
</script></body></html>
""".encode("utf-8")


class Refusal(QueryError):
    """A request the endpoint answers with a 4xx or 503 status and a plain-text message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Settings:
    timeout: float = 10.0  # seconds a query may run
    max_rows: int = 10_000
    workers: int = 4  # queries running at once; a timed-out query keeps its worker until it ends


def query_of(method: str, target: str, content_type: str, body: bytes) -> str:
    """The SPARQL query of a protocol request; raises Refusal for updates and malformed requests."""
    params = parse_qs(urlsplit(target).query, keep_blank_values=True)
    media = content_type.split(";")[0].strip().lower()
    if method == "POST" and media == "application/x-www-form-urlencoded":
        params.update(parse_qs(_text(body), keep_blank_values=True))
    if "update" in params or media == "application/sparql-update":
        raise Refusal(403, "this endpoint is read-only: SPARQL updates are refused")
    if method == "POST" and media == "application/sparql-query":
        queries = [_text(body)]
    else:
        queries = params.get("query", [])
    if len(queries) != 1:
        raise Refusal(400, "give exactly one query: ?query=... , a query= form field, "
                           "or a POST body of type application/sparql-query")
    return _checked(queries[0])


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal(400, "the request body is not UTF-8") from None


def _checked(query: str) -> str:
    if _UPDATE.match(query):
        raise Refusal(403, "this endpoint is read-only: SPARQL updates are refused")
    if _SERVICE.search(query):
        raise Refusal(403, "federated queries (SERVICE) are disabled on this endpoint")
    return query


def negotiate(accept: str, graph_result: bool, override: str | None = None) -> str:
    """The result format for an Accept header, or for an explicit ``format=`` parameter."""
    allowed = ("turtle",) if graph_result else ("json", "xml", "csv", "tsv")
    if override:
        wanted = [override if override in MEDIA else _ACCEPT.get(override, "")]
    else:
        ranked = sorted((r for r in _accept_ranges(accept) if r[1] > 0), key=lambda r: -r[1])
        wanted = [allowed[0] if media in ("*/*", "application/*", "text/*") else _ACCEPT.get(media, "")
                  for media, _ in ranked] or [allowed[0]]
    for fmt in wanted:
        if fmt in allowed:
            return fmt
    raise Refusal(406, "cannot give this result in the format asked for; accept one of "
                       + ", ".join(MEDIA[f] for f in allowed))


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in filter(None, (p.strip() for p in accept.split(","))):
        media, *options = [x.strip() for x in part.split(";")]
        q = next((o[2:] for o in options if o.startswith("q=")), "1")
        try:
            ranges.append((media.lower(), float(q)))
        except ValueError:
            raise Refusal(400, f"bad Accept header quality {q!r}") from None
    return ranges


def respond(store: Store, query: str, accept: str, override: str | None,
            settings: Settings) -> tuple[str, bytes, dict[str, str]]:
    """(media type, body, extra headers) of a query's result."""
    result = store.query(query)
    fmt = negotiate(accept, isinstance(result, ox.QueryTriples), override)
    headers = {}
    if isinstance(result, ox.QuerySolutions):
        names, rows = solution_rows(result, settings.max_rows + 1)
        if len(rows) > settings.max_rows:
            headers["X-Govkg-Truncated"] = f"only the first {settings.max_rows} rows were sent"
        text = format_rows(names, rows[:settings.max_rows], fmt)
    elif isinstance(result, ox.QueryBoolean):
        text = format_result(result, fmt)
    else:
        text = turtle(itertools.islice(result, settings.max_rows))
    return MEDIA[fmt] + "; charset=utf-8", text.encode("utf-8"), headers


class Endpoint(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], store: Store, settings: Settings) -> None:
        super().__init__(address, Handler)
        self.store, self.settings = store, settings
        self.pool = ThreadPoolExecutor(settings.workers, thread_name_prefix="sparql")
        self.slots = threading.BoundedSemaphore(settings.workers)

    def answer(self, query: str, accept: str, override: str | None) -> tuple[str, bytes, dict[str, str]]:
        if not self.slots.acquire(blocking=False):
            raise Refusal(503, "too many queries are running; try again shortly")
        future = self.pool.submit(respond, self.store, query, accept, override, self.settings)
        future.add_done_callback(lambda _: self.slots.release())
        try:
            return future.result(timeout=self.settings.timeout)
        except FutureTimeout:
            raise Refusal(503, f"the query ran longer than {self.settings.timeout:g} s; "
                               "narrow it or add a LIMIT") from None

    def server_close(self) -> None:
        super().server_close()
        self.pool.shutdown(wait=False, cancel_futures=True)


class Handler(BaseHTTPRequestHandler):
    server: Endpoint
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._send(405, "text/plain; charset=utf-8", b"this endpoint is read-only\n", {"Allow": "GET, POST"})

    do_DELETE = do_PATCH = do_PUT

    def _handle(self, method: str) -> None:
        try:
            status, media, body, headers = self._route(method)
        except QueryError as exc:
            status, media, body, headers = getattr(exc, "status", 400), "text/plain; charset=utf-8", \
                (str(exc) + "\n").encode("utf-8"), {}
        self._send(status, media, body, headers)

    def _route(self, method: str) -> tuple[int, str, bytes, dict[str, str]]:
        path = urlsplit(self.path).path
        if path == "/" and method == "GET":
            return 200, "text/html; charset=utf-8", PAGE, {}
        if path != "/sparql":
            raise Refusal(404, "not found: the SPARQL endpoint is at /sparql")
        query = query_of(method, self.path, self.headers.get("Content-Type", ""), self._body())
        override = parse_qs(urlsplit(self.path).query).get("format", [None])[0]
        media, body, headers = self.server.answer(query, self.headers.get("Accept", ""), override)
        return 200, media, body, headers

    def _body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise Refusal(400, "bad Content-Length header") from None
        if length > _MAX_BODY or length < 0:
            raise Refusal(413, f"the request body is over {_MAX_BODY} bytes")
        return self.rfile.read(length) if length else b""

    def _send(self, status: int, media: str, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's signature)
        return  # quiet: the CLI prints where it listens


def make_server(store: Store, host: str = "127.0.0.1", port: int = 7878,
                settings: Settings | None = None) -> Endpoint:
    """An endpoint bound to (host, port) and ready for ``serve_forever()``; port 0 picks a free one."""
    return Endpoint((host, port), store, settings or Settings())


__all__ = ["Settings", "Refusal", "Endpoint", "make_server", "query_of", "negotiate", "respond", "MEDIA"]
