"""The `meetloop` command: a thin shell over the functions mail uses.

Each module in this package that defines `register(subparsers)` adds its
commands; a command's function takes the parsed arguments and returns an
exit status. Errors reach the user as one line, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
import traceback

from service.cli.common import CommandError
from service.config import ConfigError

EXIT_USAGE = 2
EXIT_INTERNAL = 1


# Which module registers each top-level command, so that one command imports only its
# own module (start-up time matters: scripts and MTAs run `meetloop parse`/`ingest` per
# mail). tests/service/cli/test_commands.py checks this map against what modules register.
COMMAND_MODULES: dict[str, str] = {
    "company": "directory",
    "demo": "demo",
    "doctor": "setup",
    "inbox": "inbox",
    "ingest": "mailin",
    "init": "setup",
    "meeting": "meetings",
    "minutes": "tracking",
    "outbox": "run",
    "parse": "parse",
    "person": "directory",
    "serve": "run",
    "task": "tracking",
    "tasks": "tracking",
    "template": "meetings",
    "tick": "inbox",
    "worker": "run",
}


def command_modules() -> list[str]:
    """Every module of this package that may register commands."""
    import service.cli as package

    return sorted(
        info.name
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_")  # __main__ runs the command when imported
    )


def build_parser(modules: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser with the commands of `modules` (all of them when None)."""
    parser = argparse.ArgumentParser(
        prog="meetloop", description="Closes the loop on meetings between companies, by e-mail."
    )
    parser.add_argument("--config", help="the TOML configuration (default: $MEETLOOP_CONFIG)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in command_modules() if modules is None else modules:
        module = importlib.import_module(f"service.cli.{name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def _named_command(argv: list[str]) -> str | None:
    """The top-level command in `argv`, skipping the global options."""
    skip_value = False
    for arg in argv:
        if skip_value:
            skip_value = False
        elif arg == "--config":
            skip_value = True
        elif not arg.startswith("-"):
            return arg
    return None


def parser_for(argv: list[str]) -> argparse.ArgumentParser:
    """Only the named command's module when it is known; every module for help or typos."""
    module = COMMAND_MODULES.get(_named_command(argv) or "")
    return build_parser([module] if module else None)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = parser_for(argv)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except ConfigError as e:
        print(f"meetloop: configuration: {e}", file=sys.stderr)
        return EXIT_USAGE
    except CommandError as e:
        print(f"meetloop: {e}", file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # the last guard: one line for the user, details on --debug
        if args.debug:
            traceback.print_exc()
        print(f"meetloop: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
