"""The wire to the LLM (melihub.insights.llm) against real servers: llama.cpp serving SmolLM2 for the answers a
model really gives, and a scripted HTTP server for the answers a model gives only sometimes (broken JSON, 5xx,
silence)."""

from __future__ import annotations

import time
from typing import Any

import jsonschema
import pytest

from melihub.config import Settings
from melihub.insights.llm import LlmConfig, LlmInvalidAnswer, LlmUnavailable, complete_json, llm_config, probe
from melihub.testing.http_receiver import HttpReceiver, Reply
from melihub.testing.llm_server import LocalLlmServer

# Bounded (at most 3 keywords of 24 characters), so the server's grammar ends the JSON well within max_tokens.
KEYWORDS = {
    "type": "object",
    "properties": {
        "keywords": {"type": "array", "items": {"type": "string", "maxLength": 24}, "minItems": 1, "maxItems": 3}
    },
    "required": ["keywords"],
    "additionalProperties": False,
}
SYSTEM = 'You choose search keywords for a Mercado Livre listing. Answer in JSON: {"keywords": ["...", "..."]}.'
USER = "Listing title: Tênis Nike Air Max 90 masculino preto, tamanho 42"


def config_for(base_url: str, *, model: str = "stand-in", timeout_s: float = 120, max_tokens: int = 160) -> LlmConfig:
    return LlmConfig(base_url=base_url, api_key="none", model=model, timeout_s=timeout_s, max_tokens=max_tokens)


def local(llm: LocalLlmServer) -> LlmConfig:
    return config_for(llm.base_url, model=llm.model)


def chat_completion(content: str, *, prompt_tokens: int = 11, completion_tokens: int = 7) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 0,
        "model": "stand-in",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


async def ask(config: LlmConfig) -> Any:
    return await complete_json(config, system=SYSTEM, user=USER, schema=KEYWORDS, schema_name="listing_keywords")


# ---- the real model ---------------------------------------------------------------------------


async def test_the_model_answers_json_that_matches_the_schema(llm_server: LocalLlmServer) -> None:
    before = llm_server.requests
    answer = await ask(local(llm_server))

    jsonschema.Draft202012Validator(KEYWORDS).validate(answer.data)
    assert answer.model == llm_server.model
    assert answer.prompt_tokens > 0 and answer.completion_tokens > 0
    assert answer.attempts in (1, 2)
    assert llm_server.requests - before == answer.attempts  # one request per attempt, no hidden client retries
    assert answer.latency_ms > 0


async def test_probe_reports_the_served_model(llm_server: LocalLlmServer) -> None:
    before = llm_server.requests
    found = await probe(local(llm_server))
    assert (found.configured, found.reachable, found.model, found.error) == (True, True, llm_server.model, None)
    assert found.latency_ms is not None and found.latency_ms >= 0
    assert llm_server.requests == before  # a models list is no chat completion


async def test_a_stopped_server_is_unavailable_at_once_and_back_after_a_restart(llm_server: LocalLlmServer) -> None:
    base_url, before = llm_server.base_url, llm_server.requests
    llm_server.stop()
    try:
        began = time.monotonic()
        with pytest.raises(LlmUnavailable, match="unreachable") as raised:
            await ask(local(llm_server))
        assert time.monotonic() - began < 2
        assert base_url in str(raised.value)

        down = await probe(local(llm_server))
        assert (down.configured, down.reachable, down.model, down.latency_ms) == (True, False, None, None)
        assert down.error is not None and "unreachable" in down.error
    finally:
        llm_server.start()
    assert llm_server.base_url == base_url and llm_server.requests == before
    assert (await probe(local(llm_server))).reachable


async def test_probe_without_a_configured_server() -> None:
    found = await probe(None)
    assert (found.configured, found.reachable, found.model, found.latency_ms, found.error) == (
        False,
        False,
        None,
        None,
        None,
    )


# ---- a scripted server: answers a model gives only sometimes -----------------------------------


async def test_an_answer_that_never_validates_is_given_up_after_two_requests() -> None:
    with HttpReceiver(
        Reply(200, chat_completion("here are keywords: nike")), Reply(200, chat_completion('{"keywords": "nike"}'))
    ) as server:
        with pytest.raises(LlmInvalidAnswer) as raised:
            await ask(config_for(f"{server.url}/v1"))
        assert len(server.requests) == 2

    message = str(raised.value)
    assert "listing_keywords" in message
    assert "attempt 1: the answer is not JSON" in message
    assert "attempt 2: $.keywords: 'nike' is not of type 'array'" in message
    assert (raised.value.prompt_tokens, raised.value.completion_tokens, raised.value.attempts) == (22, 14, 2)

    sent = server.requests[0]
    assert (sent.method, sent.path) == ("POST", "/v1/chat/completions")
    assert sent.json["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "listing_keywords", "schema": KEYWORDS, "strict": True},
    }
    assert (sent.json["model"], sent.json["max_tokens"], sent.json["temperature"]) == ("stand-in", 160, 0.2)
    assert [m["role"] for m in sent.json["messages"]] == ["system", "user"]


async def test_a_retry_that_validates_counts_the_tokens_of_both_attempts() -> None:
    with HttpReceiver(
        Reply(200, chat_completion('{"keywords": ["nike", "tênis", "air max", "preto"]}', prompt_tokens=30)),
        Reply(200, chat_completion('{"keywords": ["nike", "air max"]}', prompt_tokens=30, completion_tokens=9)),
    ) as server:
        answer = await ask(config_for(f"{server.url}/v1"))
        assert len(server.requests) == 2
    assert answer.data == {"keywords": ["nike", "air max"]}
    assert (answer.attempts, answer.prompt_tokens, answer.completion_tokens, answer.model) == (2, 60, 16, "stand-in")


async def test_a_server_error_is_unavailable_without_a_retry() -> None:
    with HttpReceiver(Reply(503, {"error": {"message": "Loading model", "type": "unavailable_error"}})) as server:
        with pytest.raises(LlmUnavailable, match="answered 503") as raised:
            await ask(config_for(f"{server.url}/v1"))
        assert len(server.requests) == 1
    assert server.url in str(raised.value)


async def test_a_silent_server_is_unavailable_after_the_timeout() -> None:
    with HttpReceiver(Reply(200, chat_completion('{"keywords": ["nike"]}'), delay_s=1)) as server:
        began = time.monotonic()
        with pytest.raises(LlmUnavailable, match=r"did not answer within 0\.3s"):
            await ask(config_for(f"{server.url}/v1", timeout_s=0.3))
        assert time.monotonic() - began < 1.5


def test_the_config_comes_from_the_settings() -> None:
    assert llm_config(Settings(env="test", openai_base_url=None)) is None  # type: ignore[arg-type]
    keyless = llm_config(Settings(env="test", openai_base_url="http://127.0.0.1:1/v1", openai_api_key=None))  # type: ignore[arg-type]
    assert keyless is not None and keyless.api_key == "none"
    keyed = llm_config(
        Settings(env="test", openai_base_url="https://api.example/v1", openai_api_key="sk-1", openai_model="m")  # type: ignore[arg-type]
    )
    assert keyed == LlmConfig("https://api.example/v1", "sk-1", "m", keyed.timeout_s, keyed.max_tokens)
