"""pickList: lines by listing, variation and SKU over every live order the shipments carry, with thumbnails,
and the same list as a printable PDF behind a signed URL."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from melihub.catalog.models import Listing, Variation
from melihub.connections.models import MeliAccount
from melihub.runtime import Services
from melihub.testing.graphql import error_codes, gid, gql
from tests.fulfilment.world import Bench, Line, store_pack, store_single

PICK_LIST = """
query PickList($ids: [ID!]!) {
  pickList(shipmentIds: $ids) {
    totalUnits
    shipments { id }
    lines {
      itemMlId variationMlId sku title variationLabel quantity thumbnail
      listing { mlId }
      orders { id }
      shipments { id }
    }
  }
}
"""
DOWNLOAD = "query PickList($ids: [ID!]!) { pickList(shipmentIds: $ids) { download { url fileName contentType } } }"
SHIRT = Line("MLB3012345601", 180000000101, "CAM-BAS-PRT-M", 2, "Camiseta Básica Algodão Unissex")
CAN = Line("MLB3012345608", None, "CAN-CER-325", 1, "Caneca de Cerâmica 325 ml")
KETTLE = Line("MLB3012345603", None, "GT-INOX-1L", 5, "Chaleira Inox 1 L")
LOOSE = Line("MLB3012345699", None, None, 1, "Brinde sem SKU")


async def store_shirt_listing(services: Services, account: MeliAccount) -> None:
    """The shirt's listing with its pictures, and the black M variation whose picture is P2."""
    listing = Listing(
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        ml_id=SHIRT.item_ml_id,
        site_id="MLB",
        status="active",
        currency_id="BRL",
        title=SHIRT.title,
        thumbnail="https://http2.mlstatic.com/D_NQ_NP_shirt-I.jpg",
        raw={
            "pictures": [
                {"id": "P1", "url": "http://example/p1.jpg", "secure_url": "https://example/p1.jpg"},
                {"id": "P2", "url": "http://example/p2.jpg", "secure_url": "https://example/p2.jpg"},
            ]
        },
    )
    variation = Variation(
        tenant_id=account.tenant_id,
        item_id=listing.id,
        ml_id=SHIRT.variation_ml_id or 0,
        sku=SHIRT.sku,
        attribute_combinations=[{"name": "Cor", "value_name": "Preto"}, {"name": "Tamanho", "value_name": "M"}],
        raw={"picture_ids": ["P2", "P1"]},
    )
    async with services.db.tenant(account.tenant_id) as session:
        session.add(listing)
        await session.flush()
        session.add(variation)


def lines_of(body: dict[str, Any]) -> list[dict[str, Any]]:
    assert not body.get("errors"), body
    lines: list[dict[str, Any]] = body["data"]["pickList"]["lines"]
    return lines


async def test_lines_add_up_every_live_order_of_the_shipments(bench: Bench, services: Services) -> None:
    await store_shirt_listing(services, bench.account)
    pack = await store_pack(
        services,
        bench.account,
        [[SHIRT], [Line(**{**SHIRT.__dict__, "quantity": 1}), CAN], [KETTLE]],
        statuses=["paid", "paid", "cancelled"],
    )
    single = await store_single(services, bench.account, lines=[Line(**{**SHIRT.__dict__, "quantity": 3}), LOOSE])

    body = await bench.call("analyst", PICK_LIST, {"ids": [pack.shipment_id, single.shipment_id]})

    lines = lines_of(body)
    assert [(line["sku"], line["quantity"]) for line in lines] == [("CAM-BAS-PRT-M", 6), ("CAN-CER-325", 1), (None, 1)]
    shirt = lines[0]
    assert shirt["variationLabel"] == "Preto / M" and shirt["variationMlId"] == "180000000101"
    assert shirt["thumbnail"] == "https://example/p2.jpg"  # the variation's first picture
    assert shirt["listing"] == {"mlId": SHIRT.item_ml_id} and lines[1]["listing"] is None
    assert {o["id"] for o in shirt["orders"]} == {*pack.order_ids[:2], *single.order_ids}
    assert {s["id"] for s in shirt["shipments"]} == {pack.shipment_id, single.shipment_id}
    assert lines[1]["orders"] == [{"id": pack.order_ids[1]}]
    assert all(KETTLE.sku != line["sku"] for line in lines)  # the cancelled order of the pack is not picked
    assert body["data"]["pickList"]["totalUnits"] == 8
    assert body["data"]["pickList"]["shipments"] == [{"id": pack.shipment_id}, {"id": single.shipment_id}]


async def test_the_pick_list_prints_as_a_pdf_in_the_callers_language(bench: Bench, services: Services) -> None:
    pack = await store_pack(services, bench.account, [[SHIRT], [CAN]])

    body = await gql(bench.people["operator"], DOWNLOAD, {"ids": [pack.shipment_id]})
    english = await bench.people["operator"].post(
        "/graphql",
        json={"query": DOWNLOAD, "variables": {"ids": [pack.shipment_id]}},
        headers={"accept-language": "en"},
    )

    assert not body.get("errors"), body
    download = body["data"]["pickList"]["download"]
    assert download["contentType"] == "application/pdf" and download["fileName"].startswith("lista-de-separacao-")
    async with bench.new_client() as anyone:
        pdf = PdfReader(io.BytesIO((await anyone.get(download["url"])).content))
        text = "\n".join(page.extract_text() for page in pdf.pages)
        assert "Lista de separação" in text and "CAM-BAS-PRT-M" in text and "CAN-CER-325" in text
        assert "Preto / M" not in text  # no variation held: the title alone
        english_url = english.json()["data"]["pickList"]["download"]["url"]
        english_text = (PdfReader(io.BytesIO((await anyone.get(english_url)).content))).pages[0].extract_text()
    assert "Pick list" in english_text


async def test_a_shipment_the_caller_may_not_see_answers_not_found_and_nothing_else(
    bench: Bench, services: Services
) -> None:
    pack = await store_pack(services, bench.account, [[SHIRT]])
    unseen = gid("Shipment", pack.orders[0].id)  # the id of no shipment

    body = await bench.call("operator", PICK_LIST, {"ids": [pack.shipment_id, unseen]})

    assert error_codes(body) == ["NOT_FOUND"] and body["data"] is None
