"""Request bodies /graphql refuses before parsing them: too large (413) or JSON nested too deeply (400).

Both answer a JSON ``{"errors": [{"message": ...}]}`` like any GraphQL-over-HTTP request error. The
size is checked on the declared Content-Length first and on the bytes as they arrive (a chunked body
declares none). uvicorn reads and discards what the client still sends after the answer, so the
client reads the 413 instead of having its connection reset mid-upload.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import Message, Receive, Scope


class RequestRefused(Exception):
    """The request cannot be a GraphQL request; ``response()`` tells the client why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    def response(self) -> JSONResponse:
        return JSONResponse({"errors": [{"message": self.message}]}, status_code=self.status)


def too_large(limit: int) -> RequestRefused:
    return RequestRefused(413, f"the request body is larger than {limit} bytes")


def declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers") or ():
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


def limited(receive: Receive, limit: int) -> Receive:
    """``receive`` that refuses the body once more than ``limit`` bytes of it have arrived."""
    received = 0

    async def receive_limited() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise too_large(limit)
        return message

    return receive_limited


def decode_json(data: str | bytes) -> Any:
    """``json.loads``, with nesting too deep for the decoder's recursion refused as a 400."""
    try:
        return json.loads(data)
    except RecursionError:
        raise RequestRefused(400, "the request body's JSON is nested too deeply") from None
