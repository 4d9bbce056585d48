"""Time-ordered UUIDs (version 7 layout) for append-heavy tables: new rows land at the index's end."""

from __future__ import annotations

import os
import time
import uuid


def uuid7() -> uuid.UUID:
    milliseconds = time.time_ns() // 1_000_000
    value = bytearray(milliseconds.to_bytes(6, "big") + os.urandom(10))
    value[6] = (value[6] & 0x0F) | 0x70  # version 7
    value[8] = (value[8] & 0x3F) | 0x80  # RFC 4122 variant
    return uuid.UUID(bytes=bytes(value))
