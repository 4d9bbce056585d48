"""The listing score on /anuncios in a real browser (issue 17's acceptance).

Linking seller A applies its listings, and applying scores them: every row shows its badge. "Nota abaixo de"
and "Com problema" narrow the table to exactly what the API counts for the same filter; a listing's detail
lists its findings with the recommendations in pt-BR (the page's language), as the API words them; no LLM
is configured here, so the AI review says it is off and its button is disabled; the scores by account show
the API's average, every scored listing in the distribution, the costliest rules and the worst listings,
the worst of which opens its detail.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.conftest import OWNER_PASSWORD
from tests.frontend.conftest import OWNER_EMAIL, Stack, graphql
from tests.frontend.harness import BrowserScript, browser_env, screenshot_dir

ITEM = "MLB3012345601"  # the fixture's T-shirt: several findings, two unanswered questions among them
SCORE_BELOW = 70  # one of the screen's thresholds (50/70/80)
FINDING = "UNANSWERED_QUESTIONS"
LISTINGS = """query {
  listings(first: 50) {
    totalCount
    nodes { mlId score { value findings { rule recommendation } } }
  }
  aiStatus { configured }
  meliAccounts(first: 5) { nodes { id } }
}"""
COUNT = """query($filter: ListingFilter) { listings(filter: $filter) { totalCount } }"""
ACCOUNT = """query($id: ID!) {
  accountScore(meliAccountId: $id) {
    listings average distribution { count } costliestRules { rule } worstListings { mlId }
  }
}"""


async def expected(stack: Stack) -> dict[str, Any]:
    http = await stack.owner()
    # The page runs in pt-BR: so are the findings the API words for it.
    http.headers["accept-language"] = "pt-BR"
    try:
        data = await graphql(http, LISTINGS)
        below = await graphql(http, COUNT, filter={"scoreBelow": SCORE_BELOW})
        finding = await graphql(http, COUNT, filter={"finding": FINDING})
        [account] = data["meliAccounts"]["nodes"]
        score = (await graphql(http, ACCOUNT, id=account["id"]))["accountScore"]
    finally:
        await http.aclose()
    return {
        "listings": data["listings"],
        "ai": data["aiStatus"],
        "below": below["listings"]["totalCount"],
        "finding": finding["listings"]["totalCount"],
        "account": score,
    }


async def test_scores_filters_detail_and_account_view_in_the_browser(stack: Stack, tmp_path: Path) -> None:
    api = await expected(stack)
    listings = api["listings"]
    unscored = [node["mlId"] for node in listings["nodes"] if node["score"] is None]
    assert unscored == [], f"linking applied these listings without scoring them: {unscored}"
    assert api["ai"]["configured"] is False  # this scenario has no LLM
    total = listings["totalCount"]
    assert 0 < api["below"] < total, api["below"]  # the filter must visibly narrow the list
    assert 0 < api["finding"] < total, api["finding"]
    [item] = [node for node in listings["nodes"] if node["mlId"] == ITEM]
    account = api["account"]
    worst = account["worstListings"][0]["mlId"]

    shots = screenshot_dir(tmp_path)
    env = browser_env(
        stack.api,
        shots,
        EMAIL=OWNER_EMAIL,
        PASSWORD=OWNER_PASSWORD,
        ITEM=ITEM,
        SCORE_BELOW=SCORE_BELOW,
        BELOW_COUNT=api["below"],
        FINDING=FINDING,
        FINDING_COUNT=api["finding"],
        WORST_ITEM=worst,
    )
    script = BrowserScript("listing-scores.mjs", env)
    try:
        script.start()
        rows = int((await script.expect("READY", timeout_s=60)).split()[1])
        badges = (await script.expect("BADGES")).split()
        below = (await script.expect("BELOW", timeout_s=60)).split()
        finding = (await script.expect("FINDING", timeout_s=60)).split()
        detail = (await script.expect("DETAIL", timeout_s=60)).split()
        recommendation = (await script.expect("RECOMMENDATION")).split(maxsplit=1)[1]
        ai_off = (await script.expect("AI_OFF")).split()
        shown = (await script.expect("ACCOUNT", timeout_s=60)).split()
        opened = (await script.expect("WORST_OPENED", timeout_s=60)).split()
        await script.finish(timeout_s=60)
    finally:
        script.kill()

    assert rows == total, (rows, total)
    assert badges[1:] == [str(total), str(total)], badges  # every listing scored, every one with its badge
    assert int(below[1]) == api["below"] and int(below[2]) < SCORE_BELOW, below
    assert int(finding[1]) == api["finding"], finding
    # The findings as the API gives them, in its order, with its pt-BR recommendation first.
    assert detail[1:3] == [ITEM, str(item["score"]["value"])], detail
    assert detail[4].split(",") == [f["rule"] for f in item["score"]["findings"]], detail
    first = item["score"]["findings"][0]["recommendation"]
    assert recommendation == re.sub(r"\s+", "_", f"Como melhorar: {first}"), (recommendation, first)
    assert ai_off[1:] == ["shown", "true"], ai_off
    assert shown[1] == f"{account['average']:.1f}".replace(".", ","), (shown, account["average"])
    assert int(shown[2]) == account["listings"] == total, shown
    assert int(shown[3]) == len(account["worstListings"]) and int(shown[4]) == len(account["costliestRules"]), shown
    assert opened[1] == worst
    axe = [line.split()[1] for line in script.axe_lines]
    assert axe == ["listing-scores", "listing-score-detail", "listing-account-scores"], axe
    assert {"listing-scores.png", "listing-score-detail.png", "listing-account-scores.png"} <= {
        path.name for path in shots.iterdir()
    }
