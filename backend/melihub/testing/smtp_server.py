"""A real SMTP server on a loopback port (aiosmtpd, in its own thread) that keeps what it receives.

Tests point ``smtp://`` URLs at it, read back the parsed messages, and switch it to answering DATA
with a temporary (451) or permanent (550) refusal, or to answering slowly, to exercise retries::

    with LocalSmtpServer(auth=("mailer", "pw")) as smtp:
        ... send to smtp.url ...
        assert smtp.received[0].message["Subject"] == "..."
"""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import shutil
import ssl
import tempfile
import threading
from collections import deque
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from melihub.testing.stores import free_port

TEMPORARY_FAILURE = "451 4.3.0 Mailbox busy, try again later"
PERMANENT_FAILURE = "550 5.1.1 Mailbox unavailable"


@dataclass(frozen=True)
class ReceivedMail:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    authenticated_as: str | None


class _Handler:
    def __init__(self, server: LocalSmtpServer) -> None:
        self.server = server

    async def handle_RCPT(
        self, smtp: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self.server.auth is not None and not session.authenticated:
            return "530 5.7.0 Authentication required"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp: SMTP, session: Session, envelope: Envelope) -> str:
        reply = self.server.next_reply()
        if self.server.delay_s:
            await asyncio.sleep(self.server.delay_s)
        if not reply.startswith("250"):
            return reply
        content = envelope.original_content or envelope.content or b""
        assert isinstance(content, bytes)
        message = BytesParser(policy=policy.default).parsebytes(content)
        assert isinstance(message, EmailMessage)
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        self.server.received.append(
            ReceivedMail(
                str(envelope.mail_from), list(envelope.rcpt_tos), message, login if session.authenticated else None
            )
        )
        return reply


class LocalSmtpServer:
    """``auth=(user, password)``: the server advertises AUTH (without TLS: it is loopback) and refuses
    recipients until a client has logged in. ``tls=True``: implicit TLS (smtps) with a self-signed
    certificate for 127.0.0.1; clients trust it through ``client_tls_context``."""

    host = "127.0.0.1"

    def __init__(self, *, auth: tuple[str, str] | None = None, tls: bool = False) -> None:
        self.auth = auth
        self.tls = tls
        self.port = free_port()
        self.received: list[ReceivedMail] = []
        self.data_attempts = 0
        self.delay_s = 0.0
        self._replies: deque[str] = deque()
        self._always: str | None = None
        self._lock = threading.Lock()
        self._controller: Controller | None = None
        self._certificate: Path | None = None

    @property
    def url(self) -> str:
        scheme = "smtps" if self.tls else "smtp"
        credentials = f"{quote(self.auth[0], safe='')}:{quote(self.auth[1], safe='')}@" if self.auth else ""
        return f"{scheme}://{credentials}{self.host}:{self.port}"

    def fail_next(self, *replies: str) -> None:
        """The next DATA commands get these replies (e.g. ``TEMPORARY_FAILURE``), then 250 again."""
        with self._lock:
            self._replies.extend(replies)

    def fail_always(self, reply: str | None) -> None:
        """Every DATA gets ``reply`` until called with None."""
        self._always = reply

    def next_reply(self) -> str:
        with self._lock:
            self.data_attempts += 1
            if self._replies:
                return self._replies.popleft()
        return self._always or "250 OK"

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        expected = self.auth
        valid = (
            expected is not None
            and isinstance(data, LoginPassword)
            and (data.login.decode(), data.password.decode()) == expected
        )
        # handled=False: aiosmtpd answers the refusal (535) itself.
        return AuthResult(success=valid, handled=False, auth_data=data if valid else None)

    @property
    def client_tls_context(self) -> ssl.SSLContext:
        if self._certificate is None:
            raise RuntimeError("the server was not started with tls=True")
        return ssl.create_default_context(cafile=str(self._certificate))

    def start(self) -> LocalSmtpServer:
        kwargs: dict[str, Any] = {}
        if self.auth is not None:
            kwargs.update(authenticator=self._authenticate, auth_require_tls=False)
        if self.tls:
            kwargs["ssl_context"] = self._server_tls_context()
        self._controller = Controller(_Handler(self), hostname=self.host, port=self.port, **kwargs)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
        if self._certificate is not None:
            shutil.rmtree(self._certificate.parent, ignore_errors=True)

    def __enter__(self) -> LocalSmtpServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def _server_tls_context(self) -> ssl.SSLContext:
        folder = Path(tempfile.mkdtemp(prefix="melihub-smtp-tls-"))
        certificate, key = folder / "cert.pem", folder / "key.pem"
        certificate_pem, key_pem = _self_signed_certificate(self.host)
        certificate.write_bytes(certificate_pem)
        key.write_bytes(key_pem)
        self._certificate = certificate
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(certificate, key)
        return context


def _self_signed_certificate(ip: str) -> tuple[bytes, bytes]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, ip)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(ip))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return certificate.public_bytes(serialization.Encoding.PEM), key_pem
