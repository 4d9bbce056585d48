"""Configuration: production refuses placeholders, naming the variable; the key ring parses strictly."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from melihub.config import Settings
from melihub.security.keyring import KeyRing, KeyRingError, generate_key_spec

PRODUCTION = {
    "env": "production",
    "jwt_secret": "j" * 40,
    "token_keys": generate_key_spec("k1"),
    "meli_client_secret": "real-secret",
    "db_app_password": "app-password",
    "public_url": "https://melihub.example.com",
    "database_url": "postgresql://owner:pw@db/melihub",
    "redis_url": "redis://cache:6379/0",
}


def test_complete_production_settings_start() -> None:
    settings = Settings(**PRODUCTION)
    assert settings.meli_redirect_uri == "https://melihub.example.com/oauth/meli/callback"


@pytest.mark.parametrize(
    ("field", "value", "variable"),
    [
        ("jwt_secret", "dev-insecure-jwt-secret-change-me", "MELIHUB_JWT_SECRET"),
        ("jwt_secret", "short", "MELIHUB_JWT_SECRET"),
        ("token_keys", "", "MELIHUB_TOKEN_KEYS"),
        ("meli_client_secret", "sandbox-secret", "MELIHUB_MELI_CLIENT_SECRET"),
        ("db_app_password", "melihub_app", "MELIHUB_DB_APP_PASSWORD"),
        ("public_url", "", "MELIHUB_PUBLIC_URL"),
        ("database_url", None, "DATABASE_URL"),
        ("redis_url", None, "REDIS_URL"),
    ],
)
def test_production_refuses_missing_or_placeholder_secrets(field: str, value: object, variable: str) -> None:
    with pytest.raises(ValidationError, match=variable):
        Settings(**{**PRODUCTION, field: value})


def test_development_runs_on_defaults() -> None:
    assert Settings(env="development").jwt_secret.get_secret_value()


def test_env_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MELIHUB_PORT", "9123")
    monkeypatch.setenv("MELIHUB_TOKEN_KEYS", "a:" + "A" * 43 + "=,b:" + "B" * 43 + "=")
    monkeypatch.setenv("DATABASE_URL", "postgresql://x@y/z")
    settings = Settings()
    assert settings.port == 9123 and len(settings.token_keys) == 2 and settings.database_url == "postgresql://x@y/z"


def test_malformed_port_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MELIHUB_PORT", "eighty")
    with pytest.raises(ValidationError, match="port"):
        Settings()


def test_keyring_encrypts_with_first_key_and_decrypts_with_any() -> None:
    old, new = generate_key_spec("old"), generate_key_spec("new")
    before = KeyRing.from_specs([old])
    sealed = before.encrypt("APP_USR-secret", "account-1")
    after = KeyRing.from_specs([new, old])
    assert after.decrypt(sealed, "account-1") == "APP_USR-secret"
    assert after.needs_rotation(sealed) and not after.needs_rotation(after.encrypt("x", "a"))
    with pytest.raises(KeyRingError, match="associated data"):
        after.decrypt(sealed, "account-2")
    with pytest.raises(KeyRingError, match="'old' is not in"):
        KeyRing.from_specs([new]).decrypt(sealed, "account-1")
    assert "APP_USR" not in sealed


@pytest.mark.parametrize("spec", ["nokey", "k:notbase64!!", "k:" + "QQ==", "a.b:" + "A" * 43 + "="])
def test_keyring_rejects_bad_specs(spec: str) -> None:
    with pytest.raises(KeyRingError, match="MELIHUB_TOKEN_KEYS"):
        KeyRing.from_specs([spec])


def test_family_rates_read_family_colon_rate_and_refuse_anything_else(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().meli_family_rate_map == {"messages": 8.333}  # the reference's 500 a minute
    monkeypatch.setenv("MELIHUB_MELI_FAMILY_RATES", "messages:100, items:20")
    assert Settings().meli_family_rate_map == {"messages": 100.0, "items": 20.0}
    monkeypatch.setenv("MELIHUB_MELI_FAMILY_RATES", "")
    assert Settings().meli_family_rate_map == {}
    for wrong in ("messages", "messages:0", ":5", "messages:fast"):
        monkeypatch.setenv("MELIHUB_MELI_FAMILY_RATES", wrong)
        with pytest.raises(ValidationError, match="family:requests_per_second"):
            Settings()
