"""One typed configuration for every melihub process.

Values come from the environment (prefix ``MELIHUB_``, plus the conventional ``DATABASE_URL`` and
``REDIS_URL``) or a ``.env`` file. In production the settings refuse placeholder secrets, naming
the variable, so a half-configured deployment never starts.
"""

from __future__ import annotations

import base64
import functools
import ipaddress
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Development defaults: deterministic so a newcomer's demo data survives restarts, and
# recognisable so production refuses them.
DEV_JWT_SECRET = "dev-insecure-jwt-secret-change-me"
DEV_TOKEN_KEY = "dev:" + base64.urlsafe_b64encode(b"melihub-dev-key-do-not-use-in-prod"[:32]).decode()
PLACEHOLDERS = {"", "changeme", "change-me", DEV_JWT_SECRET, DEV_TOKEN_KEY}


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class ConfigError(ValueError):
    """Raised when configuration is invalid; the message names the variable to fix."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MELIHUB_", env_file=".env", extra="ignore", populate_by_name=True)

    env: Environment = Environment.DEVELOPMENT
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    public_url: str = ""
    data_dir: Path = Path(".melihub")
    # The built dashboard (``make frontend``: frontend/out), served at ``/``; unset: this checkout's build.
    frontend_dir: Path | None = None
    log_level: str = "INFO"
    log_json: bool = True
    # Tracing is off unless an OTLP/HTTP collector is named (docs/operations.md, "Logs and tracing").
    otel_endpoint: str | None = Field(
        default=None, validation_alias=AliasChoices("MELIHUB_OTEL_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT")
    )
    otel_service_name: str = "melihub"

    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "MELIHUB_DATABASE_URL")
    )
    # The role the application connects as: it owns nothing and is subject to row-level security.
    # Derived from DATABASE_URL (same server, user ``db_app_user``) when unset.
    database_app_url: str | None = None
    db_app_user: str = "melihub_app"
    db_app_password: SecretStr = SecretStr("melihub_app")
    db_pool_size: int = Field(default=10, ge=1)
    redis_url: str | None = Field(default=None, validation_alias=AliasChoices("REDIS_URL", "MELIHUB_REDIS_URL"))

    jwt_secret: SecretStr = SecretStr(DEV_JWT_SECRET)
    access_token_ttl_s: int = 15 * 60
    refresh_token_ttl_s: int = 30 * 24 * 3600
    cookie_secure: bool = False
    # Behind a reverse proxy that terminates TLS on another host (uvicorn itself trusts X-Forwarded-* only
    # from 127.0.0.1): take its X-Forwarded-Proto as the scheme, for HSTS. Only where no client reaches
    # the API around the proxy, or anyone could claim HTTPS.
    trust_proxy_headers: bool = False
    # Sign-in protection (docs/operations.md "Sign-in protection"), counted in Redis by every API process:
    # this many failures for one e-mail, or from one client address, within the window lock it out.
    signin_account_max_failures: int = Field(default=5, ge=1)
    signin_ip_max_failures: int = Field(default=20, ge=1)
    signin_failure_window_s: int = Field(default=15 * 60, ge=1)
    signin_lockout_s: int = Field(default=15 * 60, ge=1)
    # Key ring for tokens at rest: "id:base64key,id2:base64key2"; the first key encrypts new values.
    token_keys: Annotated[list[str], NoDecode] = Field(default_factory=lambda: [DEV_TOKEN_KEY])

    meli_api_url: str = ""
    meli_auth_url: str = ""
    meli_client_id: str = "5503910054141466"
    meli_client_secret: SecretStr = SecretStr("sandbox-secret")
    meli_timeout_s: float = 5.0
    meli_max_retries: int = 3
    meli_app_rate_per_s: float = 10.0
    meli_seller_rate_per_s: float = 5.0
    # Per endpoint family, on top of the app's and seller's: "messages:8.33,items:20" (reference §9, §11: unsure).
    meli_family_rates: Annotated[list[str], NoDecode] = Field(default_factory=lambda: ["messages:8.333"])
    # Write budgets per family, on top of every read budget: "items:5" (reference §11: 5-7 item writes/s, unsure).
    meli_write_rates: Annotated[list[str], NoDecode] = Field(default_factory=lambda: ["items:5"])
    meli_breaker_failures: int = 5
    meli_breaker_cooldown_s: float = 30.0

    # Transient failures are retried after these delays, then the event is failed (dead letter).
    event_retry_delays_s: Annotated[list[float], NoDecode] = Field(default_factory=lambda: [30.0, 120.0, 600.0])
    # A job runs at most this long; an event "processing" for longer was abandoned by a dead worker.
    worker_job_timeout_s: int = 120
    event_sweep_grace_s: int = 5

    # Sync (docs/sync.md): history on link, incremental catch-up, how hard it may pull.
    sync_backfill_days: int = Field(default=30, ge=1, le=365)
    sync_incremental_every_s: int = Field(default=600, ge=10)
    sync_overlap_s: int = Field(default=300, ge=0)
    sync_relink_gap_s: int = Field(default=86400, ge=0)  # relinked after a longer gap: backfill the gap
    sync_order_window_days: float = Field(default=30.0, gt=0)
    # What offset paging of /orders/search reaches (unsure in the reference; the sandbox's default).
    sync_order_search_max_offset: int = Field(default=1000, ge=50)
    sync_listings_every_s: int = Field(default=21600, ge=60)
    sync_messages_days: int = Field(default=14, ge=0)
    sync_units_in_parallel: int = Field(default=6, ge=1)
    sync_requests_in_flight: int = Field(default=16, ge=1)
    sync_attempts: int = Field(default=6, ge=1)  # per request, on top of the client's own retries

    webhook_max_body_bytes: int = 64 * 1024

    # GraphQL limits (docs/graphql.md "Limits"): an operation costing more is refused before it runs;
    # every caller has a leaky bucket of cost points in Redis, shared by all API processes.
    graphql_max_cost: int = Field(default=1000, ge=1)
    graphql_bucket_capacity: int = Field(default=1000, ge=1)
    graphql_bucket_restore_per_s: float = Field(default=50.0, gt=0)
    graphql_max_body_bytes: int = Field(default=1024 * 1024, ge=1)
    webhook_ip_allowlist: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Pages on other origins allowed to open the GraphQL WebSocket (the dashboard's `npm run dev`, e.g.
    # http://127.0.0.1:3000); the served dashboard is same-origin and needs none.
    dev_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    webhook_hmac_secret: SecretStr | None = None
    # /metrics (docs/operations.md "Monitoring"): served to these client addresses, or to a bearer of the
    # token; the processes of one machine share the folder (under the data dir unless set).
    metrics_token: SecretStr | None = None
    metrics_allow: Annotated[list[str], NoDecode] = Field(default_factory=lambda: ["127.0.0.1/32", "::1/128"])
    metrics_dir: Path | None = None

    # The LLM review of listings (docs/insights.md): any OpenAI-compatible server; unset, the review is off
    # (analyzeListing answers LLM_NOT_CONFIGURED) and the rules' score works alone.
    openai_base_url: str | None = None
    openai_api_key: SecretStr | None = None
    openai_model: str = "gpt-4o-mini"
    openai_timeout_s: float = Field(default=60.0, gt=0)
    openai_max_tokens: int = Field(default=900, ge=16)
    # Tokens (prompt + completion) a company may spend on reviews per calendar month (UTC), unless its
    # own budget (setAiTokenBudget) says otherwise; 0 turns the review off for it.
    ai_monthly_token_budget: int = Field(default=200_000, ge=0)
    # What a review's cost estimate counts per million tokens, in USD (the default: a small hosted model).
    ai_usd_per_million_prompt_tokens: float = Field(default=0.15, ge=0)
    ai_usd_per_million_completion_tokens: float = Field(default=0.60, ge=0)

    # Pickup-ready notifications (docs/operations.md); a channel left unset is unavailable, and a
    # company's own settings replace these. The SMTP URL carries the password, hence a secret.
    smtp_url: SecretStr | None = None  # smtp://user:pass@host:port, smtps:// for implicit TLS
    smtp_from: str = ""
    sms_url: str = ""
    sms_token: SecretStr | None = None
    whatsapp_url: str = ""
    whatsapp_token: SecretStr | None = None
    # How long a try may hold a notification before another may take it (a worker killed mid-send).
    hub_notification_lease_s: int = Field(default=120, ge=1, le=3600)

    # Outbound webhooks for integrators (docs/webhooks.md). Outside production http:// and private or
    # loopback addresses are accepted (local receivers); in production only https:// to public addresses,
    # unless the private-address switch is turned on (a receiver inside the company's own network).
    outbound_webhook_allow_private: bool = False
    outbound_webhook_timeout_s: float = Field(default=10.0, gt=0, le=60)
    # The waits after the 1st, 2nd… failed try (±10 % jitter); the delivery fails after the last one.
    outbound_webhook_retry_delays_s: list[int] = Field(default_factory=lambda: [60, 300, 1800, 7200, 21600])
    # Failed tries in a row (any delivery) after which a subscription is disabled until re-enabled.
    outbound_webhook_disable_after: int = Field(default=50, ge=1)
    outbound_webhook_lease_s: int = Field(default=90, ge=1, le=3600)

    # OpenID Connect sign-in (docs/operations.md "SSO"): one identity provider for the deployment, signing in
    # existing members of the tenants named (slugs) by their verified e-mail. No issuer: SSO is off.
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: SecretStr | None = None  # unset: a public client (PKCE only)
    oidc_scopes: str = "openid email profile"
    oidc_tenants: Annotated[list[str], NoDecode] = Field(default_factory=list)
    oidc_provider_name: str = "SSO"  # the login button's label: "Entrar com <name>"
    # Some providers (Entra ID) send no email_verified claim; only turn this off for one that verifies e-mails.
    oidc_require_verified_email: bool = True

    @field_validator("meli_family_rates", "meli_write_rates")
    @classmethod
    def _family_rates_read(cls, value: list[str]) -> list[str]:
        for part in value:
            family, _, rate = part.partition(":")
            try:
                valid = bool(family) and float(rate) > 0
            except ValueError:
                valid = False
            if not valid:
                raise ValueError(f"a family rate is family:requests_per_second, got {part!r}")
        return value

    @property
    def meli_family_rate_map(self) -> dict[str, float]:
        return {part.partition(":")[0]: float(part.partition(":")[2]) for part in self.meli_family_rates}

    @property
    def meli_write_rate_map(self) -> dict[str, float]:
        return {part.partition(":")[0]: float(part.partition(":")[2]) for part in self.meli_write_rates}

    @field_validator(
        "token_keys",
        "webhook_ip_allowlist",
        "event_retry_delays_s",
        "outbound_webhook_retry_delays_s",
        "meli_family_rates",
        "meli_write_rates",
        "dev_origins",
        "metrics_allow",
        "oidc_tenants",
        mode="before",
    )
    @classmethod
    def _split_csv(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @model_validator(mode="after")
    def _refuse_placeholders_in_production(self) -> Settings:
        if self.env is not Environment.PRODUCTION:
            return self
        required = {
            "MELIHUB_JWT_SECRET": self.jwt_secret.get_secret_value(),
            "MELIHUB_TOKEN_KEYS": ",".join(self.token_keys) if self.token_keys else "",
            "MELIHUB_MELI_CLIENT_SECRET": self.meli_client_secret.get_secret_value(),
            "MELIHUB_DB_APP_PASSWORD": self.db_app_password.get_secret_value(),
            "MELIHUB_PUBLIC_URL": self.public_url,
            "DATABASE_URL": self.database_url or "",
            "REDIS_URL": self.redis_url or "",
        }
        for name, value in required.items():
            if value in PLACEHOLDERS or DEV_TOKEN_KEY in value or value == "melihub_app":
                raise ConfigError(f"{name} must be set to a real secret/value when MELIHUB_ENV=production")
        if len(self.jwt_secret.get_secret_value()) < 32:
            raise ConfigError("MELIHUB_JWT_SECRET must be at least 32 characters in production")
        if self.meli_client_secret.get_secret_value() == "sandbox-secret":
            raise ConfigError("MELIHUB_MELI_CLIENT_SECRET must be set when MELIHUB_ENV=production")
        if self.oidc_issuer and not self.oidc_issuer.startswith("https://"):
            raise ConfigError("MELIHUB_OIDC_ISSUER must be an https:// URL when MELIHUB_ENV=production")
        return self

    @field_validator("metrics_allow")
    @classmethod
    def _metrics_allow_read(cls, value: list[str]) -> list[str]:
        for cidr in value:
            try:
                ipaddress.ip_network(cidr, strict=False)
            except ValueError:
                raise ValueError(f"MELIHUB_METRICS_ALLOW takes addresses or CIDRs, got {cidr!r}") from None
        return value

    @property
    def metrics_folder(self) -> Path:
        return self.metrics_dir or self.data_dir / "metrics"

    @property
    def event_stale_processing_s(self) -> int:
        return self.worker_job_timeout_s + 5

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def meli_redirect_uri(self) -> str:
        return f"{self.base_url}/oauth/meli/callback"

    @property
    def oidc_redirect_uri(self) -> str:
        return f"{self.base_url}/auth/oidc/callback"


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests call ``get_settings.cache_clear()`` after changing env."""
    return Settings()


def is_test_run() -> bool:
    return os.environ.get("MELIHUB_ENV") == Environment.TEST
