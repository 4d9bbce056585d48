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

const ACCOUNT_FIELDS = "id nickname siteId status";

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
  }
`;

export const ORDER_CHANGED = `subscription OrderChanged { orderChanged { ${ORDER_FIELDS} } }`;

export const EVENT_CHANGED = `subscription IntegrationEventChanged { integrationEventChanged { ${EVENT_FIELDS} } }`;

export const ACCOUNT_CHANGED = `subscription MeliAccountChanged { meliAccountChanged { ${ACCOUNT_FIELDS} } }`;
