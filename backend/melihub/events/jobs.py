"""Names shared by the API (which enqueues) and the workers (which run): jobs and job ids.

The queue itself is ``melihub.runtime.QUEUE_NAME``, the default of every process's Redis client.
"""

from __future__ import annotations

import hashlib
import uuid

PROCESS_RESOURCE = "process_resource"


def resource_job_id(tenant_id: uuid.UUID | str, topic: str, resource: str) -> str:
    """One queued job per resource: many notifications for it coalesce into one fetch."""
    digest = hashlib.sha1(f"{tenant_id}|{topic}|{resource}".encode(), usedforsecurity=False).hexdigest()
    return f"res:{digest}"
