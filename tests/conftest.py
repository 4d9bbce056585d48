"""Fixtures every test suite shares: real PostgreSQL and Redis (external when configured)."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import signal
import warnings
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import redis

os.environ.setdefault("MELIHUB_ENV", "test")
# Every process of the run (pytest's, its xdist workers, and the servers and workers tests start: they all
# inherit this) copies its log lines into one folder of this run, for the check at the end that no buyer
# document or phone was logged (docs/hub.md).
os.environ.setdefault(
    "MELIHUB_LOG_COPY", str(Path(__file__).resolve().parents[1] / f".melihub/test-logs/run-{os.getpid()}/{{pid}}.log")
)

from melihub.testing import log_check
from melihub.testing.stores import session_redis_url

BROWSER_TESTS = "tests/frontend/"
SUITE_LOGS = Path(os.environ["MELIHUB_LOG_COPY"]).parent


def pytest_configure(config: pytest.Config) -> None:
    """melihub's own logging in every test process (JSON, masked, copied for the log check), as in production."""
    from melihub.observability import configure_logging

    configure_logging(os.environ.get("MELIHUB_LOG_LEVEL", "INFO"), json=True)


def _controller(session: pytest.Session) -> bool:
    return not hasattr(session.config, "workerinput")  # xdist's workers have it


def pytest_sessionstart(session: pytest.Session) -> None:
    if _controller(session):  # the folders of earlier runs whose pytest is gone (another may run beside)
        for old in SUITE_LOGS.parent.glob("run-*"):
            pid = old.name.removeprefix("run-")
            if old != SUITE_LOGS and (not pid.isdigit() or not Path(f"/proc/{pid}").exists()):
                shutil.rmtree(old, ignore_errors=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The whole run's logs hold no buyer document or phone; otherwise the run fails, naming the lines."""
    if not _controller(session) or not SUITE_LOGS.exists():
        return
    found = log_check.scan(SUITE_LOGS)
    if found:
        session.config.get_terminal_writer().line(log_check.report(found), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """``--dist loadfile`` (make test), except that the browser scenarios are one unit of work: two stacks and
    two Chromiums at once on CI's two cores would starve the latencies they measure. (xdist's own
    ``loadgroup`` cannot mark them: it renames node ids in a way pytest 9 no longer reads.)"""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class FilesWithBrowsersTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return BROWSER_TESTS if path.startswith(BROWSER_TESTS) else path

    return FilesWithBrowsersTogether(config, log)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    url, server = session_redis_url()
    yield url
    if server:
        server.stop()


@pytest.fixture
def clean_redis(redis_url: str) -> Iterator[str]:
    """The session Redis, emptied before the test."""
    redis.Redis.from_url(redis_url).flushdb()
    yield redis_url


# ---- PostgreSQL -------------------------------------------------------------------------------

import pytest_asyncio  # noqa: E402

from melihub.config import Settings  # noqa: E402
from melihub.db.engine import Database  # noqa: E402
from melihub.testing.databases import DatabaseFactory  # noqa: E402
from melihub.testing.stores import admin_database_url  # noqa: E402


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(env="test")  # type: ignore[arg-type]


@pytest_asyncio.fixture(scope="session")
async def database_factory(settings: Settings) -> AsyncIterator[DatabaseFactory]:
    factory = DatabaseFactory(admin_database_url(), settings)
    await factory.create_template()
    yield factory
    await factory.drop_template()


@pytest_asyncio.fixture
async def db_name(database_factory: DatabaseFactory) -> AsyncIterator[str]:
    """A fresh, migrated database for this test only."""
    name = await database_factory.clone()
    yield name
    await database_factory.drop(name)


@pytest_asyncio.fixture
async def db(database_factory: DatabaseFactory, db_name: str, settings: Settings) -> AsyncIterator[Database]:
    """The application's view of a fresh database: the RLS-bound app role."""
    database = Database(database_factory.app_url_of(db_name), pool_size=5)
    yield database
    await database.dispose()


# ---- The application --------------------------------------------------------------------------

import httpx  # noqa: E402

from melihub.accounts.models import Tenant, User  # noqa: E402
from melihub.accounts.service import create_tenant  # noqa: E402
from melihub.app import create_app  # noqa: E402
from melihub.runtime import Services  # noqa: E402
from melihub.testing.graphql import DASHBOARD_HEADERS  # noqa: E402


@pytest_asyncio.fixture
async def services(db: Database, settings: Settings, clean_redis: str) -> AsyncIterator[Services]:
    svc = Services.create(settings, db.url, clean_redis)
    yield svc
    await svc.close()


@pytest_asyncio.fixture
async def app(services: Services) -> AsyncIterator[object]:
    application = create_app(services)
    async with application.router.lifespan_context(application):
        yield application


@pytest_asyncio.fixture
async def client(app: object) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    # Sends the dashboard's CSRF header, as the dashboard does: a test signing in by cookie acts like it.
    async with httpx.AsyncClient(
        transport=transport, base_url="http://melihub.test", headers=DASHBOARD_HEADERS
    ) as http:
        yield http


OWNER_PASSWORD = "correct horse battery"


@pytest_asyncio.fixture
async def tenant_a(services: Services) -> tuple[Tenant, User]:
    return await create_tenant(
        services.db,
        name="Loja Aurora",
        owner_email="ana@aurora.example",
        owner_password=OWNER_PASSWORD,
        slug="aurora",
    )


@pytest_asyncio.fixture
async def tenant_b(services: Services) -> tuple[Tenant, User]:
    return await create_tenant(
        services.db,
        name="Tienda Pampa",
        owner_email="bruno@pampa.example",
        owner_password=OWNER_PASSWORD,
        slug="pampa",
    )


# ---- Linked Mercado Livre accounts (rows only; linking itself is tested in tests/connections) --

from melihub.connections.models import MeliAccount  # noqa: E402
from melihub.testing.fixtures import SELLER_A, SELLER_B  # noqa: E402


async def _account(services: Services, tenant: Tenant, ml_user_id: int, site: str, nickname: str) -> MeliAccount:
    account = MeliAccount(tenant_id=tenant.id, ml_user_id=ml_user_id, site_id=site, nickname=nickname)
    async with services.db.tenant(tenant.id) as session:
        session.add(account)
    return account


@pytest_asyncio.fixture
async def meli_account_a(services: Services, tenant_a: tuple[Tenant, User]) -> MeliAccount:
    """Seller A of the fixture world (LOJA_CASA_AURORA, MLB) linked to tenant A, without tokens."""
    return await _account(services, tenant_a[0], SELLER_A, "MLB", "LOJA_CASA_AURORA")


@pytest_asyncio.fixture
async def meli_account_b(services: Services, tenant_b: tuple[Tenant, User]) -> MeliAccount:
    """Seller B of the fixture world (TIENDA_PAMPA_SUR, MLA) linked to tenant B, without tokens."""
    return await _account(services, tenant_b[0], SELLER_B, "MLA", "TIENDA_PAMPA_SUR")


# ---- A live server (real port) for WebSockets and external tools --------------------------------

from melihub.accounts.api_tokens import create_api_token  # noqa: E402
from melihub.accounts.models import Role  # noqa: E402
from melihub.accounts.principal import AuthMethod, Principal  # noqa: E402
from melihub.testing.server import serve_in_thread  # noqa: E402


@pytest.fixture
def live_settings(settings: Settings, database_factory: DatabaseFactory, db_name: str, clean_redis: str) -> Settings:
    """Settings pointing at this test's database and Redis, for servers and workers of the test."""
    return settings.model_copy(
        update={"database_url": database_factory.admin_url_of(db_name), "redis_url": clean_redis}
    )


@pytest.fixture
def live_server(live_settings: Settings) -> Iterator[str]:
    """The app on a real loopback port (its own event loop and services); yields the base URL."""
    with serve_in_thread(create_app(settings=live_settings)) as url:
        yield url


async def api_token_for(services: Services, tenant: Tenant, role: Role = Role.INTEGRATOR) -> str:
    owner = Principal(tenant_id=tenant.id, role=Role.OWNER, method=AuthMethod.SESSION)
    async with services.db.tenant(tenant.id) as session:
        _, secret = await create_api_token(session, owner, name=f"test-{role.value}", role=role)
    return secret


# ---- Mercado Livre: the sandbox, and melihub pointed at it ----------------------------------------

from typing import Any  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

from melihub.connections.runtime import install_meli  # noqa: E402
from melihub.events import timeline_notes  # noqa: E402
from melihub.testing.graphql import login  # noqa: E402

PUBLIC_URL = "http://melihub.test"


@pytest.fixture
def sandbox() -> Iterator[Any]:
    """The Mercado Livre sandbox with the reference fixture world, on a loopback port."""
    from melihub.sandbox.testing import running_sandbox

    with running_sandbox() as handle:
        yield handle


@pytest_asyncio.fixture
async def meli_services(services: Services, sandbox: Any) -> Services:
    services.settings = services.settings.model_copy(
        update={
            "meli_api_url": sandbox.url,
            "meli_auth_url": sandbox.url,
            "public_url": PUBLIC_URL,
            "meli_max_retries": 1,
        }
    )
    install_meli(services, timeline_notes.record)
    return services


@pytest_asyncio.fixture
async def meli_client_http(meli_services: Services) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the app (in-process) whose Mercado Livre is the sandbox."""
    application = create_app(meli_services)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url=PUBLIC_URL) as http:
            yield http


async def link_seller(
    http: httpx.AsyncClient,
    sandbox: Any,
    seller_id: int,
    *,
    email: str = "ana@aurora.example",
    site: str = "MLB",
) -> httpx.Response:
    """Sign in, start the link, approve at the sandbox's authorize page, follow back to our callback."""
    await login(http, email, OWNER_PASSWORD)
    start = await http.get("/oauth/meli/start", params={"site": site})
    assert start.status_code == 302, start.text
    async with httpx.AsyncClient() as browser:
        approved = await browser.get(f"{start.headers['location']}&user_id={seller_id}")
    assert approved.status_code == 302, approved.text
    callback = urlsplit(approved.headers["location"])
    return await http.get(f"{callback.path}?{callback.query}")


# ---- The worker, in this process -------------------------------------------------------------------

from arq.worker import Worker  # noqa: E402

from melihub.runtime import QUEUE_NAME  # noqa: E402
from melihub_workers.settings import WorkerSettings  # noqa: E402


@pytest_asyncio.fixture
async def worker(meli_services: Services) -> AsyncIterator[Worker]:
    """The real worker functions, in this process, on this test's services."""
    worker = Worker(
        functions=WorkerSettings.functions,
        queue_name=QUEUE_NAME,
        redis_pool=meli_services.redis,
        ctx={"services": meli_services},
        handle_signals=False,
        keep_result=0,
        poll_delay=WorkerSettings.poll_delay,
        job_timeout=meli_services.settings.worker_job_timeout_s,  # a sync slice is sized from it
    )
    task = asyncio.create_task(worker.async_run())
    yield worker
    await stop_worker(worker, task)


async def stop_worker(worker: Worker, task: asyncio.Task[None], grace_s: float = 30.0) -> None:
    """Stop the worker as arq does on a signal (its jobs and its loop cancelled), then wait for all of them:
    a job left running would go on into the next test (seen on CI: a sync job that swallowed its
    cancellation enqueued work for a dropped database, and a teardown hung 267 s). A job that does not end
    within ``grace_s`` fails the test, naming where it is stuck.

    The worker first stops taking jobs: arq's poll loop has been seen (CI, twice) to stay "cancelling" in a
    Redis call and then poll on, taking the next tests' jobs for a dropped database. A loop stuck so with no
    job of its own left is cancelled again and left behind with a warning, harmless since it takes nothing.
    """
    worker.allow_pick_jobs = False
    worker.handle_sig(signal.SIGUSR1)
    jobs = set(worker.tasks.values())
    _, stuck = await asyncio.wait({task, *jobs}, timeout=grace_s)
    if not stuck:
        return
    where = io.StringIO()
    for left in stuck:
        left.print_stack(limit=12, file=where)
    if stuck & jobs:
        raise AssertionError(f"the test worker did not stop within {grace_s} s:\n{where.getvalue()}")
    task.cancel()
    warnings.warn(
        f"arq's poll loop did not stop within {grace_s} s (it takes no more jobs):\n{where.getvalue()}",
        stacklevel=2,
    )
