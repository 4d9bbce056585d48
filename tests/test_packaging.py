"""The production wheel: the product and its workers, without the sandbox and the test helpers."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from melihub import demo

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("wheel")
    # No build isolation: hatchling is a dev dependency, so the build needs no package index.
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet"]
    subprocess.run([*build, "-w", str(out), str(ROOT)], check=True, timeout=120)
    [wheel] = out.glob("melihub-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_the_wheel_ships_the_product_and_the_workers(wheel_names: list[str]) -> None:
    for module in ("melihub/meli/client.py", "melihub/resources/registry.py", "melihub/app.py"):
        assert module in wheel_names
    assert "melihub_workers/settings.py" in wheel_names


def test_the_wheel_leaves_out_the_sandbox_and_the_test_helpers(wheel_names: list[str]) -> None:
    assert [n for n in wheel_names if n.startswith(("melihub/sandbox/", "melihub/testing/"))] == []


def test_the_demo_without_the_sandbox_says_it_needs_a_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "melihub.sandbox", None)  # what a wheel install finds: nothing to import

    def started_anyway() -> None:
        raise AssertionError("the demo started its stores without a sandbox to seed them from")

    monkeypatch.setattr(demo, "get_settings", started_anyway)
    result = CliRunner().invoke(demo.demo, [])
    assert result.exit_code == 1 and "comes with a checkout" in result.output
