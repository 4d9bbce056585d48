"""Wiring of the Mercado Livre client into a process's services (API and workers alike)."""

from __future__ import annotations

from melihub.connections.models import MeliAccount
from melihub.connections.tokens import DatabaseTokenStore, account_ref
from melihub.meli.client import MeliClient
from melihub.meli.config import MeliClientConfig
from melihub.meli.connector import MeliConnector
from melihub.runtime import Services


def install_meli(services: Services, config: MeliClientConfig | None = None) -> MeliClient:
    if "meli" in services.extras:
        client: MeliClient = services.extras["meli"]
        return client
    store = DatabaseTokenStore(services.db, services.keyring, services.redis)
    client = MeliClient(
        config or MeliClientConfig.from_settings(services.settings), redis=services.redis, token_store=store
    )
    services.extras["meli"] = client

    def connector_for(account: MeliAccount) -> MeliConnector:
        return MeliConnector(client, account_ref(account))

    services.extras["connector_factory"] = connector_for
    return client
