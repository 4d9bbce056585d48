"""``melihub backup create|restore``: the database (pg_dump, custom format) and the key ring in one file.

Restore goes into a new, empty database with ``--no-owner --no-privileges``: every object then belongs to
the restoring owner role (as after ``melihub migrate``; the SECURITY DEFINER routing functions keep working
because that role is superuser or BYPASSRLS), row-level security and its policies come back with the tables,
and the application role is created or refreshed and granted its rights afterwards exactly as ``melihub
migrate`` does, under whatever name and password this installation configures.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

from melihub.backup.archive import (
    DUMP,
    KEYRING_CLEAR,
    KEYRING_SEALED,
    BackupError,
    Manifest,
    open_keyring,
    read_archive,
    seal_keyring,
    sha256_of,
    write_archive,
)
from melihub.backup.pgtools import find_tool, run_tool, server_major
from melihub.config import Settings
from melihub.db.engine import async_url
from melihub.db.migrate import alembic_config, current_revision, head_revision, migrate
from melihub.security.keyring import KeyRing, KeyRingError


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    keyring: str  # the MELIHUB_TOKEN_KEYS value the restored tokens need
    upgraded_to: str | None  # the head this melihub migrated an older backup to
    current_ring_decrypts: bool  # this process's MELIHUB_TOKEN_KEYS holds every key of the backup's ring


def melihub_version() -> str:
    try:
        return version("melihub")
    except PackageNotFoundError:
        return "unknown"


def create_backup(
    *, settings: Settings, admin_url: str, output: Path, passphrase: str | None, embedded: bool
) -> Manifest:
    """Dump the database at ``admin_url`` and the key ring into ``output`` (mode 0600)."""
    revision = asyncio.run(current_revision(admin_url))
    if revision is None:
        raise BackupError("the database has no melihub schema (run melihub migrate, or check DATABASE_URL)")
    major = asyncio.run(server_major(admin_url))
    tool = find_tool("pg_dump", server=major, embedded=embedded)
    keyring = ",".join(settings.token_keys)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".melihub-backup-") as folder:
        dump = Path(folder) / DUMP
        run_tool(tool, ["--format=custom", "--no-password", f"--file={dump}"], admin_url)
        manifest = Manifest(
            melihub_version=melihub_version(),
            alembic_revision=revision,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            database=make_url(admin_url).database or "",
            server_major=major,
            pg_dump_major=tool.major,
            dump_sha256=sha256_of(dump),
            keyring=KEYRING_SEALED if passphrase else KEYRING_CLEAR,
        )
        member = seal_keyring(keyring, passphrase) if passphrase else keyring.encode()
        write_archive(output, manifest, dump, member)
    return manifest


@dataclass(frozen=True)
class OpenedBackup:
    manifest: Manifest
    keyring: str
    dump: Path


@contextmanager
def opened_backup(archive: Path, passphrase: str | None) -> Iterator[OpenedBackup]:
    """Everything checked before any database changes: the file, its checksum, the passphrase, and that this
    melihub knows the backup's schema revision. The dump is a temporary copy while the block runs."""
    with tempfile.TemporaryDirectory(prefix="melihub-restore-") as folder:
        dump = Path(folder) / DUMP
        manifest, member = read_archive(archive, dump)
        keyring = _keyring_of(manifest, member, passphrase)
        _require_known_revision(manifest.alembic_revision)
        yield OpenedBackup(manifest=manifest, keyring=keyring, dump=dump)


def restore_backup(*, settings: Settings, admin_url: str, backup: OpenedBackup, embedded: bool) -> Restored:
    """Restore into the empty database at ``admin_url``, then migrate and grant as ``melihub migrate`` does."""
    manifest = backup.manifest
    asyncio.run(_require_empty(admin_url))
    major = asyncio.run(server_major(admin_url))
    tool = find_tool("pg_restore", server=major, at_least=manifest.pg_dump_major, embedded=embedded)
    flags = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--no-password"]
    run_tool(tool, [*flags, str(backup.dump)], admin_url)
    restored = asyncio.run(current_revision(admin_url))
    if restored != manifest.alembic_revision:
        raise BackupError(f"restored revision {restored!r} is not the manifest's {manifest.alembic_revision!r}")
    migrate(admin_url, settings)  # the app role, its grants, and any newer migrations of this melihub
    head = head_revision()
    return Restored(
        manifest=manifest,
        keyring=backup.keyring,
        upgraded_to=head if head != manifest.alembic_revision else None,
        current_ring_decrypts=set(backup.keyring.split(",")) <= set(settings.token_keys),
    )


def _keyring_of(manifest: Manifest, member: bytes, passphrase: str | None) -> str:
    if manifest.keyring == KEYRING_SEALED:
        if not passphrase:
            raise BackupError("this backup's key ring is sealed: give --passphrase (or MELIHUB_BACKUP_PASSPHRASE)")
        keyring = open_keyring(member, passphrase)
    else:
        keyring = member.decode()
    try:
        KeyRing.from_specs([part for part in keyring.split(",") if part])
    except KeyRingError as exc:
        raise BackupError(f"the backup's key ring is not valid: {exc}") from exc
    return keyring


def _require_known_revision(revision: str) -> None:
    scripts = ScriptDirectory.from_config(alembic_config("postgresql://unused/x"))
    try:
        known = scripts.get_revision(revision) is not None
    except CommandError:
        known = False
    if not known:
        raise BackupError(
            f"the backup's schema revision {revision!r} is unknown to this melihub: restore it with the"
            " melihub version that made it (see its manifest) or a newer one"
        )


async def _require_empty(admin_url: str) -> None:
    engine = create_async_engine(async_url(admin_url))
    try:
        async with engine.connect() as conn:
            tables = (
                await conn.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
            ).scalar_one()
            database = (await conn.execute(text("SELECT current_database()"))).scalar_one()
    finally:
        await engine.dispose()
    if tables:
        raise BackupError(f"restore into a new, empty database: {database!r} already has {tables} table(s)")
