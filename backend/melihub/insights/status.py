"""Whether the LLM review works now: configured, reachable (a short probe), its model, the last review's
latency, and the company's budget left. Served at ``/api/v1/ai/status`` and as ``aiStatus``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from melihub.insights import analysis, budget
from melihub.insights.llm import llm_config, probe
from melihub.runtime import Services


@dataclass(frozen=True)
class AiStatus:
    configured: bool
    reachable: bool
    model: str | None
    last_latency_ms: int | None  # of the company's last review
    probe_latency_ms: int | None
    error: str | None
    budget: budget.Budget | None  # None: asked without a company

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "configured": self.configured,
            "reachable": self.reachable,
            "model": self.model,
            "last_latency_ms": self.last_latency_ms,
            "probe_latency_ms": self.probe_latency_ms,
            "error": self.error,
        }
        if self.budget is not None:
            found["budget"] = {
                "monthly_tokens": self.budget.monthly_tokens,
                "spent_tokens": self.budget.spent_tokens,
                "left_tokens": self.budget.left_tokens,
                "month_start": self.budget.month_start.isoformat(),
            }
        return found


async def ai_status(services: Services, tenant_id: uuid.UUID | None) -> AiStatus:
    config = llm_config(services.settings)
    probed = await probe(config)
    left = None
    latency = None
    if tenant_id is not None:
        async with services.db.tenant(tenant_id) as session:
            left = await budget.budget_of(session, services.settings, tenant_id)
            latency = await analysis.last_latency_ms(session, tenant_id)
    model = probed.model or (config.model if config else None)
    return AiStatus(probed.configured, probed.reachable, model, latency, probed.latency_ms, probed.error, left)
