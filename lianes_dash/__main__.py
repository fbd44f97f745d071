"""Command line: ``python -m lianes_dash <command> …``.

To add a command, write in your module a function ``add_parsers(subparsers)`` that
calls ``subparsers.add_parser(...)`` and ``set_defaults(run=your_function)`` — where
``your_function(args) -> int`` returns the exit code — and add the module's name to
:data:`COMMAND_MODULES`. Errors of the ``ImportFileError`` / ``DataFileError`` families
become one line on stderr and exit code 2; nothing ever prints a traceback
(set ``LIANES_DEBUG=1`` to see one).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

#: Modules that register subcommands (each has ``add_parsers(subparsers)``).
COMMAND_MODULES: tuple[str, ...] = (
    "lianes_dash.importer.cli",
    "lianes_dash.views.deck",
    "lianes_dash.contributions.cli",
    "lianes_dash.build.refresh",
)
#: Which module holds a command: only that one is imported to run it (the deck's plotly
#: must not slow down ``import``). Commands not listed here load every module.
COMMAND_HOMES: dict[str, str] = {
    "import": "lianes_dash.importer.cli",
    "validate": "lianes_dash.importer.cli",
    "deck": "lianes_dash.views.deck",
    "reviewers": "lianes_dash.contributions.cli",
    "contributions": "lianes_dash.contributions.cli",
    "refresh": "lianes_dash.build.refresh",
}

#: Exit code of a file or reference data that cannot be used.
EXIT_BAD_INPUT = 2


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The main parser, with every registered subcommand (only the needed one when ``argv`` names it)."""
    parser = argparse.ArgumentParser(
        prog="python -m lianes_dash", description="Lianes Dash : coopération décentralisée française."
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE")
    first = next((a for a in (argv or ()) if not a.startswith("-")), None)
    home = COMMAND_HOMES.get(first or "")
    for name in (home,) if home else COMMAND_MODULES:
        importlib.import_module(name).add_parsers(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (never raises, except with ``LIANES_DEBUG``)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            # NOTE: a terminal in ASCII/cp1252 must not turn « é » into a crash.
            stream.reconfigure(errors="replace")
    parser = build_parser(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    from lianes_dash.importer.errors import ImportFileError

    try:
        return int(args.run(args))
    except ImportFileError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrompu", file=sys.stderr)
        return 130
    except Exception as exc:  # NOTE: last resort: one line, not a traceback
        # NOTE: ``lianes_dash.dataset.data`` (pandas, geopandas) is looked up only if a command loaded it.
        data = sys.modules.get("lianes_dash.dataset.data")
        if data is not None and isinstance(exc, data.DataFileError):
            print(f"erreur : {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        if os.environ.get("LIANES_DEBUG"):
            raise
        print(f"erreur inattendue : {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
