"""Validation of Mercado Livre's notification body (reference §3.2): strict on what we rely on."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from melihub.resources.registry import HANDLED_TOPICS

TOPIC = re.compile(r"^[a-z][a-z0-9_ -]{0,63}$")
MAX_ID_LENGTH = 128
MAX_RESOURCE_LENGTH = 512


class NotificationError(ValueError):
    """The body is not a Mercado Livre notification; the message says why."""


@dataclass(frozen=True)
class Notification:
    notification_id: str
    topic: str
    resource: str
    ml_user_id: int
    application_id: int | None
    attempts: int | None
    payload: dict[str, Any]
    # The body as received (valid JSON): stored as-is, so the hot path never re-serialises it.
    raw_text: str = ""

    @property
    def handled(self) -> bool:
        """Whether melihub fetches this topic's resources; anything else is stored and marked ignored."""
        return self.topic in HANDLED_TOPICS


def _integer(body: dict[str, Any], key: str, *, required: bool) -> int | None:
    value = body.get(key)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise NotificationError(f"'{key}' must be an integer")
    if isinstance(value, str) and not value.isdigit():
        raise NotificationError(f"'{key}' must be an integer")
    number = int(value)
    if number <= 0 or number >= 2**63:
        raise NotificationError(f"'{key}' is out of range")
    return number


def _text(body: dict[str, Any], key: str, limit: int) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip():
        raise NotificationError(f"'{key}' must be a non-empty string")
    if len(value) > limit:
        raise NotificationError(f"'{key}' is longer than {limit} characters")
    return value.strip()


def parse_notification(raw: bytes) -> Notification:
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise NotificationError("body is not valid JSON") from None
    except RecursionError:  # the decoder recurses per nesting level: a deep body exhausts the stack
        raise NotificationError("body is nested too deeply") from None
    if not isinstance(body, dict):
        raise NotificationError("body must be a JSON object")
    topic = _text(body, "topic", 64)
    if not TOPIC.match(topic):
        raise NotificationError("'topic' has unexpected characters")
    ml_user_id = _integer(body, "user_id", required=True)
    assert ml_user_id is not None
    return Notification(
        notification_id=_text(body, "_id", MAX_ID_LENGTH),
        topic=topic,
        resource=_text(body, "resource", MAX_RESOURCE_LENGTH),
        ml_user_id=ml_user_id,
        application_id=_integer(body, "application_id", required=False),
        attempts=_integer(body, "attempts", required=False),
        payload=body,
        raw_text=raw.decode("utf-8") if isinstance(raw, bytes) else str(raw),
    )
