"""The ``jshost`` command: parse arguments into a config object and call the library.

Exit status: 0 when the function succeeded, 1 when it failed, 2 for bad
command-line input (a missing file, invalid JSON, contradictory flags).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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

    serve = sub.add_parser("serve", help="serve functions as webhooks",
                           description="Serve one function file, or the instances of a config file, over HTTP.")
    serve.add_argument("handler", nargs="?", help="a function file to serve as one instance (POST /<file stem>)")
    serve.add_argument("--config", metavar="FILE", help="a jshost.toml with [server] and [instances.<name>] tables")
    serve.add_argument("--settings", metavar="FILE", help="settings of the single function (with HANDLER)")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1, or the config's)")
    serve.add_argument("--port", type=int, help="port to listen on (default 8080, or the config's)")
    serve.add_argument("--workers", type=int, help="worker processes sharing the store (default 1)")
    serve.add_argument("--store", metavar="FILE", help="the SQLite store (default jshost.sqlite3, or the config's)")
    serve.add_argument("--isolation", choices=("threads", "inline"),
                       help="threads (default): a busy function never holds up other instances; "
                            "inline: faster, JS runs on the event loop")

    deps = sub.add_parser("deps", help="install the npm libraries functions use (lodash as _, moment, ...)",
                          description="Install the pinned libraries Segment exposes (jshost/libraries.json) with npm.")
    deps_sub = deps.add_subparsers(dest="deps_command", metavar="ACTION")
    deps_sub.required = True
    install = deps_sub.add_parser("install", help="install (or re-install) them and check their integrity")
    install.add_argument("--dir", metavar="DIR",
                         help="install into DIR, e.g. in a container image (then set JSHOST_LIBRARIES_DIR=DIR "
                              "where functions run); default: a cache directory keyed by the manifest")
    install.add_argument("--config", metavar="FILE",
                         help="also install the libraries the config's instances add (`libraries = {...}`)")
    deps_sub.add_parser("where", help="print where the libraries are installed")

    for name, text in (("events", "list messages kept in the store or waiting for delivery"),
                       ("errors", "show the errors view of an instance")):
        cmd = sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        if name == "errors":
            cmd.add_argument("instance", help="the instance name")
        else:
            cmd.add_argument("--instance", help="only this instance's messages")
        where = cmd.add_mutually_exclusive_group()
        where.add_argument("--config", metavar="FILE", help="the server's config file (its store)")
        where.add_argument("--store", metavar="FILE", help="the SQLite store (default jshost.sqlite3)")
        cmd.add_argument("--limit", type=int, default=100, help="most rows to show (default 100)")
        cmd.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _server_config(args: argparse.Namespace) -> Any:
    import dataclasses

    from .inputs import load_settings_file
    from .serverconfig import load_config, single_function_config

    if args.config and args.handler:
        raise InputError("give either a HANDLER file or --config, not both")
    if args.config:
        config = load_config(args.config)
        if args.settings:
            raise InputError("--settings applies to a single HANDLER; put settings in the config file")
    elif args.handler:
        settings = load_settings_file(args.settings) if args.settings else {}
        if not Path(args.handler).is_file():
            raise InputError(f"function file {args.handler}: no such file")
        config = single_function_config(args.handler, settings)
    else:
        raise InputError("give a HANDLER file or --config FILE")
    changes: dict[str, Any] = {}
    if args.host:
        changes["host"] = args.host
    if args.port is not None:
        changes["port"] = args.port
    if args.workers is not None:
        changes["workers"] = args.workers
    if args.store:
        changes["store"] = Path(args.store).resolve()
    if args.isolation:
        changes["isolation"] = args.isolation
    return dataclasses.replace(config, **changes) if changes else config


def _serve(args: argparse.Namespace) -> int:
    from .server import serve

    try:
        config = _server_config(args)
    except (InputError, ConfigError) as exc:
        print(f"jshost: error: {exc}", file=sys.stderr)
        return 2
    return serve(config)


def _store_path(args: argparse.Namespace) -> Path:
    if args.config:
        from .serverconfig import load_config

        return load_config(args.config).store
    return Path(args.store or "jshost.sqlite3")


def _inspect_store(args: argparse.Namespace) -> int:
    import asyncio
    import json

    from .store import Store

    try:
        path = _store_path(args)
    except ConfigError as exc:
        print(f"jshost: error: {exc}", file=sys.stderr)
        return 2
    if not path.is_file():
        print(f"jshost: error: store {path}: no such file (has the server run?)", file=sys.stderr)
        return 2

    async def read() -> list[dict[str, Any]]:
        store = Store(path)
        try:
            if args.command == "errors":
                return await store.list_errors(args.instance, args.limit)
            return await store.list_messages(args.instance, args.limit)
        finally:
            store.close()

    rows = asyncio.run(read())
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no errors" if args.command == "errors" else "no messages")
    for row in rows:
        if args.command == "errors":
            err = row["error"]
            print(f"#{row['id']} {_when(row['created_at'])} [{err.get('type')}] {err.get('name')}: "
                  f"{err.get('message')} (attempts: {row['attempts']})")
            if row["logs"]:
                print("  logs: " + row["logs"].rstrip("\n").replace("\n", "\n        "))
        else:
            state = f"waiting for {row['target']}" if row["target"] != "store" else "stored"
            print(f"#{row['id']} {_when(row['created_at'])} {row['instance']} {row['kind']} ({state}): "
                  + json.dumps(row["message"], ensure_ascii=False))
    return 0


def _deps(args: argparse.Namespace) -> int:
    from . import deps

    if args.deps_command == "where":
        found = deps.installed_dir()
        print(found if found is not None else f"not installed (would go to {deps.default_dir()})")
        return 0 if found is not None else 1
    echo = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    try:
        extras: list[dict[str, str]] = []
        if args.config:
            from .serverconfig import load_config

            extras = [dict(i.libraries) for i in load_config(args.config).instances]
        deps.install_for_config(extras, args.dir, echo=echo)
    except (deps.LibraryError, ConfigError) as exc:
        print(f"jshost: error: {exc}", file=sys.stderr)
        return 1
    return 0


def _when(ts: float) -> str:
    import datetime

    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _run(args: argparse.Namespace) -> int:
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
    if args.command == "serve":
        return _serve(args)
    if args.command in ("events", "errors"):
        return _inspect_store(args)
    if args.command == "deps":
        return _deps(args)
    raise AssertionError(f"unhandled command {args.command}")  # argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
