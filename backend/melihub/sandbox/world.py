"""The sandbox's world: raw ML resources by kind, loaded from a scenario folder (or generated).

A scenario folder is laid out like ``scenarios/default`` (a verbatim copy of the reference
fixtures): one raw JSON file per resource under ``users/``, ``items/``, ``orders/``... plus
response templates (``search/``, ``multiget/``, ``errors/``, ``notifications/``, ``oauth/``) that
give the exact envelopes ML answers with.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_SCENARIO = Path(__file__).resolve().parent / "scenarios" / "default"
DEFAULT_APP_ID = 5503910054141466
# 2025-03-13T17:20:00Z: the reference world's "now" (the search snapshot of the scan fixture).
DEFAULT_CLOCK_MS = 1741886400000

RESOURCE_KINDS = (
    "users",
    "buyers",
    "items",
    "descriptions",
    "performance",
    "orders",
    "packs",
    "shipments",
    "shipment_items",
    "questions",
    "messages",
    "claims",
    "billing_info",  # by order id: a v2 body a test (or scenario) set, served instead of the generated one
)
TEMPLATE_DIRS = ("search", "multiget", "errors", "notifications", "oauth")
ML_OFFSET = timezone(timedelta(hours=-4))  # orders/shipments/questions come back with -04:00

Raw = dict[str, Any]


def iso_ml(moment: datetime | None = None) -> str:
    """``2025-03-10T14:22:05.000-04:00`` (orders, shipments, questions, packs)."""
    moment = (moment or datetime.now(UTC)).astimezone(ML_OFFSET)
    return moment.isoformat(timespec="milliseconds")


def iso_z(moment: datetime | None = None) -> str:
    """``2025-03-12T18:40:02.000Z`` (items, notifications)."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    return _parse_time(value)


@lru_cache(maxsize=262_144)
def _parse_time(value: str) -> datetime | None:
    """Searches filter every order of a seller on every request: the same strings, parsed once."""
    text = value.replace("Z", "+00:00")
    if text.endswith("-00:00"):
        text = text[:-6] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# What ML timestamps look like: seconds, optional fraction, then ``Z`` or an explicit offset.
_STAMP = re.compile(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")


def shift_stamp(text: str, delta: timedelta) -> str:
    """``text`` moved by ``delta`` if it is an ISO-8601 timestamp with offset, in the same textual form.

    The offset is kept as written (``Z``, ``-04:00``, ``-00:00``) and so is the number of fraction
    digits; any other string comes back unchanged.
    """
    match = _STAMP.fullmatch(text)
    if match is None:
        return text
    base, fraction, zone = match.groups()
    if zone == "Z":
        offset = UTC
    else:
        sign = -1 if zone[0] == "-" else 1
        offset = timezone(sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    try:
        naive = datetime.strptime(base, "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return text  # looks like a timestamp but is no valid date: not ours to touch
    micros = int((fraction or ".0")[1:].ljust(6, "0"))
    moved = (naive.replace(tzinfo=offset, microsecond=micros) + delta).astimezone(offset)
    digits = f".{moved.microsecond:06d}"[: len(fraction)] if fraction else ""
    return f"{moved.strftime('%Y-%m-%dT%H:%M:%S')}{digits}{zone}"


def shift_stamps(value: Any, delta: timedelta) -> Any:
    """A copy of a JSON value with every timestamp string in it (at any depth) moved by ``delta``."""
    if isinstance(value, str):
        return shift_stamp(value, delta)
    if isinstance(value, dict):
        return {key: shift_stamps(item, delta) for key, item in value.items()}
    if isinstance(value, list):
        return [shift_stamps(item, delta) for item in value]
    return value


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class World:
    """Every resource of the sandbox as raw ML JSON, keyed by kind then by id (as a string)."""

    resources: dict[str, dict[str, Raw]] = field(default_factory=lambda: {k: {} for k in RESOURCE_KINDS})
    templates: dict[str, Any] = field(default_factory=dict)
    missed: list[Raw] = field(default_factory=list)
    app_id: int = DEFAULT_APP_ID
    clock_ms: int = DEFAULT_CLOCK_MS

    # ---- access ------------------------------------------------------------------------------

    def kind(self, kind: str) -> dict[str, Raw]:
        return self.resources.setdefault(kind, {})

    def get(self, kind: str, key: Any) -> Raw | None:
        return self.resources.get(kind, {}).get(str(key))

    def put(self, kind: str, key: Any, raw: Raw) -> None:
        self.kind(kind)[str(key)] = raw

    def template(self, name: str) -> Any:
        return copy.deepcopy(self.templates.get(name))

    def sellers(self) -> list[int]:
        return [int(k) for k in self.kind("users")]

    def is_seller(self, user_id: int) -> bool:
        return str(user_id) in self.kind("users")

    def export(self) -> dict[str, dict[str, Raw]]:
        return {kind: dict(values) for kind, values in self.resources.items() if values}

    def lead_over_clock(self) -> timedelta:
        """How far past the clock the newest order or question was created (zero when none is).

        The reference's fixtures hold orders created up to ~9 h after the clock it names; rebased
        so the clock reads now, those would arrive from the future.
        """
        clock = datetime.fromtimestamp(self.clock_ms / 1000, tz=UTC)
        stamps = [
            parse_time(raw.get("date_created"))
            for kind in ("orders", "questions")
            for raw in self.resources[kind].values()
        ]
        newest = max((stamp for stamp in stamps if stamp is not None), default=clock)
        return max(newest - clock, timedelta(0))

    def rebase(self, now: datetime) -> None:
        """Move the whole world in time so that its clock reads ``now``; relative ages stay the same.

        Every timestamp of every resource (and of the missed feeds) shifts by ``now - clock``, rounded
        to whole seconds so that stamps written without a fraction shift exactly like the others.
        """
        if now.tzinfo is None:
            raise ValueError("rebase needs an aware datetime (e.g. datetime.now(UTC))")
        seconds = round(now.timestamp() - self.clock_ms / 1000)
        delta = timedelta(seconds=seconds)
        for kind, values in self.resources.items():
            self.resources[kind] = {key: shift_stamps(raw, delta) for key, raw in values.items()}
        self.missed = shift_stamps(self.missed, delta)
        self.clock_ms += seconds * 1000

    # ---- ownership ---------------------------------------------------------------------------

    def owner(self, kind: str, raw: Raw | None) -> int | None:
        """The seller a resource belongs to (``None`` when unknown)."""
        if raw is None:
            return None
        value: Any = None
        if kind in ("users", "buyers"):
            value = raw.get("id")
        elif kind in ("items", "questions"):
            value = raw.get("seller_id")
        elif kind == "orders":
            value = (raw.get("seller") or {}).get("id")
        elif kind == "shipments":
            value = (raw.get("origin") or {}).get("sender_id") or raw.get("sender_id")
        elif kind == "packs":
            first = (raw.get("orders") or [{}])[0]
            value = self.owner("orders", self.get("orders", first.get("id")))
        elif kind == "claims":
            value = next((p.get("user_id") for p in raw.get("players", []) if p.get("type") == "seller"), None)
        return int(value) if value is not None and str(value).isdigit() else None

    def item_owner(self, item_id: str) -> int | None:
        return self.owner("items", self.get("items", item_id))

    # ---- notifications -----------------------------------------------------------------------

    def resource_path(self, kind: str, key: Any) -> tuple[str, str] | None:
        """``(topic, resource)`` of the notification for a resource of ``kind``."""
        topics = {"orders": "orders_v2", "items": "items", "questions": "questions", "shipments": "shipments"}
        if kind in topics:
            return topics[kind], f"/{kind}/{key}"
        if kind == "claims":  # the reference is unsure of this form (§3.3); melihub also takes /claims/{id}
            return "claims", f"/post-purchase/v1/claims/{key}"
        return None

    def seller_of(self, kind: str, key: Any) -> int | None:
        if kind in ("descriptions", "performance"):
            return self.item_owner(str(key))
        if kind == "messages":
            pack = self.get("packs", key) or {}
            return self.owner("packs", pack) or self.owner("orders", self.get("orders", key))
        return self.owner(kind, self.get(kind, key))


# ---- loading --------------------------------------------------------------------------------


def _load_templates(world: World, folder: Path) -> None:
    for name in TEMPLATE_DIRS:
        for path in sorted((folder / name).glob("*.json")) if (folder / name).is_dir() else []:
            world.templates[f"{name}/{path.stem}"] = _read(path)


def _load_resource_file(world: World, kind: str, path: Path) -> None:
    data = _read(path)
    stem = path.stem
    if kind == "shipments" and stem.endswith("_items"):
        world.put("shipment_items", stem.removesuffix("_items"), data)
    elif kind == "messages":
        world.put("messages", stem.removeprefix("pack_"), data)
    elif kind == "claims" and isinstance(data, dict) and "data" in data:
        world.templates["claims/search"] = {k: v for k, v in data.items() if k != "data"}
        for claim in data["data"]:
            world.put("claims", claim["id"], claim)
    else:
        world.put(kind, stem, data)


def load_scenario(folder: Path | None = None) -> World:
    """Read a scenario folder; templates missing there come from the default scenario."""
    folder = Path(folder) if folder else DEFAULT_SCENARIO
    if not folder.is_dir():
        raise FileNotFoundError(f"scenario folder not found: {folder}")
    world = World()
    _load_templates(world, DEFAULT_SCENARIO)
    if folder.resolve() != DEFAULT_SCENARIO.resolve():
        _load_templates(world, folder)
    for kind in RESOURCE_KINDS:
        if (folder / kind).is_dir():
            for path in sorted((folder / kind).glob("*.json")):
                _load_resource_file(world, kind, path)
    missed = folder / "missed_feeds.json"
    if missed.is_file():
        world.missed = list(_read(missed).get("messages", []))
    world.app_id = _app_id(world)
    return world


def _app_id(world: World) -> int:
    for name, body in world.templates.items():
        if name.startswith("notifications/") and isinstance(body, dict) and body.get("application_id"):
            return int(body["application_id"])
    for note in world.missed:
        if note.get("application_id"):
            return int(note["application_id"])
    return DEFAULT_APP_ID
