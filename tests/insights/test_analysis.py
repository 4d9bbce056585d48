"""The LLM review end to end against a real local OpenAI-compatible server (llama.cpp with SmolLM2-135M):
a schema-valid analysis stored with what it cost; one request per unchanged listing; a new one for a changed
listing; the budget enforced before any request; an unreachable LLM fails the try and it is tried again;
the suggested title applied through updateListing's rules; nothing about buyers sent; and all of it with a
clear LLM_NOT_CONFIGURED when no LLM is set."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import jsonschema
import pytest
import pytest_asyncio
from arq.jobs import Job, JobStatus

from melihub.accounts.models import Role, Tenant, User
from melihub.insights import analysis, refresh
from melihub.insights.review import ANSWER_SCHEMA, PROMPT_VERSION
from melihub.insights.service import score_listings
from melihub.resources import registry
from melihub.runtime import QUEUE_NAME, Services
from melihub.testing.graphql import gid
from melihub.testing.llm_server import LocalLlmServer
from tests.catalog.world import SELLER_A_ITEMS, World, editing_world
from tests.insights.test_scores import connector, through_registry

pytestmark = pytest.mark.slow  # a real model answers: seconds per analysis on two cores

SHIRT = "MLB3012345601"  # has an unanswered question from a buyer (fixture questions/13012345601.json)
ANALYZE = """mutation($id: ID!) {
  analyzeListing(listingId: $id) { analysis { id status errorCode } errors { field message code } }
}"""
ANALYSIS = """query($id: ID!) { node(id: $id) { ... on ListingAnalysis {
  id status error errorCode retryAt model promptVersion language listingVersion promptTokens completionTokens
  costEstimate { amount currency } latencyMs attempts appliedTitles
  result { seo { titleSuggestions { text reason } keywords { text reason } } hacks { text reason }
           critique { text reason } risks { text reason } }
  listing { mlId }
} } }"""
APPLY = """mutation($id: ID!, $index: Int!) {
  applyTitleSuggestion(analysisId: $id, index: $index) {
    listing { mlId title } analysis { appliedTitles } errors { field message code }
  }
}"""
BUDGET = """mutation($tokens: Int!) { setAiTokenBudget(monthlyTokens: $tokens) {
  budget { monthlyTokens spentTokens leftTokens own } errors { field code } } }"""
STATUS = "{ aiStatus { configured reachable model budget { monthlyTokens spentTokens leftTokens } } }"


@pytest_asyncio.fixture
async def world(meli_services: Services, sandbox: Any, tenant_a: tuple[Tenant, User]) -> AsyncIterator[World]:
    async with editing_world(meli_services, sandbox, *tenant_a, roles=(Role.OPERATOR, Role.ADMIN), stored=False) as w:
        for ml_id in SELLER_A_ITEMS:
            await through_registry(w, ml_id)
        bundle = await registry.KINDS["question"].fetch(connector(w), "13012345601")
        async with w.services.db.tenant(w.tenant.id) as session:
            await registry.apply_bundle(session, w.account, bundle, None)
        await refresh.refresh_account(w.services, w.tenant.id, w.account.id, deadline=time.monotonic() + 60)
        yield w


@pytest.fixture
def with_llm(world: World, llm_server: LocalLlmServer) -> LocalLlmServer:
    if not llm_server.running:
        llm_server.start()
    world.services.settings = world.services.settings.model_copy(
        update={"openai_base_url": llm_server.base_url, "openai_model": llm_server.model, "openai_max_tokens": 1000}
    )
    return llm_server


async def ask(world: World, ml_id: str, role: str = "operator") -> dict[str, Any]:
    body = await world.call(role, ANALYZE, {"id": await world.listing_id(ml_id)})
    result: dict[str, Any] = body["data"]["analyzeListing"]
    return result


async def run_job(world: World, analysis_gid: str) -> dict[str, Any]:
    """What the worker's analyze_listing job does, then the analysis as the API shows it."""
    row_id = await world.sql("SELECT id FROM listing_analyses ORDER BY created_at DESC LIMIT 1")
    assert gid("ListingAnalysis", row_id[0][0]) == analysis_gid
    await analysis.run_and_follow(world.services, world.tenant.id, row_id[0][0])
    return await shown(world, analysis_gid)


async def shown(world: World, analysis_gid: str) -> dict[str, Any]:
    node: dict[str, Any] = (await world.call("operator", ANALYSIS, {"id": analysis_gid}))["data"]["node"]
    return node


async def test_without_an_llm_the_review_says_so_and_the_score_still_works(world: World) -> None:
    result = await ask(world, SHIRT)
    assert result["analysis"] is None
    assert [(e["code"], e["field"]) for e in result["errors"]] == [("LLM_NOT_CONFIGURED", None)]
    status = (await world.call("operator", STATUS, {}))["data"]["aiStatus"]
    assert status["configured"] is False and status["reachable"] is False
    assert await world.sql("SELECT count(*) FROM listing_scores WHERE is_current") == [(8,)]


async def test_an_analysis_is_schema_valid_stored_with_its_cost_and_asked_once(
    world: World, with_llm: LocalLlmServer
) -> None:
    before = with_llm.requests
    queued = await ask(world, SHIRT)
    assert queued["errors"] == [] and queued["analysis"]["status"] == "QUEUED"
    [[row_id]] = await world.sql("SELECT id FROM listing_analyses")
    job = Job(f"analysis:{row_id}:0", world.services.redis, _queue_name=QUEUE_NAME)
    assert await job.status() is JobStatus.queued  # for the worker, once the request committed

    done = await run_job(world, queued["analysis"]["id"])
    assert done["status"] == "DONE", done["error"]
    assert with_llm.requests - before == done["attempts"] >= 1
    raw = await world.sql("SELECT result FROM listing_analyses")
    jsonschema.validate(raw[0][0], ANSWER_SCHEMA)
    assert done["listing"]["mlId"] == SHIRT and done["language"] == "pt-BR" and done["promptVersion"] == PROMPT_VERSION
    assert done["promptTokens"] > 0 and done["completionTokens"] > 0 and done["latencyMs"] > 0
    assert float(done["costEstimate"]["amount"]) > 0 and done["costEstimate"]["currency"] == "USD"
    assert all(len(t["text"]) <= 60 for t in done["result"]["seo"]["titleSuggestions"])

    # Buyer data never goes to the LLM: the request carried the listing, not its buyer's question.
    sent = json.loads(with_llm.bodies[-1])
    prompt = json.dumps(sent, ensure_ascii=False)
    question = world.sandbox.get("questions", 13012345601)
    assert "Camiseta" in prompt
    assert question["text"] not in prompt and str(question["from"]["id"]) not in prompt
    assert sent["response_format"]["type"] == "json_schema"

    again = await ask(world, SHIRT)
    assert again["analysis"] == {"id": done["id"], "status": "DONE", "errorCode": None}
    assert with_llm.requests - before == done["attempts"]  # no second request for an unchanged listing

    item = world.sandbox.get("items", SHIRT)
    world.sandbox.put(
        "items",
        SHIRT,
        {**item, "title": "Camiseta Algodão Unissex Básica Lisa", "last_updated": "2026-12-03T11:00:00.000Z"},
    )
    await through_registry(world, SHIRT)
    changed = await ask(world, SHIRT)
    assert changed["analysis"]["status"] == "QUEUED" and changed["analysis"]["id"] != done["id"]
    await applying_a_suggested_title_goes_through_update_listing(world, done)


async def applying_a_suggested_title_goes_through_update_listing(world: World, done: dict[str, Any]) -> None:
    suggestions = done["result"]["seo"]["titleSuggestions"]
    assert suggestions  # the schema asks for at least one
    refused = (await world.call("operator", APPLY, {"id": done["id"], "index": 0}))["data"]["applyTitleSuggestion"]
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("title", "MELI_VALIDATION")]  # it has sales
    out_of_range = (await world.call("operator", APPLY, {"id": done["id"], "index": 9}))["data"]
    assert out_of_range["applyTitleSuggestion"]["errors"][0]["code"] == "INVALID_INDEX"

    item = world.sandbox.get("items", SHIRT)
    world.sandbox.put("items", SHIRT, {**item, "sold_quantity": 0})
    applied = (await world.call("operator", APPLY, {"id": done["id"], "index": 0}))["data"]["applyTitleSuggestion"]
    title = suggestions[0]["text"].strip()
    assert applied["errors"] == [] and applied["listing"]["title"] == title
    assert world.sandbox.get("items", SHIRT)["title"] == title
    assert applied["analysis"]["appliedTitles"] == [suggestions[0]["text"]]
    audited = await world.sql("SELECT count(*) FROM audit_log WHERE action = 'applyTitleSuggestion'")
    assert audited == [(1,)]


async def test_a_company_over_its_budget_gets_budget_exceeded_without_a_request(
    world: World, with_llm: LocalLlmServer
) -> None:
    listing = await world.listing(SHIRT)
    await world.sql(  # this month's earlier reviews spent 5,000 tokens
        "INSERT INTO listing_analyses (id, tenant_id, listing_id, meli_account_id, status, listing_version,"
        " prompt_version, language, model, attempts, prompt_tokens, completion_tokens, cost_estimate,"
        " applied_titles, created_at) VALUES (gen_random_uuid(), :tenant, :listing, :account, 'DONE', 'v0',"
        " 'listing_review.v1', 'pt-BR', 'm', 1, 3000, 2000, 0, '{}', now())",
        tenant=world.tenant.id,
        listing=listing.id,
        account=world.account.id,
    )
    budget = (await world.call("admin", BUDGET, {"tokens": 4000}))["data"]["setAiTokenBudget"]
    assert budget["errors"] == [] and budget["budget"] == {
        "monthlyTokens": 4000,
        "spentTokens": 5000,
        "leftTokens": 0,
        "own": True,
    }
    denied = (await world.call("operator", BUDGET, {"tokens": 10**6}))["data"]["setAiTokenBudget"]
    assert denied["budget"] is None and denied["errors"][0]["code"] == "FORBIDDEN"

    before = with_llm.requests
    refused = await ask(world, "MLB3012345603")
    assert [e["code"] for e in refused["errors"]] == ["BUDGET_EXCEEDED"] and refused["analysis"] is None
    assert "5,000 of 4,000 tokens" in refused["errors"][0]["message"]
    assert with_llm.requests == before
    status = (await world.call("operator", STATUS, {}))["data"]["aiStatus"]
    assert status["configured"] and status["reachable"] and status["budget"]["leftTokens"] == 0


async def test_an_unreachable_llm_fails_the_try_and_it_is_tried_again_later(
    world: World, with_llm: LocalLlmServer
) -> None:
    queued = (await ask(world, SHIRT))["analysis"]
    with_llm.stop()
    try:
        failed = await run_job(world, queued["id"])
        assert failed["status"] == "FAILED" and failed["errorCode"] == "LLM_UNAVAILABLE"
        assert "unreachable" in failed["error"] and failed["retryAt"] is not None
        [[row_id]] = await world.sql("SELECT id FROM listing_analyses")
        next_try = Job(f"analysis:{row_id}:1", world.services.redis, _queue_name=QUEUE_NAME)
        assert await next_try.status() is JobStatus.deferred
        # Nothing else is affected: listings are scored and read as before.
        async with world.services.db.tenant(world.tenant.id) as session:
            assert len(await score_listings(session, world.tenant.id, [(await world.listing(SHIRT)).id])) == 1
        status = (await world.call("operator", STATUS, {}))["data"]["aiStatus"]
        assert status["configured"] is True and status["reachable"] is False
        asked_again = await ask(world, SHIRT)  # the failed one, waiting for its next try
        assert asked_again["analysis"]["id"] == queued["id"]
    finally:
        with_llm.start()
    done = await run_job(world, queued["id"])
    assert (done["status"], done["errorCode"], done["retryAt"]) == ("DONE", None, None), done["error"]


async def test_the_status_endpoint_says_whether_the_llm_works(world: World, llm_server: LocalLlmServer) -> None:
    async with world.new_client() as anonymous:
        off = (await anonymous.get("/api/v1/ai/status")).json()
        assert off["configured"] is False and "budget" not in off
    world.services.settings = world.services.settings.model_copy(
        update={"openai_base_url": llm_server.base_url, "openai_model": llm_server.model}
    )
    if not llm_server.running:
        llm_server.start()
    on = (await world.http["operator"].get("/api/v1/ai/status")).json()
    assert on["configured"] and on["reachable"] and on["model"] == llm_server.model
    assert on["budget"]["monthly_tokens"] == world.services.settings.ai_monthly_token_budget
