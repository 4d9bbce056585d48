"""The export mutations' shared input: ``kind``, ``format`` and ``filter`` as a service request."""

from __future__ import annotations

from melihub.exports.filters import ExportFilter
from melihub.exports.graphql.types import ExportFilterInput, ExportFormatEnum, ExportKindEnum, range_dates
from melihub.exports.models import ExportFormat, ExportKind
from melihub.exports.service import ACCOUNTS_FIELD, ExportRequest
from melihub.graphql.accounts import ACCOUNT_TYPE
from melihub.graphql.mutation import MutationCall


def export_request(
    call: MutationCall, kind: ExportKindEnum, format: ExportFormatEnum, given: ExportFilterInput | None
) -> ExportRequest:
    """Malformed or foreign account ids answer NOT_FOUND on ``filter.meliAccountIds``."""
    given = given or ExportFilterInput()
    accounts = (
        tuple(call.id_of(ACCOUNTS_FIELD, value, ACCOUNT_TYPE) for value in given.meli_account_ids)
        if given.meli_account_ids
        else None
    )
    first, last = range_dates(given.range)
    statuses = tuple(status.strip() for status in given.statuses) if given.statuses is not None else None
    return ExportRequest(
        kind=ExportKind(kind.value),
        format=ExportFormat(format.value),
        filter=ExportFilter(
            meli_account_ids=accounts,
            first=first,
            last=last,
            granularity=given.granularity,
            statuses=statuses,
        ),
    )
