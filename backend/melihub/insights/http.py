"""``GET /api/v1/ai/status``: whether the LLM review works now. Anyone may ask whether it is configured
and reachable (as with /api/v1/health); a signed-in caller (cookie or API token) also sees the company's
budget and its last review's latency. Never a 500: an unreachable LLM is a status, not an error."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from melihub.accounts.requests import optional_principal
from melihub.insights.status import ai_status
from melihub.runtime import Services


async def ai_status_endpoint(request: Request) -> Response:
    services: Services = request.app.state.services
    principal = await optional_principal(request)
    status = await ai_status(services, principal.tenant_id if principal is not None else None)
    return JSONResponse(status.as_json())
