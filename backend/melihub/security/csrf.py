"""Cross-site request forgery: a request riding on the session cookie must prove it comes from our pages.

The proof is a custom header (``X-Melihub-CSRF: 1``) rather than a double-submit token: a page on another
site can make the browser send the cookie, but it cannot add a header of its choosing without a CORS
preflight, and melihub answers no preflight (it sends no ``Access-Control-Allow-*`` header; the dashboard
is served on the API's own origin). No token to issue, store or rotate, so it works unchanged across API
processes. Callers sending ``Authorization: Bearer`` carry no ambient credential and need no header; the
WebSocket, which no CORS protects, checks ``Origin`` instead (``MelihubGraphQL``'s ``allowed_origins``).
"""

from __future__ import annotations

from collections.abc import Mapping

CSRF_HEADER = "x-melihub-csrf"
CSRF_CODE = "CSRF_REQUIRED"
CSRF_MESSAGE = "a signed-in browser request that changes something must send the X-Melihub-CSRF header"
# The session cookies (melihub.accounts.auth): named here so this module depends on nothing.
SESSION_COOKIES = ("melihub_access", "melihub_refresh")


def csrf_header_missing(headers: Mapping[str, str], cookies: Mapping[str, str]) -> bool:
    """True for a request that would act with a session cookie yet lacks the header."""
    if headers.get("authorization"):
        return False  # a Bearer caller is authenticated by what it sent, not by what the browser attached
    if not any(cookies.get(name) for name in SESSION_COOKIES):
        return False
    return not headers.get(CSRF_HEADER)
