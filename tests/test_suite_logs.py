"""No buyer document or phone reaches a log line: masked by key and by shape, and the run's log check
(``tests/conftest.py: pytest_sessionfinish``) fails the suite on any line that got past the masking."""

from __future__ import annotations

from pathlib import Path

import pytest

from melihub.observability import configure_logging, get_logger
from melihub.testing import log_check

PHONE, CPF, CNPJ = "+55 11 98765-4321", "123.456.789-09", "12.345.678/0001-90"


def test_documents_and_phones_are_masked_wherever_they_sit(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", json=True)
    get_logger("melihub.test").info(
        "hub.step",
        phone=PHONE,
        receiver_document="98765432100",
        note=f"call {PHONE} or (11) 91234-5678 about {CPF}",
        company=CNPJ,
        shipment=44123456701,
    )
    line = capsys.readouterr().err
    assert "hub.step" in line and "44123456701" in line  # ids stay readable
    for personal in (PHONE, "98765432100", CPF, CNPJ, "91234-5678"):
        assert personal not in line


def test_the_check_finds_a_line_that_got_past_the_masking(tmp_path: Path) -> None:
    (tmp_path / "101.log").write_text('{"event": "ok", "shipment": 44123456701}\n{"event": "[masked]"}\n')
    assert log_check.scan(tmp_path) == []
    (tmp_path / "102.log").write_text(f"Traceback … recipient {CPF}\n", encoding="utf-8")
    [found] = log_check.scan(tmp_path)
    assert found.startswith("102.log:1:") and CPF in found
    assert "buyer documents or phones" in log_check.report([found])
