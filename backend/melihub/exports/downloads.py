"""Downloading an export: a short-lived signed URL, and the route that streams the file chunk by chunk.

The URL is signed like the labels' and pick lists' (``melihub.fulfilment.downloads.signature_of``: an
HMAC of a token and the expiry with a key derived from the app secret); the token names the tenant and
the export (``export|<tenant>|<export>``), so a link to one file opens no other. A link lives
``LINK_TTL_S`` (never past the file's ``expiresAt``): each read of ``downloadUrl`` signs a fresh one, and
whoever holds it may fetch the file until then, without the session cookie (what a browser's download
or a spreadsheet tool opens). Any API process serves any export: the file is in PostgreSQL.
"""

from __future__ import annotations

import hmac
import time
import uuid
from datetime import UTC, datetime
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from melihub.exports import storage
from melihub.exports.models import Export, ExportStatus
from melihub.fulfilment.downloads import signature_of
from melihub.runtime import Services

LINK_TTL_S = 600
PATH = "/exports/{}/download"


def _secret(services: Services) -> str:
    return services.settings.jwt_secret.get_secret_value()


def _token(tenant_id: uuid.UUID | str, export_id: uuid.UUID | str) -> str:
    return f"export|{tenant_id}|{export_id}"


def download_url(services: Services, export: Export, now: float | None = None) -> str | None:
    """A signed link to the export's file, or None unless it is DONE and still kept."""
    if export.status != ExportStatus.DONE.value or export.expires_at is None:
        return None
    at = time.time() if now is None else now
    keep_until = int(export.expires_at.timestamp())
    if keep_until <= at:
        return None
    expires = min(int(at) + LINK_TTL_S, keep_until)
    signature = signature_of(_token(export.tenant_id, export.id), expires, _secret(services))
    base = services.settings.public_url.rstrip("/")
    return f"{base}{PATH.format(export.id)}?tenant={export.tenant_id}&expires={expires}&signature={signature}"


def _refused(status: int, message: str, code: str) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status_code=status, headers={"Cache-Control": "no-store"})


def _check(services: Services, request: Request) -> tuple[uuid.UUID, uuid.UUID] | JSONResponse:
    params = request.query_params
    invalid = _refused(403, "this download link is not valid", "INVALID_SIGNATURE")
    try:
        export_id, tenant_id = uuid.UUID(request.path_params["export_id"]), uuid.UUID(params.get("tenant", ""))
        expires = int(params.get("expires", ""))
    except ValueError:
        return invalid
    expected = signature_of(_token(tenant_id, export_id), expires, _secret(services))
    if not hmac.compare_digest(expected, params.get("signature", "")):
        return invalid
    if expires < time.time():
        return _refused(410, "this download link has expired: open the export again for a new one", "EXPIRED")
    return tenant_id, export_id


async def serve_export(request: Request) -> Response:
    """``GET /exports/{id}/download?tenant=…&expires=…&signature=…``: the file, streamed from its chunks."""
    services: Services = request.app.state.services
    checked = _check(services, request)
    if isinstance(checked, Response):
        return checked
    tenant_id, export_id = checked
    async with services.db.tenant(tenant_id) as session:
        export = await session.get(Export, export_id)
    kept = export is not None and export.status == ExportStatus.DONE.value and export.expires_at is not None
    if export is None or not kept or export.expires_at is None or export.expires_at <= datetime.now(UTC):
        return _refused(410, "this export is no longer kept: start it again", "EXPIRED")
    headers = {
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(export.file_name or 'export')}",
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
    }
    if export.size_bytes is not None:
        headers["Content-Length"] = str(export.size_bytes)
    chunks = storage.read_chunks(services.db, tenant_id, export_id)
    return StreamingResponse(chunks, media_type=export.content_type or "application/octet-stream", headers=headers)
