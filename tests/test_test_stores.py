"""The suite's stores under pytest-xdist: two worker processes never share a Redis database or a folder."""

from __future__ import annotations

import pytest

from melihub.testing import stores


@pytest.mark.parametrize(
    ("worker", "given", "expected"),
    [
        ("", "redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
        ("gw0", "redis://127.0.0.1:6379/2", "redis://127.0.0.1:6379/2"),
        ("gw1", "redis://127.0.0.1:6379/2", "redis://127.0.0.1:6379/3"),
        ("gw3", "redis://:secret@cache:6380", "redis://:secret@cache:6380/3"),
        ("gw15", "redis://127.0.0.1:6379/2", "redis://127.0.0.1:6379/1"),
        ("gw1", "unix:///run/redis.sock", "unix:///run/redis.sock"),
    ],
)
def test_each_worker_flushes_its_own_external_redis_database(
    monkeypatch: pytest.MonkeyPatch, worker: str, given: str, expected: str
) -> None:
    monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
    monkeypatch.setenv("REDIS_URL", given)
    url, server = stores.session_redis_url()
    assert (url, server) == (expected, None)


def test_each_worker_starts_its_embedded_postgres_in_its_own_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MELIHUB_TEST_DATA_DIR", "/tmp/suite")
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    alone = stores._test_data_dir()
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    assert (str(alone), str(stores._test_data_dir())) == ("/tmp/suite", "/tmp/suite/worker-1")
