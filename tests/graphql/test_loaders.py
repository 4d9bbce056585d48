"""A field answers synchronously when its loader was primed for the page, and waits only when it was not."""

from __future__ import annotations

import inspect

from strawberry.dataloader import DataLoader

from melihub.graphql.loaders import load_now, then


async def _double(keys: list[int]) -> list[int]:
    return [key * 2 for key in keys]


async def test_a_primed_key_is_answered_without_awaiting() -> None:
    loader = DataLoader(load_fn=_double)
    await loader.load_many([1, 2])

    assert load_now(loader, 2) == 4
    assert then(load_now(loader, 1), lambda value: value + 1) == 3


async def test_an_unknown_key_is_loaded_and_shaped_when_awaited() -> None:
    loader = DataLoader(load_fn=_double)

    pending = then(load_now(loader, 5), lambda value: f"got {value}")

    assert inspect.isawaitable(pending)
    assert await pending == "got 10"


async def test_the_end_of_a_request_lets_go_of_its_loaders_and_reads(services, tenant_a) -> None:
    import uuid

    from melihub.accounts.models import Role
    from melihub.accounts.principal import AuthMethod, Principal
    from melihub.graphql.context import Context
    from melihub.orders.graphql.loaders import customer_by_id

    principal = Principal(tenant_id=tenant_a[0].id, role=Role.OWNER, method=AuthMethod.SESSION)
    context = Context(request=None, response=None, services=services, principal=principal, share_reads=True)  # type: ignore[arg-type]
    loader = customer_by_id(context)
    wanted = uuid.uuid4()
    assert await loader.load(wanted) is None

    await context.close()

    # A loader, its futures and rows refer to each other: cleared, they are freed at once, not by the
    # cycle collector in the middle of a later request.
    assert context.loaders == {} and loader.cache_map.get(wanted) is None
    assert context._reads is None
