"""LGPD in a real browser: from an order's detail, an owner downloads the buyer's data as JSON and, after a
confirmation, anonymises the buyer; the API then shows the buyer anonymised, and the audit log holds both calls."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import OWNER_PASSWORD
from tests.frontend.conftest import OWNER_EMAIL, Stack, graphql
from tests.frontend.harness import BrowserScript, browser_env, screenshot_dir

ORDER = "2000009876543201"  # seller A's order of buyer COMPRADOR_JOAO88
ORDERS = "{ orders(first: 50) { nodes { id mlId buyer { id mlUserId nickname } } } }"
AUDIT = """{ auditLog(first: 20, filter: {actions: ["exportCustomerData", "eraseCustomerData"]}) {
  nodes { action targetId }
} }"""


async def test_an_owner_exports_and_anonymises_a_buyer_from_the_order(stack: Stack, tmp_path: Path) -> None:
    http = await stack.owner()
    try:
        order = next(n for n in (await graphql(http, ORDERS))["orders"]["nodes"] if n["mlId"] == ORDER)
        assert order["buyer"]["nickname"] == "COMPRADOR_JOAO88", order
        env = browser_env(
            stack.api,
            screenshot_dir(tmp_path),
            EMAIL=OWNER_EMAIL,
            PASSWORD=OWNER_PASSWORD,
            ORDER_ID=order["id"],
            ORDER_ML_ID=ORDER,
        )
        script = BrowserScript("privacy.mjs", env)
        try:
            script.start()
            ready = (await script.expect("READY", timeout_s=60)).split()
            _, file_name, size, ml_user_id = (await script.expect("EXPORTED", timeout_s=40)).split()
            erased = (await script.expect("ERASED", timeout_s=40)).split()
            await script.finish(timeout_s=60)
        finally:
            script.kill()
        after = next(n for n in (await graphql(http, ORDERS))["orders"]["nodes"] if n["mlId"] == ORDER)
        audit = (await graphql(http, AUDIT))["auditLog"]["nodes"]
    finally:
        await http.aclose()

    assert ready == ["READY", "COMPRADOR_JOAO88"]
    assert file_name == f"cliente-{order['buyer']['mlUserId']}.json" and int(size) > 1000
    assert ml_user_id == order["buyer"]["mlUserId"]
    assert erased == ["ERASED", "anonimizado"]
    assert after["buyer"]["nickname"] == "anonimizado", after
    assert sorted(row["action"] for row in audit) == ["eraseCustomerData", "exportCustomerData"], json.dumps(audit)
    assert {row["targetId"] for row in audit} == {order["buyer"]["id"]}
