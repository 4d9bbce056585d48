"""startExport: a job streams the rows into a CSV Brazilian Excel opens (BOM, ``;``, decimal comma, local
dates), limited to the accounts the caller may see; bad filters are errors in the payload, never a crash."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio

from melihub.accounts.models import Tenant, User
from melihub.connections.models import MeliAccount
from melihub.runtime import Services
from melihub.testing.graphql import error_codes, gql
from tests.exports.world import EXPORT, EXPORTS, ExportWorld, account_gid, export_world, sao_paulo


@pytest_asyncio.fixture
async def world(
    services: Services, tenant_a: tuple[Tenant, User], meli_account_a: MeliAccount
) -> AsyncIterator[ExportWorld]:
    async with export_world(services, *tenant_a, meli_account_a) as built:
        yield built


async def test_an_orders_csv_has_one_row_per_order_in_brazilian_excel_form(world: ExportWorld) -> None:
    first = await world.order(
        world.account,
        sao_paulo(2026, 11, 2, 21, 30),  # 00:30 UTC on the 3rd: the file shows São Paulo's clock
        total="1234.56",
        lines=(("Cafeteira italiana", "CAF-01", 2), ("Filtro; de papel", None, 1)),
        refunded="34.56",
        buyer="COMPRADOR_UM",
        shipment_status="shipped",
    )
    await world.order(world.account, sao_paulo(2026, 11, 3), status="cancelled", total="50.00", refunded="80.00")

    started = await world.start("analyst", "ORDERS")  # an analyst changes nothing, but may export
    assert started["errors"] == [] and started["export"]["status"] == "QUEUED"
    rows = await world.csv_rows("analyst", started["export"]["id"])

    assert rows[0][:8] == ["Pedido", "Carrinho", "Conta", "Criado em", "Fechado em", "Status", "Comprador", "Itens"]
    assert len(rows) == 3
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Pedido"] == str(first.ml_id)
    assert row["Criado em"] == "02/11/2026 21:30"
    assert row["Itens"] == "2x Cafeteira italiana [CAF-01]; 1x Filtro; de papel"
    assert (row["Unidades"], row["Moeda"], row["Total"], row["Reembolsado"], row["Líquido"]) == (
        "3", "BRL", "1234,56", "34,56", "1200,00"
    )  # fmt: skip
    assert (row["Comprador"], row["Status do envio"], row["Conta"]) == ("COMPRADOR_UM", "shipped", "LOJA_CASA_AURORA")
    cancelled = dict(zip(rows[0], rows[2], strict=True))
    assert (cancelled["Reembolsado"], cancelled["Líquido"]) == ("50,00", "0,00")  # a refund never exceeds the total


async def test_the_finished_export_tells_its_rows_file_and_keep_time(world: ExportWorld) -> None:
    for day in (1, 2, 3):
        await world.order(world.account, sao_paulo(2026, 11, day))
    started = await world.start("operator", "ORDERS", range={"from": "2026-11-02", "to": "2026-11-03"})
    export = await world.finished("operator", started["export"]["id"])

    assert (export["status"], export["rows"], export["totalRows"], export["progress"]) == ("DONE", 2, 2, 1.0)
    assert export["fileName"].startswith("pedidos-") and export["fileName"].endswith(".csv")
    row = await world.export_row(export["id"])
    assert row.finished_at is not None and row.expires_at is not None
    assert (row.expires_at - row.finished_at).total_seconds() == 24 * 3600  # an ad-hoc export keeps 24 h
    response = await world.download(export["downloadUrl"])
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == f"attachment; filename*=UTF-8''{export['fileName']}"
    assert int(response.headers["content-length"]) == export["sizeBytes"] == len(response.content)


async def test_a_limited_member_exports_only_its_accounts_and_cannot_ask_for_another(world: ExportWorld) -> None:
    seen = await world.order(world.account, sao_paulo(2026, 11, 2))
    await world.order(world.other, sao_paulo(2026, 11, 2))

    mine = await world.start("limited", "ORDERS")
    rows = await world.csv_rows("limited", mine["export"]["id"])
    refused = await world.start("limited", "ORDERS", meliAccountIds=[account_gid(world.other)])
    everything = await world.csv_rows("owner", (await world.start("owner", "ORDERS"))["export"]["id"])

    assert [row[0] for row in rows[1:]] == [str(seen.ml_id)]
    assert refused == {
        "export": None,
        "errors": [
            {
                "field": "filter.meliAccountIds",
                "message": "no Mercado Livre account with this id is visible to you",
                "code": "NOT_FOUND",
            }
        ],
    }
    assert len(everything) == 3


async def test_statuses_filter_the_rows(world: ExportWorld) -> None:
    await world.order(world.account, sao_paulo(2026, 11, 2), status="paid")
    await world.order(world.account, sao_paulo(2026, 11, 2), status="cancelled")
    started = await world.start("owner", "ORDERS", statuses=["cancelled"])
    rows = await world.csv_rows("owner", started["export"]["id"])
    assert [row[5] for row in rows[1:]] == ["cancelled"]


BAD_FILTERS: list[tuple[str, dict[str, Any], tuple[str, str]]] = [
    ("ORDERS", {"statuses": ["pago"]}, ("filter.statuses", "INVALID")),
    ("ORDERS", {"range": {"from": "2025-01-01", "to": "2026-02-05"}}, ("filter.range", "RANGE_TOO_LONG")),
    ("ORDERS", {"range": {"from": "2026-02-05", "to": "2026-02-01"}}, ("filter.range", "INVALID_RANGE")),
    ("ORDERS", {"granularity": "DAY"}, ("filter.granularity", "INVALID")),
    ("KPIS", {}, ("filter.range", "REQUIRED")),
    ("SHIPMENTS", {"meliAccountIds": ["not-an-id"]}, ("filter.meliAccountIds", "NOT_FOUND")),
]


async def test_bad_filters_answer_errors_and_store_nothing(world: ExportWorld) -> None:
    answers = []
    for kind, filter_, _ in BAD_FILTERS:
        payload = await world.start("owner", kind, **filter_)
        assert payload["export"] is None
        answers.append(tuple((e["field"], e["code"]) for e in payload["errors"]))
    assert answers == [(expected,) for _, _, expected in BAD_FILTERS]
    assert await world.sql("SELECT count(*) FROM exports") == [(0,)]


async def test_exports_are_their_requesters_and_owners_see_all(world: ExportWorld) -> None:
    operators = (await world.start("operator", "LISTINGS"))["export"]["id"]
    analysts = (await world.start("analyst", "LISTINGS"))["export"]["id"]

    seen_by = {
        who: {node["id"] for node in (await world.call(who, EXPORTS))["exports"]["nodes"]}
        for who in ("owner", "operator", "analyst")
    }
    foreign = await gql(world.http["analyst"], EXPORT, {"id": operators})
    assert seen_by == {"owner": {operators, analysts}, "operator": {operators}, "analyst": {analysts}}
    assert foreign["data"] == {"export": None} and error_codes(foreign) == ["NOT_FOUND"]
