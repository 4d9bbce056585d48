"""``melihub keys rotate`` re-seals webhook signing secrets under the key ring's new first key: the secret
itself does not change, so receivers notice nothing; the old key is then no longer needed."""

from __future__ import annotations

import dataclasses

from melihub.accounts.models import Tenant, User
from melihub.integrator_webhooks import service
from melihub.integrator_webhooks.maintenance import rotate_secret_keys
from melihub.runtime import Services
from melihub.security.keyring import KeyRing, generate_key_spec
from tests.integrator_webhooks.world import subscribe, subscription_row


async def test_rotation_reseals_every_tenants_secret_with_the_new_key(
    services: Services, tenant_a: tuple[Tenant, User], tenant_b: tuple[Tenant, User]
) -> None:
    first, secret_a = await subscribe(services, tenant_a[0], "http://127.0.0.1:9/a")
    second, secret_b = await subscribe(services, tenant_b[0], "http://127.0.0.1:9/b")
    new_spec = generate_key_spec("k-new")
    old_specs = list(services.settings.token_keys)
    services.keyring = KeyRing.from_specs([new_spec, *old_specs])
    assert await rotate_secret_keys(services) == 2
    assert await rotate_secret_keys(services) == 0  # nothing left under an old key
    only_new = dataclasses.replace(services.keyring, keys={"k-new": services.keyring.keys["k-new"]})
    for tenant, row, secret in ((tenant_a[0], first, secret_a), (tenant_b[0], second, secret_b)):
        stored = await subscription_row(services, tenant, row.id)
        assert stored.secret_encrypted.split(".")[1] == "k-new"
        assert service.secret_of(stored, only_new) == secret
