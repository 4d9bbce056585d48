"""No buyer PII (document, phone, name, address, e-mail) reaches a log line: masked by key and by shape, and
the run's log check (``tests/conftest.py: pytest_sessionfinish``) fails the suite on any line that got past
the masking."""

from __future__ import annotations

import json
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
    assert "buyer personal data" in log_check.report([found])


def test_names_addresses_and_emails_are_masked_by_key_and_by_shape(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", json=True)
    get_logger("melihub.test").info(
        "order.imported",
        buyer={"id": 1498765432, "nickname": "COMPRADOR_JOAO88", "first_name": "João", "last_name": "Pereira"},
        destination={
            "receiver_name": "João Pereira",
            "shipping_address": {"street_name": "Rua Tabapuã", "street_number": "1020", "zip_code": "04533003"},
            "city": {"id": "BR-SP-44", "name": "São Paulo"},
        },
        customer_email="joao@example.com",
        note="entregar na Rua Tabapuã 1020, CEP 04533-003, avisar joao.p+ml@example.com",
        attribute={"id": "BRAND", "name": "Marca"},  # a listing attribute's name is not a person's
        name="export.daily",
    )
    record = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    line = json.dumps(record, ensure_ascii=False)
    for personal in ("COMPRADOR_JOAO88", "João", "Pereira", "Tabapuã", "1020", "04533", "joao", "São Paulo"):
        assert personal not in line, personal
    assert record["buyer"]["id"] == 1498765432 and record["destination"]["city"] == "[masked]"
    assert record["attribute"] == {"id": "BRAND", "name": "Marca"} and record["name"] == "export.daily"
    assert record["logger"] == "melihub.test" and record["event"] == "order.imported"


def test_the_check_knows_the_fixture_worlds_buyers_and_spares_staff_emails(tmp_path: Path) -> None:
    markers = log_check.buyer_markers()
    assert {"João Pereira", "COMPRADOR_JOAO88", "Rua Tabapuã"} <= markers
    (tmp_path / "201.log").write_text(
        'staff ana@aurora.example signed in\ndemo@melihub.dev\n{"event": "[masked]", "order": 2000009876543201}\n'
    )
    assert log_check.scan(tmp_path) == []
    leaks = ["pickup for joao@example.com", "receiver João Pereira", "to Avenida Afonso Pena 3500", "cep 04533-003"]
    (tmp_path / "202.log").write_text("\n".join(leaks) + "\n", encoding="utf-8")
    found = log_check.scan(tmp_path)
    assert [entry.split(":", 2)[1] for entry in found] == ["1", "2", "3", "4"]
