// The admin screen's operations, typed by graphql-codegen from ../schema.graphql.
import { graphql } from "@/gql";

graphql(`
  fragment AdminMember on User {
    id
    email
    name
    role
    memberSince
    meliAccountIds
  }
`);

graphql(`
  fragment AdminApiToken on ApiToken {
    id
    name
    prefix
    role
    createdAt
    expiresAt
    lastUsedAt
    revokedAt
  }
`);

export const AdminMembersQuery = graphql(`
  query AdminMembers($first: Int, $after: String) {
    users(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...AdminMember
      }
    }
  }
`);

export const AdminAccountsQuery = graphql(`
  query AdminAccounts {
    meliAccounts(first: 100) {
      nodes {
        id
        nickname
        siteId
        status
      }
    }
  }
`);

export const InviteUserMutation = graphql(`
  mutation AdminInviteUser($email: String!, $role: Role!, $name: String!) {
    inviteUser(email: $email, role: $role, name: $name) {
      user {
        ...AdminMember
      }
      temporaryPassword
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const SetUserRoleMutation = graphql(`
  mutation AdminSetUserRole($userId: ID!, $role: Role!) {
    setUserRole(userId: $userId, role: $role) {
      user {
        ...AdminMember
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const SetMemberAccountsMutation = graphql(`
  mutation AdminSetMemberAccounts($userId: ID!, $meliAccountIds: [ID!]) {
    setMemberAccounts(userId: $userId, meliAccountIds: $meliAccountIds) {
      user {
        ...AdminMember
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const AdminTokensQuery = graphql(`
  query AdminTokens($first: Int, $after: String) {
    apiTokens(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...AdminApiToken
      }
    }
  }
`);

export const CreateApiTokenMutation = graphql(`
  mutation AdminCreateApiToken($name: String!, $role: Role!, $expiresAt: DateTime) {
    createApiToken(name: $name, role: $role, expiresAt: $expiresAt) {
      apiToken {
        ...AdminApiToken
      }
      secret
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const RevokeApiTokenMutation = graphql(`
  mutation AdminRevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      apiToken {
        ...AdminApiToken
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const AdminTenantQuery = graphql(`
  query AdminTenant {
    tenant {
      id
      name
      slug
      timeZone
    }
  }
`);

export const UpdateTenantSettingsMutation = graphql(`
  mutation AdminUpdateTenantSettings($input: UpdateTenantSettingsInput!) {
    updateTenantSettings(input: $input) {
      tenant {
        id
        name
        slug
        timeZone
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

graphql(`
  fragment AdminAuditEntry on AuditEntry {
    id
    action
    createdAt
    targetId
    before
    after
    actor {
      kind
      name
      email
    }
  }
`);

// One list per admin action (the filter takes one action): sign-ins and renewals stay out.
export const AdminActivityQuery = graphql(`
  query AdminActivity($actions: [String!]) {
    auditLog(filter: { actions: $actions }, first: 25) {
      nodes {
        ...AdminAuditEntry
      }
    }
    users(first: 100) {
      nodes {
        id
        email
        name
      }
    }
    apiTokens(first: 100) {
      nodes {
        id
        name
      }
    }
    meliAccounts(first: 100) {
      nodes {
        id
        nickname
      }
    }
  }
`);
