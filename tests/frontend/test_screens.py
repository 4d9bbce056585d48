"""Every screen of the app, signed in as the owner: axe-core finds no serious or critical violation,
and each is pictured at 1280×800 (docs/screenshots when `make screenshots` runs this). The pickup hub is
turned on first, with an order in each of its columns, so /hub is pictured at work."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import OWNER_PASSWORD
from tests.frontend import hub_world
from tests.frontend.conftest import OWNER_EMAIL, Stack
from tests.frontend.harness import BrowserScript, browser_env, screenshot_dir

SCREENS = [
    "floor",
    "questions",
    "messages",
    "claims",
    "orders",
    "listings",
    "reports",
    "hub",
    "integrations",
    "events",
    "admin",
]


async def test_every_screen_is_accessible_and_pictured_at_1280x800(stack: Stack, tmp_path: Path) -> None:
    http = await stack.owner()
    try:
        await hub_world.populate_board(stack, http)
    finally:
        await http.aclose()
    shots = screenshot_dir(tmp_path)
    script = BrowserScript("shots.mjs", browser_env(stack.api, shots, EMAIL=OWNER_EMAIL, PASSWORD=OWNER_PASSWORD))
    try:
        await script.start().finish(timeout_s=180)
    finally:
        script.kill()
    assert [line.split()[1] for line in script.axe_lines] == SCREENS
    assert {f"{name}.png" for name in [*SCREENS, "floor-768"]} <= {path.name for path in shots.iterdir()}
