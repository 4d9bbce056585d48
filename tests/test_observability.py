"""Logs are JSON with a request id, and secrets never appear in them."""

from __future__ import annotations

import json
import logging

import pytest

from melihub.observability import clear_request_id, configure_logging, get_logger, new_request_id, redact


def test_redact_hides_credentials_by_key_and_by_shape() -> None:
    event = {
        "authorization": "Bearer abc",
        "password": "hunter2",
        "nested": {"refresh_token": "TG-1", "note": "token APP_USR-123-456-abc-2401234567 leaked"},
        "jwt": "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl",
        "api": "mhk_" + "0" * 32 + "_secretsecretsecretsecret",
        "fine": "order 2000009876543201",
    }
    clean = json.dumps(redact(event))
    for secret in ("abc", "hunter2", "TG-1", "APP_USR-123", "eyJhbGciOi", "secretsecret"):
        assert secret not in clean
    assert "order 2000009876543201" in clean


def test_log_lines_are_json_with_request_id(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", json=True)
    try:
        request_id = new_request_id()
        get_logger("test").info("refreshed", access_token="APP_USR-1-2-3-4", account="a1")
        clear_request_id()
        line = capsys.readouterr().err.strip().splitlines()[-1]
        record = json.loads(line)
        assert record["request_id"] == request_id and record["event"] == "refreshed"
        assert record["access_token"] == "[redacted]" and record["account"] == "a1"
    finally:
        logging.getLogger().handlers.clear()


def test_library_lines_and_tracebacks_share_the_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", json=True)
    try:
        logging.getLogger("uvicorn.error").warning("bind failed password=%s", "hunter2")
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            get_logger("melihub.test").exception("job.crashed", token="TG-9")
        get_logger("melihub.test").debug("too.detailed")
        lines = [json.loads(line) for line in capsys.readouterr().err.strip().splitlines()]
        assert [line["logger"] for line in lines] == ["uvicorn.error", "melihub.test"]
        assert [line["level"] for line in lines] == ["warning", "error"]
        assert "RuntimeError: boom" in lines[1]["exception"] and lines[1]["token"] == "[redacted]"
        assert all("timestamp" in line for line in lines)
    finally:
        logging.getLogger().handlers.clear()


def test_log_lines_go_to_the_stderr_of_the_moment_not_a_closed_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test harness's capture (or a daemon) swaps stderr after logging is configured: loggers that kept the
    old, closed stream raised "I/O operation on closed file" inside requests and jobs."""
    import io
    import logging
    import sys

    from melihub.observability import configure_logging, get_logger

    first = io.StringIO()
    monkeypatch.setattr(sys, "stderr", first)
    configure_logging("INFO", json=True)
    first.close()
    second = io.StringIO()
    monkeypatch.setattr(sys, "stderr", second)
    get_logger("melihub.test").info("after.swap")
    logging.getLogger("some.library").warning("a library line")
    assert "after.swap" in second.getvalue()
    assert "a library line" in second.getvalue()
