"""Run an ASGI app on a real loopback port in a background thread (for WebSockets and HTTP tools)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from melihub.testing.stores import free_port


class ThreadedServer(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # the test runner owns signals
        pass


@contextmanager
def serve_in_thread(app: Any, *, port: int | None = None, **config: Any) -> Iterator[str]:
    """Start uvicorn on 127.0.0.1; yield its base URL; stop it on exit."""
    port = port or free_port()
    server = ThreadedServer(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_config=None, lifespan="on", ws_ping_interval=None, **config
        )
    )
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
