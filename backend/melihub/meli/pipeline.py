"""The request pipeline every ML call goes through.

breaker check -> rate-limit slot -> token -> send -> classify:

* timeout / connection error / 5xx / 429: retry with exponential backoff and full jitter (honouring
  ``Retry-After``), at most ``max_retries`` times; 5xx and ambiguous transport failures are retried
  only for idempotent calls (GET/PUT/DELETE; POST only when the request surely was not sent, or on
  429, which ML answers before doing anything);
* 401: refresh once through the :class:`TokenRefresher`, retry once;
* any other 4xx: raised at once (``Conflict`` included: never retried blindly).
"""

from __future__ import annotations

import asyncio
import json as jsonlib
import random
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, Self

import httpx
import structlog
from redis.asyncio import Redis

from melihub import metrics, tracing
from melihub.meli.breaker import CircuitBreaker
from melihub.meli.config import MeliClientConfig
from melihub.meli.errors import MeliError, Unavailable, error_for
from melihub.meli.families import family_of
from melihub.meli.oauth import MeliOAuth
from melihub.meli.ratelimit import RateLimiter
from melihub.meli.tokens import AccountRef, TokenRefresher, TokenStore

log = structlog.get_logger("melihub.meli")

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
READS = frozenset({"GET", "HEAD", "OPTIONS"})  # everything else takes a slot of its family's write budget
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass
class MeliResponse:
    status: int
    headers: httpx.Headers
    content: bytes = field(repr=False)
    attempts: int = 1

    def json(self) -> Any:
        return jsonlib.loads(self.content) if self.content else None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


@dataclass
class _Call:
    account: AccountRef
    method: str
    path: str
    family: str
    idempotent: bool
    params: dict[str, Any] | None
    json: Any
    headers: dict[str, str]
    access_token: str = field(default="", repr=False)


class _TransportFailure(Exception):
    def __init__(self, exc: httpx.HTTPError) -> None:
        super().__init__(type(exc).__name__)
        self.kind = type(exc).__name__
        self.not_sent = isinstance(exc, _NOT_SENT)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class MeliHttp:
    """Owns the shared ``httpx.AsyncClient`` and the pipeline; :class:`MeliClient` adds resources."""

    def __init__(
        self,
        config: MeliClientConfig,
        *,
        redis: Redis,
        token_store: TokenStore,
        http: httpx.AsyncClient | None = None,
        oauth: MeliOAuth | None = None,
        limiter: RateLimiter | None = None,
        breaker: CircuitBreaker | None = None,
        refresher: TokenRefresher | None = None,
    ) -> None:
        self.config = config
        self._own_http = http is None
        self.http = http or httpx.AsyncClient(
            base_url=config.api_url,
            timeout=httpx.Timeout(config.timeout_s),
            headers={"Accept": "application/json", "User-Agent": config.user_agent},
        )
        self._own_oauth = oauth is None
        self.oauth = oauth or MeliOAuth(config, http=self.http)
        self.limiter = limiter or RateLimiter.from_config(redis, config)
        self.breaker = breaker or CircuitBreaker.from_config(redis, config)
        self.refresher = refresher or TokenRefresher(token_store, self.oauth, redis, config)

    async def aclose(self) -> None:
        if self._own_oauth:
            await self.oauth.aclose()
        if self._own_http:
            await self.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def request(
        self,
        account: AccountRef,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        headers: dict[str, str] | None = None,
        family: str | None = None,
        idempotent: bool | None = None,
    ) -> MeliResponse:
        """One logical call with retries; returns the 2xx response or raises a ``MeliError``."""
        method = method.upper()
        if idempotent is None:
            idempotent = method in IDEMPOTENT or self.config.retry_unsafe_methods
        call = _Call(account, method, path, family or family_of(path), idempotent, params, json, dict(headers or {}))
        attempt, refreshed = 0, False
        while True:
            try:
                response = await self._attempt(call, attempt)
            except _TransportFailure as failure:
                if attempt >= self.config.max_retries or not (call.idempotent or failure.not_sent):
                    raise Unavailable(
                        f"{failure.kind} after {attempt + 1} attempt(s)", method=method, path=path, error=failure.kind
                    ) from None
                await self._backoff(call, attempt, None)
                attempt += 1
                continue
            status = response.status_code
            if status == 401 and not refreshed:
                refreshed = True
                await self.refresher.refresh(account, call.access_token)
                continue
            if status == 429 or status >= 500:
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                if self._should_retry(call, attempt, status, retry_after):
                    await self._backoff(call, attempt, retry_after)
                    attempt += 1
                    continue
            if status >= 400:
                raise self._error(call, response)
            return MeliResponse(status, response.headers, response.content, attempt + 1)

    async def get_json(self, account: AccountRef, path: str, **kwargs: Any) -> Any:
        """GET ``path`` through the pipeline and decode the JSON body."""
        return (await self.request(account, "GET", path, **kwargs)).json()

    def _should_retry(self, call: _Call, attempt: int, status: int, retry_after: float | None) -> bool:
        if attempt >= self.config.max_retries:
            return False
        if retry_after is not None and retry_after > self.config.retry_after_max_s:
            return False  # surfaced as RateLimited/Unavailable carrying retry_after
        return status == 429 or call.idempotent

    def _error(self, call: _Call, response: httpx.Response) -> MeliError:
        return error_for(
            response.status_code,
            response.content,
            method=call.method,
            path=call.path,
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
        )

    async def _attempt(self, call: _Call, attempt: int) -> httpx.Response:
        _state, breaker_history = await self.breaker.permit(call.account, call.family)
        pair = await self.refresher.current(call.account)
        call.access_token = pair.access_token
        headers = {**call.headers, "Authorization": f"Bearer {pair.access_token}"}
        # The slot is taken last, right before sending: the gap between the grant (stamped by
        # Redis) and the arrival at ML is what the limiter's safety margin has to absorb.
        waited = await self.limiter.acquire(
            call.account.ml_user_id, call.family, write=call.method not in READS, app=call.account.client_id
        )
        started = time.monotonic()
        try:
            with tracing.span(
                f"meli {call.method} {call.family}",
                kind=tracing.SpanKind.CLIENT,
                attributes={"http.request.method": call.method, "url.path": call.path, "melihub.attempt": attempt},
            ) as span:
                response = await self.http.request(
                    call.method, call.path, params=call.params, json=call.json, headers=headers
                )
                span.set_attribute("http.response.status_code", response.status_code)
        except httpx.HTTPError as exc:  # timeouts, connection errors, protocol errors
            await self.breaker.record_failure(call.account, call.family)
            self._log(call, attempt, None, started, waited, failure=type(exc).__name__)
            raise _TransportFailure(exc) from None
        if response.status_code >= 500:
            await self.breaker.record_failure(call.account, call.family)
        elif response.status_code != 429 and breaker_history:
            await self.breaker.record_success(call.account, call.family)
        self._log(call, attempt, response.status_code, started, waited)
        return response

    async def _backoff(self, call: _Call, attempt: int, retry_after: float | None) -> None:
        if retry_after is not None:
            delay = retry_after + random.uniform(0, 0.05)
        else:
            cap = min(self.config.backoff_cap_s, self.config.backoff_base_s * 2**attempt)
            delay = random.uniform(0, cap)  # full jitter
        log.debug(
            "meli.retry",
            family=call.family,
            method=call.method,
            attempt=attempt + 1,
            delay_s=round(delay, 3),
            retry_after=retry_after,
        )
        await asyncio.sleep(delay)

    @staticmethod
    def _log(
        call: _Call, attempt: int, status: int | None, started: float, waited: float, failure: str | None = None
    ) -> None:
        metrics.record_meli_call(call.family, call.method, status, time.monotonic() - started, waited)
        log.info(
            "meli.request",
            family=call.family,
            method=call.method,
            path=call.path,
            status=status,
            latency_ms=round((time.monotonic() - started) * 1000, 1),
            attempt=attempt,
            account=call.account.id,
            rate_wait_ms=round(waited * 1000, 1),
            failure=failure,
        )
