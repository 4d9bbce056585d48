"""ssoProviders: what the login page offers beside the password, asked before anyone is signed in."""

from __future__ import annotations

import strawberry

from melihub.accounts.sso import OidcProvider
from melihub.graphql.context import Info

START_PATH = "/auth/oidc/start"


@strawberry.type(name="SsoProvider", description="A single sign-on provider the login page offers.")
class SsoProviderType:
    name: str = strawberry.field(description='The provider\'s label: the button reads "Entrar com <name>".')
    start_url: str = strawberry.field(
        description="Where the browser goes to sign in (a full page load, not a fetch); "
        "add ?tenant=<slug> to choose the company."
    )


async def resolve_sso_providers(info: Info) -> list[SsoProviderType]:
    provider = OidcProvider.from_settings(info.context.services.settings)
    return [] if provider is None else [SsoProviderType(name=provider.name, start_url=START_PATH)]
