"""Security headers on every HTTP response (OWASP ASVS 14.4), and the dashboard's Content-Security-Policy.

Every response gets ``X-Content-Type-Options``, ``Referrer-Policy``, ``X-Frame-Options`` and a CSP that
forbids framing; HSTS only when the request came over TLS (a browser ignores it over plain HTTP, and a
development server on http://127.0.0.1 must not be pinned to HTTPS). API answers get a policy allowing
nothing to run; the dashboard's pages (a Next.js static export) may run their own files and exactly the
inline scripts the built page contains, allowed by their SHA-256 hashes — never ``'unsafe-inline'``.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HSTS = "max-age=31536000; includeSubDomains"
# strict-origin-when-cross-origin rather than no-referrer: other sites never see a path (signed download
# links, OAuth callbacks carry tokens there), while same-origin POSTs keep a meaningful Origin header.
REFERRER_POLICY = "strict-origin-when-cross-origin"
# API answers (JSON, CSV, errors) run nothing. The server-rendered pages (the OAuth result page) carry a
# style attribute and no script, hence only inline styles.
API_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
# Chromium's PDF viewer builds a page of its own (inline styles, fonts, a plugin) under the PDF's policy
# and shows a blank or cropped label under default-src 'none' (crbug.com/271452); a PDF runs no page
# script of ours, so it only must not be framed.
PDF_POLICY = "frame-ancestors 'none'"
# Listing pictures come from Mercado Livre's image hosts (sometimes still as http://) and sellers' own.
IMAGE_SOURCES = ("'self'", "data:", "blob:", "https:", "http:")
_HOST = re.compile(r"^[A-Za-z0-9.\-:\[\]]+$")


def served_over_tls(scope: Scope, *, trust_proxy_headers: bool) -> bool:
    """HTTPS as the browser sees it: the server's own TLS, or a trusted proxy's ``X-Forwarded-Proto``."""
    if scope.get("scheme") in {"https", "wss"}:
        return True
    if not trust_proxy_headers:
        return False
    forwarded = Headers(scope=scope).get("x-forwarded-proto", "")
    return forwarded.split(",")[0].strip().lower() == "https"


def inline_script_hashes(html: str) -> frozenset[str]:
    """The CSP sources (``'sha256-…'``) of every inline ``<script>`` of a page, hashed as the browser does."""
    finder = _InlineScripts()
    finder.feed(html)
    finder.close()
    return frozenset(
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'" for text in finder.scripts
    )


class _InlineScripts(HTMLParser):
    """Script bodies exactly as written: the parser hands raw text inside <script> (no entity decoding)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._current = None if any(name == "src" for name, _ in attrs) else []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def socket_sources(scope: Scope) -> list[str]:
    """The page's own WebSocket origin, both schemes: CSP 3 lets 'self' match ws(s) of the same host, but
    older engines (Safari before 15.4) do not, and behind a TLS proxy the page's scheme is not ours."""
    host = Headers(scope=scope).get("host", "")
    return [f"ws://{host}", f"wss://{host}"] if _HOST.match(host) else []


def page_policy(
    scope: Scope,
    scripts: Iterable[str],
    *,
    script_hosts: Iterable[str] = (),
    style_hosts: Iterable[str] = (),
    font_hosts: Iterable[str] = (),
) -> str:
    """The policy of an HTML page of ours: its own origin, the given inline-script hashes and hosts."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hosts, *sorted(scripts)],
        # Mantine writes <style> tags at run time (its CSS variables, per colour scheme) and the export has
        # style="" attributes: neither has a stable hash, so inline styles are allowed. Styles run no code.
        "style-src": ["'self'", "'unsafe-inline'", *style_hosts],
        "img-src": list(IMAGE_SOURCES),
        "font-src": ["'self'", "data:", *font_hosts],
        "connect-src": ["'self'", *socket_sources(scope)],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def _security_headers(headers: list[tuple[bytes, bytes]], *, tls: bool) -> list[tuple[bytes, bytes]]:
    """The response's headers plus ours; a header the route set itself (a page's own CSP) is kept."""
    present = {name.lower() for name, _ in headers}
    content_type = next((value for name, value in headers if name.lower() == b"content-type"), b"")
    policy = PDF_POLICY if content_type.startswith(b"application/pdf") else API_POLICY
    wanted = [
        (b"content-security-policy", policy),
        (b"x-content-type-options", "nosniff"),
        (b"x-frame-options", "DENY"),
        (b"referrer-policy", REFERRER_POLICY),
    ]
    if tls:
        wanted.append((b"strict-transport-security", HSTS))
    return [*headers, *((name, value.encode()) for name, value in wanted if name not in present)]


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, trust_proxy_headers: bool = False) -> None:
        self.app = app
        self.trust_proxy_headers = trust_proxy_headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tls = served_over_tls(scope, trust_proxy_headers=self.trust_proxy_headers)

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = _security_headers(list(message.get("headers") or ()), tls=tls)
            await send(message)

        await self.app(scope, receive, send_secured)


def secure_every_response(app: Starlette, *, trust_proxy_headers: bool) -> None:
    """Put the headers middleware outside Starlette's own error middleware: ``add_middleware`` would sit
    inside it, and the bare 500 answer to an unexpected exception would go out without the headers."""
    build = app.build_middleware_stack

    def build_secured() -> ASGIApp:
        return SecurityHeadersMiddleware(build(), trust_proxy_headers=trust_proxy_headers)

    app.build_middleware_stack = build_secured  # type: ignore[method-assign]


class DashboardFiles(StaticFiles):
    """The dashboard's static export; each HTML page's CSP names that page's inline scripts' hashes.

    Hashed once per file version (path, mtime, size), on first serve: a rebuilt dashboard is picked up
    without a restart, and a script that is not in the built file never runs.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._hashes: dict[str, tuple[tuple[int, int], frozenset[str]]] = {}

    def file_response(
        self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        self._secure_page(response, os.fspath(full_path), stat_result, scope)
        return response

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        unsecured = "content-security-policy" not in response.headers  # 404.html skips file_response
        if unsecured and isinstance(response, FileResponse) and response.stat_result is not None:
            self._secure_page(response, os.fspath(response.path), response.stat_result, scope)
        return response

    def _secure_page(self, response: Response, path: str, stat_result: os.stat_result, scope: Scope) -> None:
        if path.endswith(".html"):
            response.headers["content-security-policy"] = page_policy(scope, self.script_hashes(path, stat_result))

    def script_hashes(self, path: str, stat_result: os.stat_result) -> frozenset[str]:
        version = (stat_result.st_mtime_ns, stat_result.st_size)
        cached = self._hashes.get(path)
        if cached is not None and cached[0] == version:
            return cached[1]
        with open(path, encoding="utf-8") as page:
            hashes = inline_script_hashes(page.read())
        self._hashes[path] = (version, hashes)
        return hashes
