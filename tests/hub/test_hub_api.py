"""The hub over GraphQL: flags, the board's columns, mappings, shelves, pickup, and what each role sees."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import text

from melihub.connections.models import MeliAccount
from melihub.runtime import Services
from melihub.testing.graphql import error_codes, gql, login
from tests.conftest import OWNER_PASSWORD
from tests.hub.world import arrive, order, shipment

FLAG = """mutation($k: String!, $on: Boolean!) {
  setFeatureFlag(key: $k, enabled: $on) { flags { key enabled } errors { code field } }
}"""
BOARD = """query($f: HubOrderFilter) {
  hubOrders(filter: $f, first: 20) { nodes {
    id code status unmappedSkus blockers labelReady
    recipient { name phone document masked }
    lines { externalSku internalSku quantity }
    volumes { id status position weightGrams dimensions externalLabel }
    notifications { reason status }
  } }
}"""
MAP = """mutation($e: String!, $i: String!) {
  setSkuMapping(input: {externalSku: $e, internalSku: $i}) {
    mapping { externalSku internalSku } orders { code unmappedSkus } errors { code }
  }
}"""
RECEIVE = """mutation($id: ID!, $p: String!) {
  receiveHubVolume(id: $id, position: $p) { volume { status position } order { status blockers } errors { code field } }
}"""
PICKUP = """mutation($id: ID!, $d: String!) {
  confirmPickup(id: $id, receiverDocument: $d) { order { status pickedUpAt } errors { code field message } }
}"""
RESEND = """mutation($id: ID!) {
  resendReadyNotification(orderId: $id) { order { notifications { reason } } errors { code } }
}"""
INVITE = """mutation($email: String!, $role: Role!) {
  inviteUser(email: $email, role: $role) { user { id } temporaryPassword errors { code } }
}"""


async def _board(client: httpx.AsyncClient, **filters: Any) -> list[dict[str, Any]]:
    body = await gql(client, BOARD, {"f": filters or None})
    assert "errors" not in body, body
    nodes: list[dict[str, Any]] = body["data"]["hubOrders"]["nodes"]
    return nodes


async def test_an_order_goes_from_mapping_to_pronto_to_retirado(
    client: httpx.AsyncClient, services: Services, meli_account_a: MeliAccount
) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    unknown = await gql(client, FLAG, {"k": "hub.magic", "on": True})
    assert unknown["data"]["setFeatureFlag"]["errors"] == [{"code": "UNKNOWN_FLAG", "field": "key"}]
    for key in ("integracao.ml.enabled", "hub.enabled"):
        flags = (await gql(client, FLAG, {"k": key, "on": True}))["data"]["setFeatureFlag"]["flags"]
    assert {flag["key"]: flag["enabled"] for flag in flags} == {"integracao.ml.enabled": True, "hub.enabled": True}

    await arrive(services.db, meli_account_a, ("shipment", shipment()), ("order", order(2100001)))
    [waiting] = await _board(client, mappingNeeded=True)
    assert (waiting["code"], waiting["status"], waiting["unmappedSkus"]) == ("2100001", "RECEBIDO", ["CAN-AZUL"])
    assert set(waiting["blockers"]) == {"MAPPING_NEEDED", "VOLUMES_NOT_POSITIONED"}
    assert waiting["recipient"] == {
        "name": "João Pereira da Silva",
        "phone": "+55 11 98765-4321",
        "document": None,
        "masked": False,
    }
    [volume] = waiting["volumes"]
    assert (volume["weightGrams"], volume["dimensions"], volume["externalLabel"]) == (520, "12x10x28", "45000000001")

    mapped = (await gql(client, MAP, {"e": "CAN-AZUL", "i": "INT-AZUL"}))["data"]["setSkuMapping"]
    assert mapped["orders"] == [{"code": "2100001", "unmappedSkus": []}]
    assert await _board(client, mappingNeeded=True) == []
    blank = (await gql(client, RECEIVE, {"id": volume["id"], "p": "  "}))["data"]["receiveHubVolume"]
    assert blank["errors"] == [{"code": "INVALID", "field": "position"}]
    received = (await gql(client, RECEIVE, {"id": volume["id"], "p": "C-12"}))["data"]["receiveHubVolume"]
    assert received["order"] == {"status": "PRONTO", "blockers": []}
    [ready] = await _board(client, statuses=["PRONTO"])
    assert ready["notifications"] == [{"reason": "ready", "status": "PENDING"}]

    resent = (await gql(client, RESEND, {"id": ready["id"]}))["data"]["resendReadyNotification"]
    assert resent["order"]["notifications"] == [{"reason": "ready"}, {"reason": "resend"}]
    empty = (await gql(client, PICKUP, {"id": ready["id"], "d": "--"}))["data"]["confirmPickup"]
    assert empty["errors"][0]["code"] == "INVALID" and empty["errors"][0]["field"] == "receiverDocument"
    picked = (await gql(client, PICKUP, {"id": ready["id"], "d": "123.456.789-09"}))["data"]["confirmPickup"]
    assert picked["errors"] == [] and picked["order"]["status"] == "RETIRADO"
    twice = (await gql(client, PICKUP, {"id": ready["id"], "d": "123.456.789-09"}))["data"]["confirmPickup"]
    assert [e["code"] for e in twice["errors"]] == ["INVALID_TRANSITION"]
    assert [node["code"] for node in await _board(client, statuses=["RETIRADO"])] == ["2100001"]


async def test_an_analyst_sees_the_board_masked_and_changes_nothing(
    client: httpx.AsyncClient, services: Services, meli_account_a: MeliAccount, app: object
) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    for key in ("integracao.ml.enabled", "hub.enabled"):
        await gql(client, FLAG, {"k": key, "on": True})
    await arrive(services.db, meli_account_a, ("shipment", shipment()), ("order", order(2100002)))
    invited = (await gql(client, INVITE, {"email": "an@aurora.example", "role": "ANALYST"}))["data"]["inviteUser"]

    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url=str(client.base_url)) as analyst:
        await login(analyst, "an@aurora.example", invited["temporaryPassword"])
        [seen] = await _board(analyst)
        assert seen["recipient"] == {
            "name": "João P. d. S.",
            "phone": "*********4321",
            "document": None,
            "masked": True,
        }
        assert await _board(analyst, search="João") == []  # recipients are not searchable for this role
        assert [node["code"] for node in await _board(analyst, search="21000")] == ["2100002"]
        refused = await gql(analyst, RECEIVE, {"id": seen["volumes"][0]["id"], "p": "A-1"})
        assert refused["data"]["receiveHubVolume"]["errors"][0]["code"] == "FORBIDDEN"
        flag = await gql(analyst, FLAG, {"k": "hub.enabled", "on": False})
        assert flag["data"]["setFeatureFlag"]["errors"][0]["code"] == "FORBIDDEN"
    assert error_codes(await gql(client, BOARD, {"f": {"statuses": ["NOPE"]}})) == ["BAD_USER_INPUT"]


SETTINGS = """mutation($i: UpdateHubSettingsInput!) {
  updateHubSettings(input: $i) {
    settings { name address pickupHours smtpConfigured smtpFrom smsUrl smsTokenSet whatsappTokenSet }
    errors { code field }
  }
}"""


async def test_hub_settings_keep_their_secrets(
    client: httpx.AsyncClient, services: Services, meli_account_a: MeliAccount
) -> None:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    given = {
        "name": "Hub Centro",
        "address": "Rua A 1",
        "pickupHours": "9h-18h",
        "smtpUrl": "smtp://u:pw-777@mail:25",
        "smtpFrom": "hub@aurora.example",
        "smsUrl": "https://sms.example/send",
        "smsToken": "tok-888",
    }
    done = (await gql(client, SETTINGS, {"i": given}))["data"]["updateHubSettings"]
    assert done["errors"] == []
    assert done["settings"] == {
        "name": "Hub Centro",
        "address": "Rua A 1",
        "pickupHours": "9h-18h",
        "smtpConfigured": True,
        "smtpFrom": "hub@aurora.example",
        "smsUrl": "https://sms.example/send",
        "smsTokenSet": True,
        "whatsappTokenSet": False,
    }
    kept = (await gql(client, SETTINGS, {"i": {"address": "Rua B 2"}}))["data"]["updateHubSettings"]["settings"]
    assert kept["name"] == "Hub Centro" and kept["address"] == "Rua B 2" and kept["smtpConfigured"] is True
    bad = (await gql(client, SETTINGS, {"i": {"smtpUrl": "smtp://"}}))["data"]["updateHubSettings"]
    assert bad["errors"] == [{"code": "INVALID", "field": "smtpUrl"}]
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        rows = (await session.exec(text("SELECT after::text FROM audit_log WHERE action = 'updateHubSettings'"))).all()  # type: ignore[call-overload]
        stored = (await session.exec(text("SELECT smtp_url_encrypted, sms_token_encrypted FROM hub_settings"))).one()  # type: ignore[call-overload]
    trail = " ".join(row[0] for row in rows)
    assert "smtp_url" in trail and "pw-777" not in trail and "tok-888" not in trail
    assert "pw-777" not in stored[0] and "tok-888" not in stored[1]  # encrypted at rest
