"""The reference world of real-shaped Mercado Livre payloads (../shared/meli/fixtures)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parents[3]
_CANDIDATES = [
    Path(os.environ["MELIHUB_SANDBOX_SCENARIO"]) if os.environ.get("MELIHUB_SANDBOX_SCENARIO") else None,
    _REPO.parent / "shared" / "meli" / "fixtures",
    _REPO / "backend" / "melihub" / "sandbox" / "scenarios" / "default",
]


def fixtures_dir() -> Path:
    for candidate in _CANDIDATES:
        if candidate is not None and (candidate / "orders").is_dir():
            return candidate
    raise FileNotFoundError("no Mercado Livre fixture world found (../shared/meli/fixtures)")


def load_fixture(relative: str) -> Any:
    """``load_fixture("orders/2000009876543201.json")`` → the parsed JSON body."""
    return json.loads((fixtures_dir() / relative).read_text(encoding="utf-8"))


def fixture_ids(kind: str) -> list[str]:
    return sorted(p.stem for p in (fixtures_dir() / kind).glob("*.json") if "_" not in p.stem)


SELLER_A = 2401234567  # LOJA_CASA_AURORA, MLB
SELLER_B = 1187654321  # TIENDA_PAMPA_SUR, MLA
APPLICATION_ID = 5503910054141466
