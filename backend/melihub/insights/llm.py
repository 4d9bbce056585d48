"""The wire to an OpenAI-compatible LLM: one JSON answer that matches a schema, and a reachability probe.

The server is asked for structured output (``response_format`` json_schema, strict); the answer is still
validated here, because a server may ignore or only partly enforce the schema. An answer that fails is asked
for once more, then given up on.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jsonschema
import openai

if TYPE_CHECKING:
    from melihub.config import Settings

TEMPERATURE = 0.2
ATTEMPTS = 2  # the first answer and one retry, for answers that do not validate
PROBE_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class LlmConfig:
    base_url: str
    api_key: str
    model: str
    timeout_s: float
    max_tokens: int


def llm_config(settings: Settings) -> LlmConfig | None:
    """None when no LLM is configured: the review is then off and everything else works."""
    if not settings.openai_base_url:
        return None
    key = settings.openai_api_key
    return LlmConfig(
        base_url=settings.openai_base_url,
        # Local servers want no key, but the client refuses to start without one.
        api_key=key.get_secret_value() if key is not None else "none",
        model=settings.openai_model,
        timeout_s=settings.openai_timeout_s,
        max_tokens=settings.openai_max_tokens,
    )


@dataclass(frozen=True)
class LlmAnswer:
    data: dict[str, Any]
    model: str
    prompt_tokens: int  # summed over the attempts: what was spent, not only what was kept
    completion_tokens: int
    latency_ms: int  # the whole call, retry included
    attempts: int


class LlmUnavailable(Exception):
    """The server could not be reached, did not answer in time, or failed (5xx)."""


class LlmInvalidAnswer(Exception):
    """Every attempt's answer failed to parse or to validate; the tokens they cost were still spent."""

    def __init__(self, message: str, *, prompt_tokens: int, completion_tokens: int, attempts: int) -> None:
        super().__init__(message)
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens
        self.attempts = attempts


def _client(config: LlmConfig, timeout_s: float) -> openai.AsyncOpenAI:
    # No retries inside the client: the caller decides what a failure costs (a job retries later).
    return openai.AsyncOpenAI(base_url=config.base_url, api_key=config.api_key, timeout=timeout_s, max_retries=0)


def _unavailable(config: LlmConfig, error: openai.APIError, timeout_s: float) -> LlmUnavailable:
    where = f"the LLM server at {config.base_url}"
    if isinstance(error, openai.APITimeoutError):
        return LlmUnavailable(f"{where} did not answer within {timeout_s:g}s")
    if isinstance(error, openai.APIConnectionError):
        return LlmUnavailable(f"{where} is unreachable: {error.__cause__ or error}")
    status = error.status_code if isinstance(error, openai.APIStatusError) else "an error"
    return LlmUnavailable(f"{where} answered {status}: {error.message}")


def _checked(content: str | None, validator: jsonschema.protocols.Validator) -> tuple[dict[str, Any], str | None]:
    """The parsed answer and, when it is not acceptable, why (the most relevant schema error)."""
    if content is None:
        return {}, "the answer has no content"
    try:
        data = json.loads(content)
    except ValueError as error:
        return {}, f"the answer is not JSON ({error})"
    found = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if found is not None:
        return {}, f"{found.json_path}: {found.message}"
    if not isinstance(data, dict):
        return {}, f"the answer is a JSON {type(data).__name__}, not an object"
    return data, None


async def complete_json(
    config: LlmConfig, *, system: str, user: str, schema: dict[str, Any], schema_name: str
) -> LlmAnswer:
    """One answer that validates against ``schema``, from at most two attempts."""
    validator = jsonschema.Draft202012Validator(schema)
    began = time.monotonic()
    prompt_tokens = completion_tokens = 0
    problems: list[str] = []
    async with _client(config, config.timeout_s) as client:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                response = await client.chat.completions.create(
                    model=config.model,
                    messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
                    max_tokens=config.max_tokens,
                    temperature=TEMPERATURE,
                    response_format={
                        "type": "json_schema",
                        "json_schema": {"name": schema_name, "schema": schema, "strict": True},
                    },
                )
            except openai.APIStatusError as error:
                if error.status_code < 500:
                    raise  # the request itself is wrong (key, model, payload): not an outage
                raise _unavailable(config, error, config.timeout_s) from error
            except openai.APIConnectionError as error:
                raise _unavailable(config, error, config.timeout_s) from error
            if response.usage is not None:
                prompt_tokens += response.usage.prompt_tokens
                completion_tokens += response.usage.completion_tokens
            content = response.choices[0].message.content if response.choices else None
            data, problem = _checked(content, validator)
            if problem is None:
                return LlmAnswer(
                    data=data,
                    model=response.model or config.model,
                    prompt_tokens=prompt_tokens,
                    completion_tokens=completion_tokens,
                    latency_ms=round((time.monotonic() - began) * 1000),
                    attempts=attempt,
                )
            problems.append(f"attempt {attempt}: {problem}")
    raise LlmInvalidAnswer(
        f"the {schema_name} answer from {config.model} did not validate: {'; '.join(problems)}",
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        attempts=ATTEMPTS,
    )


@dataclass
class LlmProbe:
    configured: bool
    reachable: bool
    model: str | None
    latency_ms: int | None
    error: str | None


async def probe(config: LlmConfig | None) -> LlmProbe:
    """Whether the configured server answers its models list, quickly (for the admin's status)."""
    if config is None:
        return LlmProbe(configured=False, reachable=False, model=None, latency_ms=None, error=None)
    timeout_s = min(config.timeout_s, PROBE_TIMEOUT_S)
    began = time.monotonic()
    try:
        async with _client(config, timeout_s) as client:
            page = await client.models.list()
    except openai.APIError as error:
        return LlmProbe(True, False, None, None, str(_unavailable(config, error, timeout_s)))
    served = [model.id for model in page.data]
    # A server that lists the configured model will use it; one serving a single other model answers with that.
    model = config.model if config.model in served or not served else served[0]
    return LlmProbe(True, True, model, round((time.monotonic() - began) * 1000), None)
