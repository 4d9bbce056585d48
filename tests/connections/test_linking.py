"""Linking a Mercado Livre account end to end through the sandbox's authorize page (OAuth2 + PKCE)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import select

from melihub.connections.models import MeliAccount
from melihub.connections.tokens import read_pair
from melihub.db.engine import async_url
from melihub.testing.fixtures import SELLER_A, SELLER_B
from melihub.testing.graphql import gql, login
from tests.conftest import OWNER_PASSWORD, link_seller

ACCOUNTS = """{ meliAccounts { nodes {
  id mlUserId nickname siteId status lastError tokenExpiresAt breakers { family state }
} } }"""


async def account_of(services, tenant_id) -> MeliAccount:
    async with services.db.tenant(tenant_id) as session:
        return (await session.exec(select(MeliAccount))).one()


async def test_link_end_to_end_with_pkce_stores_no_token_in_clear(
    meli_client_http: httpx.AsyncClient, meli_services, sandbox, tenant_a, database_factory, db_name
) -> None:
    await login(meli_client_http, "ana@aurora.example", OWNER_PASSWORD)
    start = await meli_client_http.get("/oauth/meli/start", params={"site": "MLB"})
    query = parse_qs(urlsplit(start.headers["location"]).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["redirect_uri"] == ["http://melihub.test/oauth/meli/callback"] and query["state"][0]

    page = await link_seller(meli_client_http, sandbox, SELLER_A)
    assert page.status_code == 200 and "LOJA_CASA_AURORA" in page.text

    accounts = (await gql(meli_client_http, ACCOUNTS))["data"]["meliAccounts"]["nodes"]
    assert [(a["mlUserId"], a["nickname"], a["siteId"], a["status"]) for a in accounts] == [
        (str(SELLER_A), "LOJA_CASA_AURORA", "MLB", "ACTIVE")
    ]
    assert sandbox.stats()["token_calls"]["authorization_code"] == 1

    account = await account_of(meli_services, tenant_a[0].id)
    pair = read_pair(account, meli_services.keyring)
    assert pair.access_token.startswith("APP_USR-") and pair.refresh_token.startswith("TG-")
    engine = create_async_engine(async_url(database_factory.admin_url_of(db_name)))
    async with engine.connect() as conn:
        tables = [r[0] for r in await conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname='public'"))]
        for table in tables:
            dump = (await conn.execute(text(f"SELECT coalesce(string_agg(t::text, ''), '') FROM {table} t"))).scalar()
            assert pair.access_token not in dump and pair.refresh_token not in dump, table
    await engine.dispose()


async def test_a_linked_account_sends_the_browser_back_to_the_integrations_screen_naming_it(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    page = await link_seller(meli_client_http, sandbox, SELLER_A)
    [account] = (await gql(meli_client_http, ACCOUNTS))["data"]["meliAccounts"]["nodes"]
    back = f"/integracoes/?linked={account['id']}"
    assert page.status_code == 200
    assert f'<meta http-equiv="refresh" content="1;url={back}">' in page.text
    assert f"<a href='{back}'>Voltar para Integrações</a>" in page.text


async def test_a_failed_link_links_back_without_sending_the_browser_anywhere(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    await login(meli_client_http, "ana@aurora.example", OWNER_PASSWORD)
    denied = await meli_client_http.get("/oauth/meli/callback", params={"error": "access_denied"})
    assert denied.status_code == 400 and "http-equiv" not in denied.text
    assert "<a href='/integracoes/'>" in denied.text


async def test_relinking_updates_tokens_and_keeps_oneaccount_of(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    await link_seller(meli_client_http, sandbox, SELLER_A)
    first = read_pair(await account_of(meli_services, tenant_a[0].id), meli_services.keyring)
    page = await link_seller(meli_client_http, sandbox, SELLER_A)
    assert page.status_code == 200
    second = read_pair(await account_of(meli_services, tenant_a[0].id), meli_services.keyring)
    assert second.access_token != first.access_token
    assert len((await gql(meli_client_http, ACCOUNTS))["data"]["meliAccounts"]["nodes"]) == 1


async def test_a_seller_linked_elsewhere_is_refused(
    meli_client_http, meli_services, sandbox, tenant_a, tenant_b
) -> None:
    assert (await link_seller(meli_client_http, sandbox, SELLER_B)).status_code == 200
    meli_client_http.cookies.clear()
    refused = await link_seller(meli_client_http, sandbox, SELLER_B, email="bruno@pampa.example", site="MLA")
    assert refused.status_code == 400 and "outra empresa" in refused.text


async def test_replayed_callback_and_forged_state_are_refused(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    await login(meli_client_http, "ana@aurora.example", OWNER_PASSWORD)
    start = await meli_client_http.get("/oauth/meli/start", params={"site": "MLB"})
    async with httpx.AsyncClient() as browser:
        approved = await browser.get(f"{start.headers['location']}&user_id={SELLER_A}")
    callback = urlsplit(approved.headers["location"])
    assert (await meli_client_http.get(f"{callback.path}?{callback.query}")).status_code == 200
    replay = await meli_client_http.get(f"{callback.path}?{callback.query}")
    assert replay.status_code == 400 and "já foi usado" in replay.text
    params = parse_qs(callback.query)
    forged_state = params["state"][0][:-3] + "abc"
    forged = await meli_client_http.get(callback.path, params={"code": params["code"][0], "state": forged_state})
    assert forged.status_code == 400 and "inválido" in forged.text
    assert sandbox.stats()["token_calls"]["authorization_code"] == 1


async def test_callback_for_another_tenant_is_refused(
    meli_client_http, meli_services, sandbox, tenant_a, tenant_b
) -> None:
    await login(meli_client_http, "ana@aurora.example", OWNER_PASSWORD)
    start = await meli_client_http.get("/oauth/meli/start", params={"site": "MLB"})
    async with httpx.AsyncClient() as browser:
        approved = await browser.get(f"{start.headers['location']}&user_id={SELLER_A}")
    meli_client_http.cookies.clear()
    await login(meli_client_http, "bruno@pampa.example", OWNER_PASSWORD)
    callback = urlsplit(approved.headers["location"])
    response = await meli_client_http.get(f"{callback.path}?{callback.query}")
    assert response.status_code == 400 and "outro usuário ou empresa" in response.text
    assert (await gql(meli_client_http, ACCOUNTS))["data"]["meliAccounts"]["nodes"] == []


async def test_mercado_livre_failing_at_the_token_step_is_a_clear_error(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    sandbox.set_faults({"endpoints": {"oauth": {"5xx": 1.0}}})
    page = await link_seller(meli_client_http, sandbox, SELLER_A)
    assert page.status_code == 502 and "não respondeu" in page.text
    sandbox.set_faults({})
    assert (await gql(meli_client_http, ACCOUNTS))["data"]["meliAccounts"]["nodes"] == []


async def test_start_requires_an_owner_or_admin(meli_client_http, meli_services, sandbox, tenant_a) -> None:
    anonymous = await meli_client_http.get("/oauth/meli/start")
    assert anonymous.status_code == 401
    await login(meli_client_http, "ana@aurora.example", OWNER_PASSWORD)
    invited = await gql(
        meli_client_http, 'mutation { inviteUser(email: "a@b.example", role: ANALYST) { temporaryPassword } }'
    )
    meli_client_http.cookies.clear()
    await login(meli_client_http, "a@b.example", invited["data"]["inviteUser"]["temporaryPassword"])
    assert (await meli_client_http.get("/oauth/meli/start")).status_code == 403
    body = await gql(meli_client_http, 'mutation { startMeliLink(site: "MLB") { authorizeUrl errors { code } } }')
    assert "errors" not in body and body["data"]["startMeliLink"]["errors"] == [{"code": "FORBIDDEN"}]
