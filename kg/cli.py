"""The ``kg`` command: each subcommand parses its arguments, calls one library function, prints.

Errors print ``Error: <message>`` on stderr and exit non-zero (see README, "Exit codes");
``--debug`` shows the traceback instead.
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from kg import evaluate, export, pipeline, query, records, stats, validate, viz
from kg.errors import GovkgError
from kg.store import Store

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    COMMANDS[func.__name__.removeprefix("cmd_")] = func
    return func


@command
def cmd_build(args: argparse.Namespace) -> int:
    inputs = args.inputs or [pipeline.DEFAULT_INPUT]
    options = dict(jobs=args.jobs, use_cache=not args.no_cache, skip_bad=args.skip_bad, executor=args.executor,
                   progress=not args.quiet, shards=Path(args.shards) if args.shards else None)
    if args.watch:
        from kg import watch  # watchfiles stays out of one-off builds
        try:
            watch.watch(inputs, Path(args.output), _WatchReport(inputs), **options)
        except KeyboardInterrupt:  # how watching ends; an interrupted build leaves the last one's outputs
            print("stopped watching")
        return 0
    print("\n".join(pipeline.build(inputs, Path(args.output), **options).lines()))
    return 0


class _WatchReport:
    """Prints the first build's summary, then a line per rebuild or error, each as it happens."""

    def __init__(self, inputs: Sequence[str | Path]):
        self.inputs, self.built, self.watching = inputs, False, False

    def __call__(self, outcome: pipeline.BuildSummary | GovkgError) -> None:
        now = time.strftime("%H:%M:%S")
        if isinstance(outcome, GovkgError):
            print(f"{now} Error: {outcome}", file=sys.stderr, flush=True)
        elif self.built:
            print(f"{now} rebuilt: {outcome.documents} documents ({outcome.cached} from cache), "
                  f"{outcome.triples} triples in {outcome.seconds:.2f} s", flush=True)
        else:
            print("\n".join(outcome.lines()), flush=True)
            self.built = True
        if not self.watching:
            print(f"{now} watching {', '.join(map(str, self.inputs))} for changes; Ctrl-C stops", flush=True)
            self.watching = True


@command
def cmd_extract(args: argparse.Namespace) -> int:
    result = pipeline.analyse(args.inputs)
    if args.format == "jsonl":
        sys.stdout.write(pipeline.jsonl(records.records(result)))
    else:
        sys.stdout.write(records.mention_table(result))
    return 0


@command
def cmd_eval(args: argparse.Namespace) -> int:
    gold = evaluate.load_gold(Path(args.gold_dir))
    predictions = records.records(pipeline.analyse(args.inputs))
    sys.stdout.write(evaluate.format_scores(evaluate.score_records(predictions, gold)))
    return 0


@command
def cmd_query(args: argparse.Namespace) -> int:
    if args.list or not args.query:
        sys.stdout.write(query.format_saved(query.saved_queries()))
        return 0 if args.list else 2
    sys.stdout.write(query.answer(args.query, Path(args.graph), args.bind, args.format))
    return 0


@command
def cmd_serve(args: argparse.Namespace) -> int:
    from kg import serve, store  # the endpoint's imports stay out of the other commands
    server = serve.make_server(store.Store.from_file(args.graph), args.host, args.port,
                               serve.Settings(timeout=args.timeout, max_rows=args.max_rows))
    host, port = server.server_address[:2]
    print(f"SPARQL endpoint at http://{host}:{port}/sparql (query page at /); Ctrl-C stops", flush=True)
    with server:
        server.serve_forever()
    return 0


@command
def cmd_export(args: argparse.Namespace) -> int:
    data = export.convert(Path(args.graph), args.format)
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


@command
def cmd_validate(args: argparse.Namespace) -> int:
    report = validate.validate_file(Path(args.graph))
    sys.stdout.write(report.text())
    return 0 if report.conforms else 1


@command
def cmd_push(args: argparse.Namespace) -> int:
    status = export.push(Path(args.graph), args.endpoint, args.graph_iri, replace=not args.append)
    print(f"{args.endpoint}: HTTP {status}, {'added to' if args.append else 'replaced'} "
          f"{'<' + args.graph_iri + '>' if args.graph_iri else 'the default graph'}")
    return 0


@command
def cmd_stats(args: argparse.Namespace) -> int:
    graph = query.load_graph(Path(args.graph))
    sys.stdout.write(stats.format_counts(stats.counts(graph)))
    return 0


@command
def cmd_viz(args: argparse.Namespace) -> int:
    store = Store.from_file(Path(args.graph))
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()] if args.kinds else None
    path = viz.render_view(store, Path(args.output), args.focus, args.hops, kinds, args.comention)
    print(f"wrote {path}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Build and query knowledge graphs "
                                     "of Chinese local-government documents.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True)
    graph_help = "graph file (default: exports/graph.ttl)"
    example = argparse.RawDescriptionHelpFormatter

    p = sub.add_parser("build", help="build the graph from documents", formatter_class=example,
                       epilog="example:\n  kg build seeds/ -o exports/\n  kg build seeds/ --watch")
    p.add_argument("inputs", nargs="*", help=".txt/.md files or folders (default: seeds/)")
    p.add_argument("-o", "--output", default=str(pipeline.DEFAULT_OUTDIR), help="output folder")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="extract in N processes (default: one per core)")
    p.add_argument("--no-cache", action="store_true",
                   help="re-extract every document instead of reusing OUTPUT/.cache")
    p.add_argument("--skip-bad", action="store_true",
                   help="skip files that cannot be read instead of stopping (the summary lists them)")
    p.add_argument("--shards", metavar="DIR", help="also write one N-Triples file per document into DIR")
    p.add_argument("--executor", choices=pipeline.EXECUTORS, default="processes",
                   help="run extraction in local processes or as a dask.bag map (needs the dask extra)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument("--watch", action="store_true",
                   help="stay running and build again whenever a document changes (Ctrl-C stops)")

    p = sub.add_parser("extract", help="print what the extractors find", formatter_class=example,
                       epilog="example:\n  kg extract seeds/004_717968dfa11fc193.txt --format jsonl")
    p.add_argument("inputs", nargs="+", help=".txt/.md files or folders")
    p.add_argument("--format", choices=("jsonl", "table"), default="table")

    p = sub.add_parser("eval", help="score extraction against gold annotations", formatter_class=example,
                       epilog="example:\n  kg eval ../shared/eval/gold seeds/000_d962a25e053ba8d7.txt "
                              "seeds/004_717968dfa11fc193.txt")
    p.add_argument("gold_dir", help="folder of gold .json files (one record per document)")
    p.add_argument("inputs", nargs="+", help="the documents the gold annotates")

    p = sub.add_parser("query", help="run SPARQL on a built graph", formatter_class=example,
                       epilog="example:\n  kg query 'SELECT ?d ?code WHERE { ?d gk:code ?code }' --format csv")
    p.add_argument("query", nargs="?", help="a saved query's name (see --list), SPARQL text, a .rq file, "
                   "or - for stdin; SELECT, ASK, CONSTRUCT, DESCRIBE (the last two print Turtle)")
    p.add_argument("--graph", default=str(pipeline.DEFAULT_OUTDIR / "graph.ttl"), help=graph_help)
    p.add_argument("--format", choices=query.FORMATS, default="table",
                   help="SPARQL 1.1 results format, or an aligned table (default)")
    p.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE", help=query.BIND_HELP)
    p.add_argument("--list", action="store_true", help="list the saved queries and their parameters")
    p.epilog += "\n  kg query officials-of-district --bind district=小店区\n  kg query --list"

    p = sub.add_parser("serve", help="serve the graph as a read-only SPARQL endpoint", formatter_class=example,
                       epilog="example:\n  kg serve --graph exports/graph.ttl --port 7878\n"
                              "  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * "
                              "WHERE { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/sparql")
    p.add_argument("--graph", default=str(pipeline.DEFAULT_OUTDIR / "graph.ttl"), help=graph_help)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default: 10)")
    p.add_argument("--max-rows", type=int, default=10_000, help="rows sent at most (default: 10000)")

    p = sub.add_parser("export", help="convert a built graph to Turtle, N-Triples, JSON-LD or TriG",
                       formatter_class=example,
                       epilog="example:\n  kg export --format jsonld -o graph.jsonld\n"
                              "  kg export --graph exports/graph.trig --format nt\n"
                              "TriG needs per-document graphs: convert from the graph.trig that "
                              "`kg build` writes.")
    p.add_argument("--format", choices=("ttl", "nt", "jsonld", "trig"), default="ttl")
    p.add_argument("--graph", default=str(pipeline.DEFAULT_OUTDIR / "graph.ttl"), help=graph_help)
    p.add_argument("-o", "--output", help="file to write (default: standard output)")

    p = sub.add_parser("validate", help="check a graph against the SHACL shapes", formatter_class=example,
                       epilog="example:\n  kg validate --graph exports/graph.ttl\n"
                              "exit 0 when it conforms, 1 when it does not")
    p.add_argument("--graph", default=str(pipeline.DEFAULT_OUTDIR / "graph.ttl"), help=graph_help)

    p = sub.add_parser("push", help="send the graph to a SPARQL Graph Store endpoint", formatter_class=example,
                       epilog="example:\n  oxigraph serve --location db/ &\n"
                              "  kg push --endpoint http://127.0.0.1:7878/store --graph-iri https://example.org/govkg")
    p.add_argument("--endpoint", required=True, help="Graph Store Protocol URL (Oxigraph: http://HOST:7878/store)")
    p.add_argument("--graph-iri", help="the named graph to write (default: the default graph)")
    p.add_argument("--graph", default=str(pipeline.DEFAULT_OUTDIR / "graph.ttl"), help=graph_help)
    p.add_argument("--append", action="store_true", help="POST: add to the graph instead of replacing it (PUT)")

    p = sub.add_parser("stats", help="count classes and properties of a graph", formatter_class=example,
                       epilog="example:\n  kg stats --graph exports/graph.ttl")
    p.add_argument("--graph", default=str(pipeline.DEFAULT_OUTDIR / "graph.ttl"), help=graph_help)

    p = sub.add_parser("viz", help="write an HTML network view of a graph", formatter_class=example,
                       epilog="example:\n  kg viz --focus 小店区 --hops 2 --kinds official,district,project "
                              "-o exports/xiaodian.html")
    p.add_argument("--graph", default=str(pipeline.DEFAULT_OUTDIR / "graph.ttl"), help=graph_help)
    p.add_argument("--focus", help="draw only what is near the entity with this name or alias")
    p.add_argument("--hops", type=int, default=2, help="how many edges from --focus (default: 2)")
    p.add_argument("--kinds", help=f"comma-separated kinds to draw: {','.join(viz.KINDS)}")
    p.add_argument("--comention", choices=("sentence", "article"), default="sentence",
                   help="co-mentioned means in the same sentence (default) or article")
    p.add_argument("-o", "--output", default=str(pipeline.DEFAULT_OUTDIR / "view.html"), help="HTML file")
    return parser


@contextmanager
def _notes_on_stderr() -> Iterator[None]:
    """Print what the library logs on the ``kg`` logger (e.g. a file read with repairs) as notes."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("Note: %(message)s"))
    logger = logging.getLogger("kg")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        with _notes_on_stderr():
            return COMMANDS[args.command](args)
    except GovkgError as exc:
        if args.debug:
            raise
        print(f"Error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Error: interrupted; existing exports were left as they were", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
