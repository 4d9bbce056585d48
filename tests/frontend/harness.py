"""The real stack for browser scenarios, and the line protocol with the Node scripts in frontend/e2e.

The API runs on a fixed loopback port so it can be stopped and started again (the reconnect
scenario); the worker runs in the test's process; the sandbox is the reference world rebased to now.
A script prints one line per step ("READY", "SEEN 812", "AXE floor 0 none", "DONE"); the test reads
them with `expect` and answers on stdin with `send` when a step needs the test to act.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn

from melihub.app import CHECKOUT_FRONTEND_BUILD, create_app
from melihub.config import Settings
from melihub.testing.server import ThreadedServer
from melihub.testing.stores import free_port

FRONTEND = CHECKOUT_FRONTEND_BUILD.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


class RestartableApi:
    """The melihub app on one port, which can go down and come back as a new process would."""

    def __init__(self, settings: Settings, port: int) -> None:
        self.settings = settings
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self._server: ThreadedServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        config = uvicorn.Config(
            create_app(settings=self.settings),
            host="127.0.0.1",
            port=self.port,
            log_config=None,
            lifespan="on",
            ws_ping_interval=None,
        )
        server = ThreadedServer(config)
        thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the API did not start")
            time.sleep(0.02)
        self._server, self._thread = server, thread

    def stop(self) -> None:
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        # Open WebSockets would hold a graceful shutdown; the scenario wants them cut as a crash would.
        self._server.force_exit = True
        self._thread.join(timeout=15)
        self._server = self._thread = None


def api_port() -> int:
    return free_port()


@contextmanager
def running_api(settings: Settings, port: int) -> Iterator[RestartableApi]:
    api = RestartableApi(settings, port)
    api.start()
    try:
        yield api
    finally:
        api.stop()


@dataclass
class BrowserScript:
    """A Node scenario in frontend/e2e, run in Debian's Chromium; its stdout is the protocol."""

    name: str
    env: dict[str, str]
    lines: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    process: subprocess.Popen[str] | None = None

    def start(self) -> BrowserScript:
        self.process = subprocess.Popen(
            ["node", str(FRONTEND / "e2e" / self.name)],
            cwd=FRONTEND,
            env={**os.environ, "CHROMIUM_PATH": CHROMIUM, **self.env},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # Drained in the background, so a chatty browser never blocks on a full pipe.
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        return self

    def _drain_stderr(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line)

    async def expect(self, word: str, timeout_s: float = 60) -> str:
        """The next line starting with `word` (lines before it are kept in `lines`)."""
        assert self.process is not None and self.process.stdout is not None
        deadline = time.monotonic() + timeout_s
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{self.name}: no {word!r} within {timeout_s}s; saw {self.lines}\n{self.errors}")
            try:
                line = await asyncio.wait_for(asyncio.to_thread(self.process.stdout.readline), left)
            except TimeoutError:
                continue
            if not line:
                await asyncio.to_thread(self.process.wait, 10)
                raise AssertionError(f"{self.name} ended before {word!r}; saw {self.lines}\n{self.errors}")
            self.lines.append(line.strip())
            if line.startswith(word):
                return line.strip()

    def send(self, line: str) -> None:
        assert self.process is not None and self.process.stdin is not None
        self.process.stdin.write(f"{line}\n")
        self.process.stdin.flush()

    async def finish(self, timeout_s: float = 60) -> None:
        """Waits for DONE and a clean exit; every AXE line must have reported 0 serious/critical."""
        await self.expect("DONE", timeout_s)
        assert self.process is not None
        code = await asyncio.to_thread(self.process.wait, 30)
        assert code == 0, self.errors
        for line in self.axe_lines:
            assert line.split()[2] == "0", line

    @property
    def axe_lines(self) -> list[str]:
        return [line for line in self.lines if line.startswith("AXE ")]

    @property
    def errors(self) -> str:
        return "".join(self.stderr)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


def screenshot_dir(tmp_path: Path) -> Path:
    """MELIHUB_SCREENSHOT_DIR (docs/screenshots for `make screenshots`), else the test's folder."""
    folder = Path(os.environ.get("MELIHUB_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def missing_browser_tools() -> str | None:
    import shutil

    # The API serves MELIHUB_FRONTEND_DIR when set (a build of its own, NEXT_DIST_DIR), else this checkout's.
    build = Path(os.environ.get("MELIHUB_FRONTEND_DIR") or CHECKOUT_FRONTEND_BUILD)
    if not (build / "index.html").is_file():
        return "the dashboard is not built (make frontend)"
    if not (FRONTEND / "node_modules" / "playwright-core").is_dir() or shutil.which("node") is None:
        return "node and frontend/node_modules are needed (make frontend)"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (make browser-tools)"
    return None


def browser_env(api: RestartableApi, shots: Path, **values: Any) -> dict[str, str]:
    return {"BASE_URL": api.base, "SCREENSHOT_DIR": str(shots), **{k: str(v) for k, v in values.items()}}
