"""The schema root: each domain contributes its Query/Mutation/Subscription fields."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from melihub.accounts.graphql.queries import AccountsQuery
from melihub.accounts.graphql.schema import AccountsMutation
from melihub.accounts.principal import AuthError
from melihub.catalog.graphql.queries import CatalogQuery
from melihub.catalog.graphql.subscriptions import CatalogSubscription
from melihub.connections.graphql.queries import ConnectionsQuery
from melihub.connections.graphql.schema import ConnectionsMutation, ConnectionsSubscription
from melihub.events.graphql.queries import EventsQuery
from melihub.events.graphql.schema import EventsMutation
from melihub.events.graphql.subscriptions import EventsSubscription
from melihub.graphql.errors import CodedMaskErrors
from melihub.observability import get_logger
from melihub.orders.graphql.queries import OrdersQuery
from melihub.orders.graphql.subscriptions import OrdersSubscription
from melihub.questions.graphql.queries import QuestionsQuery
from melihub.questions.graphql.subscriptions import QuestionsSubscription
from melihub.shipments.graphql.queries import ShipmentsQuery
from melihub.shipments.graphql.subscriptions import ShipmentsSubscription

log = get_logger("melihub.graphql")


@strawberry.type(description="Everything a tenant can read.")
class Query(AccountsQuery, ConnectionsQuery, EventsQuery, CatalogQuery, OrdersQuery, ShipmentsQuery, QuestionsQuery):
    pass


@strawberry.type(description="Everything a tenant can change; input problems come back in `errors`.")
class Mutation(AccountsMutation, ConnectionsMutation, EventsMutation):
    pass


@strawberry.type(description="Live changes of the caller's tenant (graphql-ws or graphql-transport-ws).")
class Subscription(
    ConnectionsSubscription,
    EventsSubscription,
    CatalogSubscription,
    OrdersSubscription,
    ShipmentsSubscription,
    QuestionsSubscription,
):
    pass


class MelihubSchema(strawberry.Schema):
    """Logs unexpected errors with their traceback; expected ones (auth, input) at info, briefly."""

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        for error in errors:
            original = error.original_error
            if original is None or isinstance(original, GraphQLError | AuthError):
                log.info("graphql.error", message=error.message, code=(error.extensions or {}).get("code"))
            else:
                log.error("graphql.unexpected_error", exc_info=original, path=error.path)


def build_schema() -> strawberry.Schema:
    return MelihubSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=[
            CodedMaskErrors,
            lambda: QueryDepthLimiter(max_depth=12),
            lambda: MaxTokensLimiter(max_token_count=5000),
            lambda: MaxAliasesLimiter(max_alias_count=50),
        ],
        config=StrawberryConfig(auto_camel_case=True),
    )


schema = build_schema()


def schema_sdl() -> str:
    return schema.as_str() + "\n"
