// Every GraphQL operation of the integrations screen (typed by graphql-codegen from schema.graphql).
import { graphql } from "@/gql";

graphql(`
  fragment IntegrationsAccount on MeliAccount {
    id
    mlUserId
    nickname
    siteId
    status
    tokenExpiresAt
    lastError
    lastErrorAt
    createdAt
    health {
      state
      lastSyncedAt
      cursorLagSeconds
      failedEvents24h
      tokenExpiresAt
      breakerOpen
    }
    breakers {
      family
      state
      nextTrialAt
    }
  }
`);

graphql(`
  fragment IntegrationsSyncRun on SyncRun {
    id
    kind
    status
    progress {
      resource
      total
      done
    }
    total
    done
    etaSeconds
    reason
    errors
    createdAt
    startedAt
    heartbeatAt
    finishedAt
    meliAccount {
      id
    }
  }
`);

export const IntegrationsQuery = graphql(`
  query Integrations {
    meliAccounts(first: 50) {
      nodes {
        ...IntegrationsAccount
      }
    }
    running: syncRuns(filter: { status: RUNNING }, first: 25) {
      nodes {
        ...IntegrationsSyncRun
      }
    }
    queued: syncRuns(filter: { status: QUEUED }, first: 25) {
      nodes {
        ...IntegrationsSyncRun
      }
    }
  }
`);

export const RecentRunsQuery = graphql(`
  query IntegrationsRecentRuns($meliAccountId: ID!) {
    syncRuns(filter: { meliAccountId: $meliAccountId }, first: 5) {
      nodes {
        ...IntegrationsSyncRun
      }
    }
  }
`);

export const AccountChangedSubscription = graphql(`
  subscription IntegrationsAccountChanged {
    meliAccountChanged {
      ...IntegrationsAccount
    }
  }
`);

export const SyncProgressSubscription = graphql(`
  subscription IntegrationsSyncProgress {
    syncProgress {
      ...IntegrationsSyncRun
    }
  }
`);

export const StartLinkMutation = graphql(`
  mutation IntegrationsStartLink($site: String!) {
    startMeliLink(site: $site) {
      authorizeUrl
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const TestConnectionMutation = graphql(`
  mutation IntegrationsTestConnection($id: ID!) {
    testMeliConnection(id: $id) {
      ok
      latencyMs
      error
      account {
        ...IntegrationsAccount
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const UnlinkMutation = graphql(`
  mutation IntegrationsUnlink($id: ID!) {
    unlinkMeliAccount(id: $id) {
      account {
        ...IntegrationsAccount
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const SyncNowMutation = graphql(`
  mutation IntegrationsSyncNow($meliAccountId: ID!) {
    syncMeliAccountNow(meliAccountId: $meliAccountId) {
      syncRun {
        ...IntegrationsSyncRun
      }
      joined
      errors {
        ...UserErrorFields
      }
    }
  }
`);
