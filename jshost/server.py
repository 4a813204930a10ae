"""Serve a deployment with hypercorn: one process, or several workers sharing one store.

``serve(config)`` runs until SIGINT/SIGTERM, then shuts down gracefully: hypercorn
stops accepting connections and lets in-flight requests finish (each invocation
is bounded by its time limit), and everything queued stays in the store. SIGHUP
re-reads the config file (with workers, hypercorn restarts them).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import sys
from typing import Any

from .serverconfig import ServerConfig

log = logging.getLogger("jshost.server")


def configure_logging(level: str = "INFO") -> None:
    """One line per record on stderr; invocation records are JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    root = logging.getLogger("jshost")
    if not root.handlers:
        root.addHandler(handler)
    root.setLevel(level)


def hypercorn_config(config: ServerConfig, *, workers: int, graceful_timeout: float) -> Any:
    from hypercorn.config import Config

    hc = Config()
    host = f"[{config.host}]" if ":" in config.host else config.host
    hc.bind = [f"{host}:{config.port}"]
    hc.workers = workers
    hc.graceful_timeout = graceful_timeout
    hc.accesslog = None
    hc.errorlog = "-"
    hc.include_server_header = False
    return hc


def serve(config: ServerConfig, *, workers: int | None = None, graceful_timeout: float | None = None) -> int:
    """Run the server until it is told to stop. Returns the exit status."""
    configure_logging()
    workers = workers if workers is not None else config.workers
    grace = graceful_timeout if graceful_timeout is not None else max(10.0, *(i.limits.timeout * 2
                                                                         for i in config.instances))
    hc = hypercorn_config(config, workers=workers, graceful_timeout=grace)
    if workers <= 1:
        return asyncio.run(_serve_one(config, hc))
    return _serve_workers(config, hc)


async def _serve_one(config: ServerConfig, hc: Any) -> int:
    from hypercorn.asyncio import serve as hypercorn_serve

    from .asgi import create_app
    from .serverconfig import load_config

    app = create_app(config)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    def reload() -> None:
        if config.source is None:
            log.warning("SIGHUP ignored: the server was not started from a config file")
            return

        async def run() -> None:
            try:
                await app.state.deployment.reload(load_config(config.source))
            except Exception as exc:  # noqa: BLE001 - keep serving the old configuration
                log.error("reload failed, the old configuration stays: %s", exc)

        loop.create_task(run())

    loop.add_signal_handler(signal.SIGHUP, reload)
    log.info("listening on %s", ", ".join(hc.bind))
    await hypercorn_serve(app, hc, shutdown_trigger=stop.wait)  # type: ignore[arg-type]
    log.info("stopped")
    return 0


def _serve_workers(config: ServerConfig, hc: Any) -> int:
    """Several worker processes (hypercorn spawns them), each building the app from the environment."""
    from hypercorn.run import run

    if config.source is not None:
        os.environ["JSHOST_CONFIG"] = str(config.source)
    else:
        inst = config.instances[0]
        os.environ["JSHOST_HANDLER"] = str(inst.code)
        os.environ["JSHOST_SETTINGS"] = json.dumps(dict(inst.settings))
    # Command-line overrides reach the workers too.
    os.environ["JSHOST_STORE"] = str(config.store)
    os.environ["JSHOST_ISOLATION"] = config.isolation
    hc.application_path = "jshost.asgi:app_from_environment()"
    log.info("listening on %s with %d workers", ", ".join(hc.bind), hc.workers)
    return int(run(hc) or 0)
