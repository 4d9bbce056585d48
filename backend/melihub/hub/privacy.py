"""The recipient's personal data: shown whole only to roles that hand orders over, masked for the rest
and in every log line."""

from __future__ import annotations

import re

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal

# Who hands orders over at the desk needs the recipient's document and phone; a report reader does not.
SEES_RECIPIENT = Permission.OPERATE


def digits(value: str | None) -> str:
    return re.sub(r"\D", "", value or "")


def mask_document(value: str | None) -> str | None:
    """``***.456.789-**``-like: the middle digits only (enough to tell two recipients apart at the desk)."""
    if not value:
        return value
    numbers = digits(value)
    if len(numbers) < 6:
        return "*" * len(numbers)
    return "*" * 3 + numbers[3:-2] + "*" * 2


def mask_phone(number: str) -> str:
    """The last four digits (nothing of a number too short to be one)."""
    numbers = digits(number)
    return "*" * (len(numbers) - 4) + numbers[-4:] if len(numbers) >= 8 else "***"


def mask_name(value: str | None) -> str | None:
    """The first name and the initials of the rest."""
    if not value:
        return value
    first, *rest = value.split()
    return " ".join([first, *(f"{part[0]}." for part in rest)])


def mask_email(address: str) -> str:
    local, at, domain = address.strip().partition("@")
    return f"{local[:1]}***@{domain}" if at and local else "***"


def sees_recipient(principal: Principal) -> bool:
    return principal.can(SEES_RECIPIENT)
