"""``melihub backup create|restore`` (docs/operations.md "Backup and restore")."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console
from sqlalchemy import make_url

from melihub.backup.archive import BackupError
from melihub.backup.pgtools import PgToolError
from melihub.config import ConfigError, Settings, get_settings
from melihub.stores import create_database_if_missing, resolve_stores, stores_reachable

console = Console(stderr=True, soft_wrap=True)  # messages stay one line each, for logs and tests
PASSPHRASE_HELP = "Seal the key ring with this passphrase (scrypt + AES-256-GCM); env MELIHUB_BACKUP_PASSPHRASE."


def _settings(database_url: str | None = None) -> Settings:
    try:
        settings = get_settings()
    except (ConfigError, ValueError) as exc:
        console.print(f"[red]configuration error:[/red] {exc}")
        sys.exit(2)
    return settings.model_copy(update={"database_url": database_url}) if database_url else settings


def _fail(exc: Exception) -> NoReturn:
    console.print(f"[red]{exc}[/red]")
    sys.exit(1)


@click.group("backup")
def backup_command() -> None:
    """Back up and restore the database and the key ring of Mercado Livre tokens."""


@backup_command.command("create")
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), default=None, help="File (default: ./melihub-UTC.tar)."
)
@click.option("--passphrase", envvar="MELIHUB_BACKUP_PASSPHRASE", default=None, help=PASSPHRASE_HELP)
def create(output: Path | None, passphrase: str | None) -> None:
    """pg_dump (custom format) of DATABASE_URL's database, plus MELIHUB_TOKEN_KEYS, into one tar."""
    from melihub.backup.service import create_backup

    settings = _settings()
    output = output or Path(f"melihub-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.tar")
    with stores_reachable():
        urls = resolve_stores(settings)
        try:
            manifest = create_backup(
                settings=settings,
                admin_url=urls.admin_database_url,
                output=output,
                passphrase=passphrase,
                embedded=urls.embedded_postgres,
            )
        except (BackupError, PgToolError) as exc:
            _fail(exc)
    click.echo(f"backup written to {output} (schema {manifest.alembic_revision}, PostgreSQL {manifest.server_major})")
    if not passphrase:
        console.print(
            "[yellow]the key ring is in this file in clear: it is as sensitive as MELIHUB_TOKEN_KEYS "
            "(it decrypts every stored Mercado Livre token). Keep it encrypted at rest, or use --passphrase.[/yellow]"
        )


@backup_command.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--database-url", default=None, help="The new database, as its owner (default: DATABASE_URL).")
@click.option("--passphrase", envvar="MELIHUB_BACKUP_PASSPHRASE", default=None, help=PASSPHRASE_HELP)
@click.option(
    "--keyring-out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write 'MELIHUB_TOKEN_KEYS=…' to this file (mode 0600) instead of printing it.",
)
def restore(archive: Path, database_url: str | None, passphrase: str | None, keyring_out: Path | None) -> None:
    """Restore a backup into a new, empty database; migrate it to this melihub's head; hand back the key ring."""
    from melihub.backup.service import opened_backup, restore_backup

    settings = _settings(database_url)
    with stores_reachable():
        try:
            with opened_backup(archive, passphrase) as backup:
                urls = resolve_stores(settings)
                create_database_if_missing(urls)
                restored = restore_backup(
                    settings=settings, admin_url=urls.admin_database_url, backup=backup, embedded=urls.embedded_postgres
                )
        except (BackupError, PgToolError) as exc:
            _fail(exc)
    manifest = restored.manifest
    click.echo(
        f"restored the backup of {manifest.created_at} (melihub {manifest.melihub_version}, "
        f"schema {manifest.alembic_revision}) into database {make_url(urls.admin_database_url).database}"
    )
    if restored.upgraded_to:
        click.echo(f"migrated from {manifest.alembic_revision} to this melihub's head {restored.upgraded_to}")
    line = f"MELIHUB_TOKEN_KEYS={restored.keyring}"
    if keyring_out:
        descriptor = os.open(keyring_out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(line + "\n")
        click.echo(f"the key ring is in {keyring_out}: set it as MELIHUB_TOKEN_KEYS on every melihub process")
    else:
        click.echo("set this key ring on every melihub process (it decrypts the restored tokens):")
        click.echo(line)
    if not restored.current_ring_decrypts:
        console.print("[yellow]this process's MELIHUB_TOKEN_KEYS lacks keys of the backup's ring[/yellow]")
