"""The `meetloop` command: a thin shell over the functions mail uses.

Each module in this package that defines `register(subparsers)` adds its
commands; a command's function takes the parsed arguments and returns an
exit status. Errors reach the user as one line, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
import traceback

from service.cli import common
from service.cli.common import CommandError, release_hooks
from service.config import ConfigError

EXIT_USAGE = 2
EXIT_INTERNAL = 1
EXIT_BROKEN_PIPE = 141  # what a shell reports for a reader that stopped early (128 + SIGPIPE)


# Which module registers each top-level command, so that one command imports only its
# own module (start-up time matters: scripts and MTAs run `meetloop parse`/`ingest` per
# mail). tests/service/cli/test_commands.py checks this map against what modules register.
COMMAND_MODULES: dict[str, str] = {
    "chat": "chat",
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
    common.warned.clear()
    for handler in logging.getLogger().handlers:
        handler.addFilter(_WarningMark())
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        status = int(args.func(args) or 0)
        sys.stdout.flush()  # a reader that went away is noticed here, not at exit
        return status
    except BrokenPipeError:
        return _reader_left()
    except ConfigError as e:
        return _error(f"meetloop: configuration: {e}", EXIT_USAGE)
    except CommandError as e:
        return _error(f"meetloop: {e}", e.code)
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # the last guard: one line for the user, details on --debug
        if args.debug:
            traceback.print_exc()
        return _error(f"meetloop: internal error: {type(e).__name__}: {e}", EXIT_INTERNAL)
    finally:
        release_hooks()


def _error(line: str, status: int) -> int:
    """The error last, on a line of its own after whatever was printed or logged before."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return _reader_left()
    for handler in logging.getLogger().handlers:
        handler.flush()
    print(f"\n{line}" if _warned() else line, file=sys.stderr)
    return status


class _WarningMark(logging.Filter):
    """Notes that a warning was logged, so the error that may follow stands apart."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            common.warned.set()
        return True


def _warned() -> bool:
    return common.warned.is_set()


def _reader_left() -> int:
    """`meetloop … | head`: the reader has what it wanted; end quietly, as `cat` does."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # the interpreter's own flush at exit must not fail
    return EXIT_BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
