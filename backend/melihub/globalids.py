"""The text of a global id, ``base64url("<TypeName>:<uuid>")`` without padding, for any layer.

``melihub.graphql.relay`` serves it as the API's ``ID``; pages outside GraphQL that hand an object to
the dashboard (the account-linking landing page) use the very same text, so the dashboard can match it.
"""

from __future__ import annotations

import base64
import uuid


def global_id_text(type_name: str, row_id: uuid.UUID | str) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{row_id}".encode()).decode().rstrip("=")
