"""Loaded by the schemathesis CLI (``SCHEMATHESIS_HOOKS``) in test_schemathesis: melihub's client codes.

schemathesis (4.x) counts a GraphQL error raised while resolving as the server's fault unless its
``extensions.code`` is one of the client codes it knows (Apollo's: ``BAD_USER_INPUT``,
``GRAPHQL_VALIDATION_FAILED``…). melihub also refuses ids the caller may not see with ``NOT_FOUND`` and
fields its role may not use with ``FORBIDDEN`` (docs/graphql.md, "Errors"): a random id is the client's
mistake, not a crash. Only these two are added. Every real server error still fails the check: a 5xx,
``INTERNAL_SERVER_ERROR`` (masked exceptions; it outweighs any other code in the same answer), an error
without a code, a null in a non-null field.
"""

from __future__ import annotations

from schemathesis.specs.graphql import validation

MELIHUB_CLIENT_CODES = frozenset({"NOT_FOUND", "FORBIDDEN"})

# Fail loudly, rather than test nothing, if schemathesis changes how it tells client errors apart.
assert isinstance(validation.CLIENT_ERROR_MARKERS, frozenset), "schemathesis no longer has CLIENT_ERROR_MARKERS"
assert "INTERNAL_SERVER_ERROR" in validation.SERVER_ERROR_MARKERS
validation.CLIENT_ERROR_MARKERS = validation.CLIENT_ERROR_MARKERS | MELIHUB_CLIENT_CODES
