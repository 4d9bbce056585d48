"""Fixtures of listing intelligence's tests: a real local LLM (llama.cpp's server with SmolLM2-135M-Instruct)."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator

import pytest

from melihub.testing.llm_server import LocalLlmServer


@pytest.fixture(scope="session")
def llm_server() -> Iterator[LocalLlmServer]:
    """One model server for the test process (it takes seconds to load); tests that stop it start it again."""
    try:
        importlib.import_module("xllamacpp")
    except ImportError as error:
        reason = f"the local LLM needs xllamacpp ({error}): `make install` installs it"
        if os.environ.get("MELIHUB_REQUIRE_LLM"):
            pytest.fail(reason)  # set, a missing model server is a failure, not a skip
        pytest.skip(reason)
    server = LocalLlmServer().start()
    yield server
    server.stop()
    server.log.unlink(missing_ok=True)  # a start that failed already showed its tail
