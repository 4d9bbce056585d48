"""``GET /orders/{id}/billing_info``: the buyer the world implies (one valid document and name per buyer, the
name its shipments show), v2 with ``x-version: 2`` and v1 without, given on MLB only for the orders the
reference lists, under the same ownership, faults and rate limit as ``GET /orders/{id}``."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from melihub.sandbox import billing
from melihub.sandbox.generate import generate_world
from melihub.sandbox.testing import SandboxHandle
from melihub.testing.fixtures import SELLER_A, SELLER_B

from .conftest import Api

JOAO_ORDER, JOAO_OTHER_ORDER = 2000009876543201, 2000009876543206  # buyer 1498765432, "João Pereira"
MARIANA_ORDER = 2000009876543202
JOAO_SHIPMENT = 44123456701
MLA_ORDER = 2000011223344551
V2 = {"x-version": "2"}


def cpf_is_valid(number: str) -> bool:
    """The Receita Federal's rule: two mod-11 check digits over the first 9 and 10 digits."""
    if len(number) != 11 or not number.isdigit() or len(set(number)) == 1:
        return False
    for size in (9, 10):
        total = sum(int(digit) * weight for digit, weight in zip(number[:size], range(size + 1, 1, -1), strict=True))
        if int(number[size]) != (total * 10 % 11) % 10:
            return False
    return True


def cnpj_is_valid(number: str) -> bool:
    if len(number) != 14 or not number.isdigit():
        return False
    for size in (12, 13):
        weights = [*range(size - 7, 1, -1), *range(9, 1, -1)]
        rest = sum(int(digit) * weight for digit, weight in zip(number[:size], weights, strict=True)) % 11
        if int(number[size]) != (0 if rest < 2 else 11 - rest):
            return False
    return True


def billing_of(api: Api, order_id: int, seller: int = SELLER_A, **headers: str) -> Any:
    answer = api.get(f"/orders/{order_id}/billing_info", seller, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.fixture
def shaped(sandbox: SandboxHandle) -> Iterator[SandboxHandle]:
    """The sandbox, with seller A no longer a Mercado Líder (so its drop-off orders carry no billing data);
    every resource a test shapes is put back afterwards."""
    originals = {
        ("users", SELLER_A): sandbox.get("users", SELLER_A),
        ("orders", JOAO_ORDER): sandbox.get("orders", JOAO_ORDER),
        ("shipments", JOAO_SHIPMENT): sandbox.get("shipments", JOAO_SHIPMENT),
        ("items", "MLB3012345603"): sandbox.get("items", "MLB3012345603"),
    }
    seller = copy.deepcopy(originals[("users", SELLER_A)])
    seller["seller_reputation"]["power_seller_status"] = None
    sandbox.put("users", SELLER_A, seller)
    yield sandbox
    for (kind, key), raw in originals.items():
        sandbox.put(kind, key, raw)


def test_v2_gives_the_buyer_its_shipment_names_with_a_valid_cpf(api: Api) -> None:
    body = billing_of(api, JOAO_ORDER, **V2)
    assert body["site_id"] == "MLB" and body["buyer"]["cust_id"] == 1498765432
    assert body["seller"] == {"cust_id": SELLER_A}
    info = body["buyer"]["billing_info"]
    assert (info["name"], info["last_name"]) == ("João", "Pereira")  # the receiver on shipment 44123456701
    assert info["identification"]["type"] == "CPF" and cpf_is_valid(info["identification"]["number"])
    assert info["address"]["zip_code"] == "04533003" and info["address"]["state"] == {"code": "SP", "name": "São Paulo"}
    assert info["attributes"] == {"is_normalized": True, "cust_type": "CO"}


def test_without_the_v2_header_the_same_data_comes_in_the_v1_shape(api: Api) -> None:
    v2 = billing_of(api, JOAO_ORDER, **V2)["buyer"]["billing_info"]
    for headers in ({}, {"x-version": "1"}):
        v1 = billing_of(api, JOAO_ORDER, **headers)["billing_info"]
        assert (v1["doc_type"], v1["doc_number"]) == ("CPF", v2["identification"]["number"])
        extra = {entry["type"]: entry["value"] for entry in v1["additional_info"]}
        assert extra["FIRST_NAME"] == "João" and extra["LAST_NAME"] == "Pereira"
        assert extra["DOC_NUMBER"] == v2["identification"]["number"] and extra["SITE_ID"] == "MLB"


def test_a_buyer_is_the_same_person_in_every_order_and_another_buyer_is_another(api: Api) -> None:
    first = billing_of(api, JOAO_ORDER, **V2)["buyer"]["billing_info"]
    again = billing_of(api, JOAO_OTHER_ORDER, **V2)["buyer"]["billing_info"]
    other = billing_of(api, MARIANA_ORDER, **V2)["buyer"]["billing_info"]
    assert again == first
    assert (other["name"], other["last_name"]) == ("Mariana", "Costa")
    assert other["identification"]["number"] != first["identification"]["number"]
    assert cpf_is_valid(other["identification"]["number"])


def test_an_mla_order_gives_a_dni(api: Api) -> None:
    info = billing_of(api, MLA_ORDER, SELLER_B, **V2)["buyer"]["billing_info"]
    assert (info["name"], info["last_name"]) == ("Santiago", "Ferreyra")
    assert info["identification"]["type"] == "DNI" and len(info["identification"]["number"]) == 8


def test_the_order_must_exist_and_be_the_callers(api: Api, sandbox: SandboxHandle) -> None:
    unknown = api.get("/orders/2000009999999999/billing_info", headers=V2)
    assert unknown.status_code == 404 and unknown.json()["error"] == "not_found"
    foreign = api.get(f"/orders/{MLA_ORDER}/billing_info", SELLER_A, headers=V2)
    assert foreign.status_code == 403 and foreign.json()["error"] == "forbidden"
    anonymous = api.get(f"/orders/{JOAO_ORDER}/billing_info", headers={"Authorization": "Bearer nope"})
    assert anonymous.status_code == 401
    assert sandbox.stats()["calls"]["GET /orders/{id}/billing_info"]["404"] >= 1


def test_an_mlb_drop_off_order_of_a_seller_not_lider_has_no_billing_data(api: Api, shaped: SandboxHandle) -> None:
    v2 = billing_of(api, JOAO_ORDER, **V2)
    assert v2 == {
        "site_id": "MLB",
        "buyer": {"cust_id": 1498765432, "billing_info": {}},
        "seller": {"cust_id": SELLER_A},
    }
    assert billing_of(api, JOAO_ORDER) == {"billing_info": {}}


@pytest.mark.parametrize("why", ["cross_docking", "fulfillment", "pickup", "official_store"])
def test_an_mlb_order_has_billing_data_when_the_reference_says_so(api: Api, shaped: SandboxHandle, why: str) -> None:
    if why == "pickup":
        order = shaped.get("orders", JOAO_ORDER)
        shaped.put("orders", JOAO_ORDER, {**order, "pickup_id": 5210000001})
    elif why == "official_store":
        shaped.put("items", "MLB3012345603", {**shaped.get("items", "MLB3012345603"), "official_store_id": 2707})
    else:
        shipment = shaped.get("shipments", JOAO_SHIPMENT)
        shaped.put("shipments", JOAO_SHIPMENT, {**shipment, "logistic": {**shipment["logistic"], "type": why}})
    info = billing_of(api, JOAO_ORDER, **V2)["buyer"]["billing_info"]
    assert info["identification"]["type"] == "CPF" and cpf_is_valid(info["identification"]["number"])


def test_an_mlm_order_never_has_billing_data(api: Api, sandbox: SandboxHandle) -> None:
    order = sandbox.get("orders", JOAO_ORDER)
    mexican = {**order, "id": 2000009876549901, "context": {**order["context"], "site": "MLM"}}
    sandbox.put("orders", mexican["id"], mexican)
    assert billing_of(api, mexican["id"], **V2)["buyer"]["billing_info"] == {}


def test_a_stored_body_is_served_as_set_in_both_shapes(api: Api, sandbox: SandboxHandle) -> None:
    order = {**sandbox.get("orders", MARIANA_ORDER), "id": 2000009876549902, "pack_id": None}
    sandbox.put("orders", order["id"], order)
    stored = {
        "site_id": "MLB",
        "buyer": {
            "cust_id": 1501234987,
            "billing_info": {
                "name": "Costa Comércio Ltda",
                "identification": {"type": "CNPJ", "number": "11.222.333/0001-81"},
                "attributes": {"is_normalized": True, "cust_type": "BU"},
            },
        },
        "seller": {"cust_id": SELLER_A},
    }
    sandbox.put("billing_info", order["id"], stored)
    assert billing_of(api, order["id"], **V2) == stored
    v1 = billing_of(api, order["id"])["billing_info"]
    assert (v1["doc_type"], v1["doc_number"]) == ("CNPJ", "11.222.333/0001-81")
    assert {"type": "BUSINESS_NAME", "value": "Costa Comércio Ltda"} in v1["additional_info"]


def test_faults_and_the_rate_limit_apply_as_to_other_order_routes(api: Api, sandbox: SandboxHandle) -> None:
    try:
        sandbox.set_faults({"endpoints": {"orders": {"5xx": 1.0}}})
        assert api.get(f"/orders/{JOAO_ORDER}/billing_info", headers=V2).status_code >= 500
        sandbox.set_faults({"endpoints": {"orders": {"429": 1.0}}})
        assert api.get(f"/orders/{JOAO_ORDER}/billing_info", headers=V2).status_code == 429
        sandbox.set_faults({})
        sandbox.configure(rate_limit_per_s=1)
        statuses = [api.get(f"/orders/{JOAO_ORDER}/billing_info", headers=V2) for _ in range(3)]
        throttled = [answer for answer in statuses if answer.status_code == 429]
        assert throttled and throttled[0].headers["Retry-After"] == "1"
        assert throttled[0].json()["error"] == "too_many_requests"
    finally:
        sandbox.set_faults({})
        sandbox.configure(rate_limit_per_s=1000)


def test_a_generated_worlds_buyers_have_valid_documents_one_each_some_companies() -> None:
    world = generate_world(400, seed=3)
    documents: dict[Any, tuple[str, str]] = {}
    for order in world.kind("orders").values():
        if billing.site_of(world, order) != "MLB":
            continue
        info = billing.billing_info_v2(world, order)["buyer"]["billing_info"]
        assert info, "the generated sellers are Mercado Líderes (copies of seller A): every MLB order has billing data"
        found = (info["identification"]["type"], info["identification"]["number"])
        assert documents.setdefault(order["buyer"]["id"], found) == found  # one document per buyer
    kinds = {doc_type for doc_type, _ in documents.values()}
    assert kinds == {"CPF", "CNPJ"}
    assert all((cpf_is_valid if kind == "CPF" else cnpj_is_valid)(number) for kind, number in documents.values())
    again = generate_world(400, seed=3)
    order = next(o for o in again.kind("orders").values() if billing.site_of(again, o) == "MLB")
    same = billing.billing_info_v2(again, order)["buyer"]["billing_info"]["identification"]
    assert (same["type"], same["number"]) == documents[order["buyer"]["id"]]
