"""Event ids: time-ordered, version 7, unique — also across a fork."""

from __future__ import annotations

import os
import uuid

from melihub.db.ids import uuid7


def test_ids_are_version_7_unique_and_time_ordered() -> None:
    ids = [uuid7() for _ in range(5_000)]  # several entropy chunks
    assert len(set(ids)) == len(ids)
    assert all(value.version == 7 and value.variant == uuid.RFC_4122 for value in ids)
    assert [value.bytes[:6] for value in ids] == sorted(value.bytes[:6] for value in ids)


def test_a_forked_child_does_not_repeat_its_parents_ids() -> None:
    uuid7()  # the parent now holds a partly used chunk
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.write(write_end, uuid7().bytes[6:])
        os._exit(0)
    os.waitpid(pid, 0)
    child_random = os.read(read_end, 10)
    os.close(read_end)
    os.close(write_end)
    assert child_random != uuid7().bytes[6:]
