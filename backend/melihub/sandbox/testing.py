"""Run the sandbox on a loopback port for a test, and drive it through its admin API::

with running_sandbox(generate=200, seed=7, time_scale=0.01) as sandbox:
    sandbox.set_faults({"5xx": 0.1})
    ...
    assert sandbox.stats()["calls"]["GET /items/{id}"]["200"] >= 1
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from melihub.sandbox.app import create_app
from melihub.testing.server import serve_in_thread


class SandboxHandle:
    """Synchronous client of a running sandbox's ``/_sandbox`` admin API."""

    def __init__(self, url: str) -> None:
        self.url = url
        # One client for the handle's life: ``httpx.request`` builds a client, and its TLS context, per call
        # (≈ 50 ms each, a second of some tests' set-up).
        self._http = httpx.Client(timeout=60)

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._http.request(method, f"{self.url}/_sandbox/{path}", **kwargs)
        response.raise_for_status()
        return response.json()

    def stats(self) -> dict[str, Any]:
        result: dict[str, Any] = self._call("GET", "stats")
        return result

    def reset_stats(self) -> dict[str, Any]:
        """Zero ``stats()`` and empty ``calls()``; returns the zeroed stats."""
        result: dict[str, Any] = self._call("POST", "stats/reset")
        return result

    def calls(self, since: float | None = None) -> list[dict[str, Any]]:
        params = {"since": since} if since is not None else None
        result: list[dict[str, Any]] = self._call("GET", "calls", params=params)
        return result

    def set_faults(self, faults: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = self._call("PUT", "faults", json=faults)
        return result

    def configure(self, **values: Any) -> dict[str, Any]:
        result: dict[str, Any] = self._call("PUT", "config", json=values)
        return result

    def expire_tokens(self, user_id: int | None = None) -> int:
        body = {"user_id": user_id} if user_id is not None else {}
        return int(self._call("POST", "expire_tokens", json=body)["expired"])

    def expire_scrolls(self) -> int:
        """Expire every scan scroll issued so far; returns how many."""
        return int(self._call("POST", "expire_scrolls")["expired"])

    def revoke(self, user_id: int) -> int:
        return int(self._call("POST", "revoke", json={"user_id": user_id})["revoked"])

    def notify(self, user_id: int, topic: str, resource: str) -> dict[str, Any] | None:
        body = {"user_id": user_id, "topic": topic, "resource": resource}
        note: dict[str, Any] | None = self._call("POST", "notify", json=body)["notification"]
        return note

    def put(self, kind: str, id: str | int, raw: Any, notify: bool = False) -> Any:
        params = {"notify": "1"} if notify else None
        return self._call("PUT", f"{kind}/{id}", json=raw, params=params)

    def get(self, kind: str, id: str | int) -> Any:
        return self._call("GET", f"{kind}/{id}")

    def buyer_message(self, pack_id: str | int, text: str) -> dict[str, Any]:
        """The pack's (or order's) buyer writes in its thread; returns the message (the seller is notified)."""
        result: dict[str, Any] = self._call("POST", f"messages/{pack_id}/buyer", json={"text": text})["message"]
        return result

    def set_conversation_status(self, pack_id: str | int, status: str, substatus: str | None = None) -> dict[str, Any]:
        """Set the thread's ``conversation_status`` (``blocked`` refuses the seller's messages)."""
        body = {"status": status, "substatus": substatus}
        result: dict[str, Any] = self._call("PUT", f"messages/{pack_id}/status", json=body)
        return result

    def simulate(self, events: int = 100, seed: int = 1) -> dict[str, Any]:
        result: dict[str, Any] = self._call("POST", "simulate", json={"events": events, "seed": seed})
        return result

    def export(self) -> dict[str, Any]:
        result: dict[str, Any] = self._call("GET", "export")
        return result


@contextmanager
def running_sandbox(
    scenario: Path | None = None,
    *,
    generate: int | None = None,
    seed: int = 1,
    time_scale: float = 1.0,
    callback_url: str | None = None,
    rebase_clock: bool = False,
    **config: Any,
) -> Iterator[SandboxHandle]:
    """The sandbox (uvicorn, background thread, free loopback port); yields its handle.

    ``config`` takes :class:`SandboxConfig` fields and ``world=`` (e.g. from ``generate_world``).
    """
    app = create_app(
        scenario,
        generate=generate,
        seed=seed,
        rebase_clock=rebase_clock,
        time_scale=time_scale,
        callback_url=callback_url,
        **config,
    )
    with serve_in_thread(app) as url:
        handle = SandboxHandle(url)
        try:
            yield handle
        finally:
            handle.close()
