"""A KPIS export is the ``kpis`` report flattened: a row per metric (per currency for money) and bucket of the
range, then the period's total; money keeps its currency's format in XLSX; account limits hold."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import date

import openpyxl
import pytest_asyncio

from melihub.accounts.models import Tenant, User
from melihub.connections.models import MeliAccount
from melihub.kpis.rebuild import rebuild_tenant
from melihub.runtime import Services
from tests.exports.world import ExportWorld, export_world, sao_paulo

RANGE = {"from": "2026-11-02", "to": "2026-11-04"}


@pytest_asyncio.fixture
async def world(
    services: Services, tenant_a: tuple[Tenant, User], meli_account_a: MeliAccount
) -> AsyncIterator[ExportWorld]:
    async with export_world(services, *tenant_a, meli_account_a) as built:
        await built.order(built.account, sao_paulo(2026, 11, 2, 10), total="100.00")
        await built.order(built.account, sao_paulo(2026, 11, 4, 23, 30), total="50.00", refunded="10.00")
        await built.order(built.other, sao_paulo(2026, 11, 3, 9), total="1000.00")
        await rebuild_tenant(built.services.db, built.tenant.id)  # the rollups, as the workers keep them
        yield built


def gmv_rows(rows: list[list[str]]) -> list[list[str]]:
    return [row for row in rows[1:] if row[0] == "GMV"]


async def test_a_kpis_csv_has_each_metrics_series_and_total(world: ExportWorld) -> None:
    started = await world.start("analyst", "KPIS", range=RANGE)
    assert started["errors"] == []
    rows = await world.csv_rows("analyst", started["export"]["id"])

    assert rows[0] == ["Métrica", "Grupo", "Unidade", "Moeda", "Início", "Valor"]
    assert gmv_rows(rows) == [
        ["GMV", "SALES", "MONEY", "BRL", "02/11/2026", "100,00"],
        ["GMV", "SALES", "MONEY", "BRL", "03/11/2026", "1000,00"],
        ["GMV", "SALES", "MONEY", "BRL", "04/11/2026", "40,00"],
        ["GMV", "SALES", "MONEY", "BRL", "Total do período", "1140,00"],
    ]
    orders = [row for row in rows[1:] if row[0] == "ORDERS"]
    assert [row[5] for row in orders] == ["1", "1", "1", "3"] and orders[0][3] == ""


async def test_a_limited_member_gets_the_numbers_of_its_accounts_only(world: ExportWorld) -> None:
    started = await world.start("limited", "KPIS", range=RANGE)
    rows = await world.csv_rows("limited", started["export"]["id"])
    assert [row[5] for row in gmv_rows(rows)] == ["100,00", "0,00", "40,00", "140,00"]


async def test_a_kpis_xlsx_types_the_dates_and_money(world: ExportWorld) -> None:
    started = await world.start("owner", "KPIS", "XLSX", range=RANGE, granularity="DAY")
    export = await world.finished("owner", started["export"]["id"])
    sheet = openpyxl.load_workbook(io.BytesIO((await world.download(export["downloadUrl"])).content)).active
    gmv = [row for row in sheet.iter_rows(min_row=2) if row[0].value == "GMV"]

    assert gmv[0][4].value.date() == date(2026, 11, 2) and gmv[0][4].number_format == "dd/mm/yyyy"
    assert (gmv[0][5].value, gmv[0][5].number_format) == (100.0, '"R$" #,##0.00')
    assert gmv[-1][4].value == "Total do período" and gmv[-1][5].value == 1140.0
    count = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "ORDERS")
    assert count[5].number_format == "General"  # a count is a plain number
