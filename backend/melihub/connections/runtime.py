"""Wiring of the Mercado Livre client into a process's services (API and workers alike)."""

from __future__ import annotations

from melihub.connections.models import MeliAccount
from melihub.connections.notes import AccountNotes
from melihub.connections.tokens import DatabaseTokenStore, account_ref
from melihub.meli.client import MeliClient
from melihub.meli.config import MeliClientConfig
from melihub.meli.connector import MeliConnector
from melihub.runtime import Services


def install_meli(services: Services, notes: AccountNotes, config: MeliClientConfig | None = None) -> MeliClient:
    """Create the process's one client (idempotent); ``notes`` writes account notes on the timeline."""
    if services.meli is not None:
        return services.meli
    services.account_notes = notes
    store = DatabaseTokenStore(services.db, services.keyring, services.redis, notes)
    client = MeliClient(
        config or MeliClientConfig.from_settings(services.settings), redis=services.redis, token_store=store
    )
    services.meli = client

    def connector_for(account: MeliAccount) -> MeliConnector:
        return MeliConnector(client, account_ref(account))

    services.connector_factory = connector_for
    return client


def meli_client(services: Services) -> MeliClient:
    if services.meli is None:
        raise RuntimeError("no Mercado Livre client: call connections.runtime.install_meli at start-up")
    return services.meli


def account_notes(services: Services) -> AccountNotes:
    if services.account_notes is None:
        raise RuntimeError("no timeline writer: call connections.runtime.install_meli at start-up")
    return services.account_notes
