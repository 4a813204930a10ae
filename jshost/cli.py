"""The ``jshost`` command: parse arguments into a config object and call the library.

Exit status: 0 when the function succeeded, 1 when it failed, 2 for bad
command-line input (a missing file, invalid JSON, contradictory flags).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .config import MIB, Limits
from .errors import ConfigError, InputError


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return value


def _mib(text: str) -> int:
    return int(_positive_float(text) * MIB)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jshost", description="Run Segment Functions JavaScript locally.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    run = sub.add_parser("run", help="run a function once on a webhook payload or a Segment event",
                         description="Run a source, destination or legacy function once and report what it did.")
    run.add_argument("handler", help="the function's JavaScript file")
    source = run.add_argument_group("source functions")
    source.add_argument("--payload", metavar="FILE",
                        help='webhook example: {"payload": {"body", "headers", "queryParameters", "url"}, "settings"}')
    source.add_argument("--body", metavar="FILE", help="raw request body (sent as text)")
    source.add_argument("--header", metavar="'K: V'", action="append", default=[], dest="headers",
                        help="request header (repeatable)")
    source.add_argument("--query", metavar="STR", help="query string, e.g. 'a=1&b=2'")
    dest = run.add_argument_group("destination functions")
    dest.add_argument("--event", metavar="FILE",
                      help='a Segment event, {"event": ..., "settings": ...}, or an array of events for onBatch')
    run.add_argument("--settings", metavar="FILE", help="settings object (overrides settings inside the input file)")
    run.add_argument("--mock-fetch", metavar="FILE", dest="mock_fetch",
                     help="JSON list of canned responses for fetch; unmatched requests fail")
    run.add_argument("--json", action="store_true", help="print exactly one JSON object (the result contract)")
    run.add_argument("--timeout", type=_positive_float, default=Limits.timeout, metavar="SECONDS",
                     help=f"execution time limit (default {Limits.timeout:g})")
    run.add_argument("--memory", type=_mib, default=Limits.memory, metavar="MIB",
                     help=f"memory limit of the JS context in MiB (default {Limits.memory // MIB})")
    return parser


def _run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .result import format_text
    from .run import RunConfig, run_once

    try:
        limits = Limits(timeout=args.timeout, memory=args.memory)
        config = RunConfig(handler=args.handler, payload=args.payload, body=args.body, headers=args.headers,
                           query=args.query, event=args.event, settings=args.settings,
                           mock_fetch=args.mock_fetch, limits=limits)
        result = run_once(config)
    except (InputError, ConfigError) as exc:
        print(f"jshost: error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(result.dumps())
    else:
        print(format_text(result, Path(args.handler).name))
    return 0 if result.ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "run":
        return _run(args)
    raise AssertionError(f"unhandled command {args.command}")  # argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
