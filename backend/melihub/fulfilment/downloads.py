"""Files melihub hands out (merged labels, pick lists) behind short-lived signed URLs.

API processes are stateless and several may run, so a file is kept in Redis (``DOWNLOAD_TTL_S``), never
on one process's disk; the URL carries its expiry and an HMAC of token and expiry with a key derived from
the app secret (``MELIHUB_JWT_SECRET``). Whoever holds the URL may fetch the file until it expires: it is
what a print dialog or a label printer's tool opens, without the session cookie. The token is random
(unguessable on its own); the signature makes the expiry tamper-proof.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from melihub.runtime import Services

DOWNLOAD_TTL_S = 600
KEY = "melihub:download:{}"
PATH = "/downloads/{}"


@dataclass(frozen=True)
class DownloadFile:
    content: bytes
    file_name: str
    content_type: str


@dataclass(frozen=True)
class Download:
    """A stored file and where to fetch it."""

    url: str
    file_name: str
    content_type: str
    size: int
    expires_at: datetime


def _key(secret: str) -> bytes:
    return hashlib.sha256(f"melihub-download|{secret}".encode()).digest()


def signature_of(token: str, expires: int, secret: str) -> str:
    digest = hmac.new(_key(secret), f"{token}.{expires}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _secret(services: Services) -> str:
    return services.settings.jwt_secret.get_secret_value()


async def store_download(services: Services, tenant_id: uuid.UUID, file: DownloadFile) -> Download:
    """Keep ``file`` for ``DOWNLOAD_TTL_S`` and sign a URL to it."""
    token = secrets.token_urlsafe(24)
    expires = int(time.time()) + DOWNLOAD_TTL_S
    fields = {
        "content": file.content,
        "file_name": file.file_name,
        "content_type": file.content_type,
        "tenant_id": str(tenant_id),
    }
    async with services.redis.pipeline(transaction=True) as pipe:
        pipe.hset(KEY.format(token), mapping=fields)
        pipe.expire(KEY.format(token), DOWNLOAD_TTL_S)
        await pipe.execute()
    query = f"expires={expires}&signature={signature_of(token, expires, _secret(services))}"
    base = services.settings.public_url.rstrip("/")
    return Download(
        url=f"{base}{PATH.format(token)}?{query}",
        file_name=file.file_name,
        content_type=file.content_type,
        size=len(file.content),
        expires_at=datetime.fromtimestamp(expires, tz=UTC),
    )


def _refused(status: int, message: str, code: str) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status_code=status, headers={"Cache-Control": "no-store"})


def check_signature(token: str, expires_text: str, signature: str, secret: str, now: float) -> JSONResponse | None:
    """Why this URL may not be served (a response to send), or None when it may."""
    try:
        expires = int(expires_text)
    except ValueError:
        return _refused(403, "this download link is not valid", "INVALID_SIGNATURE")
    if not hmac.compare_digest(signature_of(token, expires, secret), signature):
        return _refused(403, "this download link is not valid", "INVALID_SIGNATURE")
    if expires < now:
        return _refused(410, "this download link has expired: print again for a new one", "EXPIRED")
    return None


async def serve_download(request: Request) -> Response:
    """``GET /downloads/{token}?expires=…&signature=…``: the file, while the link is valid."""
    services: Services = request.app.state.services
    token = request.path_params["token"]
    params = request.query_params
    refused = check_signature(
        token, params.get("expires", ""), params.get("signature", ""), _secret(services), time.time()
    )
    if refused is not None:
        return refused
    stored = await services.redis.hgetall(KEY.format(token))
    if not stored:
        return _refused(410, "this download is no longer kept: print again for a new one", "EXPIRED")
    content_type = stored[b"content_type"].decode()
    file_name = stored[b"file_name"].decode()
    # PDFs open in the browser's viewer, ready to print; other files (ZPL) are saved for the printer's tool.
    disposition = "inline" if content_type == "application/pdf" else "attachment"
    headers = {
        "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(file_name)}",
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(stored[b"content"], media_type=content_type, headers=headers)
