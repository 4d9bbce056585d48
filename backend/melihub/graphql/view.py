"""The /graphql ASGI endpoint: HTTP (GraphiQL in browsers) and both WebSocket protocols."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL

from melihub.accounts.auth import resolve_principal
from melihub.accounts.principal import AuthError
from melihub.graphql import body
from melihub.graphql.context import Context
from melihub.graphql.schema import schema
from melihub.runtime import Services


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
            return await super().execute_operation(
                request, request_adapter, request_data, context, root_value, sub_response
            )
        finally:
            await context.close()  # the request's shared read transaction ends with its operation

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
