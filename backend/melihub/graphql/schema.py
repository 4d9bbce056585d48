"""The schema root: each domain contributes its Query/Mutation/Subscription fields."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from melihub.accounts.graphql.schema import AccountsMutation, AccountsQuery
from melihub.accounts.principal import AuthError
from melihub.audit.graphql.schema import AuditQuery
from melihub.buyers.graphql.schema import BuyersQuery
from melihub.catalog.graphql.schema import CatalogMutation, CatalogQuery, CatalogSubscription
from melihub.claims.graphql.schema import ClaimsQuery, ClaimsSubscription
from melihub.connections.graphql.schema import ConnectionsMutation, ConnectionsQuery, ConnectionsSubscription
from melihub.events.graphql.schema import EventsMutation, EventsQuery, EventsSubscription
from melihub.exports.graphql.schema import ExportsMutation, ExportsQuery, ExportsSubscription
from melihub.floor.graphql.schema import FloorQuery
from melihub.fulfilment.graphql.schema import FulfilmentMutation, FulfilmentQuery
from melihub.graphql.depth import QueryDepthLimiterSafe
from melihub.graphql.documents import DocumentCache
from melihub.graphql.errors import CodedMaskErrors
from melihub.graphql.introspection import INTROSPECTION_RULES
from melihub.graphql.limits import CostLimiter
from melihub.graphql.node import NodeQuery
from melihub.graphql.text import NulRefusal
from melihub.hub.graphql.schema import HubMutation, HubQuery, HubSubscription
from melihub.insights.graphql.schema import InsightsMutation, InsightsQuery
from melihub.integrator_webhooks.graphql.schema import IntegratorWebhooksMutation, IntegratorWebhooksQuery
from melihub.kpis.graphql.schema import KpisQuery
from melihub.messages.graphql.schema import MessagesMutation, MessagesQuery, MessagesSubscription
from melihub.observability import get_logger
from melihub.orders.graphql.schema import OrdersQuery, OrdersSubscription
from melihub.privacy.graphql.schema import PrivacyMutation, PrivacyQuery
from melihub.questions.graphql.schema import QuestionsMutation, QuestionsQuery, QuestionsSubscription
from melihub.shipments.graphql.schema import ShipmentsQuery, ShipmentsSubscription
from melihub.sync.graphql.schema import SyncMutation, SyncQuery, SyncSubscription

log = get_logger("melihub.graphql")


@strawberry.type(description="Everything a tenant can read.")
class Query(
    NodeQuery,
    AccountsQuery,
    ConnectionsQuery,
    EventsQuery,
    CatalogQuery,
    OrdersQuery,
    ShipmentsQuery,
    FulfilmentQuery,
    QuestionsQuery,
    MessagesQuery,
    ClaimsQuery,
    AuditQuery,
    SyncQuery,
    FloorQuery,
    ExportsQuery,
    KpisQuery,
    BuyersQuery,
    HubQuery,
    InsightsQuery,
    IntegratorWebhooksQuery,
    PrivacyQuery,
):
    pass


@strawberry.type(description="Everything a tenant can change; input problems come back in `errors`.")
class Mutation(
    AccountsMutation,
    ConnectionsMutation,
    EventsMutation,
    SyncMutation,
    QuestionsMutation,
    MessagesMutation,
    FulfilmentMutation,
    CatalogMutation,
    ExportsMutation,
    HubMutation,
    InsightsMutation,
    IntegratorWebhooksMutation,
    PrivacyMutation,
):
    pass


@strawberry.type(description="Live changes of the caller's tenant (graphql-ws or graphql-transport-ws).")
class Subscription(
    ConnectionsSubscription,
    EventsSubscription,
    CatalogSubscription,
    OrdersSubscription,
    ShipmentsSubscription,
    QuestionsSubscription,
    MessagesSubscription,
    ClaimsSubscription,
    SyncSubscription,
    ExportsSubscription,
    HubSubscription,
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


# Built once: the limiters' rules are classes strawberry makes per instance, and the validation cache below
# only hits when every request validates with the very same rules. A dashboard or integrator sends the
# same few documents again and again: parsing (DocumentCache) and validating each once saves ≈ 1.6 ms a
# request and most of the garbage the cycle collector had to chase.
VALIDATION_RULES = [
    *QueryDepthLimiterSafe(max_depth=12).validation_rules,
    *MaxAliasesLimiter(max_alias_count=50).validation_rules,
    *INTROSPECTION_RULES,
]
DOCUMENT_CACHE_SIZE = 512


def build_schema() -> strawberry.Schema:
    return MelihubSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=[
            CodedMaskErrors,
            lambda: MaxTokensLimiter(max_token_count=5000),
            DocumentCache,
            lambda: AddValidationRules(VALIDATION_RULES),
            lambda: ValidationCache(maxsize=DOCUMENT_CACHE_SIZE),
            NulRefusal,
            CostLimiter,
        ],
        config=StrawberryConfig(auto_camel_case=True),
    )


schema = build_schema()


def schema_sdl() -> str:
    return schema.as_str() + "\n"
