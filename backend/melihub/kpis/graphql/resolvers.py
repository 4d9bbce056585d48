"""kpis(range, meliAccountIds, granularity, compareTo)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

import strawberry
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from melihub.accounts.permissions import Permission
from melihub.errors import DomainError
from melihub.graphql.accounts import account_filter_ids
from melihub.graphql.context import Info
from melihub.graphql.errors import AppError
from melihub.kpis import queries
from melihub.kpis.graphql.types import KpiRangeInput, KpiReport
from melihub.kpis.metrics import GROUP_OF, Comparison, Granularity, LocalRange, MetricGroup, MetricKey


async def resolve_kpis(
    info: Info,
    range: Annotated[KpiRangeInput, strawberry.argument(description="Inclusive local dates; ≤ 400 days.")],
    meli_account_ids: Annotated[
        list[strawberry.ID] | None,
        strawberry.argument(description="Only these Mercado Livre accounts; null: every account the caller sees."),
    ] = None,
    granularity: Annotated[
        Granularity, strawberry.argument(description="The series' buckets; HOUR only for ranges of ≤ 7 days.")
    ] = Granularity.DAY,
    compare_to: Annotated[
        Comparison | None, strawberry.argument(description="Also compute the compared range (previous, delta).")
    ] = None,
) -> KpiReport:
    principal = info.context.require(Permission.READ)
    try:
        queries.check_range(range.from_, range.to, granularity)
    except DomainError as error:
        raise AppError(str(error), "BAD_USER_INPUT", field=error.field) from None
    accounts = await account_filter_ids(info, None, meli_account_ids)
    async with info.context.session() as session:
        report = await queries.kpi_report(
            session,
            principal=principal,
            range_=LocalRange(range.from_, range.to),
            account_ids=accounts,
            granularity=granularity,
            compare_to=compare_to,
            groups=wanted_groups(info),
        )
    return KpiReport.of(report)


def wanted_groups(info: Info) -> set[MetricGroup] | None:
    """The groups the document's ``metrics(groups, keys)`` selections ask for (None: all of them)."""
    wanted: set[MetricGroup] = set()
    for report in info.selected_fields:
        for field in _fields(report.selections):
            if field.name != "metrics":
                continue
            asked = _groups_of(field.arguments)
            if asked is None:
                return None
            wanted |= asked
    return wanted


def _groups_of(arguments: dict[str, Any]) -> set[MetricGroup] | None:
    groups, keys = arguments.get("groups"), arguments.get("keys")
    if groups is None and keys is None:
        return None
    found = {MetricGroup(str(getattr(g, "value", g))) for g in groups} if groups is not None else None
    by_keys = {GROUP_OF[MetricKey(str(getattr(k, "value", k)))] for k in keys} if keys is not None else None
    if found is not None and by_keys is not None:
        return found & by_keys
    return found if found is not None else by_keys


def _fields(selections: Iterable[Selection]) -> Iterable[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from _fields(selection.selections)
