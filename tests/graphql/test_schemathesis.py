"""schemathesis against /graphql: hundreds of generated operations, and never a server error.

The CLI runs in a subprocess against the live server on loopback and nowhere else (the server's
Mercado Livre client is pointed at a closed loopback port too: ``isolated``), with an admin API token
of a tenant that has data, and only the ``not_a_server_error`` check. schemathesis is told melihub's
client-error codes by ``schemathesis_hooks`` (see there why, and what still fails). Every ID argument
the schema has (found by introspection) draws half the time from real ids of both tenants, so
resolvers past the lookup (nested fields, mutations on real rows) are fuzzed, not only ``NOT_FOUND``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from melihub.accounts.models import Role, Tenant, User
from melihub.config import Settings
from melihub.connections.models import MeliAccount
from melihub.runtime import Services
from melihub.testing.graphql import gid
from tests.conftest import api_token_for
from tests.graphql.cross_tenant_world import api_token, isolated, seed_account_objects
from tests.graphql.schema_walk import binding_path, id_slots, live_schema, root_type

pytestmark = pytest.mark.slow

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
HOOKS = Path(__file__).with_name("schemathesis_hooks.py")
MIN_OPERATIONS = 200
# Per operation (about 30 of them); hypothesis stops early where it runs out of distinct inputs.
# Raise it for a deeper hunt: MELIHUB_SCHEMATHESIS_MAX_EXAMPLES=300 pytest tests/graphql/test_schemathesis.py
MAX_EXAMPLES = int(os.environ.get("MELIHUB_SCHEMATHESIS_MAX_EXAMPLES", "50"))
RUN_TIMEOUT_S = int(os.environ.get("MELIHUB_SCHEMATHESIS_TIMEOUT_S", "170"))
REAL_ID_PROBABILITY = 0.5


@pytest.fixture
def live_settings(live_settings: Settings) -> Settings:
    return isolated(live_settings)


async def real_ids(
    services: Services, tenant: tuple[Tenant, User], account: MeliAccount, other_account: MeliAccount
) -> list[str]:
    """Ids of every kind of object of the tenant (but the token schemathesis uses) and of another tenant."""
    owner = tenant[1]
    own = await seed_account_objects(services, account)
    foreign = await seed_account_objects(services, other_account)
    integrator, _ = await api_token(services, tenant[0], Role.INTEGRATOR)
    tenant_wide = [gid("Tenant", tenant[0].id), gid("User", owner.id), integrator]
    return [*own.values(), *tenant_wide, *foreign.values()]


async def write_config(live_server: str, ids: list[str], path: Path) -> int:
    """A schemathesis.toml binding every ID argument of queries and mutations to ``ids``; how many."""
    async with httpx.AsyncClient(base_url=live_server) as http:
        schema = await live_schema(http)
    bindings = sorted(
        {
            f"{root_type(schema, root).name}.{slot.field}.{binding_path(slot)}"
            for root in ("query", "mutation")
            for slot in id_slots(schema, root)
        }
    )
    lines = ["[dictionaries.ids]", f"values = {json.dumps(ids)}", "", "[parameters]"]
    lines += [f'"{key}" = {{ dictionary = "ids", probability = {REAL_ID_PROBABILITY} }}' for key in bindings]
    path.write_text("\n".join(lines) + "\n")
    return len(bindings)


def operations_sent(report_dir: Path) -> int:
    """How many generated operations got an answer, from the run's NDJSON event report."""
    (report,) = report_dir.glob("*.ndjson")
    sent = 0
    for line in report.read_text().splitlines():
        event: dict[str, Any] = json.loads(line)
        if "ScenarioFinished" in event:
            interactions = event["ScenarioFinished"]["recorder"]["interactions"].values()
            sent += sum(1 for interaction in interactions if interaction.get("response"))
    return sent


def run_schemathesis(url: str, token: str, workdir: Path) -> subprocess.CompletedProcess[str]:
    assert url.startswith("http://127.0.0.1:"), "schemathesis may only be pointed at the loopback test server"
    command = [
        str(SCHEMATHESIS),
        f"--config-file={workdir / 'schemathesis.toml'}",
        "run",
        url,
        "--checks=not_a_server_error",
        f"--max-examples={MAX_EXAMPLES}",
        "--header",
        f"Authorization: Bearer {token}",
        "--generation-database=none",
        "--report=ndjson",
        f"--report-dir={workdir / 'report'}",
        "--no-color",
        # Reproducible in CI: the same examples every run (set MELIHUB_SCHEMATHESIS_SEED to explore others).
        f"--seed={os.environ.get('MELIHUB_SCHEMATHESIS_SEED', '20261201')}",
    ]
    # cwd: hypothesis and schemathesis keep caches in the working directory; not in the checkout.
    environment = {**os.environ, "SCHEMATHESIS_HOOKS": str(HOOKS), "SCHEMATHESIS_TELEMETRY": "false"}
    return subprocess.run(
        command, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, cwd=workdir, env=environment, check=False
    )


async def test_generated_operations_never_get_a_server_error(
    live_server: str,
    services: Services,
    tenant_a: tuple[Tenant, User],
    meli_account_a: MeliAccount,
    meli_account_b: MeliAccount,
    tmp_path: Path,
) -> None:
    ids = await real_ids(services, tenant_a, meli_account_a, meli_account_b)
    bound = await write_config(live_server, ids, tmp_path / "schemathesis.toml")
    token = await api_token_for(services, tenant_a[0], Role.ADMIN)

    started = time.monotonic()
    result = run_schemathesis(f"{live_server}/graphql", token, tmp_path)
    elapsed = time.monotonic() - started

    sent = operations_sent(tmp_path / "report")
    print(f"schemathesis: {sent} operations in {elapsed:.1f} s ({bound} ID arguments fed {len(ids)} real ids)")
    assert result.returncode == 0, result.stdout[-30000:] + result.stderr[-5000:]
    assert sent >= MIN_OPERATIONS, f"only {sent} operations ran (at least {MIN_OPERATIONS} expected)"
