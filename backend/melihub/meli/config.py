"""Configuration of the Mercado Livre client (built from :class:`melihub.config.Settings`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from melihub.config import Settings

DEFAULT_API_URL = "https://api.mercadolibre.com"

# Reference §1: the auth domain of each site (the authorize page is <domain>/authorization).
AUTH_DOMAINS: dict[str, str] = {
    "MLB": "https://auth.mercadolivre.com.br",
    "MLA": "https://auth.mercadolibre.com.ar",
    "MLM": "https://auth.mercadolibre.com.mx",
    "MLC": "https://auth.mercadolibre.cl",
    "MCO": "https://auth.mercadolibre.com.co",
    "MLU": "https://auth.mercadolibre.com.uy",
    "MPE": "https://auth.mercadolibre.com.pe",
    "MLV": "https://auth.mercadolibre.com.ve",
    "MEC": "https://auth.mercadolibre.com.ec",
    "MBO": "https://auth.mercadolibre.com.bo",
    "MPA": "https://auth.mercadolibre.com.pa",
    "MCR": "https://auth.mercadolibre.co.cr",
    "MRD": "https://auth.mercadolibre.com.do",
    "MGT": "https://auth.mercadolibre.com.gt",
    "MHN": "https://auth.mercadolibre.com.hn",
    "MNI": "https://auth.mercadolibre.com.ni",
    "MSV": "https://auth.mercadolibre.com.sv",
    "MPY": "https://auth.mercadolibre.com.py",
    "MCU": "https://auth.mercadolibre.com.cu",
}

# Per endpoint-family budgets (req/s) applied on top of the application and seller budgets.
# ML does not publish numbers; these follow integrator reports (reference §11, unsure).
DEFAULT_FAMILY_RATES: dict[str, float] = {"messages": 500 / 60}
# Writes (PUT/POST/DELETE) of a family take a slot of its write budget too. Integrators report being
# throttled around 5-7 item writes a second per application (reference §11, unsure): 5 keeps below it.
DEFAULT_WRITE_RATES: dict[str, float] = {"items": 5.0}


@dataclass(frozen=True)
class AppCredentials:
    """A Mercado Livre application other than the process's own (a company may bring one)."""

    client_id: str
    client_secret: str = field(repr=False)


@dataclass(frozen=True)
class MeliClientConfig:
    """Everything the client needs; no field is read from the environment directly."""

    client_id: str
    client_secret: str = field(repr=False)
    api_url: str = DEFAULT_API_URL
    redirect_uri: str = ""
    # One authorize base URL for every site (sandbox/dev); ``auth_urls`` overrides per site.
    auth_url: str | None = None
    auth_urls: dict[str, str] = field(default_factory=dict)

    timeout_s: float = 5.0
    max_retries: int = 3
    backoff_base_s: float = 0.5
    backoff_cap_s: float = 8.0
    retry_after_max_s: float = 60.0  # a longer Retry-After is surfaced as RateLimited, not slept
    retry_unsafe_methods: bool = False  # POST is retried only when the request surely was not sent

    app_rate_per_s: float = 10.0
    seller_rate_per_s: float = 5.0
    family_rates: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_FAMILY_RATES))
    write_rates: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WRITE_RATES))
    rate_margin_ms: int = 60  # added to every window: absorbs network jitter between Redis and ML
    rate_jitter_ms: int = 10
    rate_max_wait_s: float = 60.0

    breaker_failures: int = 5
    breaker_cooldown_s: float = 30.0
    breaker_trial_timeout_s: float = 15.0  # a half-open trial that never reports back is given up

    refresh_lock_ttl_s: float = 20.0
    refresh_wait_s: float = 15.0
    token_expiry_skew_s: float = 60.0  # a token this close to expiry is refreshed before use

    key_prefix: str = "meli"
    user_agent: str = "melihub/0.1"

    @property
    def credentials(self) -> AppCredentials:
        return AppCredentials(self.client_id, self.client_secret)

    @property
    def token_url(self) -> str:
        return f"{self.api_url.rstrip('/')}/oauth/token"

    def authorize_base(self, site_id: str) -> str:
        """Base URL of the authorize page for ``site_id`` (per-site override > global > table)."""
        site = site_id.upper()
        base = self.auth_urls.get(site) or self.auth_url or AUTH_DOMAINS.get(site)
        if not base:
            raise ValueError(f"unknown Mercado Livre site {site_id!r}")
        return base.rstrip("/")

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: object) -> MeliClientConfig:
        from melihub.config import Environment

        values: dict[str, object] = {
            "client_id": settings.meli_client_id,
            "client_secret": settings.meli_client_secret.get_secret_value(),
            "api_url": settings.meli_api_url or DEFAULT_API_URL,
            "redirect_uri": settings.meli_redirect_uri,
            # Outside production the single MELIHUB_MELI_AUTH_URL replaces every site's domain.
            "auth_url": None if settings.env is Environment.PRODUCTION else (settings.meli_auth_url or None),
            "timeout_s": settings.meli_timeout_s,
            "max_retries": settings.meli_max_retries,
            "app_rate_per_s": settings.meli_app_rate_per_s,
            "seller_rate_per_s": settings.meli_seller_rate_per_s,
            "family_rates": settings.meli_family_rate_map,
            "write_rates": settings.meli_write_rate_map,
            "breaker_failures": settings.meli_breaker_failures,
            "breaker_cooldown_s": settings.meli_breaker_cooldown_s,
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]
