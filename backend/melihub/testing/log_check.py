"""The suite's log check: what every process of a test run logged (``MELIHUB_LOG_COPY``) holds no buyer PII.

What counts, line by line (a line that still has one got past the log masking — a process printing on its
own, a logger configured elsewhere):

* a document or phone, by shape (the masking's own ``observability.PII_VALUES``);
* a street address or CEP by shape (``observability.ADDRESS_VALUES``);
* an e-mail address, unless it is a staff user's: the test world's users sign in on ``<company>.example``
  domains (``ana@aurora.example``) and the demo's on ``melihub.dev``, while buyers and pickup recipients
  are on real-looking domains (``joao@example.com``, Mercado Livre's relays);
* a buyer's name, nickname, street or address line from the reference fixture world the sandbox serves
  (``orders/*.json``'s buyers, ``shipments/*.json``'s recipients and their addresses).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from melihub.observability import ADDRESS_VALUES, EMAIL_VALUES, PII_VALUES
from melihub.testing.fixtures import fixtures_dir

REPORT_LINES = 20
STAFF_EMAIL = re.compile(r"@(?:[\w-]+\.)*(?:[\w-]+\.example|melihub\.dev)$", re.IGNORECASE)
BUYER_KEYS = frozenset({"nickname", "first_name", "last_name", "receiver_name", "email"})
ADDRESS_KEYS = frozenset({"street_name", "address_line"})
MIN_MARKER = 6  # shorter values ("Ana") would match harmless words


def _values(node: Any, keys: frozenset[str]) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in keys and isinstance(value, str):
                yield value
            else:
                yield from _values(value, keys)
    elif isinstance(node, list):
        for value in node:
            yield from _values(value, keys)


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def buyer_markers(folder: Path | None = None) -> frozenset[str]:
    """The fixture world's buyer names, nicknames, e-mails, streets and address lines."""
    world = folder or fixtures_dir()
    found: set[str] = set()
    for path in sorted((world / "orders").glob("*.json")):
        order = _read(path)
        if isinstance(order, dict):
            found.update(_values(order.get("buyer"), BUYER_KEYS))
            found.update(_values(order.get("shipping"), BUYER_KEYS | ADDRESS_KEYS))
    for path in sorted((world / "shipments").glob("*.json")):
        shipment = _read(path)
        if isinstance(shipment, dict):
            for side in ("destination", "receiver_address"):
                found.update(_values(shipment.get(side), BUYER_KEYS | ADDRESS_KEYS))
    return frozenset(value for value in found if len(value) >= MIN_MARKER)


@functools.cache
def _marker_pattern(markers: frozenset[str]) -> re.Pattern[str] | None:
    if not markers:
        return None
    return re.compile("|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True)))


def personal_data(line: str, markers: frozenset[str]) -> str | None:
    """What in ``line`` is a buyer's personal data (None: nothing)."""
    for pattern in (PII_VALUES, ADDRESS_VALUES):
        if match := pattern.search(line):
            return match.group(0)
    if "@" in line:
        for email in EMAIL_VALUES.finditer(line):
            if not STAFF_EMAIL.search(email.group(0)):
                return email.group(0)
    names = _marker_pattern(markers)
    named = names.search(line) if names is not None else None
    return named.group(0) if named else None


def scan(folder: Path, markers: frozenset[str] | None = None) -> list[str]:
    """``file:line: text`` of every logged line with buyer PII in it."""
    known = buyer_markers() if markers is None else markers
    found: list[str] = []
    for path in sorted(folder.glob("*.log")):
        with path.open(encoding="utf-8", errors="replace") as lines:
            for number, line in enumerate(lines, start=1):
                if personal_data(line, known) is not None:
                    found.append(f"{path.name}:{number}: {line.strip()[:300]}")
    return found


def report(found: list[str]) -> str:
    more = f"\n… and {len(found) - REPORT_LINES} more" if len(found) > REPORT_LINES else ""
    return (
        "buyer personal data (documents, phones, e-mails, names, addresses) in the suite's logs:\n"
        + "\n".join(found[:REPORT_LINES])
        + more
    )
