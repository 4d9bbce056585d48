"""10,000 malformed notification bodies: every answer is a 4xx and the endpoint keeps serving."""

from __future__ import annotations

import json
import random

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from melihub.testing.fixtures import load_fixture

VALID = load_fixture("notifications/orders_v2.json")
REQUIRED = ("_id", "topic", "resource", "user_id")
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def _mutations(rng: random.Random, count: int) -> list[bytes]:
    """Near-misses of a real notification: a required field missing or of the wrong type, or broken bytes."""
    bodies: list[bytes] = []
    wrong = [None, "", [], {}, -1, 0, True, 1.5, "x" * 600, 2**70]
    for _ in range(count):
        body = dict(VALID)
        key = rng.choice(REQUIRED)
        if rng.random() < 0.3:
            body.pop(key)
        else:
            body[key] = rng.choice(wrong)
            if key == "topic" and isinstance(body[key], str) and body[key]:
                body[key] = "Bad Topic!"
            if key == "resource" and body[key] == 0:
                body[key] = None
        encoded = json.dumps(body).encode()
        if rng.random() < 0.2:
            cut = rng.randrange(1, len(encoded))
            encoded = encoded[:cut] + bytes(rng.randrange(256) for _ in range(3))
        bodies.append(encoded)
    return bodies


async def test_ten_thousand_malformed_bodies_only_get_4xx(client: httpx.AsyncClient, services, meli_account_a) -> None:
    rng = random.Random(20261123)
    bodies = _mutations(rng, 6000) + [
        bytes(rng.randrange(256) for _ in range(rng.randrange(0, 200))) for _ in range(3000)
    ]
    statuses: dict[int, int] = {}
    for body in bodies:
        response = await client.post("/webhooks/meli", content=body, headers={"content-type": "application/json"})
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    assert set(statuses) == {400}, statuses
    assert (await client.post("/webhooks/meli", json=VALID)).status_code == 200


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=json_values)
async def test_arbitrary_json_is_never_a_5xx(body: object, app_for_fuzz: httpx.AsyncClient) -> None:
    if isinstance(body, dict) and all(k in body for k in REQUIRED):
        body = {k: v for k, v in body.items() if k != "_id"}
    response = await app_for_fuzz.post("/webhooks/meli", json=body)
    assert response.status_code == 400, (body, response.text)
