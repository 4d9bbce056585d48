"""Time-ordered UUIDs (version 7 layout) for append-heavy tables: new rows land at the index's end."""

from __future__ import annotations

import os
import threading
import time
import uuid

_ENTROPY_CHUNK = 10 * 512


class _Entropy:
    """os.urandom read in chunks: one system call per 512 ids instead of one per id (webhook hot path)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buffer = b""
        self._offset = 0

    def forget(self) -> None:
        self._lock = threading.Lock()
        self._buffer, self._offset = b"", 0

    def take(self, size: int) -> bytes:
        with self._lock:
            if self._offset + size > len(self._buffer):
                self._buffer, self._offset = os.urandom(_ENTROPY_CHUNK), 0
            chunk = self._buffer[self._offset : self._offset + size]
            self._offset += size
            return chunk


_entropy = _Entropy()
os.register_at_fork(after_in_child=_entropy.forget)  # a forked child must not reuse its parent's bytes


def uuid7() -> uuid.UUID:
    milliseconds = time.time_ns() // 1_000_000
    value = bytearray(milliseconds.to_bytes(6, "big") + _entropy.take(10))
    value[6] = (value[6] & 0x0F) | 0x70  # version 7
    value[8] = (value[8] & 0x3F) | 0x80  # RFC 4122 variant
    return uuid.UUID(bytes=bytes(value))
