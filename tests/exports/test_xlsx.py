"""XLSX exports open with openpyxl: a bold frozen header, numbers as numbers, dates as dates, money in its
currency's format (``"R$" #,##0.00`` shows R$ 1.234,56 in a pt-BR Excel), ids as text; and the other
kinds (listings with their variations' SKUs, questions, shipments) hold their rows."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import datetime

import openpyxl
import pytest_asyncio

from melihub.accounts.models import Tenant, User
from melihub.connections.models import MeliAccount
from melihub.runtime import Services
from tests.exports.world import ExportWorld, export_world, sao_paulo


@pytest_asyncio.fixture
async def world(
    services: Services, tenant_a: tuple[Tenant, User], meli_account_a: MeliAccount
) -> AsyncIterator[ExportWorld]:
    async with export_world(services, *tenant_a, meli_account_a) as built:
        yield built


async def workbook(world: ExportWorld, kind: str) -> openpyxl.Workbook:
    started = await world.start("owner", kind, "XLSX")
    export = await world.finished("owner", started["export"]["id"])
    assert export["status"] == "DONE" and export["fileName"].endswith(".xlsx"), export
    response = await world.download(export["downloadUrl"])
    assert response.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return openpyxl.load_workbook(io.BytesIO(response.content))


async def test_an_orders_xlsx_has_typed_cells_and_brazilian_formats(world: ExportWorld) -> None:
    reais = await world.order(world.account, sao_paulo(2026, 11, 2, 21, 30), total="1234.56", refunded="4.56")
    await world.order(world.account, sao_paulo(2026, 11, 3, 9, 5), total="999.00", currency="ARS")

    sheet = (await workbook(world, "ORDERS")).active
    header = [cell.value for cell in sheet[1]]
    first, second = ({h: cell for h, cell in zip(header, row, strict=True)} for row in sheet.iter_rows(min_row=2))

    assert header[:4] == ["Pedido", "Carrinho", "Conta", "Criado em"] and sheet.max_row == 3
    assert all(cell.font.b for cell in sheet[1]) and sheet.freeze_panes == "A2"
    assert first["Pedido"].value == str(reais.ml_id) and first["Pedido"].data_type == "s"  # 16 digits: text
    assert first["Criado em"].value == datetime(2026, 11, 2, 21, 30)
    assert first["Criado em"].number_format == "dd/mm/yyyy hh:mm"
    assert (first["Total"].value, first["Total"].number_format) == (1234.56, '"R$" #,##0.00')
    assert (first["Líquido"].value, first["Reembolsado"].value) == (1230.0, 4.56)
    assert first["Unidades"].value == 1 and first["Unidades"].data_type == "n"
    assert (second["Total"].value, second["Total"].number_format) == (999.0, '"ARS" #,##0.00')
    assert first["Carrinho"].value is None  # no pack: an empty cell, not "None"


async def test_listings_questions_and_shipments_export_their_rows(world: ExportWorld) -> None:
    await world.listing(world.account, "MLB4000000001", "Camiseta básica", skus=("CAM-P", "CAM-M"))
    await world.question(world.account, "MLB4000000001", sao_paulo(2026, 11, 2, 10), sao_paulo(2026, 11, 2, 10, 45))
    order = await world.order(world.account, sao_paulo(2026, 11, 2), shipment_status="delivered")

    listings = (await workbook(world, "LISTINGS")).active
    questions = (await workbook(world, "QUESTIONS")).active
    shipments = (await workbook(world, "SHIPMENTS")).active

    listing = dict(zip([c.value for c in listings[1]], [c.value for c in listings[2]], strict=True))
    assert (listing["Anúncio"], listing["SKUs das variações"], listing["Variações"]) == (
        "MLB4000000001",
        "CAM-P, CAM-M",
        2,
    )
    assert (listing["Preço"], listing["Estoque"], listing["Frete grátis"]) == (59.9, 7, "sim")
    question = dict(zip([c.value for c in questions[1]], [c.value for c in questions[2]], strict=True))
    assert (question["Título"], question["Tempo de resposta (min)"]) == ("Camiseta básica", 45)
    assert question["Texto"].startswith("=HYPERLINK")  # a string cell in XLSX: never a formula
    shipment = dict(zip([c.value for c in shipments[1]], [c.value for c in shipments[2]], strict=True))
    assert (shipment["Pedidos"], shipment["Status"]) == (str(order.ml_id), "delivered")


async def test_a_csv_cell_that_looks_like_a_formula_is_kept_as_text(world: ExportWorld) -> None:
    await world.question(world.account, "MLB4000000001", sao_paulo(2026, 11, 2, 10), None)
    rows = await world.csv_rows("owner", (await world.start("owner", "QUESTIONS"))["export"]["id"])
    text = rows[1][rows[0].index("Texto")]
    assert text.startswith("'=HYPERLINK")
