"""The HTTP side of one try: POST the signed body, time it, keep what the receiver answered.

No redirects are followed (a 3xx is a failed try: the URL to call is the subscription's, checked by the
SSRF guard, not one a receiver names) and the reply body is read only up to ``MAX_REPLY_BYTES``.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import httpx

from melihub.integrator_webhooks.signing import SIGNATURE_HEADER, signature_header

USER_AGENT = "melihub-webhooks/1"
MAX_REPLY_BYTES = 1024


@dataclass(frozen=True)
class TryResult:
    ok: bool
    status: int | None  # None: no answer (refused, timed out, TLS…)
    duration_ms: int
    reply: str | None
    error: str | None


def headers_for(secret: str, body: bytes, event: str, delivery_id: uuid.UUID) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: signature_header(secret, body),
        "X-Melihub-Event": event,
        "X-Melihub-Delivery": str(delivery_id),
    }


async def post(url: str, body: bytes, headers: dict[str, str], *, timeout_s: float) -> TryResult:
    started = time.perf_counter()
    try:
        async with (
            httpx.AsyncClient(timeout=httpx.Timeout(timeout_s), follow_redirects=False) as client,
            client.stream("POST", url, content=body, headers=headers) as answer,
        ):
            reply = b""
            async for chunk in answer.aiter_bytes():
                reply += chunk
                if len(reply) >= MAX_REPLY_BYTES:
                    break
    except httpx.HTTPError as exc:
        elapsed = round((time.perf_counter() - started) * 1000)
        return TryResult(False, None, elapsed, None, f"{type(exc).__name__}: {exc}"[:500])
    elapsed = round((time.perf_counter() - started) * 1000)
    text = reply[:MAX_REPLY_BYTES].decode("utf-8", errors="replace")
    ok = 200 <= answer.status_code < 300
    error = None if ok else f"the receiver answered HTTP {answer.status_code}"
    return TryResult(ok, answer.status_code, elapsed, text, error)
