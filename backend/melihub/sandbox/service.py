"""The sandbox's state and its request pipeline: faults -> rate limit -> bearer token -> handler."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from melihub.meli.families import ITEMS, family_of
from melihub.sandbox.core import ParamError, SandboxConfig, Stats, bad_request, forbidden, ml_json, not_found
from melihub.sandbox.faults import Faults, RateLimiter
from melihub.sandbox.mutations import Invalid, bump
from melihub.sandbox.notifier import Notifier
from melihub.sandbox.oauth import OAuthServer
from melihub.sandbox.search import ScrollRegistry
from melihub.sandbox.world import Raw, World

HOLD_STEP_S = 0.01  # how often a held item write looks at write_delay_ms again


@dataclass(frozen=True)
class Caller:
    """The seller (and application) a valid access token belongs to."""

    user_id: int
    client_id: str


# The caller of a public resource asked without a token (``api(..., public=True)``).
ANONYMOUS = Caller(0, "anonymous")
Handler = Callable[[Request, Caller], Awaitable[Response]]
PlainHandler = Callable[[Request], Awaitable[Response]]


class Sandbox:
    """Everything the sandbox process holds in memory."""

    def __init__(self, world: World, config: SandboxConfig | None = None) -> None:
        self.world = world
        self.config = config or SandboxConfig()
        self.stats = Stats()
        self.faults = Faults()
        self.limiter = RateLimiter(self.config.rate_limit_per_s)
        self.item_writes = RateLimiter(self.config.item_write_rate_per_s)
        self.oauth = OAuthServer(world, self.config, self.stats)
        self.notifier = Notifier(world, self.config, self.stats)
        self.scrolls = ScrollRegistry(self.config)
        self.writing: set[str] = set()  # items with a PUT in progress

    # ---- world changes -----------------------------------------------------------------------

    def notify(self, kind: str, key: str, *, user_id: int | None = None) -> bool:
        pointer = self.world.resource_path(kind, key)
        seller = user_id or self.world.seller_of(kind, key)
        if pointer is None or seller is None:
            return False
        return self.notifier.notify(seller, pointer[0], pointer[1]) is not None

    def store(self, kind: str, key: str, raw: Raw, *, notify: bool = True) -> bool:
        """Save a changed resource: bump its last-updated stamp, then notify its seller (``True`` if sent)."""
        bump(kind, raw)
        self.world.put(kind, key, raw)
        return self.notify(kind, key) if notify else False

    def configure(self, values: dict[str, object]) -> None:
        self.config.update(values)
        if "rate_limit_per_s" in values:
            self.limiter.configure(self.config.rate_limit_per_s)
        if "item_write_rate_per_s" in values:
            self.item_writes.configure(self.config.item_write_rate_per_s)

    # ---- the pipeline ------------------------------------------------------------------------

    async def handle(
        self, request: Request, template: str, handler: Handler | PlainHandler, auth: bool, *, public: bool = False
    ) -> Response:
        started = time.time()
        await request.body()  # read first: waiting for a disconnect must not swallow the body
        grant = self.oauth.lookup(request)
        response = await self._run(request, template, handler, auth, public)
        client_id = getattr(request.state, "client_id", None) or (grant.client_id if grant else None)
        user_id = grant.user_id if grant else getattr(request.state, "user_id", None)
        self.stats.record(
            started,
            request.method,
            template,
            request.url.path,
            response.status_code,
            client_id,
            user_id,
            query=request.url.query,
            body=await _json_body(request),
        )
        return response

    async def _run(
        self, request: Request, template: str, handler: Handler | PlainHandler, auth: bool, public: bool = False
    ) -> Response:
        if template != "/authorization":
            faulted = await self.faults.apply(family_of(request.url.path), request.is_disconnected)
            if faulted is not None:
                return faulted
        try:
            if not auth:
                return await handler(request)  # type: ignore[call-arg]
            grant = self.oauth.lookup(request)
            client = grant.client_id if grant else "anonymous"
            wait = self.limiter.take(client)
            if wait is None and request.method in WRITES and family_of(request.url.path) == ITEMS:
                wait = self.item_writes.take(client)
            if wait is not None:
                return self.limiter.throttled(wait)
            if public and "authorization" not in request.headers:
                return await handler(request, ANONYMOUS)  # type: ignore[call-arg]
            if grant is None or not self.oauth.valid(grant):
                return self.oauth.unauthorized()
            return await handler(request, Caller(grant.user_id, grant.client_id))  # type: ignore[call-arg]
        except ParamError as exc:
            return bad_request(str(exc))
        except Invalid as exc:
            return ml_json(exc.body, 400)

    async def hold_item(self, item_id: str) -> bool:
        """Mark ``item_id`` as being written for ``write_delay_ms``; ``False`` if already being written.

        The hold follows the knob as it is *now*, so a test can end a long hold at the moment it
        chooses (by lowering ``write_delay_ms``) instead of racing a timer.
        """
        if item_id in self.writing:
            return False
        self.writing.add(item_id)
        started = time.monotonic()
        while (left := self.config.write_delay_ms / 1000 - (time.monotonic() - started)) > 0:
            await asyncio.sleep(min(left, HOLD_STEP_S))
        return True


WRITES = frozenset({"PUT", "POST", "DELETE"})


async def _json_body(request: Request) -> Any:
    """The JSON body of a write, for the call log (form bodies, e.g. OAuth's with its secrets, are not kept)."""
    if request.method not in WRITES or "json" not in request.headers.get("content-type", ""):
        return None
    try:
        return json.loads(await request.body())
    except ValueError:
        return None


def api(method: str, template: str, handler: Handler, *, auth: bool = True, public: bool = False) -> Route:
    """A route of the ML API, recorded in stats as ``"<METHOD> <template>"``.

    ``public``: a resource ML serves without a token too (categories): asked without an
    ``Authorization`` header it is answered for :data:`ANONYMOUS`; a bearer sent is checked as anywhere.
    """

    async def endpoint(request: Request) -> Response:
        sandbox: Sandbox = request.app.state.sandbox
        return await sandbox.handle(request, template, handler, auth, public=public)

    return Route(template, endpoint, methods=[method], name=f"{method} {template}")


def plain(method: str, template: str, handler: PlainHandler) -> Route:
    """A recorded route without bearer token (OAuth endpoints)."""

    async def endpoint(request: Request) -> Response:
        sandbox: Sandbox = request.app.state.sandbox
        return await sandbox.handle(request, template, handler, False)

    return Route(template, endpoint, methods=[method], name=f"{method} {template}")


def sandbox_of(request: Request) -> Sandbox:
    sandbox: Sandbox = request.app.state.sandbox
    return sandbox


def owned(sandbox: Sandbox, kind: str, key: str, caller: Caller, missing: str) -> Raw | Response:
    """The resource, or ML's 404 when it does not exist and 403 when the caller's seller does not own it."""
    raw = sandbox.world.get(kind, key)
    if raw is None:
        return not_found(missing)
    if sandbox.world.owner(kind, raw) != caller.user_id:
        return forbidden()
    return raw


def answer(found: Raw | Response) -> Response:
    return found if isinstance(found, Response) else ml_json(found)
