"""Money as the API shows it everywhere: an exact decimal amount with its currency."""

from __future__ import annotations

from decimal import Decimal

import strawberry


@strawberry.type(description="An exact amount (a decimal string, never a float) in a currency (ISO 4217, e.g. BRL).")
class Money:
    amount: Decimal
    currency: str


def money_of(amount: Decimal | None, currency: str) -> Money | None:
    """None when the amount is unknown."""
    return None if amount is None else Money(amount=amount, currency=currency)
