// Every GraphQL document the dashboard sends, in one place.

const ME_FIELDS = "role tenant { name } user { email name }";

const ORDER_FIELDS = `
  id mlId status
  totalAmount { amount currency }
  dateCreated updatedAt
  buyer { nickname }
  items { title quantity }
`;

const EVENT_FIELDS = "id topic resource status receivedAt attempts lastError";

const HEALTH_FIELDS = "lastSyncedAt cursorLagSeconds failedEvents24h tokenExpiresAt breakerOpen state";

const ACCOUNT_FIELDS = `id nickname siteId status health { ${HEALTH_FIELDS} }`;

const SYNC_RUN_FIELDS = `
  id kind status
  progress { resource total done }
  total done etaSeconds reason
  createdAt startedAt heartbeatAt finishedAt
  meliAccount { id }
`;

export const ME_QUERY = `query Me { me { ${ME_FIELDS} } }`;

export const LOGIN_MUTATION = `
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      me { ${ME_FIELDS} }
      accessExpiresAt
      errors { field message code }
    }
  }
`;

export const LOGOUT_MUTATION = "mutation Logout { logout { ok } }";

export const REFRESH_SESSION_MUTATION = `
  mutation RefreshSession { refreshSession { accessExpiresAt errors { field message code } } }
`;

export const DASHBOARD_QUERY = `
  query Dashboard {
    meliAccounts(first: 100) { nodes { ${ACCOUNT_FIELDS} } }
    orders(first: 50) { edges { node { ${ORDER_FIELDS} } } }
    integrationEvents(first: 20) { edges { node { ${EVENT_FIELDS} } } }
    queuedRuns: syncRuns(filter: { status: QUEUED }, first: 25) { nodes { ${SYNC_RUN_FIELDS} } }
    runningRuns: syncRuns(filter: { status: RUNNING }, first: 25) { nodes { ${SYNC_RUN_FIELDS} } }
  }
`;

/** One account again (its health changes when a run ends, which meliAccountChanged does not announce). */
export const ACCOUNT_QUERY = `
  query MeliAccount($id: ID!) { node(id: $id) { ... on MeliAccount { ${ACCOUNT_FIELDS} } } }
`;

export const SYNC_NOW_MUTATION = `
  mutation SyncMeliAccountNow($meliAccountId: ID!) {
    syncMeliAccountNow(meliAccountId: $meliAccountId) {
      syncRun { ${SYNC_RUN_FIELDS} }
      joined
      errors { field message code }
    }
  }
`;

export const ORDER_CHANGED = `subscription OrderChanged { orderChanged { ${ORDER_FIELDS} } }`;

export const EVENT_CHANGED = `subscription IntegrationEventChanged { integrationEventChanged { ${EVENT_FIELDS} } }`;

export const ACCOUNT_CHANGED = `subscription MeliAccountChanged { meliAccountChanged { ${ACCOUNT_FIELDS} } }`;

export const SYNC_PROGRESS = `subscription SyncProgress { syncProgress { ${SYNC_RUN_FIELDS} } }`;
