// Every GraphQL operation of the events screen (typed by graphql-codegen from schema.graphql).
import { graphql } from "@/gql";

graphql(`
  fragment EventsRow on IntegrationEvent {
    id
    source
    topic
    resource
    status
    attempts
    deliveries
    lastError
    nextAttemptAt
    receivedAt
    processedAt
    updatedAt
    meliAccountId
  }
`);

export const EventsQuery = graphql(`
  query EventsTimeline(
    $filter: IntegrationEventFilter
    $troubledFilter: IntegrationEventFilter
    $sort: IntegrationEventSort
    $first: Int
    $after: String
  ) {
    troubled: integrationEvents(filter: $troubledFilter, first: 1) {
      totalCount
    }
    integrationEvents(filter: $filter, sort: $sort, first: $first, after: $after) {
      nodes {
        ...EventsRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export const EventsAccountsQuery = graphql(`
  query EventsAccounts {
    meliAccounts(first: 50) {
      nodes {
        id
        nickname
        siteId
      }
    }
  }
`);

export const EventDetailQuery = graphql(`
  query EventsDetail($id: ID!) {
    integrationEvent(id: $id) {
      ...EventsRow
      notificationId
      resourceVersion
      traceId
      payload
    }
  }
`);

export const EventChangedSubscription = graphql(`
  subscription EventsChanged($meliAccountIds: [ID!]) {
    integrationEventChanged(meliAccountIds: $meliAccountIds) {
      ...EventsRow
    }
  }
`);

export const ReprocessMutation = graphql(`
  mutation EventsReprocess($id: ID!) {
    reprocessEvent(id: $id) {
      event {
        ...EventsRow
      }
      reprocessId
      errors {
        ...UserErrorFields
      }
    }
  }
`);
