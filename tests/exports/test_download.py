"""Downloads: a signed link served by any API process from the chunks in PostgreSQL; a tampered link is
403, an expired link or file 410 (with a body that says why); the cleanup cron deletes expired files."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest_asyncio

from melihub.accounts.models import Tenant, User
from melihub.connections.models import MeliAccount
from melihub.exports import downloads, storage
from melihub.exports.downloads import LINK_TTL_S
from melihub.fulfilment.downloads import signature_of
from melihub.runtime import Services
from melihub_workers.tasks.exports import clean_up_exports
from tests.exports.world import EXPORT, ExportWorld, export_world, sao_paulo


@pytest_asyncio.fixture
async def world(
    services: Services, tenant_a: tuple[Tenant, User], meli_account_a: MeliAccount
) -> AsyncIterator[ExportWorld]:
    async with export_world(services, *tenant_a, meli_account_a) as built:
        yield built


async def done_export(world: ExportWorld) -> dict[str, object]:
    await world.order(world.account, sao_paulo(2026, 11, 2))
    started = await world.start("owner", "ORDERS")
    return await world.finished("owner", started["export"]["id"])


def with_params(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    params = {key: values[0] for key, values in parse_qs(parts.query).items()}
    return f"{parts.path}?{urlencode({**params, **changes})}"


async def test_a_file_larger_than_a_chunk_comes_back_whole(world: ExportWorld, monkeypatch: object) -> None:
    monkeypatch.setattr(storage, "CHUNK_BYTES", 512)  # type: ignore[attr-defined]
    for day in range(1, 21):
        await world.order(world.account, sao_paulo(2026, 11, day), lines=(("Cafeteira " * 10, "CAF", 1),))
    started = await world.start("owner", "ORDERS")
    export = await world.finished("owner", started["export"]["id"])

    chunks = await world.chunk_seqs(export["id"])
    body = (await world.download(export["downloadUrl"])).content

    assert len(chunks) > 3 and chunks == list(range(len(chunks)))
    assert len(body) == export["sizeBytes"] and body.decode("utf-8").count("\r\n") == 21


async def test_a_tampered_link_is_refused_with_403(world: ExportWorld) -> None:
    url = str((await done_export(world))["downloadUrl"])
    later = str(int(time.time()) + 3600)

    forged = await world.download(with_params(url, expires=later))
    other = await world.download(with_params(url, signature="A" * 43))
    garbage = await world.download(with_params(url, expires="soon"))

    for response in (forged, other, garbage):
        assert response.status_code == 403
        assert response.json() == {"error": "INVALID_SIGNATURE", "message": "this download link is not valid"}


async def test_an_expired_link_is_410_and_reading_the_export_signs_a_fresh_one(world: ExportWorld) -> None:
    export = await done_export(world)
    row = await world.export_row(str(export["id"]))
    past = int(time.time()) - 1
    token = f"export|{row.tenant_id}|{row.id}"
    secret = world.services.settings.jwt_secret.get_secret_value()
    stale = with_params(str(export["downloadUrl"]), expires=str(past), signature=signature_of(token, past, secret))

    refused = await world.download(stale)
    fresh = (await world.call("owner", EXPORT, {"id": export["id"]}))["export"]["downloadUrl"]

    assert refused.status_code == 410 and refused.json()["error"] == "EXPIRED"
    assert (await world.download(fresh)).status_code == 200
    expires = int(parse_qs(urlsplit(fresh).query)["expires"][0])
    assert expires <= int(time.time()) + LINK_TTL_S


async def test_the_cleanup_cron_expires_old_files_and_their_links_answer_410(world: ExportWorld) -> None:
    export = await done_export(world)
    row = await world.export_row(str(export["id"]))
    assert row.expires_at is not None and await world.chunk_seqs(str(export["id"]))

    before = await clean_up_exports({"services": world.services}, now=row.expires_at - timedelta(minutes=1))
    after = await clean_up_exports({"services": world.services}, now=row.expires_at + timedelta(minutes=1))
    read = (await world.call("owner", EXPORT, {"id": export["id"]}))["export"]
    gone = await world.download(str(export["downloadUrl"]))

    assert before == {"expired": 0, "failed": 0} and after == {"expired": 1, "failed": 0}
    assert (read["status"], read["downloadUrl"]) == ("EXPIRED", None)
    assert await world.chunk_seqs(str(export["id"])) == []
    assert gone.status_code == 410 and gone.json()["message"] == "this export is no longer kept: start it again"


async def test_no_link_before_the_file_is_done(world: ExportWorld) -> None:
    started = await world.start("owner", "ORDERS")
    row = await world.export_row(started["export"]["id"])
    assert started["export"]["downloadUrl"] is None
    assert downloads.download_url(world.services, row) is None
