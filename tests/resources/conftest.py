"""The Mercado Livre client of tests/meli (the sandbox, tokens in memory), to fetch through the registry."""

from tests.meli.conftest import fresh_sandbox, make_client, redis, sandbox, store  # noqa: F401
