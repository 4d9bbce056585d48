"""Generated worlds for the KPI property test: accounts, currencies, packs, refunds, cancellations,
shipments on time / late / returned, questions in and out of SLA, threads — as version histories."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from tests.kpis import payloads

BASE = datetime(2026, 3, 1, tzinfo=ZoneInfo("America/Sao_Paulo"))
SPAN_MINUTES = 60 * 24 * 60  # orders and the rest fall in 60 days from BASE
ITEMS = ("MLB101", "MLB102", "MLB103")
CURRENCIES = ("BRL", "ARS")
_sellers = itertools.count(7_100_000_000)


@dataclass(frozen=True)
class Event:
    account: int  # index into the world's accounts
    kind: str
    raw: dict[str, Any]

    @property
    def entity(self) -> tuple[str, str]:
        return self.kind, str(self.raw["id"])


def new_sellers(count: int) -> list[int]:
    return [next(_sellers) for _ in range(count)]


def _at(draw: st.DrawFn) -> datetime:
    return BASE + timedelta(minutes=draw(st.integers(0, SPAN_MINUTES)), seconds=draw(st.integers(0, 59)))


def _cents(draw: st.DrawFn, low: int, high: int) -> Decimal:
    return Decimal(draw(st.integers(low, high))) / 100


@st.composite
def order_history(draw: st.DrawFn, ml_id: int, sellers: list[int], packs: list[tuple[int, int, str]]) -> list[Event]:
    pack = draw(st.sampled_from([None, *packs])) if packs else None
    account, currency = (
        (pack[1], pack[2]) if pack else (draw(st.integers(0, len(sellers) - 1)), draw(st.sampled_from(CURRENCIES)))
    )
    lines = [
        (draw(st.sampled_from(ITEMS)), draw(st.integers(1, 3)), _cents(draw, 100, 20000))
        for _ in range(draw(st.integers(1, 2)))
    ]
    total = sum((q * p for _, q, p in lines), Decimal(0))
    created = _at(draw)
    common = {
        "seller": sellers[account],
        "buyer": 500 + ml_id % 5,
        "created": created,
        "lines": lines,
        "currency": currency,
        "pack_id": pack[0] if pack else None,
    }
    first = draw(st.sampled_from(["paid", "payment_in_process"]))
    versions = [payloads.order(ml_id, updated=created + timedelta(minutes=1), status=first, **common)]
    final = draw(st.sampled_from([None, "paid", "partially_refunded", "cancelled_refunded", "cancelled"]))
    if final is not None:
        refunded = Decimal(0)
        if final == "partially_refunded":
            refunded = min(total - Decimal("0.01"), _cents(draw, 1, 10000)) if total > Decimal("0.01") else Decimal(0)
        elif final == "cancelled_refunded":
            refunded = total
        status = "cancelled" if final.startswith("cancelled") else final
        versions.append(
            payloads.order(ml_id, updated=created + timedelta(days=1), status=status, refunded=refunded, **common)
        )
    return [Event(account, "order", raw) for raw in versions]


@st.composite
def shipment_history(draw: st.DrawFn, ml_id: int, accounts: int) -> list[Event]:
    account = draw(st.integers(0, accounts - 1))
    created = _at(draw)
    limit = created + timedelta(hours=24)
    versions = [
        payloads.shipment(
            ml_id,
            created=created,
            updated=created + timedelta(minutes=1),
            status="ready_to_ship",
            substatus="ready_to_print",
            handling_limit=limit,
        )
    ]
    steps = draw(st.integers(0, 2))
    shipped = created + timedelta(hours=draw(st.integers(1, 48)), minutes=draw(st.integers(0, 59)))
    stamped = draw(st.booleans())
    if steps >= 1:
        versions.append(
            payloads.shipment(
                ml_id,
                created=created,
                updated=shipped,
                status="shipped",
                handling_limit=limit,
                date_shipped=shipped if stamped else None,
            )
        )
    if steps == 2:
        status, substatus = draw(
            st.sampled_from(
                [
                    ("delivered", None),
                    ("not_delivered", "returning_to_sender"),
                    ("not_delivered", "lost"),
                    ("not_delivered", "returned"),
                ]
            )
        )
        versions.append(
            payloads.shipment(
                ml_id,
                created=created,
                updated=shipped + timedelta(days=2),
                status=status,
                substatus=substatus,
                handling_limit=limit,
                date_shipped=shipped if stamped else None,
            )
        )
    return [Event(account, "shipment", raw) for raw in versions]


@st.composite
def question_history(draw: st.DrawFn, ml_id: int, sellers: list[int]) -> list[Event]:
    account = draw(st.integers(0, len(sellers) - 1))
    created = _at(draw)
    common = {"seller": sellers[account], "item": draw(st.sampled_from(ITEMS)), "created": created}
    versions = [payloads.question(ml_id, answered=None, **common)]
    if draw(st.booleans()):
        answered = created + timedelta(minutes=draw(st.integers(1, 180)), seconds=draw(st.integers(0, 59)))
        versions.append(payloads.question(ml_id, answered=answered, **common))
    return [Event(account, "question", raw) for raw in versions]


@st.composite
def thread_messages(draw: st.DrawFn, thread: int, sellers: list[int]) -> list[Event]:
    account = draw(st.integers(0, len(sellers) - 1))
    seller, buyer = sellers[account], 600 + thread % 7
    asked = _at(draw)
    moments = [(buyer, seller, asked)]
    for _ in range(draw(st.integers(0, 3))):
        sender = draw(st.sampled_from([seller, buyer]))
        moments.append(
            (sender, buyer if sender == seller else seller, asked + timedelta(minutes=draw(st.integers(-30, 600))))
        )
    return [
        Event(
            account,
            "message",
            payloads.message(f"{thread:08x}{n:024x}", thread=thread, sender=s, receiver=r, created=at),
        )
        for n, (s, r, at) in enumerate(moments)
    ]


@st.composite
def worlds(draw: st.DrawFn) -> tuple[list[int], list[Event]]:
    """(the accounts' seller ids, the events in the order they are applied: replays and older versions too)."""
    accounts = draw(st.integers(1, 3))
    sellers = new_sellers(accounts)
    packs = [
        (9000 + n, draw(st.integers(0, accounts - 1)), draw(st.sampled_from(CURRENCIES)))
        for n in range(draw(st.integers(0, 2)))
    ]
    histories: list[list[Event]] = []
    histories += [draw(order_history(1000 + n, sellers, packs)) for n in range(draw(st.integers(0, 10)))]
    histories += [draw(shipment_history(2000 + n, accounts)) for n in range(draw(st.integers(0, 5)))]
    histories += [draw(question_history(3000 + n, sellers)) for n in range(draw(st.integers(0, 5)))]
    histories += [draw(thread_messages(4000 + n, sellers)) for n in range(draw(st.integers(0, 2)))]
    events = [event for history in histories for event in history]
    if events:
        events += draw(st.lists(st.sampled_from(events), max_size=6))  # replays
    return sellers, list(draw(st.permutations(events)))
