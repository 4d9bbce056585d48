"""A faithful Mercado Livre API sandbox (ASGI/Starlette) for tests, the demo and benchmarks.

Run it with ``melihub sandbox`` or, in tests, ``melihub.sandbox.testing.running_sandbox()``.
"""

from melihub.sandbox.app import create_app
from melihub.sandbox.core import SandboxConfig

__all__ = ["SandboxConfig", "create_app"]
