"""The ``kg`` command: each subcommand parses its arguments, calls one library function, prints.

Errors print ``Error: <message>`` on stderr and exit non-zero (see README, "Exit codes");
``--debug`` shows the traceback instead.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kg import evaluate, pipeline, query, records, stats
from kg.errors import GovkgError

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    COMMANDS[func.__name__.removeprefix("cmd_")] = func
    return func


@command
def cmd_build(args: argparse.Namespace) -> int:
    summary = pipeline.build(args.inputs or [pipeline.DEFAULT_INPUT], Path(args.output))
    print("\n".join(summary.lines()))
    return 0


@command
def cmd_extract(args: argparse.Namespace) -> int:
    result = pipeline.analyse(args.inputs)
    if args.format == "jsonl":
        sys.stdout.write(pipeline.jsonl(result))
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
    graph = query.load_graph(Path(args.graph))
    result = query.run_query(graph, query.query_text(args.query))
    sys.stdout.write(query.format_result(result, args.format))
    return 0


@command
def cmd_stats(args: argparse.Namespace) -> int:
    graph = query.load_graph(Path(args.graph))
    sys.stdout.write(stats.format_counts(stats.counts(graph)))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Build and query knowledge graphs "
                                     "of Chinese local-government documents.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True)
    graph_help = "graph file (default: exports/graph.ttl)"
    example = argparse.RawDescriptionHelpFormatter

    p = sub.add_parser("build", help="build the graph from documents", formatter_class=example,
                       epilog="example:\n  kg build seeds/ -o exports/")
    p.add_argument("inputs", nargs="*", help=".txt/.md files or folders (default: seeds/)")
    p.add_argument("-o", "--output", default=str(pipeline.DEFAULT_OUTDIR), help="output folder")

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
    p.add_argument("query", help="SPARQL text, a .rq file, or - for stdin")
    p.add_argument("--graph", default=str(pipeline.DEFAULT_OUTDIR / "graph.ttl"), help=graph_help)
    p.add_argument("--format", choices=query.FORMATS, default="table")

    p = sub.add_parser("stats", help="count classes and properties of a graph", formatter_class=example,
                       epilog="example:\n  kg stats --graph exports/graph.ttl")
    p.add_argument("--graph", default=str(pipeline.DEFAULT_OUTDIR / "graph.ttl"), help=graph_help)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
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
