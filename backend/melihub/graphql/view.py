"""The /graphql ASGI endpoint: HTTP (GraphiQL in browsers) and both WebSocket protocols."""

from __future__ import annotations

import time
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL
from strawberry.types import ExecutionResult

from melihub import metrics
from melihub.accounts.auth import resolve_principal
from melihub.accounts.principal import AuthError
from melihub.graphql import body
from melihub.graphql.context import Context
from melihub.graphql.errors import AppError
from melihub.graphql.schema import schema
from melihub.observability import bind_tenant
from melihub.runtime import Services
from melihub.security.csrf import CSRF_CODE, CSRF_HEADER, CSRF_MESSAGE, csrf_header_missing
from melihub.security.headers import inline_script_hashes, page_policy

# GraphiQL (a browser's GET /graphql) loads React and itself from this CDN, pinned by SRI hashes.
IDE_CDN = "https://unpkg.com"


class GuardedContext(Context):
    """A context that remembers why credentials were refused, to report it where auth is needed."""

    auth_error: AuthError | None = None

    def require(self, permission: Any = None) -> Any:
        if self.principal is None and self.auth_error is not None:
            raise self.auth_error
        return super().require(permission)


class MelihubGraphQL(GraphQL[Context, None]):
    def __init__(self, services: Services) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql",
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL),
            keep_alive=True,
            keep_alive_interval=15,
            allowed_origins=services.settings.dev_origins,
        )
        self.services = services
        self.ide_page = _ide_page_sending_csrf_header(self.graphql_ide_html)
        self.ide_scripts = inline_script_hashes(self.ide_page)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        limit = self.services.settings.graphql_max_body_bytes
        try:
            declared = body.declared_length(scope)
            if declared is not None and declared > limit:
                raise body.too_large(limit)
            await super().__call__(scope, body.limited(receive, limit), send)
        except body.RequestRefused as refused:  # raised while reading the body: nothing was sent yet
            await refused.response()(scope, receive, send)

    async def execute_operation(
        self,
        request: Request,
        request_adapter: Any,
        request_data: Any,
        context: Context,
        root_value: None,
        sub_response: Response,
    ) -> Any:
        try:
            if csrf_header_missing(request.headers, request.cookies) and _has_mutation(request_data):
                sub_response.status_code = 403  # refused before anything ran: no resolver saw the request
                return ExecutionResult(data=None, errors=[AppError(CSRF_MESSAGE, CSRF_CODE)])
            return await super().execute_operation(
                request, request_adapter, request_data, context, root_value, sub_response
            )
        finally:
            await context.close()  # the request's shared read transaction ends with its operation

    async def execute_single(self, **kwargs: Any) -> ExecutionResult:  # type: ignore[override]
        """Each operation (batched ones too) timed and counted by its name (bounded in melihub.metrics)."""
        started = time.perf_counter()
        failed = True
        try:
            result: ExecutionResult = await super().execute_single(**kwargs)
            failed = bool(result.errors)
            return result
        finally:
            metrics.record_operation(kwargs["request_data"].operation_name, failed, time.perf_counter() - started)

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL under a policy of its own: its one inline script by hash, its CDN, our socket."""
        policy = page_policy(
            request.scope, self.ide_scripts, script_hosts=[IDE_CDN], style_hosts=[IDE_CDN], font_hosts=[IDE_CDN]
        )
        return HTMLResponse(self.ide_page, headers={"content-security-policy": policy})

    def decode_json(self, data: str | bytes) -> object:
        return body.decode_json(data)

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket | None) -> Context:
        context = GuardedContext(
            request=request,
            response=response if isinstance(response, Response) else None,
            services=self.services,
            share_reads=isinstance(request, Request),
        )
        if isinstance(request, Request):
            try:
                context.principal = await resolve_principal(
                    db=self.services.db,
                    redis=self.services.redis,
                    settings=self.services.settings,
                    authorization=request.headers.get("authorization"),
                    cookies=request.cookies,
                )
            except AuthError as exc:
                context.auth_error = exc
            if context.principal is not None:
                bind_tenant(context.principal.tenant_id)
        return context

    async def on_ws_connect(self, context: Context) -> dict[str, object] | None:
        params = context.connection_params or {}
        authorization = params.get("authorization") or params.get("Authorization")
        if authorization is not None and not isinstance(authorization, str):
            raise ConnectionRejectionError({"message": "authorization must be a string"})
        try:
            principal = await resolve_principal(
                db=self.services.db,
                redis=self.services.redis,
                settings=self.services.settings,
                authorization=authorization or context.request.headers.get("authorization"),
                cookies=context.request.cookies,
            )
        except AuthError as exc:
            raise ConnectionRejectionError({"message": str(exc), "code": exc.code}) from None
        if principal is None:
            raise ConnectionRejectionError({"message": "credentials required", "code": "UNAUTHENTICATED"})
        context.principal = principal
        return None


def _has_mutation(request_data: Any) -> bool:
    """Whether any document of the request defines a mutation, whichever operation it names: a request
    the CSRF check refuses is one a browser's cookie would otherwise carry, so it errs on refusing."""
    for item in request_data if isinstance(request_data, list) else [request_data]:
        try:
            document = parse(item.query or "")
        except GraphQLError:
            continue  # strawberry reports the syntax error; nothing runs
        if any(
            isinstance(node, OperationDefinitionNode) and node.operation is OperationType.MUTATION
            for node in document.definitions
        ):
            return True
    return False


def _ide_page_sending_csrf_header(page: str) -> str:
    """GraphiQL rides on the session cookie, so its requests carry the CSRF header like the dashboard's.

    Were strawberry's page to change shape, GraphiQL would still load; its mutations would then need the
    header typed into its Headers panel.
    """
    default = "const defaultHeaders = {};"
    if page.count(default) != 1:
        return page
    return page.replace(default, f'const defaultHeaders = {{"{CSRF_HEADER}": "1"}};')
