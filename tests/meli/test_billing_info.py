"""Billing data: the buyer's document and name read from either shape of ``/orders/{id}/billing_info``,
nothing when Mercado Livre gives none, and the client asking for v2 within the orders budget."""

from __future__ import annotations

from typing import Any

import pytest

from melihub.meli import BillingIdentity, Forbidden, MeliClient, NotFound, family_of, parse_billing_identity

from .conftest import SELLER_A, SELLER_B

V2_PERSON = {
    "site_id": "MLB",
    "buyer": {
        "cust_id": 234343545,
        "billing_info": {
            "name": "María Lupita",
            "last_name": "Gomez Blanco",
            "identification": {"type": "CPF", "number": "529.982.247-25"},
            "address": {"street_name": "Nicolau de Marcos", "zip_code": "28660000", "country_id": "BR"},
            "attributes": {"is_normalized": True, "cust_type": "CO"},
        },
    },
    "seller": {"cust_id": 34345454},
}
V2_COMPANY = {
    "site_id": "MLB",
    "buyer": {
        "cust_id": 234343545,
        "billing_info": {
            "name": "Apple Brasil",
            "identification": {"type": "CNPJ", "number": "11222333000181"},
            "taxes": {"taxpayer_type": {"description": "Contribuinte"}, "state_registration": "30703088534"},
            "attributes": {"is_normalized": True, "cust_type": "BU"},
        },
    },
    "seller": {"cust_id": 34345454},
}
V1_PERSON = {
    "billing_info": {
        "doc_type": "CPF",
        "doc_number": "15635614680",
        "additional_info": [
            {"type": "LAST_NAME", "value": "Souza"},
            {"type": "DOC_TYPE", "value": "CPF"},
            {"type": "FIRST_NAME", "value": "Test"},
            {"type": "DOC_NUMBER", "value": "15635614680"},
            {"type": "SITE_ID", "value": "MLB"},
        ],
    }
}
# ML's Brazilian example of a company in v1 names the document only among additional_info.
V1_ONLY_ADDITIONAL = {
    "billing_info": {
        "additional_info": [
            {"type": "DOC_NUMBER", "value": "11222333000181"},
            {"type": "STATE_REGISTRATION", "value": "30703088534"},
            {"type": "DOC_TYPE", "value": "CNPJ"},
            {"type": "BUSINESS_NAME", "value": "Apple Brasil"},
        ]
    }
}


def test_a_v2_person_gives_the_document_as_written_and_the_full_name() -> None:
    assert parse_billing_identity(V2_PERSON) == BillingIdentity("CPF", "529.982.247-25", "María Lupita Gomez Blanco")


def test_a_v2_company_gives_its_cnpj_and_its_name() -> None:
    assert parse_billing_identity(V2_COMPANY) == BillingIdentity("CNPJ", "11222333000181", "Apple Brasil")


def test_a_v1_answer_gives_the_document_and_first_and_last_name() -> None:
    assert parse_billing_identity(V1_PERSON) == BillingIdentity("CPF", "15635614680", "Test Souza")


def test_a_v1_answer_naming_the_document_only_in_additional_info_still_gives_it() -> None:
    assert parse_billing_identity(V1_ONLY_ADDITIONAL) == BillingIdentity("CNPJ", "11222333000181", "Apple Brasil")


@pytest.mark.parametrize(
    "absent",
    [
        {"site_id": "MLB", "buyer": {"cust_id": 1, "billing_info": {}}, "seller": {"cust_id": 2}},
        {"site_id": "MLB", "buyer": {"cust_id": 1, "billing_info": {"identification": {"type": "CPF"}}}},
        {"site_id": "MLB", "buyer": {"cust_id": 1, "billing_info": {"identification": {"number": "  "}}}},
        {"site_id": "MLB", "buyer": {"cust_id": 1}},
        {"billing_info": {}},
        {"billing_info": None},
        {"billing_info": {"doc_type": "CPF", "doc_number": "", "additional_info": []}},
        {},
        None,
        [],
    ],
)
def test_no_document_means_no_identity(absent: Any) -> None:
    assert parse_billing_identity(absent) is None


def test_the_identity_keeps_the_document_and_name_out_of_its_repr() -> None:
    shown = repr(parse_billing_identity(V2_PERSON))
    assert "CPF" in shown and "529" not in shown and "Lupita" not in shown


def test_billing_info_counts_in_the_orders_family() -> None:
    assert family_of("/orders/2000009876543201/billing_info") == "orders"


async def test_the_client_asks_for_v2_and_reads_the_sandbox_buyer(client: MeliClient) -> None:
    raw = await client.get_billing_info(SELLER_A, 2000009876543202)
    assert raw["site_id"] == "MLB" and raw["buyer"]["cust_id"] == 1501234987  # the v2 shape: x-version 2 sent
    identity = await client.get_billing_identity(SELLER_A, 2000009876543202)
    assert identity is not None and identity.doc_type == "CPF" and identity.name == "Mariana Costa"
    assert len(identity.doc_number) == 11 and identity.doc_number.isdigit()


async def test_another_sellers_order_is_forbidden_and_an_unknown_one_not_found(client: MeliClient) -> None:
    with pytest.raises(Forbidden):
        await client.get_billing_identity(SELLER_B, 2000009876543202)
    with pytest.raises(NotFound):
        await client.get_billing_identity(SELLER_A, 2000009999999999)
