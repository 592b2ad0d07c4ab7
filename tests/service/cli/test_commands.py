"""The command table: each command imports only its module, and the map stays true."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from service.cli import COMMAND_MODULES, build_parser, command_modules, main, parser_for


def _commands(parser) -> set[str]:
    return set(next(a for a in parser._actions if a.dest == "command").choices)


@pytest.mark.parametrize("module", command_modules())
def test_map_names_exactly_what_each_module_registers(module):
    registered = _commands(build_parser([module]))
    mapped = {command for command, owner in COMMAND_MODULES.items() if owner == module}
    assert registered == mapped


def test_every_module_is_in_the_map_or_registers_nothing():
    for module in command_modules():
        has_register = hasattr(importlib.import_module(f"service.cli.{module}"), "register")
        assert has_register == (module in COMMAND_MODULES.values()), module


def test_a_named_command_builds_only_its_module():
    assert _commands(parser_for(["--config", "x.toml", "tasks", "--json"])) == {
        "tasks",
        "task",
        "minutes",
    }
    assert _commands(parser_for(["--help"])) == set(COMMAND_MODULES)
    assert _commands(parser_for(["no-such-command"])) == set(COMMAND_MODULES)


def test_parse_does_not_import_the_store():
    code = (
        "import sys; from service.cli import parser_for; parser_for(['parse', 'reply']);"
        "print('peewee' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["no-such-command"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
