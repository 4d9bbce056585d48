"""The admin screen, end to end: an owner invites a member limited to one Mercado Livre account, and
signed in as that member (with the temporary password read from the screen) only that account's data
shows, on the floor, on the integrations screen and through the API; the admin screen is not theirs.

On the way the owner creates an API token (its secret shown once) and revokes it, and changes the
company's name and time zone; each admin tab is checked by axe-core and pictured at 1280x800. The
members table sorts by name at first, and by "Membro desde" (newest first, then oldest first) on a click.
"""

from __future__ import annotations

from pathlib import Path

from melihub.testing.fixtures import SELLER_B
from melihub.testing.graphql import login
from tests.conftest import OWNER_PASSWORD, link_seller
from tests.frontend.conftest import OWNER_EMAIL, Stack, graphql, wait_for_runs_to_end
from tests.frontend.harness import BrowserScript, browser_env, screenshot_dir

ALLOWED = "LOJA_CASA_AURORA"  # seller A, MLB: the stack links it
HIDDEN = "TIENDA_PAMPA_SUR"  # seller B, MLA: linked here, kept from the member
MEMBER_EMAIL = "bruno@aurora.example"
TENANT_NAME = "Casa Aurora Comércio"
TIME_ZONE = "America/Fortaleza"  # same offset as São Paulo: "today" stays the same day
# A step of this screen is one mutation and a re-read: generous for a loaded machine, still a bound.
STEP_BUDGET_MS = 5000

ACCOUNTS = "{ meliAccounts(first: 100) { nodes { id nickname } } }"
ORDERS = "{ orders(first: 100) { totalCount nodes { meliAccountId } } }"
ORDERS_OF = "query($ids: [ID!]) { orders(filter: { meliAccountIds: $ids }) { totalCount } }"
ME = "{ me { role user { email meliAccountIds } } }"
TENANT = "{ tenant { name timeZone } }"
MEMBERS = "{ users(first: 100) { nodes { id email role meliAccountIds } } }"
MEMBERS_SINCE = "{ users(first: 100) { nodes { email name memberSince } } }"
TOKENS = "{ apiTokens(first: 100) { nodes { id name prefix role revokedAt } } }"


def fields(line: str) -> list[str]:
    return line.split()[1:]


def bearer(secret: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}"}


async def test_a_member_limited_to_one_account_sees_only_that_accounts_data(stack: Stack, tmp_path: Path) -> None:
    async with stack.client() as owner:
        # A second seller with its own history, so "only one account" means something.
        assert (await link_seller(owner, stack.sandbox, SELLER_B, site="MLA")).status_code == 200
        await wait_for_runs_to_end(owner)
        accounts = {a["nickname"]: a["id"] for a in (await graphql(owner, ACCOUNTS))["meliAccounts"]["nodes"]}
        assert set(accounts) == {ALLOWED, HIDDEN}
        by_account = {
            nickname: (await graphql(owner, ORDERS_OF, ids=[account]))["orders"]["totalCount"]
            for nickname, account in accounts.items()
        }
        assert all(count > 0 for count in by_account.values()), by_account  # both accounts have orders

    shots = screenshot_dir(tmp_path)
    env = browser_env(
        stack.api,
        shots,
        EMAIL=OWNER_EMAIL,
        PASSWORD=OWNER_PASSWORD,
        MEMBER_EMAIL=MEMBER_EMAIL,
        ALLOWED=ALLOWED,
        HIDDEN=HIDDEN,
        TENANT_NAME=TENANT_NAME,
        TIME_ZONE=TIME_ZONE,
    )
    script = BrowserScript("admin.mjs", env).start()
    try:
        invited_ms, password = fields(await script.expect("INVITED"))
        limited_ms, member_id = fields(await script.expect("LIMITED"))
        by_name = fields(await script.expect("MEMBERS_BY_NAME"))
        newest = fields(await script.expect("MEMBERS_NEWEST"))
        oldest = fields(await script.expect("MEMBERS_OLDEST"))
        token_ms, token_id, prefix, secret = fields(await script.expect("TOKEN"))
        # The secret the screen showed once works on the API, with the role chosen for it.
        async with stack.client() as integrator:
            me = await integrator.post("/graphql", json={"query": "{ me { role } }"}, headers=bearer(secret))
            assert me.json()["data"]["me"]["role"] == "INTEGRATOR", me.text
        script.send("REVOKE")
        (revoked_ms,) = fields(await script.expect("REVOKED"))
        (settings_ms,) = fields(await script.expect("SETTINGS"))
        nav = fields(await script.expect("MEMBER_NAV"))
        floor_ms, floor_hidden = fields(await script.expect("FLOOR"))
        integrations_ms, integrations_hidden = fields(await script.expect("INTEGRATIONS"))
        await script.expect("NO_ACCESS")
        await script.finish(timeout_s=120)
    finally:
        script.kill()
    print(
        f"invite {invited_ms} ms, limit {limited_ms} ms, token {token_ms} ms, revoke {revoked_ms} ms, "
        f"settings {settings_ms} ms; member's floor {floor_ms} ms, integrations {integrations_ms} ms"
    )

    # Each admin step showed its result within the budget.
    for measured in (invited_ms, limited_ms, token_ms, revoked_ms, settings_ms):
        assert int(measured) < STEP_BUDGET_MS, script.lines

    # Signed in as the member: seller A on the floor and on the integrations screen, seller B nowhere.
    assert floor_hidden == "0", script.lines
    assert integrations_hidden == "0", script.lines
    assert "Administração" not in nav and nav, nav
    assert [line.split()[1] for line in script.axe_lines] == [
        "admin",
        "admin-invite",
        "admin-tokens",
        "admin-settings",
        "admin-activity",
        "member-floor",
        "member-integrations",
        "admin-no-access",
    ]
    names = {path.name for path in shots.iterdir()}
    assert {"admin.png", "admin-invite.png", "admin-tokens.png", "admin-settings.png"} <= names, names

    async with stack.client() as member:
        # The temporary password from the screen signs the member in; no change is asked for.
        signed_in = await login(member, MEMBER_EMAIL, password)
        assert signed_in["errors"] == [] and signed_in["me"]["role"] == "OPERATOR", signed_in
        me = (await graphql(member, ME))["me"]
        assert me["user"]["meliAccountIds"] == [accounts[ALLOWED]], me
        seen = (await graphql(member, ACCOUNTS))["meliAccounts"]["nodes"]
        assert [a["nickname"] for a in seen] == [ALLOWED]
        orders = (await graphql(member, ORDERS))["orders"]
        assert orders["totalCount"] == by_account[ALLOWED] > 0
        assert {o["meliAccountId"] for o in orders["nodes"]} == {accounts[ALLOWED]}
        # Reading the members list is allowed to every reader; changing it is not.
        refused = await member.post(
            "/graphql",
            json={
                "query": "mutation($id: ID!) { setMemberAccounts(userId: $id, meliAccountIds: null) "
                "{ errors { code } } }",
                "variables": {"id": member_id},
            },
        )
        assert "FORBIDDEN" in refused.text, refused.text

    async with stack.client() as owner:
        await login(owner, OWNER_EMAIL, OWNER_PASSWORD)
        members = {m["email"]: m for m in (await graphql(owner, MEMBERS))["users"]["nodes"]}
        assert members[MEMBER_EMAIL]["id"] == member_id  # the row's control named this member
        assert members[MEMBER_EMAIL]["role"] == "OPERATOR"
        assert members[MEMBER_EMAIL]["meliAccountIds"] == [accounts[ALLOWED]]
        # The members table's orders: by name at first, then by "Membro desde" each way.
        people = (await graphql(owner, MEMBERS_SINCE))["users"]["nodes"]
        assert len(people) == 2 and all(person["memberSince"] for person in people), people
        alphabetical = sorted(people, key=lambda person: (person["name"] or person["email"]).casefold())
        joined = sorted(people, key=lambda person: person["memberSince"])
        assert by_name == ["ascending", ",".join(person["email"] for person in alphabetical)], script.lines
        assert newest == ["descending", ",".join(person["email"] for person in reversed(joined))], script.lines
        assert oldest == ["ascending", ",".join(person["email"] for person in joined)], script.lines
        assert newest[1] == f"{MEMBER_EMAIL},{OWNER_EMAIL}" and newest[1] != by_name[1]  # a click reordered the rows
        assert (await graphql(owner, TENANT))["tenant"] == {"name": TENANT_NAME, "timeZone": TIME_ZONE}
        tokens = {token["id"]: token for token in (await graphql(owner, TOKENS))["apiTokens"]["nodes"]}
        assert tokens[token_id]["prefix"] == prefix and tokens[token_id]["role"] == "INTEGRATOR"
        assert tokens[token_id]["revokedAt"] is not None

    # Revoking the token on screen locked it out at once.
    assert secret.startswith(prefix)
    async with stack.client() as integrator:
        response = await integrator.post("/graphql", json={"query": "{ me { role } }"}, headers=bearer(secret))
        assert "UNAUTHENTICATED" in response.text, response.text
