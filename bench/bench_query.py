"""Latency of every saved query in Oxigraph, unbound and bound as a user runs it.

    python bench/bench_query.py                              # the seed build, exports/graph.ttl
    python bench/bench_query.py --large /tmp/q120.nt         # and a larger build (see below)
    python bench/bench_query.py --synthetic 1000000          # and a synthetic graph of about that many triples
    python bench/bench_query.py --queries /tmp/rq-before     # another folder of .rq files (before/after a rewrite)
    python bench/bench_query.py --rdflib                     # and rdflib's own engine, unbound (minutes at 1 M)

A 1.06 M-triple build of real documents: ``python bench/corpus.py 120 /tmp/q120`` (600 copies
of the seeds), built and written with ``kg.export.union_store(serialized(statements(result)))`` and ``dump``.

For each graph, a Markdown table of p50 and p90 milliseconds per saved query and the rows it
returns: **unbound** (the whole answer) and **bound** (each ``# param`` fixed to a typical
value the graph itself gives, see TYPICAL, passed the way ``--bind`` passes it); then the p50
over queries. Times cover the query and iterating its rows, not turning terms into Python
strings. A query stops repeating once its runs pass --budget seconds. rdflib runs unbound
only (its initBindings and Oxigraph's substitutions differ on variables a BIND computes) and
is stopped after --budget seconds.
"""
from __future__ import annotations

import argparse
import signal
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import Graph

from kg.query import QUERIES_DIR, SavedQuery, parse_bindings, saved_queries
from kg.store import Store
from kg.vocab import PREFIXES

GK, ID = PREFIXES["gk"], PREFIXES["id"]
T = f"<{PREFIXES['rdf']}type>"
LABEL = f"<{PREFIXES['rdfs']}label>"
DC = PREFIXES["dcterms"]
XSD = PREFIXES["xsd"]
ORG = PREFIXES["org"]
TARGET_MS = 50

# A parameter's typical value: the ?value with the most solutions of its pattern in the graph.
_NAME = "rdfs:label ?label . BIND(STR(?label) AS ?value)"
TYPICAL = {
    "entity": f"?e gk:mentionedIn ?article ; {_NAME}",  # the entity named in the most articles
    "first": f"?e gk:mentionedIn ?article ; {_NAME}",
    "district": f"?post gk:inDistrict ?e . ?e {_NAME}",  # the district with the most posts
    "parent": f"?child gk:partOf ?e . ?e {_NAME}",  # the district with the most sub-districts
    "person": f"?e a gk:Official ; org:holds ?post ; {_NAME}",  # the official with the most posts
    "title": "?post gk:title ?title . BIND(STR(?title) AS ?value)",
    "document": "?article dcterms:isPartOf ?doc . ?doc dcterms:identifier ?value",  # the one with the most articles
    "class": "?e gk:mentionedIn ?article ; a ?value",  # the class mentioned most
    "name": f"?e a ?class ; {_NAME} VALUES ?class {{ gk:Official gk:Person gk:Project gk:Programme gk:District }}",
    "programme": f"?e a gk:Programme ; gk:mentionedIn ?article ; {_NAME}",
}


class Budget(Exception):
    pass


def _lines(n_docs: int) -> Iterator[str]:
    """N-Triples of a synthetic corpus shaped like a build: 1 province, 10 cities, 100 counties, mentions."""
    yield f'<{ID}district/p> {T} <{GK}District> .\n<{ID}district/p> {LABEL} "省1"@zh .'
    yield f"<{ID}district/p> <{GK}level> <{GK}Province> ."
    mentions: Counter[str] = Counter({f"<{ID}district/p>": 0})
    for c in range(10):
        yield from _district(f"c{c}", f"市{c}", "City", "p", mentions)
        for k in range(10):
            yield from _district(f"k{c}_{k}", f"县{c * 10 + k}", "County", f"c{c}", mentions)
    for d in range(n_docs):
        yield from _document(d, mentions)
    for entity, count in mentions.items():
        yield f'{entity} <{GK}mentionCount> "{count}"^^<{XSD}integer> .'


def _district(key: str, name: str, level: str, parent: str, mentions: Counter[str]) -> Iterator[str]:
    node = f"<{ID}district/{key}>"
    mentions.setdefault(node, 0)  # as in a build, a district no document names counts 0
    yield f'{node} {T} <{GK}District> .\n{node} {LABEL} "{name}"@zh .\n{node} <{GK}level> <{GK}{level}> .'
    yield f"{node} <{GK}partOf> <{ID}district/{parent}> ."


def _document(d: int, mentions: Counter[str]) -> Iterator[str]:
    doc, article = f"<{ID}doc/doc{d}.txt>", f"<{ID}article/doc{d}.txt%230>"
    yield f'{doc} {T} <{GK}Document> .\n{doc} <{DC}identifier> "doc{d}.txt" .'
    yield f'{article} {T} <{GK}Article> .\n{article} <{DC}isPartOf> {doc} .\n{article} <{DC}date> "2024-01-{d % 28 + 1:02d}" .'
    county = f"k{d % 10}_{d // 10 % 10}"
    entities = [("district", county, "District", None), ("official", f"o{d % 3000}", "Official", f"官员{d % 3000}"),
                ("project", f"j{d % 2000}", "Project", f"项目{d % 2000}"),
                ("programme", f"g{d % 499}", "Programme", f"计划{d % 499}")]
    for i, (kind, key, cls, name) in enumerate(entities * 2):
        mentions[f"<{ID}{kind}/{key}>"] += 1
        yield from _mention(d, i, article, f"<{ID}{kind}/{key}>", cls, name)
    official, post = f"<{ID}official/o{d % 3000}>", f"<{ID}post/o{d % 3000}_{d % 10}>"
    yield f"{official} <{ORG}holds> {post} .\n{post} {T} <{GK}Post> .\n{post} <{ORG}heldBy> {official} ."
    yield f'{post} {LABEL} "区长"@zh .\n{post} <{GK}title> "区长"@zh .\n{post} <{GK}inDistrict> <{ID}district/{county}> .'
    yield f"{post} <{PREFIXES['prov']}wasDerivedFrom> <{ID}mention/doc{d}.txt%23m1> ."
    yield f"<{ID}project/j{d % 2000}> <{GK}locatedIn> <{ID}district/{county}> ."


def _mention(d: int, i: int, article: str, entity: str, cls: str, name: str | None) -> Iterator[str]:
    node = f"<{ID}mention/doc{d}.txt%23m{i}>"
    yield f"{node} {T} <{GK}Mention> .\n{node} <{GK}mentions> {entity} .\n{node} <{DC}source> {article} ."
    yield f'{node} <{GK}surface> "x{i}"@zh .\n{node} <{GK}evidence> "句子{d}。"@zh .'
    yield f"{entity} <{GK}mentionedIn> {article} ."
    if name:
        yield f'{entity} {T} <{GK}{cls}> .\n{entity} {LABEL} "{name}"@zh .'


def synthetic(path: Path, triples: int) -> Path:
    """Write about ``triples`` triples (deduplicated when loaded) of the build's shape to ``path``."""
    with path.open("w", encoding="utf-8") as out:
        for line in _lines(max(1, triples // 52)):  # about 52 distinct triples per document
            out.write(line + "\n")
    return path


def typical_bindings(store: Store, saved: SavedQuery) -> list[str]:
    """``--bind`` pairs fixing each parameter of ``saved`` to its typical value in ``store``."""
    pairs = []
    for param in saved.params:
        sparql = f"SELECT ?value WHERE {{ {TYPICAL[param]} }} GROUP BY ?value ORDER BY DESC(COUNT(*)) ?value LIMIT 1"
        [row] = list(store.query(sparql))
        value = row["value"]
        pairs.append(f"{param}={value.value if isinstance(value, ox.Literal) else f'<{value.value}>'}")
    return pairs


@dataclass
class Timing:
    p50: float  # milliseconds
    p90: float
    rows: int

    def cells(self) -> list[str]:
        return [f"{self.p50:,.1f}", f"{self.p90:,.1f}", f"{self.rows:,}"]


def timing(run: Callable[[], int], repeat: int, budget: float) -> Timing:
    """p50 and p90 of up to ``repeat`` runs (fewer once they pass ``budget`` seconds), and the rows of the last."""
    times: list[float] = []
    rows = 0
    while len(times) < repeat and sum(times) < budget * 1000:
        started = time.perf_counter()
        rows = run()
        times.append((time.perf_counter() - started) * 1000)
    if len(times) == 1:
        return Timing(times[0], times[0], rows)
    cuts = statistics.quantiles(times, n=10, method="inclusive")
    return Timing(cuts[4], cuts[8], rows)


def rdflib_timing(graph: Graph, sparql: str, budget: float) -> str:
    """rdflib's time for one unbound run, "> budget", or "—" for a query it cannot read (LATERAL)."""
    signal.signal(signal.SIGALRM, _raise_budget)
    signal.setitimer(signal.ITIMER_REAL, budget)
    started = time.perf_counter()
    try:
        rows = len(graph.query(sparql, initNs=PREFIXES))
    except Budget:
        return f"> {budget * 1000:,.0f}"
    except ParseException:
        return "—"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return f"{(time.perf_counter() - started) * 1000:,.0f} ({rows:,})"


def _raise_budget(*_: object) -> None:
    raise Budget


@dataclass
class Row:
    name: str
    unbound: Timing
    bound: Timing
    bindings: list[str]
    rdflib: str = ""


def measure(path: Path, queries: dict[str, SavedQuery], repeat: int, budget: float, rdflib: bool) -> list[Row]:
    started = time.perf_counter()
    store = Store.from_file(path)
    print(f"{path}: {len(store):,} triples, loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    graph = Graph().parse(path, format="nt" if path.suffix == ".nt" else "turtle") if rdflib else None
    table = []
    for name, saved in queries.items():
        pairs = typical_bindings(store, saved)
        bindings = parse_bindings(pairs)
        row = Row(name, timing(lambda: sum(1 for _ in store.query(saved.text)), repeat, budget),
                  timing(lambda: sum(1 for _ in store.query(saved.text, bindings)), repeat, budget), pairs)
        if graph is not None:
            row.rdflib = rdflib_timing(graph, saved.text, budget)
        print(f"  {name}: unbound {row.unbound.p50:,.1f} ms, bound {row.bound.p50:,.1f} ms", file=sys.stderr)
        table.append(row)
    return table


def markdown(title: str, table: list[Row]) -> str:
    rdflib = any(row.rdflib for row in table)
    head = ["saved query", "unbound p50 ms", "p90", "rows", "bound p50 ms", "p90", "rows", "bound to"]
    head += ["rdflib unbound ms (rows)"] if rdflib else []
    lines = [f"### {title}", "", "| " + " | ".join(head) + " |",
             "|---|" + "---:|" * 6 + "---|" + ("---:|" if rdflib else "")]
    for row in table:
        cells = [row.name, *row.unbound.cells(), *row.bound.cells(), " ".join(row.bindings)]
        lines.append("| " + " | ".join(cells + ([row.rdflib] if rdflib else [])) + " |")
    lines += ["", _overall("unbound", [row.unbound for row in table]), _overall("bound", [row.bound for row in table])]
    return "\n".join(lines) + "\n"


def _overall(kind: str, timings: list[Timing]) -> str:
    under = sum(t.p50 < TARGET_MS for t in timings)
    return (f"- {kind}: p50 over queries {statistics.median(t.p50 for t in timings):,.1f} ms; "
            f"{under}/{len(timings)} queries under {TARGET_MS} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph", default="exports/graph.ttl", help="a built graph, the seed build by default "
                        "(skipped if missing)")
    parser.add_argument("--large", action="append", default=[], help="a larger built graph (repeatable)")
    parser.add_argument("--synthetic", type=int, metavar="TRIPLES", help="also a synthetic graph of about TRIPLES")
    parser.add_argument("--workdir", default="/tmp", help="where the synthetic graph is written")
    parser.add_argument("--queries", default=str(QUERIES_DIR), help="the folder of .rq files to measure")
    parser.add_argument("--repeat", type=int, default=10, help="runs per query and binding")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds of runs per query before stopping")
    parser.add_argument("--rdflib", action="store_true", help="also time rdflib's engine, unbound")
    args = parser.parse_args()
    graphs = [Path(args.graph)] if Path(args.graph).is_file() else []
    graphs += [Path(g) for g in args.large]
    if args.synthetic:
        graphs.append(synthetic(Path(args.workdir) / f"govkg-synthetic-{args.synthetic}.nt", args.synthetic))
    queries = saved_queries(Path(args.queries))
    for path in graphs:
        print(markdown(str(path), measure(path, queries, args.repeat, args.budget, args.rdflib)), flush=True)


if __name__ == "__main__":
    main()
