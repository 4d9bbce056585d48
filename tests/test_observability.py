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


def test_the_console_is_readable_lines_without_routine_noise(capsys: pytest.CaptureFixture[str]) -> None:
    """``make demo`` (MELIHUB_LOG_JSON=false): one readable line each, what matters kept, routine info dropped,
    personal data masked as in JSON."""
    configure_logging("INFO", json=False)
    try:
        get_logger("melihub.http").info("request", method="POST", path="/graphql", status=200)
        get_logger("melihub.meli").info("meli.request", family="orders", status=200)
        logging.getLogger("arq.worker").info("  0.02s → process_resource")
        get_logger("melihub.meli").warning("meli.breaker_open", family="orders")
        get_logger("melihub.demo").info("demo.seeded", sellers=3, receiver_name="João Pereira")
        err = capsys.readouterr().err
        lines = err.strip().splitlines()
        assert len(lines) == 2, err
        assert "meli.breaker_open" in lines[0] and "warn" in lines[0] and "family=orders" in lines[0]
        assert "demo.seeded" in lines[1] and "sellers=3" in lines[1] and "João" not in lines[1]
        assert not any(line.lstrip().startswith("{") for line in lines)
        assert "\x1b[" not in err  # not a terminal here: no colour codes
    finally:
        configure_logging("INFO", json=True)
    logging.getLogger("arq.worker").info("a job")  # JSON again: routine lines are back
    assert json.loads(capsys.readouterr().err.strip().splitlines()[-1])["event"] == "a job"


def test_log_lines_carry_the_trace_event_and_tenant_of_their_work(capsys: pytest.CaptureFixture[str]) -> None:
    from melihub import tracing
    from melihub.observability import bind_tenant

    configure_logging("INFO", json=True)
    traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    with tracing.span("work", traceparent=traceparent):
        bind_tenant("t-1")
        get_logger("melihub.test").info("inside")
        clear_request_id()
    get_logger("melihub.test").info("outside")
    inside, outside = (json.loads(line) for line in capsys.readouterr().err.strip().splitlines()[-2:])
    assert inside["trace_id"] == "4bf92f3577b34da6a3ce929d0e0e4736" and inside["tenant"] == "t-1"
    assert "trace_id" not in outside and "tenant" not in outside
