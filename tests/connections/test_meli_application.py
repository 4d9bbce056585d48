"""A company brings its own Mercado Livre application: links, refreshes and feeds go through it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import select

from melihub.connections.models import MeliAccount
from melihub.db.engine import async_url
from melihub.events import recovery
from melihub.testing.fixtures import SELLER_A
from melihub.testing.graphql import gql, login
from tests.conftest import OWNER_PASSWORD, link_seller

APP_ID, APP_SECRET = "7001002003", "company-secret-1"
FIELDS = "id clientId siteId storeName secretSet lastTestOk lastTestError linkedAccounts"
SET = f"""mutation($input: SetMeliApplicationInput!) {{ setMeliApplication(input: $input) {{
  application {{ {FIELDS} }} reauthorizeAccounts errors {{ field code message }} }} }}"""
TEST = "mutation { testMeliApplication { ok latencyMs error application { lastTestOk } errors { code } } }"
REMOVE = "mutation { removeMeliApplication { removed reauthorizeAccounts errors { code } } }"
ACCOUNTS = "{ meliAccounts { nodes { id status lastError } } }"


async def set_application(http, **given) -> dict:
    variables = {"input": {"clientId": APP_ID, "clientSecret": APP_SECRET, "storeName": "Loja Aurora", **given}}
    return (await gql(http, SET, variables))["data"]["setMeliApplication"]


async def the_account(services, tenant_id) -> MeliAccount:
    async with services.db.tenant(tenant_id) as session:
        return (await session.exec(select(MeliAccount))).one()


async def test_the_secret_is_stored_encrypted_and_never_shown_back_nor_audited(
    meli_client_http, meli_services, sandbox, tenant_a, database_factory, db_name
) -> None:
    await login(meli_client_http, "ana@aurora.example", OWNER_PASSWORD)
    assert (await gql(meli_client_http, "{ meliApplication { id } }"))["data"]["meliApplication"] is None
    saved = await set_application(meli_client_http)
    assert saved["errors"] == [] and saved["application"]["clientId"] == APP_ID
    assert saved["application"]["secretSet"] is True and saved["application"]["storeName"] == "Loja Aurora"
    urls = (await gql(meli_client_http, "{ meliApplicationUrls { webhookUrl redirectUri } }"))["data"]
    assert urls["meliApplicationUrls"] == {
        "webhookUrl": "http://melihub.test/webhooks/meli",
        "redirectUri": "http://melihub.test/oauth/meli/callback",
    }
    engine = create_async_engine(async_url(database_factory.admin_url_of(db_name)))
    async with engine.connect() as conn:
        for table in ("meli_applications", "audit_log"):
            dump = (await conn.execute(text(f"SELECT coalesce(string_agg(t::text, ''), '') FROM {table} t"))).scalar()
            assert APP_ID in dump and APP_SECRET not in dump, table
    await engine.dispose()


async def test_a_link_and_its_refreshes_go_through_the_company_application(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    sandbox.configure(applications={APP_ID: APP_SECRET})
    await login(meli_client_http, "ana@aurora.example", OWNER_PASSWORD)
    await set_application(meli_client_http)
    start = await meli_client_http.get("/oauth/meli/start", params={"site": "MLB"})
    assert parse_qs(urlsplit(start.headers["location"]).query)["client_id"] == [APP_ID]

    assert (await link_seller(meli_client_http, sandbox, SELLER_A)).status_code == 200
    account = await the_account(meli_services, tenant_a[0].id)
    assert account.oauth_client_id == APP_ID and account.status == "active"
    sandbox.reset_stats()
    sandbox.expire_tokens(SELLER_A)
    tested = await gql(
        meli_client_http,
        "mutation($id: ID!) { testMeliConnection(id: $id) { ok error } }",
        {"id": (await gql(meli_client_http, ACCOUNTS))["data"]["meliAccounts"]["nodes"][0]["id"]},
    )
    assert tested["data"]["testMeliConnection"] == {"ok": True, "error": None}
    token_calls = [c for c in sandbox.calls() if c["route"] == "/oauth/token"]
    assert [c["client_id"] for c in token_calls] == [APP_ID]  # the refresh used the company's credentials
    assert {c["client_id"] for c in sandbox.calls() if c["route"] == "/users/me"} == {APP_ID}
    listed = (await gql(meli_client_http, f"{{ meliApplication {{ {FIELDS} }} }}"))["data"]["meliApplication"]
    assert listed["linkedAccounts"] == 1


async def test_missed_feeds_are_read_per_application(meli_client_http, meli_services, sandbox, tenant_a) -> None:
    sandbox.configure(applications={APP_ID: APP_SECRET})
    await login(meli_client_http, "ana@aurora.example", OWNER_PASSWORD)
    await set_application(meli_client_http)
    await link_seller(meli_client_http, sandbox, SELLER_A)
    sandbox.reset_stats()
    await meli_services.start()
    await recovery.poll_missed_feeds(meli_services)
    feeds = [c for c in sandbox.calls() if c["route"] == "/missed_feeds"]
    assert feeds and all(c["status"] == 200 for c in feeds)
    assert {parse_qs(c["query"])["app_id"][0] for c in feeds} == {APP_ID}


async def test_testing_tells_a_right_secret_from_a_wrong_one(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    sandbox.configure(applications={APP_ID: APP_SECRET})
    await login(meli_client_http, "ana@aurora.example", OWNER_PASSWORD)
    await set_application(meli_client_http)
    ok = (await gql(meli_client_http, TEST))["data"]["testMeliApplication"]
    assert ok["ok"] is True and ok["error"] is None and ok["application"] == {"lastTestOk": True}

    await set_application(meli_client_http, clientSecret="renewed-elsewhere")
    wrong = (await gql(meli_client_http, TEST))["data"]["testMeliApplication"]
    assert wrong["ok"] is False and "invalid_client" in wrong["error"]
    listed = (await gql(meli_client_http, f"{{ meliApplication {{ {FIELDS} }} }}"))["data"]["meliApplication"]
    assert listed["lastTestOk"] is False and "invalid_client" in listed["lastTestError"]


async def test_bad_input_is_a_field_error_and_changes_nothing(meli_client_http, meli_services, tenant_a) -> None:
    await login(meli_client_http, "ana@aurora.example", OWNER_PASSWORD)
    cases = [
        ({"clientId": "abc"}, "clientId", "INVALID"),
        ({"clientId": meli_services.settings.meli_client_id}, "clientId", "SAME_AS_DEFAULT"),
        ({"clientSecret": None}, "clientSecret", "REQUIRED"),
        ({"siteId": "XYZ"}, "siteId", "UNKNOWN_SITE"),
    ]
    for given, field, code in cases:
        [error] = (await set_application(meli_client_http, **given))["errors"]
        assert (error["field"], error["code"]) == (field, code), given
    assert (await gql(meli_client_http, "{ meliApplication { id } }"))["data"]["meliApplication"] is None


async def test_replacing_or_removing_the_application_asks_its_accounts_to_reauthorize(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    sandbox.configure(applications={APP_ID: APP_SECRET, "7009": "other-secret"})
    await login(meli_client_http, "ana@aurora.example", OWNER_PASSWORD)
    await set_application(meli_client_http)
    await link_seller(meli_client_http, sandbox, SELLER_A)
    renamed = await set_application(meli_client_http, clientSecret=None, storeName="Aurora Centro")
    assert renamed["errors"] == [] and renamed["reauthorizeAccounts"] == 0  # same application: grants stay
    assert (await gql(meli_client_http, ACCOUNTS))["data"]["meliAccounts"]["nodes"][0]["status"] == "ACTIVE"

    replaced = await set_application(meli_client_http, clientId="7009", clientSecret="other-secret")
    assert replaced["errors"] == [] and replaced["reauthorizeAccounts"] == 1
    [account] = (await gql(meli_client_http, ACCOUNTS))["data"]["meliAccounts"]["nodes"]
    assert account["status"] == "REAUTH_REQUIRED" and "reauthorize" in account["lastError"]

    assert (await link_seller(meli_client_http, sandbox, SELLER_A)).status_code == 200  # reauthorized via 7009
    assert (await the_account(meli_services, tenant_a[0].id)).oauth_client_id == "7009"
    removed = (await gql(meli_client_http, REMOVE))["data"]["removeMeliApplication"]
    assert removed == {"removed": True, "reauthorizeAccounts": 1, "errors": []}
    assert (await gql(meli_client_http, REMOVE))["data"]["removeMeliApplication"]["errors"] == [{"code": "NOT_FOUND"}]


async def test_only_who_manages_connections_sets_or_tests_it(meli_client_http, meli_services, tenant_a) -> None:
    await login(meli_client_http, "ana@aurora.example", OWNER_PASSWORD)
    invited = await gql(
        meli_client_http, 'mutation { inviteUser(email: "op@aurora.example", role: OPERATOR) { temporaryPassword } }'
    )
    await set_application(meli_client_http)
    meli_client_http.cookies.clear()
    await login(meli_client_http, "op@aurora.example", invited["data"]["inviteUser"]["temporaryPassword"])
    assert (await set_application(meli_client_http, storeName="x"))["errors"][0]["code"] == "FORBIDDEN"
    assert (await gql(meli_client_http, TEST))["data"]["testMeliApplication"]["errors"] == [{"code": "FORBIDDEN"}]
    seen = (await gql(meli_client_http, "{ meliApplication { clientId storeName } }"))["data"]["meliApplication"]
    assert seen == {"clientId": APP_ID, "storeName": "Loja Aurora"}


async def test_a_link_started_before_the_application_changed_is_refused_at_the_callback(
    meli_client_http, meli_services, sandbox, tenant_a
) -> None:
    sandbox.configure(applications={APP_ID: APP_SECRET, "7009": "other-secret"})
    await login(meli_client_http, "ana@aurora.example", OWNER_PASSWORD)
    await set_application(meli_client_http)
    start = await meli_client_http.get("/oauth/meli/start", params={"site": "MLB"})
    async with httpx.AsyncClient() as browser:
        approved = await browser.get(f"{start.headers['location']}&user_id={SELLER_A}")
    await set_application(meli_client_http, clientId="7009", clientSecret="other-secret")
    callback = urlsplit(approved.headers["location"])
    refused = await meli_client_http.get(f"{callback.path}?{callback.query}")
    assert refused.status_code == 400 and "mudou durante a conexão" in refused.text
    assert sandbox.stats()["token_calls"]["authorization_code"] == 0
    assert (await gql(meli_client_http, ACCOUNTS))["data"]["meliAccounts"]["nodes"] == []
