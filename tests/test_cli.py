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
