"""The backup file: one tar holding ``manifest.json``, the database dump and the key ring.

The dump holds Mercado Livre tokens encrypted with the key ring, so the key ring travels beside it: in
clear (``keyring.txt``, the archive then is as sensitive as ``MELIHUB_TOKEN_KEYS``) or sealed with a
passphrase (``keyring.enc``: scrypt, then AES-256-GCM). Only the members named here are ever read back,
never extracted by the names the archive gives them.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import tarfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

FORMAT = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
KEYRING_CLEAR = "keyring.txt"
KEYRING_SEALED = "keyring.enc"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
CHUNK = 1 << 20


class BackupError(ValueError):
    """A backup that cannot be written or read back; the message says why."""


@dataclass(frozen=True)
class Manifest:
    melihub_version: str
    alembic_revision: str
    created_at: str  # ISO 8601, UTC
    database: str
    server_major: int
    pg_dump_major: int
    dump_sha256: str
    keyring: str  # KEYRING_CLEAR or KEYRING_SEALED
    format: int = FORMAT

    @classmethod
    def parse(cls, raw: bytes) -> Manifest:
        try:
            data: dict[str, Any] = json.loads(raw)
            if data.get("format") != FORMAT:
                raise BackupError(f"backup format {data.get('format')!r} is not {FORMAT}: a newer melihub wrote it")
            return cls(**data)
        except (ValueError, TypeError) as exc:
            if isinstance(exc, BackupError):
                raise
            raise BackupError(f"the manifest is not valid: {exc}") from exc


def _kdf(salt: bytes) -> Scrypt:
    return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)


def seal_keyring(keyring: str, passphrase: str) -> bytes:
    salt, nonce = os.urandom(16), os.urandom(12)
    key = _kdf(salt).derive(passphrase.encode())
    sealed = AESGCM(key).encrypt(nonce, keyring.encode(), MANIFEST.encode())
    fields = {"kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": salt, "nonce": nonce}
    encoded = {k: base64.b64encode(v).decode() if isinstance(v, bytes) else v for k, v in fields.items()}
    return json.dumps({**encoded, "ciphertext": base64.b64encode(sealed).decode()}).encode()


def open_keyring(sealed: bytes, passphrase: str) -> str:
    try:
        data = json.loads(sealed)
        salt, nonce, ciphertext = (base64.b64decode(data[k]) for k in ("salt", "nonce", "ciphertext"))
        key = Scrypt(salt=salt, length=32, n=data["n"], r=data["r"], p=data["p"]).derive(passphrase.encode())
        return AESGCM(key).decrypt(nonce, ciphertext, MANIFEST.encode()).decode()
    except InvalidTag as exc:
        raise BackupError("wrong passphrase for the backup's key ring") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"the sealed key ring is damaged: {exc}") from exc


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(time.time())
    tar.addfile(info, io.BytesIO(data))


def write_archive(output: Path, manifest: Manifest, dump: Path, keyring: bytes) -> None:
    """Write beside ``output`` first, readable by its owner only, and move it in place when complete."""
    partial = output.with_name(output.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
        _add_bytes(tar, MANIFEST, json.dumps(asdict(manifest), indent=2).encode())
        info = tar.gettarinfo(str(dump), arcname=DUMP)
        info.mode = 0o600
        with dump.open("rb") as handle:
            tar.addfile(info, handle)
        _add_bytes(tar, manifest.keyring, keyring)
    partial.replace(output)


def read_archive(path: Path, dump_to: Path) -> tuple[Manifest, bytes]:
    """The manifest and the key ring member; the dump is copied to ``dump_to`` and its checksum checked."""
    try:
        with tarfile.open(path, mode="r:") as tar:
            manifest = Manifest.parse(_member(tar, MANIFEST).read())
            if manifest.keyring not in {KEYRING_CLEAR, KEYRING_SEALED}:
                raise BackupError(f"unknown key ring member {manifest.keyring!r}")
            keyring = _member(tar, manifest.keyring).read()
            with dump_to.open("wb") as out:
                source = _member(tar, DUMP)
                while chunk := source.read(CHUNK):
                    out.write(chunk)
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{path} is not a melihub backup: {exc}") from exc
    if sha256_of(dump_to) != manifest.dump_sha256:
        raise BackupError("the database dump does not match the manifest's checksum: the file is damaged")
    return manifest, keyring


def _member(tar: tarfile.TarFile, name: str) -> IO[bytes]:
    try:
        member = tar.getmember(name)
    except KeyError as exc:
        raise BackupError(f"the backup has no {name}") from exc
    handle = tar.extractfile(member) if member.isfile() else None
    if handle is None:
        raise BackupError(f"the backup's {name} is not a file")
    return handle
