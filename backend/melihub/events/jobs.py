"""Names shared by the API (which enqueues) and the workers (which run): queue, job, job ids."""

from __future__ import annotations

import hashlib
import uuid

QUEUE_NAME = "melihub:queue"
PROCESS_RESOURCE = "process_resource"


def resource_job_id(tenant_id: uuid.UUID | str, topic: str, resource: str) -> str:
    """One queued job per resource: many notifications for it coalesce into one fetch."""
    digest = hashlib.sha1(f"{tenant_id}|{topic}|{resource}".encode(), usedforsecurity=False).hexdigest()
    return f"res:{digest}"
