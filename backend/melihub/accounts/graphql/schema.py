"""The accounts domain's Query and Mutation fields for the schema root."""

from __future__ import annotations

import strawberry

from melihub.accounts.graphql.mutations.confirm_mfa import ConfirmMfaPayload, confirm_mfa
from melihub.accounts.graphql.mutations.create_api_token import CreateApiTokenPayload, create_api_token
from melihub.accounts.graphql.mutations.disable_mfa import DisableMfaPayload, disable_mfa
from melihub.accounts.graphql.mutations.enable_mfa import EnableMfaPayload, enable_mfa
from melihub.accounts.graphql.mutations.invite_user import InviteUserPayload, invite_user
from melihub.accounts.graphql.mutations.login import LoginPayload, login
from melihub.accounts.graphql.mutations.logout import LogoutPayload, logout
from melihub.accounts.graphql.mutations.refresh_session import RefreshSessionPayload, refresh_session
from melihub.accounts.graphql.mutations.revoke_api_token import RevokeApiTokenPayload, revoke_api_token
from melihub.accounts.graphql.mutations.revoke_session import RevokeSessionPayload, revoke_session
from melihub.accounts.graphql.mutations.set_member_accounts import SetMemberAccountsPayload, set_member_accounts
from melihub.accounts.graphql.mutations.set_user_role import SetUserRolePayload, set_user_role
from melihub.accounts.graphql.mutations.update_tenant_settings import (
    UpdateTenantSettingsPayload,
    update_tenant_settings,
)
from melihub.accounts.graphql.mutations.verify_mfa import verify_mfa
from melihub.accounts.graphql.resolvers import (
    resolve_api_tokens,
    resolve_me,
    resolve_my_sessions,
    resolve_tenant,
    resolve_users,
)
from melihub.accounts.graphql.sso import SsoProviderType, resolve_sso_providers
from melihub.accounts.graphql.types import ApiTokenType, MeType, SessionType, TenantType, UserType
from melihub.graphql.pagination import Connection


@strawberry.type
class AccountsQuery:
    me: MeType = strawberry.field(resolver=resolve_me, description="The caller: user, tenant and role.")
    tenant: TenantType = strawberry.field(resolver=resolve_tenant, description="The caller's tenant.")
    users: Connection[UserType] = strawberry.field(
        resolver=resolve_users, description="Members of the tenant, by e-mail."
    )
    api_tokens: Connection[ApiTokenType] = strawberry.field(
        resolver=resolve_api_tokens, description="The tenant's API tokens (owners and admins)."
    )
    my_sessions: list[SessionType] = strawberry.field(
        resolver=resolve_my_sessions, description="The signed-in person's live logins in this tenant."
    )
    sso_providers: list[SsoProviderType] = strawberry.field(
        resolver=resolve_sso_providers, description="Single sign-on providers of the login page (works signed out)."
    )


@strawberry.type
class AccountsMutation:
    login: LoginPayload = strawberry.mutation(resolver=login, description="Sign in; sets httpOnly cookies.")
    logout: LogoutPayload = strawberry.mutation(resolver=logout)
    refresh_session: RefreshSessionPayload = strawberry.mutation(resolver=refresh_session)
    verify_mfa: LoginPayload = strawberry.mutation(
        resolver=verify_mfa, description="The second step of login: a TOTP or recovery code for its mfaTicket."
    )
    enable_mfa: EnableMfaPayload = strawberry.mutation(resolver=enable_mfa, description="Start enrolling TOTP.")
    confirm_mfa: ConfirmMfaPayload = strawberry.mutation(
        resolver=confirm_mfa, description="Turn TOTP on with a first code; returns the recovery codes once."
    )
    disable_mfa: DisableMfaPayload = strawberry.mutation(resolver=disable_mfa, description="Turn TOTP off.")
    revoke_session: RevokeSessionPayload = strawberry.mutation(
        resolver=revoke_session, description="Sign one of your logins (another device) out."
    )
    create_api_token: CreateApiTokenPayload = strawberry.mutation(resolver=create_api_token)
    revoke_api_token: RevokeApiTokenPayload = strawberry.mutation(resolver=revoke_api_token)
    invite_user: InviteUserPayload = strawberry.mutation(resolver=invite_user)
    set_user_role: SetUserRolePayload = strawberry.mutation(resolver=set_user_role)
    set_member_accounts: SetMemberAccountsPayload = strawberry.mutation(
        resolver=set_member_accounts, description="Limit a member to some Mercado Livre accounts, or lift the limit."
    )
    update_tenant_settings: UpdateTenantSettingsPayload = strawberry.mutation(
        resolver=update_tenant_settings, description="Change the company's name or time zone (owners and admins)."
    )
