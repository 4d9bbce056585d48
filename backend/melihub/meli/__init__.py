"""Mercado Livre API client: OAuth, tokens, shared rate limits, circuit breakers, typed resources.

Construction (one client per process, shared by every account)::

    config = MeliClientConfig.from_settings(get_settings())
    client = MeliClient(config, redis=redis, token_store=store)
    item = await client.get_item(AccountRef(id, ml_user_id, "MLB"), "MLB3012345601")
"""

from melihub.meli.billing import BillingIdentity, parse_billing_identity
from melihub.meli.breaker import BreakerState, BreakerStatus, CircuitBreaker
from melihub.meli.client import MeliClient, format_ml_datetime
from melihub.meli.config import MeliClientConfig
from melihub.meli.connector import Fetched, MarketplaceConnector, MeliConnector, meli_connector
from melihub.meli.errors import (
    CircuitOpen,
    Conflict,
    Forbidden,
    InvalidClient,
    InvalidGrant,
    MeliError,
    NotFound,
    RateLimited,
    ReauthRequired,
    Unauthorized,
    Unavailable,
    ValidationError,
)
from melihub.meli.families import family_of
from melihub.meli.oauth import AuthorizationRequest, MeliOAuth
from melihub.meli.pipeline import MeliResponse
from melihub.meli.ratelimit import RateLimiter
from melihub.meli.tokens import AccountRef, TokenPair, TokenRefresher, TokenStore

__all__ = [
    "AccountRef",
    "AuthorizationRequest",
    "BillingIdentity",
    "BreakerState",
    "BreakerStatus",
    "CircuitBreaker",
    "CircuitOpen",
    "Conflict",
    "Fetched",
    "Forbidden",
    "InvalidClient",
    "InvalidGrant",
    "MarketplaceConnector",
    "MeliClient",
    "MeliClientConfig",
    "MeliConnector",
    "MeliError",
    "MeliOAuth",
    "MeliResponse",
    "NotFound",
    "RateLimited",
    "RateLimiter",
    "ReauthRequired",
    "TokenPair",
    "TokenRefresher",
    "TokenStore",
    "Unauthorized",
    "Unavailable",
    "ValidationError",
    "family_of",
    "format_ml_datetime",
    "meli_connector",
    "parse_billing_identity",
]
