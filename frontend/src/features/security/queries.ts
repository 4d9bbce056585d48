// The account security page's operations (the MFA mutations are shared with sign-in: ./mfa).
import { graphql } from "./gql";

export const SecurityOverviewQuery = graphql(`
  query SecurityOverview {
    me {
      role
      mfaEnabled
      recoveryCodesLeft
    }
    tenant {
      id
      mfaRequired
    }
  }
`);

export const MySessionsQuery = graphql(`
  query MySessions {
    mySessions {
      id
      createdAt
      lastUsedAt
      expiresAt
      userAgent
      ip
      current
    }
  }
`);

export const RevokeSessionMutation = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id) {
      ok
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const RequireMfaMutation = graphql(`
  mutation RequireMfa($required: Boolean!) {
    updateTenantSettings(input: { mfaRequired: $required }) {
      tenant {
        id
        mfaRequired
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);
