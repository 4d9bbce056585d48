from __future__ import annotations
import os
from pathlib import Path
from tests.conftest import OWNER_PASSWORD
from tests.frontend.conftest import OWNER_EMAIL, Stack
from tests.frontend.harness import BrowserScript, browser_env


async def test_scratch(stack: Stack, tmp_path: Path) -> None:
    shots = Path("/tmp/scratch"); shots.mkdir(exist_ok=True)
    script = BrowserScript("zz-scratch.mjs", browser_env(stack.api, shots, EMAIL=OWNER_EMAIL, PASSWORD=OWNER_PASSWORD, MODE=os.environ.get("MODE", "ok")))
    try:
        await script.start().finish(timeout_s=120)
    finally:
        script.kill()
        print("\n".join(script.lines)); print(script.errors[-3000:])
