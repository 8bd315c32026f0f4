"""Latency of every saved query in Oxigraph (kg.store) and in rdflib's own SPARQL engine.

    python bench/bench_query.py                      # the seed build and a synthetic 1 M-triple graph
    python bench/bench_query.py --graph exports/graph.ttl --no-synthetic
    python bench/bench_query.py --triples 200000 --rdflib-budget 30

Prints a Markdown table: p50 milliseconds per query and engine, and the rows each
engine returned (they should agree). Queries run with their parameters unbound (the
whole answer): rdflib's initBindings and Oxigraph's substitutions differ on variables a
BIND computes, so bound runs would not compare like with like. rdflib runs that pass --rdflib-budget seconds are
stopped and shown as "> budget".
"""
from __future__ import annotations

import argparse
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from rdflib import Graph

from kg.query import saved_queries
from kg.store import Store
from kg.vocab import PREFIXES

GK, ID = PREFIXES["gk"], PREFIXES["id"]
T = f"<{PREFIXES['rdf']}type>"
LABEL = f"<{PREFIXES['rdfs']}label>"
DC = PREFIXES["dcterms"]
ORG = PREFIXES["org"]


class Budget(Exception):
    pass


def _lines(n_docs: int) -> Iterator[str]:
    """N-Triples of a synthetic corpus shaped like a build: 1 province, 10 cities, 100 counties, mentions."""
    def lit(text: str) -> str:
        return f'"{text}"@zh'
    yield f"<{ID}district/p> {T} <{GK}District> .\n<{ID}district/p> {LABEL} {lit('省1')} ."
    yield f"<{ID}district/p> <{GK}level> <{GK}Province> ."
    for c in range(10):
        yield from _district(f"c{c}", f"市{c}", "City", "p")
        for k in range(10):
            yield from _district(f"k{c}_{k}", f"县{c * 10 + k}", "County", f"c{c}")
    for d in range(n_docs):
        yield from _document(d)


def _district(key: str, name: str, level: str, parent: str) -> Iterator[str]:
    node = f"<{ID}district/{key}>"
    yield f'{node} {T} <{GK}District> .\n{node} {LABEL} "{name}"@zh .\n{node} <{GK}level> <{GK}{level}> .'
    yield f"{node} <{GK}partOf> <{ID}district/{parent}> ."


def _document(d: int) -> Iterator[str]:
    doc, article = f"<{ID}doc/doc{d}.txt>", f"<{ID}article/doc{d}.txt%230>"
    yield f'{doc} {T} <{GK}Document> .\n{doc} <{DC}identifier> "doc{d}.txt" .'
    yield f'{article} {T} <{GK}Article> .\n{article} <{DC}isPartOf> {doc} .\n{article} <{DC}date> "2024-01-{d % 28 + 1:02d}" .'
    county = f"k{d % 10}_{d // 10 % 10}"
    entities = [("district", county, "District", None), ("official", f"o{d % 3000}", "Official", f"官员{d % 3000}"),
                ("project", f"j{d % 2000}", "Project", f"项目{d % 2000}"),
                ("programme", f"g{d % 499}", "Programme", f"计划{d % 499}")]
    for i, (kind, key, cls, name) in enumerate(entities * 2):
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


def p50(run: Callable[[], int], repeat: int, budget: float | None = None) -> tuple[float, int]:
    """Median seconds of ``repeat`` runs and the rows of the last one."""
    times, rows = [], 0
    for _ in range(repeat):
        if budget:
            signal.setitimer(signal.ITIMER_REAL, budget)
        started = time.perf_counter()
        try:
            rows = run()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows


def _raise_budget(*_: object) -> None:
    raise Budget


def measure(path: Path, repeat: int, rdflib_repeat: int, budget: float) -> list[tuple[str, str, str, int, int]]:
    started = time.perf_counter()
    store = Store.from_file(path)
    ox_load = time.perf_counter() - started
    started = time.perf_counter()
    graph = Graph().parse(path, format="nt" if path.suffix == ".nt" else "turtle")
    rdf_load = time.perf_counter() - started
    print(f"{path}: {len(store)} triples; load: oxigraph {ox_load:.2f} s, rdflib {rdf_load:.2f} s", file=sys.stderr)
    signal.signal(signal.SIGALRM, _raise_budget)
    table = []
    for name, saved in saved_queries().items():
        ox_time, ox_rows = p50(lambda: sum(1 for _ in store.query(saved.text)), repeat)
        try:
            rdf_time, rdf_rows = p50(lambda: len(graph.query(saved.text, initNs=PREFIXES)), rdflib_repeat, budget)
            rdf_text = f"{rdf_time * 1000:,.0f}"
        except Budget:
            rdf_text, rdf_rows = f"> {budget * 1000:,.0f}", -1
        table.append((name, f"{ox_time * 1000:,.1f}", rdf_text, ox_rows, rdf_rows))
        print(f"  {name}: {table[-1][1:]}", file=sys.stderr)
    return table


def markdown(title: str, table: list[tuple[str, str, str, int, int]]) -> str:
    lines = [f"### {title}", "", "| saved query | Oxigraph p50 ms | rdflib p50 ms | rows (ox / rdflib) |",
             "|---|---:|---:|---|"]
    lines += [f"| {n} | {o} | {r} | {a} / {'—' if b < 0 else b} |" for n, o, r, a, b in table]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph", default="exports/graph.ttl", help="a built graph (skipped if missing)")
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph")
    parser.add_argument("--no-synthetic", action="store_true")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query in Oxigraph")
    parser.add_argument("--rdflib-repeat", type=int, default=3)
    parser.add_argument("--rdflib-budget", type=float, default=60.0, help="seconds an rdflib run may take")
    parser.add_argument("--workdir", default="/tmp", help="where the synthetic graph is written")
    args = parser.parse_args()
    if Path(args.graph).is_file():
        print(markdown(f"{args.graph}", measure(Path(args.graph), args.repeat, args.rdflib_repeat,
                                                args.rdflib_budget)))
    if not args.no_synthetic:
        path = synthetic(Path(args.workdir) / f"govkg-synthetic-{args.triples}.nt", args.triples)
        print(markdown(f"synthetic, {args.triples:,} triples", measure(path, args.repeat, 1, args.rdflib_budget)))


if __name__ == "__main__":
    main()
