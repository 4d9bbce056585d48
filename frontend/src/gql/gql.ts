/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  subscription AdminAccountChanged {\n    meliAccountChanged {\n      id\n    }\n  }\n": typeof types.AdminAccountChangedDocument,
    "\n  fragment AdminMember on User {\n    id\n    email\n    name\n    role\n    memberSince\n    meliAccountIds\n  }\n": typeof types.AdminMemberFragmentDoc,
    "\n  fragment AdminApiToken on ApiToken {\n    id\n    name\n    prefix\n    role\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n  }\n": typeof types.AdminApiTokenFragmentDoc,
    "\n  query AdminMembers($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminMember\n      }\n    }\n  }\n": typeof types.AdminMembersDocument,
    "\n  query AdminAccounts {\n    meliAccounts(first: 100) {\n      nodes {\n        id\n        nickname\n        siteId\n        status\n      }\n    }\n  }\n": typeof types.AdminAccountsDocument,
    "\n  mutation AdminInviteUser($email: String!, $role: Role!, $name: String!) {\n    inviteUser(email: $email, role: $role, name: $name) {\n      user {\n        ...AdminMember\n      }\n      temporaryPassword\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.AdminInviteUserDocument,
    "\n  mutation AdminSetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      user {\n        ...AdminMember\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.AdminSetUserRoleDocument,
    "\n  mutation AdminSetMemberAccounts($userId: ID!, $meliAccountIds: [ID!]) {\n    setMemberAccounts(userId: $userId, meliAccountIds: $meliAccountIds) {\n      user {\n        ...AdminMember\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.AdminSetMemberAccountsDocument,
    "\n  query AdminTokens($first: Int, $after: String) {\n    apiTokens(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminApiToken\n      }\n    }\n  }\n": typeof types.AdminTokensDocument,
    "\n  mutation AdminCreateApiToken($name: String!, $role: Role!, $expiresAt: DateTime) {\n    createApiToken(name: $name, role: $role, expiresAt: $expiresAt) {\n      apiToken {\n        ...AdminApiToken\n      }\n      secret\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.AdminCreateApiTokenDocument,
    "\n  mutation AdminRevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      apiToken {\n        ...AdminApiToken\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.AdminRevokeApiTokenDocument,
    "\n  query AdminTenant {\n    tenant {\n      id\n      name\n      slug\n      timeZone\n    }\n  }\n": typeof types.AdminTenantDocument,
    "\n  mutation AdminUpdateTenantSettings($input: UpdateTenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      tenant {\n        id\n        name\n        slug\n        timeZone\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.AdminUpdateTenantSettingsDocument,
    "\n  fragment AdminAuditEntry on AuditEntry {\n    id\n    action\n    createdAt\n    targetId\n    before\n    after\n    actor {\n      kind\n      name\n      email\n    }\n  }\n": typeof types.AdminAuditEntryFragmentDoc,
    "\n  query AdminActivity {\n    invites: auditLog(filter: { action: \"inviteUser\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    roles: auditLog(filter: { action: \"setUserRole\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    limits: auditLog(filter: { action: \"setMemberAccounts\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    created: auditLog(filter: { action: \"createApiToken\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    revoked: auditLog(filter: { action: \"revokeApiToken\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    settings: auditLog(filter: { action: \"updateTenantSettings\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    users(first: 100) {\n      nodes {\n        id\n        email\n        name\n      }\n    }\n    apiTokens(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    meliAccounts(first: 100) {\n      nodes {\n        id\n        nickname\n      }\n    }\n  }\n": typeof types.AdminActivityDocument,
    "\n  fragment EventsRow on IntegrationEvent {\n    id\n    source\n    topic\n    resource\n    status\n    attempts\n    deliveries\n    lastError\n    nextAttemptAt\n    receivedAt\n    processedAt\n    updatedAt\n    meliAccountId\n  }\n": typeof types.EventsRowFragmentDoc,
    "\n  query EventsTimeline(\n    $filter: IntegrationEventFilter\n    $troubledFilter: IntegrationEventFilter\n    $sort: IntegrationEventSort\n    $first: Int\n    $after: String\n  ) {\n    troubled: integrationEvents(filter: $troubledFilter, first: 1) {\n      totalCount\n    }\n    integrationEvents(filter: $filter, sort: $sort, first: $first, after: $after) {\n      nodes {\n        ...EventsRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.EventsTimelineDocument,
    "\n  query EventsAccounts {\n    meliAccounts(first: 50) {\n      nodes {\n        id\n        nickname\n        siteId\n      }\n    }\n  }\n": typeof types.EventsAccountsDocument,
    "\n  query EventsDetail($id: ID!) {\n    integrationEvent(id: $id) {\n      ...EventsRow\n      notificationId\n      resourceVersion\n      payload\n    }\n  }\n": typeof types.EventsDetailDocument,
    "\n  subscription EventsChanged($meliAccountIds: [ID!]) {\n    integrationEventChanged(meliAccountIds: $meliAccountIds) {\n      ...EventsRow\n    }\n  }\n": typeof types.EventsChangedDocument,
    "\n  mutation EventsReprocess($id: ID!) {\n    reprocessEvent(id: $id) {\n      event {\n        ...EventsRow\n      }\n      reprocessId\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.EventsReprocessDocument,
    "\n  query FloorFigures($meliAccountIds: [ID!]) {\n    floor(meliAccountIds: $meliAccountIds) {\n      timeZone\n      generatedAt\n      sales {\n        currency\n        orders\n        gmv {\n          amount\n          currency\n        }\n        days {\n          date\n          orders\n          gmv {\n            amount\n            currency\n          }\n        }\n      }\n      shipmentsToDispatchToday\n      shipmentsLate\n      unansweredQuestions\n      oldestUnansweredQuestionAt\n      listingsOutOfStock\n    }\n  }\n": typeof types.FloorFiguresDocument,
    "\n  query FloorRecentOrders($filter: OrderFilter) {\n    orders(first: 8, filter: $filter, sort: { field: DATE_CREATED, direction: DESC }) {\n      nodes {\n        id\n        mlId\n        meliAccountId\n        status\n        dateCreated\n        totalAmount {\n          amount\n          currency\n        }\n        buyer {\n          id\n          nickname\n        }\n        items {\n          lineNo\n          title\n          quantity\n        }\n      }\n    }\n  }\n": typeof types.FloorRecentOrdersDocument,
    "\n  query FloorAccounts {\n    meliAccounts(first: 50) {\n      nodes {\n        id\n        nickname\n        siteId\n        status\n        health {\n          state\n          lastSyncedAt\n          cursorLagSeconds\n          failedEvents24h\n          breakerOpen\n          tokenExpiresAt\n        }\n      }\n    }\n  }\n": typeof types.FloorAccountsDocument,
    "\n  query FloorEvents($filter: IntegrationEventFilter) {\n    integrationEvents(first: 10, filter: $filter) {\n      nodes {\n        id\n        topic\n        resource\n        status\n        attempts\n        receivedAt\n        lastError\n        meliAccountId\n      }\n    }\n  }\n": typeof types.FloorEventsDocument,
    "\n  subscription FloorOrderChanged($meliAccountIds: [ID!]) {\n    orderChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n": typeof types.FloorOrderChangedDocument,
    "\n  subscription FloorShipmentChanged($meliAccountIds: [ID!]) {\n    shipmentChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n": typeof types.FloorShipmentChangedDocument,
    "\n  subscription FloorQuestionChanged($meliAccountIds: [ID!]) {\n    questionChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n": typeof types.FloorQuestionChangedDocument,
    "\n  subscription FloorListingChanged($meliAccountIds: [ID!]) {\n    listingChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n": typeof types.FloorListingChangedDocument,
    "\n  subscription FloorAccountChanged {\n    meliAccountChanged {\n      id\n    }\n  }\n": typeof types.FloorAccountChangedDocument,
    "\n  subscription FloorEventChanged($meliAccountIds: [ID!]) {\n    integrationEventChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n": typeof types.FloorEventChangedDocument,
    "\n  subscription FloorSyncProgress {\n    syncProgress {\n      id\n      kind\n      status\n      total\n      done\n      progress {\n        resource\n        total\n        done\n      }\n      meliAccount {\n        id\n      }\n    }\n  }\n": typeof types.FloorSyncProgressDocument,
    "\n  fragment IntegrationsAccount on MeliAccount {\n    id\n    mlUserId\n    nickname\n    siteId\n    status\n    tokenExpiresAt\n    lastError\n    lastErrorAt\n    createdAt\n    health {\n      state\n      lastSyncedAt\n      cursorLagSeconds\n      failedEvents24h\n      tokenExpiresAt\n      breakerOpen\n    }\n    breakers {\n      family\n      state\n      nextTrialAt\n    }\n  }\n": typeof types.IntegrationsAccountFragmentDoc,
    "\n  fragment IntegrationsSyncRun on SyncRun {\n    id\n    kind\n    status\n    progress {\n      resource\n      total\n      done\n    }\n    total\n    done\n    etaSeconds\n    reason\n    errors\n    createdAt\n    startedAt\n    heartbeatAt\n    finishedAt\n    meliAccount {\n      id\n    }\n  }\n": typeof types.IntegrationsSyncRunFragmentDoc,
    "\n  query Integrations {\n    meliAccounts(first: 50) {\n      nodes {\n        ...IntegrationsAccount\n      }\n    }\n    running: syncRuns(filter: { status: RUNNING }, first: 25) {\n      nodes {\n        ...IntegrationsSyncRun\n      }\n    }\n    queued: syncRuns(filter: { status: QUEUED }, first: 25) {\n      nodes {\n        ...IntegrationsSyncRun\n      }\n    }\n  }\n": typeof types.IntegrationsDocument,
    "\n  query IntegrationsRecentRuns($meliAccountId: ID!) {\n    syncRuns(filter: { meliAccountId: $meliAccountId }, first: 5) {\n      nodes {\n        ...IntegrationsSyncRun\n      }\n    }\n  }\n": typeof types.IntegrationsRecentRunsDocument,
    "\n  subscription IntegrationsAccountChanged {\n    meliAccountChanged {\n      ...IntegrationsAccount\n    }\n  }\n": typeof types.IntegrationsAccountChangedDocument,
    "\n  subscription IntegrationsSyncProgress {\n    syncProgress {\n      ...IntegrationsSyncRun\n    }\n  }\n": typeof types.IntegrationsSyncProgressDocument,
    "\n  mutation IntegrationsStartLink($site: String!) {\n    startMeliLink(site: $site) {\n      authorizeUrl\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.IntegrationsStartLinkDocument,
    "\n  mutation IntegrationsTestConnection($id: ID!) {\n    testMeliConnection(id: $id) {\n      ok\n      latencyMs\n      error\n      account {\n        ...IntegrationsAccount\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.IntegrationsTestConnectionDocument,
    "\n  mutation IntegrationsUnlink($id: ID!) {\n    unlinkMeliAccount(id: $id) {\n      account {\n        ...IntegrationsAccount\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.IntegrationsUnlinkDocument,
    "\n  mutation IntegrationsSyncNow($meliAccountId: ID!) {\n    syncMeliAccountNow(meliAccountId: $meliAccountId) {\n      syncRun {\n        ...IntegrationsSyncRun\n      }\n      joined\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.IntegrationsSyncNowDocument,
    "\n  fragment MeFields on Me {\n    authMethod\n    role\n    tenant {\n      id\n      name\n      slug\n      timeZone\n    }\n    user {\n      id\n      email\n      name\n      locale\n      meliAccountIds\n    }\n  }\n": typeof types.MeFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...MeFields\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      me {\n        ...MeFields\n      }\n      accessExpiresAt\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n": typeof types.LogoutDocument,
    "\n  mutation RefreshSession {\n    refreshSession {\n      accessExpiresAt\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.RefreshSessionDocument,
};
const documents: Documents = {
    "\n  subscription AdminAccountChanged {\n    meliAccountChanged {\n      id\n    }\n  }\n": types.AdminAccountChangedDocument,
    "\n  fragment AdminMember on User {\n    id\n    email\n    name\n    role\n    memberSince\n    meliAccountIds\n  }\n": types.AdminMemberFragmentDoc,
    "\n  fragment AdminApiToken on ApiToken {\n    id\n    name\n    prefix\n    role\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n  }\n": types.AdminApiTokenFragmentDoc,
    "\n  query AdminMembers($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminMember\n      }\n    }\n  }\n": types.AdminMembersDocument,
    "\n  query AdminAccounts {\n    meliAccounts(first: 100) {\n      nodes {\n        id\n        nickname\n        siteId\n        status\n      }\n    }\n  }\n": types.AdminAccountsDocument,
    "\n  mutation AdminInviteUser($email: String!, $role: Role!, $name: String!) {\n    inviteUser(email: $email, role: $role, name: $name) {\n      user {\n        ...AdminMember\n      }\n      temporaryPassword\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.AdminInviteUserDocument,
    "\n  mutation AdminSetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      user {\n        ...AdminMember\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.AdminSetUserRoleDocument,
    "\n  mutation AdminSetMemberAccounts($userId: ID!, $meliAccountIds: [ID!]) {\n    setMemberAccounts(userId: $userId, meliAccountIds: $meliAccountIds) {\n      user {\n        ...AdminMember\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.AdminSetMemberAccountsDocument,
    "\n  query AdminTokens($first: Int, $after: String) {\n    apiTokens(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminApiToken\n      }\n    }\n  }\n": types.AdminTokensDocument,
    "\n  mutation AdminCreateApiToken($name: String!, $role: Role!, $expiresAt: DateTime) {\n    createApiToken(name: $name, role: $role, expiresAt: $expiresAt) {\n      apiToken {\n        ...AdminApiToken\n      }\n      secret\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.AdminCreateApiTokenDocument,
    "\n  mutation AdminRevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      apiToken {\n        ...AdminApiToken\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.AdminRevokeApiTokenDocument,
    "\n  query AdminTenant {\n    tenant {\n      id\n      name\n      slug\n      timeZone\n    }\n  }\n": types.AdminTenantDocument,
    "\n  mutation AdminUpdateTenantSettings($input: UpdateTenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      tenant {\n        id\n        name\n        slug\n        timeZone\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.AdminUpdateTenantSettingsDocument,
    "\n  fragment AdminAuditEntry on AuditEntry {\n    id\n    action\n    createdAt\n    targetId\n    before\n    after\n    actor {\n      kind\n      name\n      email\n    }\n  }\n": types.AdminAuditEntryFragmentDoc,
    "\n  query AdminActivity {\n    invites: auditLog(filter: { action: \"inviteUser\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    roles: auditLog(filter: { action: \"setUserRole\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    limits: auditLog(filter: { action: \"setMemberAccounts\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    created: auditLog(filter: { action: \"createApiToken\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    revoked: auditLog(filter: { action: \"revokeApiToken\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    settings: auditLog(filter: { action: \"updateTenantSettings\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    users(first: 100) {\n      nodes {\n        id\n        email\n        name\n      }\n    }\n    apiTokens(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    meliAccounts(first: 100) {\n      nodes {\n        id\n        nickname\n      }\n    }\n  }\n": types.AdminActivityDocument,
    "\n  fragment EventsRow on IntegrationEvent {\n    id\n    source\n    topic\n    resource\n    status\n    attempts\n    deliveries\n    lastError\n    nextAttemptAt\n    receivedAt\n    processedAt\n    updatedAt\n    meliAccountId\n  }\n": types.EventsRowFragmentDoc,
    "\n  query EventsTimeline(\n    $filter: IntegrationEventFilter\n    $troubledFilter: IntegrationEventFilter\n    $sort: IntegrationEventSort\n    $first: Int\n    $after: String\n  ) {\n    troubled: integrationEvents(filter: $troubledFilter, first: 1) {\n      totalCount\n    }\n    integrationEvents(filter: $filter, sort: $sort, first: $first, after: $after) {\n      nodes {\n        ...EventsRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.EventsTimelineDocument,
    "\n  query EventsAccounts {\n    meliAccounts(first: 50) {\n      nodes {\n        id\n        nickname\n        siteId\n      }\n    }\n  }\n": types.EventsAccountsDocument,
    "\n  query EventsDetail($id: ID!) {\n    integrationEvent(id: $id) {\n      ...EventsRow\n      notificationId\n      resourceVersion\n      payload\n    }\n  }\n": types.EventsDetailDocument,
    "\n  subscription EventsChanged($meliAccountIds: [ID!]) {\n    integrationEventChanged(meliAccountIds: $meliAccountIds) {\n      ...EventsRow\n    }\n  }\n": types.EventsChangedDocument,
    "\n  mutation EventsReprocess($id: ID!) {\n    reprocessEvent(id: $id) {\n      event {\n        ...EventsRow\n      }\n      reprocessId\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.EventsReprocessDocument,
    "\n  query FloorFigures($meliAccountIds: [ID!]) {\n    floor(meliAccountIds: $meliAccountIds) {\n      timeZone\n      generatedAt\n      sales {\n        currency\n        orders\n        gmv {\n          amount\n          currency\n        }\n        days {\n          date\n          orders\n          gmv {\n            amount\n            currency\n          }\n        }\n      }\n      shipmentsToDispatchToday\n      shipmentsLate\n      unansweredQuestions\n      oldestUnansweredQuestionAt\n      listingsOutOfStock\n    }\n  }\n": types.FloorFiguresDocument,
    "\n  query FloorRecentOrders($filter: OrderFilter) {\n    orders(first: 8, filter: $filter, sort: { field: DATE_CREATED, direction: DESC }) {\n      nodes {\n        id\n        mlId\n        meliAccountId\n        status\n        dateCreated\n        totalAmount {\n          amount\n          currency\n        }\n        buyer {\n          id\n          nickname\n        }\n        items {\n          lineNo\n          title\n          quantity\n        }\n      }\n    }\n  }\n": types.FloorRecentOrdersDocument,
    "\n  query FloorAccounts {\n    meliAccounts(first: 50) {\n      nodes {\n        id\n        nickname\n        siteId\n        status\n        health {\n          state\n          lastSyncedAt\n          cursorLagSeconds\n          failedEvents24h\n          breakerOpen\n          tokenExpiresAt\n        }\n      }\n    }\n  }\n": types.FloorAccountsDocument,
    "\n  query FloorEvents($filter: IntegrationEventFilter) {\n    integrationEvents(first: 10, filter: $filter) {\n      nodes {\n        id\n        topic\n        resource\n        status\n        attempts\n        receivedAt\n        lastError\n        meliAccountId\n      }\n    }\n  }\n": types.FloorEventsDocument,
    "\n  subscription FloorOrderChanged($meliAccountIds: [ID!]) {\n    orderChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n": types.FloorOrderChangedDocument,
    "\n  subscription FloorShipmentChanged($meliAccountIds: [ID!]) {\n    shipmentChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n": types.FloorShipmentChangedDocument,
    "\n  subscription FloorQuestionChanged($meliAccountIds: [ID!]) {\n    questionChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n": types.FloorQuestionChangedDocument,
    "\n  subscription FloorListingChanged($meliAccountIds: [ID!]) {\n    listingChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n": types.FloorListingChangedDocument,
    "\n  subscription FloorAccountChanged {\n    meliAccountChanged {\n      id\n    }\n  }\n": types.FloorAccountChangedDocument,
    "\n  subscription FloorEventChanged($meliAccountIds: [ID!]) {\n    integrationEventChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n": types.FloorEventChangedDocument,
    "\n  subscription FloorSyncProgress {\n    syncProgress {\n      id\n      kind\n      status\n      total\n      done\n      progress {\n        resource\n        total\n        done\n      }\n      meliAccount {\n        id\n      }\n    }\n  }\n": types.FloorSyncProgressDocument,
    "\n  fragment IntegrationsAccount on MeliAccount {\n    id\n    mlUserId\n    nickname\n    siteId\n    status\n    tokenExpiresAt\n    lastError\n    lastErrorAt\n    createdAt\n    health {\n      state\n      lastSyncedAt\n      cursorLagSeconds\n      failedEvents24h\n      tokenExpiresAt\n      breakerOpen\n    }\n    breakers {\n      family\n      state\n      nextTrialAt\n    }\n  }\n": types.IntegrationsAccountFragmentDoc,
    "\n  fragment IntegrationsSyncRun on SyncRun {\n    id\n    kind\n    status\n    progress {\n      resource\n      total\n      done\n    }\n    total\n    done\n    etaSeconds\n    reason\n    errors\n    createdAt\n    startedAt\n    heartbeatAt\n    finishedAt\n    meliAccount {\n      id\n    }\n  }\n": types.IntegrationsSyncRunFragmentDoc,
    "\n  query Integrations {\n    meliAccounts(first: 50) {\n      nodes {\n        ...IntegrationsAccount\n      }\n    }\n    running: syncRuns(filter: { status: RUNNING }, first: 25) {\n      nodes {\n        ...IntegrationsSyncRun\n      }\n    }\n    queued: syncRuns(filter: { status: QUEUED }, first: 25) {\n      nodes {\n        ...IntegrationsSyncRun\n      }\n    }\n  }\n": types.IntegrationsDocument,
    "\n  query IntegrationsRecentRuns($meliAccountId: ID!) {\n    syncRuns(filter: { meliAccountId: $meliAccountId }, first: 5) {\n      nodes {\n        ...IntegrationsSyncRun\n      }\n    }\n  }\n": types.IntegrationsRecentRunsDocument,
    "\n  subscription IntegrationsAccountChanged {\n    meliAccountChanged {\n      ...IntegrationsAccount\n    }\n  }\n": types.IntegrationsAccountChangedDocument,
    "\n  subscription IntegrationsSyncProgress {\n    syncProgress {\n      ...IntegrationsSyncRun\n    }\n  }\n": types.IntegrationsSyncProgressDocument,
    "\n  mutation IntegrationsStartLink($site: String!) {\n    startMeliLink(site: $site) {\n      authorizeUrl\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.IntegrationsStartLinkDocument,
    "\n  mutation IntegrationsTestConnection($id: ID!) {\n    testMeliConnection(id: $id) {\n      ok\n      latencyMs\n      error\n      account {\n        ...IntegrationsAccount\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.IntegrationsTestConnectionDocument,
    "\n  mutation IntegrationsUnlink($id: ID!) {\n    unlinkMeliAccount(id: $id) {\n      account {\n        ...IntegrationsAccount\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.IntegrationsUnlinkDocument,
    "\n  mutation IntegrationsSyncNow($meliAccountId: ID!) {\n    syncMeliAccountNow(meliAccountId: $meliAccountId) {\n      syncRun {\n        ...IntegrationsSyncRun\n      }\n      joined\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.IntegrationsSyncNowDocument,
    "\n  fragment MeFields on Me {\n    authMethod\n    role\n    tenant {\n      id\n      name\n      slug\n      timeZone\n    }\n    user {\n      id\n      email\n      name\n      locale\n      meliAccountIds\n    }\n  }\n": types.MeFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...MeFields\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      me {\n        ...MeFields\n      }\n      accessExpiresAt\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n": types.LogoutDocument,
    "\n  mutation RefreshSession {\n    refreshSession {\n      accessExpiresAt\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.RefreshSessionDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AdminAccountChanged {\n    meliAccountChanged {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription AdminAccountChanged {\n    meliAccountChanged {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminMember on User {\n    id\n    email\n    name\n    role\n    memberSince\n    meliAccountIds\n  }\n"): (typeof documents)["\n  fragment AdminMember on User {\n    id\n    email\n    name\n    role\n    memberSince\n    meliAccountIds\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminApiToken on ApiToken {\n    id\n    name\n    prefix\n    role\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n  }\n"): (typeof documents)["\n  fragment AdminApiToken on ApiToken {\n    id\n    name\n    prefix\n    role\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminMembers($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminMember\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminMembers($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminMember\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAccounts {\n    meliAccounts(first: 100) {\n      nodes {\n        id\n        nickname\n        siteId\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminAccounts {\n    meliAccounts(first: 100) {\n      nodes {\n        id\n        nickname\n        siteId\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminInviteUser($email: String!, $role: Role!, $name: String!) {\n    inviteUser(email: $email, role: $role, name: $name) {\n      user {\n        ...AdminMember\n      }\n      temporaryPassword\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminInviteUser($email: String!, $role: Role!, $name: String!) {\n    inviteUser(email: $email, role: $role, name: $name) {\n      user {\n        ...AdminMember\n      }\n      temporaryPassword\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      user {\n        ...AdminMember\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminSetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      user {\n        ...AdminMember\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetMemberAccounts($userId: ID!, $meliAccountIds: [ID!]) {\n    setMemberAccounts(userId: $userId, meliAccountIds: $meliAccountIds) {\n      user {\n        ...AdminMember\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminSetMemberAccounts($userId: ID!, $meliAccountIds: [ID!]) {\n    setMemberAccounts(userId: $userId, meliAccountIds: $meliAccountIds) {\n      user {\n        ...AdminMember\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminTokens($first: Int, $after: String) {\n    apiTokens(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminApiToken\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminTokens($first: Int, $after: String) {\n    apiTokens(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminApiToken\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateApiToken($name: String!, $role: Role!, $expiresAt: DateTime) {\n    createApiToken(name: $name, role: $role, expiresAt: $expiresAt) {\n      apiToken {\n        ...AdminApiToken\n      }\n      secret\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreateApiToken($name: String!, $role: Role!, $expiresAt: DateTime) {\n    createApiToken(name: $name, role: $role, expiresAt: $expiresAt) {\n      apiToken {\n        ...AdminApiToken\n      }\n      secret\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      apiToken {\n        ...AdminApiToken\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminRevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      apiToken {\n        ...AdminApiToken\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminTenant {\n    tenant {\n      id\n      name\n      slug\n      timeZone\n    }\n  }\n"): (typeof documents)["\n  query AdminTenant {\n    tenant {\n      id\n      name\n      slug\n      timeZone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateTenantSettings($input: UpdateTenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      tenant {\n        id\n        name\n        slug\n        timeZone\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateTenantSettings($input: UpdateTenantSettingsInput!) {\n    updateTenantSettings(input: $input) {\n      tenant {\n        id\n        name\n        slug\n        timeZone\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminAuditEntry on AuditEntry {\n    id\n    action\n    createdAt\n    targetId\n    before\n    after\n    actor {\n      kind\n      name\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment AdminAuditEntry on AuditEntry {\n    id\n    action\n    createdAt\n    targetId\n    before\n    after\n    actor {\n      kind\n      name\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminActivity {\n    invites: auditLog(filter: { action: \"inviteUser\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    roles: auditLog(filter: { action: \"setUserRole\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    limits: auditLog(filter: { action: \"setMemberAccounts\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    created: auditLog(filter: { action: \"createApiToken\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    revoked: auditLog(filter: { action: \"revokeApiToken\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    settings: auditLog(filter: { action: \"updateTenantSettings\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    users(first: 100) {\n      nodes {\n        id\n        email\n        name\n      }\n    }\n    apiTokens(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    meliAccounts(first: 100) {\n      nodes {\n        id\n        nickname\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminActivity {\n    invites: auditLog(filter: { action: \"inviteUser\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    roles: auditLog(filter: { action: \"setUserRole\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    limits: auditLog(filter: { action: \"setMemberAccounts\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    created: auditLog(filter: { action: \"createApiToken\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    revoked: auditLog(filter: { action: \"revokeApiToken\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    settings: auditLog(filter: { action: \"updateTenantSettings\" }, first: 10) {\n      nodes {\n        ...AdminAuditEntry\n      }\n    }\n    users(first: 100) {\n      nodes {\n        id\n        email\n        name\n      }\n    }\n    apiTokens(first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n    meliAccounts(first: 100) {\n      nodes {\n        id\n        nickname\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EventsRow on IntegrationEvent {\n    id\n    source\n    topic\n    resource\n    status\n    attempts\n    deliveries\n    lastError\n    nextAttemptAt\n    receivedAt\n    processedAt\n    updatedAt\n    meliAccountId\n  }\n"): (typeof documents)["\n  fragment EventsRow on IntegrationEvent {\n    id\n    source\n    topic\n    resource\n    status\n    attempts\n    deliveries\n    lastError\n    nextAttemptAt\n    receivedAt\n    processedAt\n    updatedAt\n    meliAccountId\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventsTimeline(\n    $filter: IntegrationEventFilter\n    $troubledFilter: IntegrationEventFilter\n    $sort: IntegrationEventSort\n    $first: Int\n    $after: String\n  ) {\n    troubled: integrationEvents(filter: $troubledFilter, first: 1) {\n      totalCount\n    }\n    integrationEvents(filter: $filter, sort: $sort, first: $first, after: $after) {\n      nodes {\n        ...EventsRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query EventsTimeline(\n    $filter: IntegrationEventFilter\n    $troubledFilter: IntegrationEventFilter\n    $sort: IntegrationEventSort\n    $first: Int\n    $after: String\n  ) {\n    troubled: integrationEvents(filter: $troubledFilter, first: 1) {\n      totalCount\n    }\n    integrationEvents(filter: $filter, sort: $sort, first: $first, after: $after) {\n      nodes {\n        ...EventsRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventsAccounts {\n    meliAccounts(first: 50) {\n      nodes {\n        id\n        nickname\n        siteId\n      }\n    }\n  }\n"): (typeof documents)["\n  query EventsAccounts {\n    meliAccounts(first: 50) {\n      nodes {\n        id\n        nickname\n        siteId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventsDetail($id: ID!) {\n    integrationEvent(id: $id) {\n      ...EventsRow\n      notificationId\n      resourceVersion\n      payload\n    }\n  }\n"): (typeof documents)["\n  query EventsDetail($id: ID!) {\n    integrationEvent(id: $id) {\n      ...EventsRow\n      notificationId\n      resourceVersion\n      payload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EventsChanged($meliAccountIds: [ID!]) {\n    integrationEventChanged(meliAccountIds: $meliAccountIds) {\n      ...EventsRow\n    }\n  }\n"): (typeof documents)["\n  subscription EventsChanged($meliAccountIds: [ID!]) {\n    integrationEventChanged(meliAccountIds: $meliAccountIds) {\n      ...EventsRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsReprocess($id: ID!) {\n    reprocessEvent(id: $id) {\n      event {\n        ...EventsRow\n      }\n      reprocessId\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EventsReprocess($id: ID!) {\n    reprocessEvent(id: $id) {\n      event {\n        ...EventsRow\n      }\n      reprocessId\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FloorFigures($meliAccountIds: [ID!]) {\n    floor(meliAccountIds: $meliAccountIds) {\n      timeZone\n      generatedAt\n      sales {\n        currency\n        orders\n        gmv {\n          amount\n          currency\n        }\n        days {\n          date\n          orders\n          gmv {\n            amount\n            currency\n          }\n        }\n      }\n      shipmentsToDispatchToday\n      shipmentsLate\n      unansweredQuestions\n      oldestUnansweredQuestionAt\n      listingsOutOfStock\n    }\n  }\n"): (typeof documents)["\n  query FloorFigures($meliAccountIds: [ID!]) {\n    floor(meliAccountIds: $meliAccountIds) {\n      timeZone\n      generatedAt\n      sales {\n        currency\n        orders\n        gmv {\n          amount\n          currency\n        }\n        days {\n          date\n          orders\n          gmv {\n            amount\n            currency\n          }\n        }\n      }\n      shipmentsToDispatchToday\n      shipmentsLate\n      unansweredQuestions\n      oldestUnansweredQuestionAt\n      listingsOutOfStock\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FloorRecentOrders($filter: OrderFilter) {\n    orders(first: 8, filter: $filter, sort: { field: DATE_CREATED, direction: DESC }) {\n      nodes {\n        id\n        mlId\n        meliAccountId\n        status\n        dateCreated\n        totalAmount {\n          amount\n          currency\n        }\n        buyer {\n          id\n          nickname\n        }\n        items {\n          lineNo\n          title\n          quantity\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FloorRecentOrders($filter: OrderFilter) {\n    orders(first: 8, filter: $filter, sort: { field: DATE_CREATED, direction: DESC }) {\n      nodes {\n        id\n        mlId\n        meliAccountId\n        status\n        dateCreated\n        totalAmount {\n          amount\n          currency\n        }\n        buyer {\n          id\n          nickname\n        }\n        items {\n          lineNo\n          title\n          quantity\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FloorAccounts {\n    meliAccounts(first: 50) {\n      nodes {\n        id\n        nickname\n        siteId\n        status\n        health {\n          state\n          lastSyncedAt\n          cursorLagSeconds\n          failedEvents24h\n          breakerOpen\n          tokenExpiresAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FloorAccounts {\n    meliAccounts(first: 50) {\n      nodes {\n        id\n        nickname\n        siteId\n        status\n        health {\n          state\n          lastSyncedAt\n          cursorLagSeconds\n          failedEvents24h\n          breakerOpen\n          tokenExpiresAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FloorEvents($filter: IntegrationEventFilter) {\n    integrationEvents(first: 10, filter: $filter) {\n      nodes {\n        id\n        topic\n        resource\n        status\n        attempts\n        receivedAt\n        lastError\n        meliAccountId\n      }\n    }\n  }\n"): (typeof documents)["\n  query FloorEvents($filter: IntegrationEventFilter) {\n    integrationEvents(first: 10, filter: $filter) {\n      nodes {\n        id\n        topic\n        resource\n        status\n        attempts\n        receivedAt\n        lastError\n        meliAccountId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FloorOrderChanged($meliAccountIds: [ID!]) {\n    orderChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription FloorOrderChanged($meliAccountIds: [ID!]) {\n    orderChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FloorShipmentChanged($meliAccountIds: [ID!]) {\n    shipmentChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription FloorShipmentChanged($meliAccountIds: [ID!]) {\n    shipmentChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FloorQuestionChanged($meliAccountIds: [ID!]) {\n    questionChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription FloorQuestionChanged($meliAccountIds: [ID!]) {\n    questionChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FloorListingChanged($meliAccountIds: [ID!]) {\n    listingChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription FloorListingChanged($meliAccountIds: [ID!]) {\n    listingChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FloorAccountChanged {\n    meliAccountChanged {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription FloorAccountChanged {\n    meliAccountChanged {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FloorEventChanged($meliAccountIds: [ID!]) {\n    integrationEventChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription FloorEventChanged($meliAccountIds: [ID!]) {\n    integrationEventChanged(meliAccountIds: $meliAccountIds) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FloorSyncProgress {\n    syncProgress {\n      id\n      kind\n      status\n      total\n      done\n      progress {\n        resource\n        total\n        done\n      }\n      meliAccount {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription FloorSyncProgress {\n    syncProgress {\n      id\n      kind\n      status\n      total\n      done\n      progress {\n        resource\n        total\n        done\n      }\n      meliAccount {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IntegrationsAccount on MeliAccount {\n    id\n    mlUserId\n    nickname\n    siteId\n    status\n    tokenExpiresAt\n    lastError\n    lastErrorAt\n    createdAt\n    health {\n      state\n      lastSyncedAt\n      cursorLagSeconds\n      failedEvents24h\n      tokenExpiresAt\n      breakerOpen\n    }\n    breakers {\n      family\n      state\n      nextTrialAt\n    }\n  }\n"): (typeof documents)["\n  fragment IntegrationsAccount on MeliAccount {\n    id\n    mlUserId\n    nickname\n    siteId\n    status\n    tokenExpiresAt\n    lastError\n    lastErrorAt\n    createdAt\n    health {\n      state\n      lastSyncedAt\n      cursorLagSeconds\n      failedEvents24h\n      tokenExpiresAt\n      breakerOpen\n    }\n    breakers {\n      family\n      state\n      nextTrialAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IntegrationsSyncRun on SyncRun {\n    id\n    kind\n    status\n    progress {\n      resource\n      total\n      done\n    }\n    total\n    done\n    etaSeconds\n    reason\n    errors\n    createdAt\n    startedAt\n    heartbeatAt\n    finishedAt\n    meliAccount {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment IntegrationsSyncRun on SyncRun {\n    id\n    kind\n    status\n    progress {\n      resource\n      total\n      done\n    }\n    total\n    done\n    etaSeconds\n    reason\n    errors\n    createdAt\n    startedAt\n    heartbeatAt\n    finishedAt\n    meliAccount {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Integrations {\n    meliAccounts(first: 50) {\n      nodes {\n        ...IntegrationsAccount\n      }\n    }\n    running: syncRuns(filter: { status: RUNNING }, first: 25) {\n      nodes {\n        ...IntegrationsSyncRun\n      }\n    }\n    queued: syncRuns(filter: { status: QUEUED }, first: 25) {\n      nodes {\n        ...IntegrationsSyncRun\n      }\n    }\n  }\n"): (typeof documents)["\n  query Integrations {\n    meliAccounts(first: 50) {\n      nodes {\n        ...IntegrationsAccount\n      }\n    }\n    running: syncRuns(filter: { status: RUNNING }, first: 25) {\n      nodes {\n        ...IntegrationsSyncRun\n      }\n    }\n    queued: syncRuns(filter: { status: QUEUED }, first: 25) {\n      nodes {\n        ...IntegrationsSyncRun\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IntegrationsRecentRuns($meliAccountId: ID!) {\n    syncRuns(filter: { meliAccountId: $meliAccountId }, first: 5) {\n      nodes {\n        ...IntegrationsSyncRun\n      }\n    }\n  }\n"): (typeof documents)["\n  query IntegrationsRecentRuns($meliAccountId: ID!) {\n    syncRuns(filter: { meliAccountId: $meliAccountId }, first: 5) {\n      nodes {\n        ...IntegrationsSyncRun\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription IntegrationsAccountChanged {\n    meliAccountChanged {\n      ...IntegrationsAccount\n    }\n  }\n"): (typeof documents)["\n  subscription IntegrationsAccountChanged {\n    meliAccountChanged {\n      ...IntegrationsAccount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription IntegrationsSyncProgress {\n    syncProgress {\n      ...IntegrationsSyncRun\n    }\n  }\n"): (typeof documents)["\n  subscription IntegrationsSyncProgress {\n    syncProgress {\n      ...IntegrationsSyncRun\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IntegrationsStartLink($site: String!) {\n    startMeliLink(site: $site) {\n      authorizeUrl\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IntegrationsStartLink($site: String!) {\n    startMeliLink(site: $site) {\n      authorizeUrl\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IntegrationsTestConnection($id: ID!) {\n    testMeliConnection(id: $id) {\n      ok\n      latencyMs\n      error\n      account {\n        ...IntegrationsAccount\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IntegrationsTestConnection($id: ID!) {\n    testMeliConnection(id: $id) {\n      ok\n      latencyMs\n      error\n      account {\n        ...IntegrationsAccount\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IntegrationsUnlink($id: ID!) {\n    unlinkMeliAccount(id: $id) {\n      account {\n        ...IntegrationsAccount\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IntegrationsUnlink($id: ID!) {\n    unlinkMeliAccount(id: $id) {\n      account {\n        ...IntegrationsAccount\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IntegrationsSyncNow($meliAccountId: ID!) {\n    syncMeliAccountNow(meliAccountId: $meliAccountId) {\n      syncRun {\n        ...IntegrationsSyncRun\n      }\n      joined\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IntegrationsSyncNow($meliAccountId: ID!) {\n    syncMeliAccountNow(meliAccountId: $meliAccountId) {\n      syncRun {\n        ...IntegrationsSyncRun\n      }\n      joined\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MeFields on Me {\n    authMethod\n    role\n    tenant {\n      id\n      name\n      slug\n      timeZone\n    }\n    user {\n      id\n      email\n      name\n      locale\n      meliAccountIds\n    }\n  }\n"): (typeof documents)["\n  fragment MeFields on Me {\n    authMethod\n    role\n    tenant {\n      id\n      name\n      slug\n      timeZone\n    }\n    user {\n      id\n      email\n      name\n      locale\n      meliAccountIds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...MeFields\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...MeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      me {\n        ...MeFields\n      }\n      accessExpiresAt\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      me {\n        ...MeFields\n      }\n      accessExpiresAt\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession {\n    refreshSession {\n      accessExpiresAt\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession {\n    refreshSession {\n      accessExpiresAt\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;