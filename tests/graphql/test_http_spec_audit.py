"""The GraphQL-over-HTTP spec audit (../shared/tools/graphql-audit) passes every MUST against a live server."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

AUDIT = Path(__file__).resolve().parents[3] / "shared" / "tools" / "graphql-audit" / "run.sh"


@pytest.mark.skipif(not AUDIT.exists() or shutil.which("node") is None, reason="needs ../shared/tools and node")
def test_graphql_over_http_audit_has_no_failures(live_server: str) -> None:
    result = subprocess.run(["bash", str(AUDIT), f"{live_server}/graphql"], capture_output=True, text=True, timeout=300)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert summary.startswith("audit: ") and summary.endswith(" 0 failed"), summary
