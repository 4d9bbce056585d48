"""AES-256-GCM encryption of secrets at rest with a rotating key ring.

Ciphertexts read ``v1.<key id>.<nonce>.<ciphertext>`` (base64url): the key id travels with the
value so old values stay readable after a new key is added first, and ``melihub keys rotate``
re-encrypts them with the newest key. The associated data (the account id) binds a ciphertext to
its row: a token copied onto another account does not decrypt.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = "v1"


class KeyRingError(ValueError):
    pass


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def generate_key_spec(key_id: str) -> str:
    """A new ``id:base64key`` entry for MELIHUB_TOKEN_KEYS."""
    return f"{key_id}:{base64.urlsafe_b64encode(AESGCM.generate_key(bit_length=256)).decode()}"


@dataclass(frozen=True)
class KeyRing:
    keys: dict[str, AESGCM]
    primary_id: str

    @classmethod
    def from_specs(cls, specs: list[str]) -> KeyRing:
        """Parse ``["id:base64key", ...]``; the first entry encrypts, all of them decrypt."""
        if not specs:
            raise KeyRingError("MELIHUB_TOKEN_KEYS is empty: at least one 'id:base64key' is required")
        keys: dict[str, AESGCM] = {}
        for spec in specs:
            key_id, sep, encoded = spec.partition(":")
            if not sep or not key_id or "." in key_id:
                raise KeyRingError("MELIHUB_TOKEN_KEYS entries must look like 'id:base64key' (id without dots)")
            try:
                raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            except ValueError as exc:
                raise KeyRingError(f"MELIHUB_TOKEN_KEYS key {key_id!r} is not valid base64") from exc
            if len(raw) != 32:
                raise KeyRingError(f"MELIHUB_TOKEN_KEYS key {key_id!r} must be 32 bytes (AES-256)")
            keys[key_id] = AESGCM(raw)
        return cls(keys=keys, primary_id=specs[0].partition(":")[0])

    def encrypt(self, plaintext: str, associated_data: str) -> str:
        nonce = os.urandom(12)
        sealed = self.keys[self.primary_id].encrypt(nonce, plaintext.encode(), associated_data.encode())
        return ".".join((VERSION, self.primary_id, _b64(nonce), _b64(sealed)))

    def decrypt(self, ciphertext: str, associated_data: str) -> str:
        try:
            version, key_id, nonce, sealed = ciphertext.split(".")
        except ValueError as exc:
            raise KeyRingError("malformed ciphertext") from exc
        if version != VERSION:
            raise KeyRingError(f"unknown ciphertext version {version!r}")
        key = self.keys.get(key_id)
        if key is None:
            raise KeyRingError(f"key {key_id!r} is not in MELIHUB_TOKEN_KEYS")
        try:
            return key.decrypt(_unb64(nonce), _unb64(sealed), associated_data.encode()).decode()
        except InvalidTag as exc:
            raise KeyRingError("ciphertext does not authenticate (wrong key or associated data)") from exc

    def key_id_of(self, ciphertext: str) -> str:
        return ciphertext.split(".")[1]

    def needs_rotation(self, ciphertext: str) -> bool:
        return self.key_id_of(ciphertext) != self.primary_id
