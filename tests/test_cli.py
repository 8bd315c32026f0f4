import re

import pytest

from kg.cli import COMMANDS, _parser, main
from tests.conftest import ROOT


def test_cli_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`kg (\w+)", readme))
    assert set(COMMANDS) <= documented, set(COMMANDS) - documented


def test_cli_every_command_help_has_an_example():
    sub = next(a for a in _parser()._actions if a.dest == "command")
    for name, parser in sub.choices.items():
        assert "example:" in (parser.epilog or ""), name


def test_cli_missing_graph_is_a_one_line_error(tmp_path, capsys):
    code = main(["query", "SELECT * WHERE { ?s ?p ?o }", "--graph", str(tmp_path / "none.ttl")])
    err = capsys.readouterr().err
    assert code != 0
    assert err.startswith("Error: ") and "none.ttl" in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_cli_debug_shows_the_exception(tmp_path):
    from kg.errors import GraphError
    with pytest.raises(GraphError):
        main(["--debug", "stats", "--graph", str(tmp_path / "none.ttl")])


def test_cli_prints_reading_notes_as_one_line_each(tmp_path, capsys):
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes("临江区新闻\r\n区长陈立新调研。\n".encode("utf-8"))
    assert main(["extract", str(mixed), "--format", "jsonl"]) == 0
    err = capsys.readouterr().err
    assert err == f"Note: {mixed}: mixed line endings (CRLF, LF) read as LF\n"
