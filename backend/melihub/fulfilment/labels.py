"""Printing shipping labels in batches: one merged file behind a signed URL, refusals per shipment.

The flow (:func:`print_labels`):

1. the shipments the caller may see (``NOT_FOUND`` otherwise); those melihub knows cannot have a label
   are refused without asking Mercado Livre: ``CANCELLED``, ``ALREADY_SHIPPED`` (shipped, delivered,
   not delivered) and ``NO_LABEL`` (Full and Flex: reference §7.3);
2. per Mercado Livre account (each with its own token), batches of at most 50 ids per
   ``GET /shipment_labels``; a batch answered 400 names its shipments that are not ready to print
   (``NOT_READY_TO_PRINT``, with Mercado Livre's message) and is asked again without them;
3. the answers are merged in the order asked (``label_files``) and kept for ten minutes (``downloads``);
4. the printed shipments are marked as Mercado Livre says a first print leaves them (``ready_to_print`` →
   ``printed``, reference §7.3) and ``shipmentChanged`` is published; the ``shipments`` notification
   Mercado Livre sends for the print then brings its own copy, which wins (it is newer).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from sqlalchemy import ARRAY, Text, and_, case, func, literal, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.connections.models import AccountStatus, MeliAccount
from melihub.connections.runtime import meli_client
from melihub.connections.tokens import account_ref
from melihub.db.base import utcnow
from melihub.db.paging import visible
from melihub.db.unit import UnitOfWork, unit_of_work
from melihub.errors import DomainError
from melihub.fulfilment import label_files
from melihub.fulfilment.downloads import Download, DownloadFile, store_download
from melihub.meli import errors as meli_errors
from melihub.meli.client import LABELS_MAX, MeliClient, shipments_named_in
from melihub.meli.tokens import AccountRef
from melihub.realtime.bus import Change, publish_many
from melihub.runtime import Services
from melihub.shipments.models import Shipment

MAX_SHIPMENTS = 500
DONE_STATUSES = ("shipped", "delivered", "not_delivered")
NO_LABEL = {"fulfillment": "Mercado Livre's warehouse (Full)", "self_service": "the seller's own delivery (Flex)"}
SHIPMENT_CHANGE = "shipment"

OpenUnit = Callable[[], AbstractAsyncContextManager[UnitOfWork]]
Describe = Callable[[list[Shipment]], None]


class LabelFormat(Enum):
    PDF = "PDF"
    ZPL = "ZPL"


ML_FORMAT = {LabelFormat.PDF: "pdf", LabelFormat.ZPL: "zpl2"}


@dataclass
class LabelOutcome:
    printed: list[Shipment] = field(default_factory=list)  # in print order, as stored afterwards
    refusals: list[DomainError] = field(default_factory=list)  # one per shipment id not printed
    download: Download | None = None
    label_count: int = 0  # pages of the PDF, or ZPL labels (``^XA``)
    label_calls: int = 0  # GET /shipment_labels made


@dataclass
class _Printing:
    """The shipments being printed, and what came back for them so far."""

    given: dict[int, str]  # shipment ML id → the id as the caller gave it
    fmt: LabelFormat
    parts: list[Any] = field(default_factory=list)  # PdfReader or ZplPart, in print order
    printed: list[int] = field(default_factory=list)  # ML ids
    refusals: list[DomainError] = field(default_factory=list)
    calls: int = 0

    def refuse(self, ml_ids: Sequence[int], message: str, code: str) -> None:
        self.refusals.extend(DomainError(message, field=self.given[ml_id], code=code) for ml_id in ml_ids)


def checked_count(shipment_ids: Sequence[str]) -> None:
    if not shipment_ids:
        raise DomainError("give at least one shipment id", field="shipmentIds", code="INVALID")
    if len(shipment_ids) > MAX_SHIPMENTS:
        raise DomainError(f"at most {MAX_SHIPMENTS} shipments per call", field="shipmentIds", code="TOO_MANY")


def local_refusal(shipment: Shipment, given: str) -> DomainError | None:
    """Why melihub already knows this shipment has no label to print; None when Mercado Livre may have one."""
    if shipment.status == "cancelled":
        return DomainError("the shipment is cancelled", field=given, code="CANCELLED")
    if shipment.status in DONE_STATUSES:
        return DomainError(f"the shipment is already {shipment.status}", field=given, code="ALREADY_SHIPPED")
    if shipment.logistic_type in NO_LABEL:
        who = NO_LABEL[shipment.logistic_type]
        return DomainError(f"{who} ships it: Mercado Livre has no label to print", field=given, code="NO_LABEL")
    return None


async def print_labels(
    services: Services,
    principal: Principal,
    shipments: Sequence[tuple[str, uuid.UUID]],
    fmt: LabelFormat,
    *,
    store_in: OpenUnit | None = None,
    describe: Describe | None = None,
) -> LabelOutcome:
    """Print the labels of ``shipments`` (each the id as given and its row id); ``store_in`` opens the
    transaction that records the print (a mutation's, for its audit row), ``describe`` is told what printed."""
    principal.require(Permission.OPERATE)
    async with services.db.tenant(principal.tenant_id, user_id=principal.user_id) as session:
        found = await _visible(session, principal, [row_id for _, row_id in shipments])
        accounts = await _accounts(session, {shipment.meli_account_id for shipment in found.values()})
    printing = _Printing(given={}, fmt=fmt)
    per_account: dict[uuid.UUID, list[int]] = {}
    for given, row_id in dict(shipments).items():
        shipment = found.get(row_id)
        if shipment is None:
            message = "no shipment with this id is visible to you"
            printing.refusals.append(DomainError(message, field=given, code="NOT_FOUND"))
            continue
        refused = local_refusal(shipment, given)
        if refused is not None:
            printing.refusals.append(refused)
        elif shipment.ml_id not in printing.given:
            printing.given[shipment.ml_id] = given
            per_account.setdefault(shipment.meli_account_id, []).append(shipment.ml_id)
    client = meli_client(services)
    for account_id, ml_ids in per_account.items():
        await _print_account(client, accounts.get(account_id), ml_ids, printing)
    outcome = LabelOutcome(refusals=printing.refusals, label_calls=printing.calls)
    if not printing.printed:
        return outcome
    file, outcome.label_count = _merged(printing)
    outcome.download = await store_download(services, principal.tenant_id, file)
    ids = [shipment.id for shipment in found.values() if shipment.ml_id in set(printing.printed)]
    opener = store_in or (lambda: unit_of_work(services.db, principal.tenant_id, user_id=principal.user_id))
    async with opener() as work:
        outcome.printed = await _record_print(work.session, principal, ids, printing.printed)
        if describe is not None:
            describe(outcome.printed)
        changes = [_change(shipment) for shipment in outcome.printed]
        work.after_commit(lambda: publish_many(services.redis, changes))
    return outcome


async def _print_account(
    client: MeliClient, account: MeliAccount | None, ml_ids: list[int], printing: _Printing
) -> None:
    if account is None or account.status != AccountStatus.ACTIVE.value:
        printing.refuse(
            ml_ids, "the shipment's Mercado Livre account is not connected (link it again)", "ACCOUNT_INACTIVE"
        )
        return
    ref = account_ref(account)
    for start in range(0, len(ml_ids), LABELS_MAX):
        await _print_batch(client, ref, ml_ids[start : start + LABELS_MAX], printing)


async def _print_batch(client: MeliClient, account: AccountRef, batch: list[int], printing: _Printing) -> None:
    """One batch: asked again without the shipments a 400 names, until it prints or nothing is left."""
    pending = list(batch)
    while pending:
        printing.calls += 1
        try:
            [answer] = await client.get_shipment_labels(account, pending, ML_FORMAT[printing.fmt])
        except meli_errors.ValidationError as exc:
            named = shipments_named_in(exc, pending)
            if not named:  # a refusal that names no shipment: the whole batch
                printing.refuse(pending, _said(exc), "REFUSED")
                return
            printing.refuse(named, f"not ready to print: {_said(exc)}", "NOT_READY_TO_PRINT")
            pending = [ml_id for ml_id in pending if ml_id not in named]
            continue
        except meli_errors.MeliError as exc:
            printing.refuse(pending, *_failure(exc))
            return
        try:
            part = _read(answer.content, printing.fmt)
        except label_files.UnreadableLabels as exc:
            printing.refuse(pending, f"Mercado Livre's labels could not be read: {exc}", "REFUSED")
            return
        printing.parts.append(part)
        printing.printed.extend(pending)
        return


def _read(content: bytes, fmt: LabelFormat) -> Any:
    return label_files.read_pdf(content) if fmt is LabelFormat.PDF else label_files.read_zpl(content)


def _said(exc: meli_errors.MeliError) -> str:
    return exc.message or str(exc)


def _failure(exc: meli_errors.MeliError) -> tuple[str, str]:
    if isinstance(exc, meli_errors.ReauthRequired):
        return "the Mercado Livre account needs to be linked again", "REAUTH_REQUIRED"
    if isinstance(exc, meli_errors.Forbidden | meli_errors.NotFound):
        return f"Mercado Livre refused: {_said(exc)}", "REFUSED"
    return f"Mercado Livre did not answer ({_said(exc)}); nothing was printed, try again", "MELI_UNAVAILABLE"


def _merged(printing: _Printing) -> tuple[DownloadFile, int]:
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    count = len(printing.printed)
    if printing.fmt is LabelFormat.PDF:
        content, pages = label_files.merge_pdfs(printing.parts)
        return DownloadFile(content, f"etiquetas-{stamp}-{count}.pdf", "application/pdf"), pages
    text_name = f"etiquetas-{stamp}-{count}.txt"
    content, zipped, labels = label_files.merge_zpl(printing.parts, text_name)
    if zipped:
        return DownloadFile(content, f"etiquetas-{stamp}-{count}.zip", "application/zip"), labels
    return DownloadFile(content, text_name, "text/plain; charset=utf-8"), labels


async def _visible(session: AsyncSession, principal: Principal, ids: list[uuid.UUID]) -> dict[uuid.UUID, Shipment]:
    rows = (await session.exec(visible(Shipment, principal).where(col(Shipment.id).in_(ids)))).all()
    return {row.id: row for row in rows}


async def _accounts(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, MeliAccount]:
    found = [await session.get(MeliAccount, account_id) for account_id in ids]
    return {account.id: account for account in found if account is not None}


async def _record_print(
    session: AsyncSession, principal: Principal, ids: list[uuid.UUID], print_order: list[int]
) -> list[Shipment]:
    """A first print leaves ``ready_to_print`` as ``printed`` (in the row and its raw copy); a label exists."""
    first_print = and_(col(Shipment.status) == "ready_to_ship", col(Shipment.substatus) == "ready_to_print")
    printed = literal("printed", Text)
    in_raw = func.jsonb_set(col(Shipment.raw), literal(["substatus"], ARRAY(Text)), func.to_jsonb(printed), type_=JSONB)
    await session.exec(
        update(Shipment)
        .where(col(Shipment.id).in_(ids))
        .values(
            substatus=case((first_print, printed), else_=col(Shipment.substatus)),
            raw=case((first_print, in_raw), else_=col(Shipment.raw)),
            label_printed_at=func.coalesce(col(Shipment.label_printed_at), utcnow()),
            synced_at=utcnow(),
        )
    )
    session.expire_all()
    rows = await _visible(session, principal, ids)
    position = {ml_id: index for index, ml_id in enumerate(print_order)}
    return sorted(rows.values(), key=lambda shipment: position.get(shipment.ml_id, 0))


def _change(shipment: Shipment) -> Change:
    return Change(str(shipment.tenant_id), SHIPMENT_CHANGE, str(shipment.id), None, str(shipment.meli_account_id))
