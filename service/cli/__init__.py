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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="meetloop", description="Closes the loop on meetings between companies, by e-mail."
    )
    parser.add_argument("--config", help="the TOML configuration (default: $MEETLOOP_CONFIG)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    import service.cli as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):  # __main__ runs the command when imported
            continue
        module = importlib.import_module(f"service.cli.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
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
