// The floor's operations: each block reads what it shows, and refetches when a subscription says
// its data changed (the subscriptions only carry ids; the figures always come from the server).
import { graphql } from "@/gql";

export const FloorFiguresQuery = graphql(`
  query FloorFigures($meliAccountIds: [ID!]) {
    floor(meliAccountIds: $meliAccountIds) {
      timeZone
      generatedAt
      shipmentsToDispatchToday
      shipmentsLate
      unansweredQuestions
      oldestUnansweredQuestionAt
      listingsOutOfStock
      shipmentExceptions {
        lateToDispatch
        notDelivered
        returning
        cancelledAfterLabel
      }
    }
  }
`);

// Today's sales from the same `kpis` as /relatorios: by hour, each hour beside the same hour of yesterday.
export const FloorSalesKpisQuery = graphql(`
  query FloorSalesKpis($range: KpiRange!, $meliAccountIds: [ID!]) {
    kpis(range: $range, meliAccountIds: $meliAccountIds, granularity: HOUR, compareTo: PREVIOUS_PERIOD) {
      timeZone
      currencies
      generatedAt
      metrics(keys: [GMV, ORDERS]) {
        key
        currency
        total
        previous
        series {
          start
          value
          previous
        }
      }
    }
  }
`);

export const FloorRecentOrdersQuery = graphql(`
  query FloorRecentOrders($filter: OrderFilter) {
    orders(first: 8, filter: $filter, sort: { field: DATE_CREATED, direction: DESC }) {
      nodes {
        id
        mlId
        meliAccountId
        status
        dateCreated
        totalAmount {
          amount
          currency
        }
        buyer {
          id
          nickname
        }
        items {
          lineNo
          title
          quantity
        }
      }
    }
  }
`);

export const FloorAccountsQuery = graphql(`
  query FloorAccounts {
    meliAccounts(first: 50) {
      nodes {
        id
        nickname
        siteId
        status
        health {
          state
          lastSyncedAt
          cursorLagSeconds
          failedEvents24h
          breakerOpen
          tokenExpiresAt
        }
      }
    }
  }
`);

export const FloorEventsQuery = graphql(`
  query FloorEvents($filter: IntegrationEventFilter) {
    integrationEvents(first: 10, filter: $filter) {
      nodes {
        id
        topic
        resource
        status
        attempts
        receivedAt
        lastError
        meliAccountId
      }
    }
  }
`);

export const FloorOrderChanged = graphql(`
  subscription FloorOrderChanged($meliAccountIds: [ID!]) {
    orderChanged(meliAccountIds: $meliAccountIds) {
      id
    }
  }
`);

export const FloorShipmentChanged = graphql(`
  subscription FloorShipmentChanged($meliAccountIds: [ID!]) {
    shipmentChanged(meliAccountIds: $meliAccountIds) {
      id
    }
  }
`);

export const FloorQuestionChanged = graphql(`
  subscription FloorQuestionChanged($meliAccountIds: [ID!]) {
    questionChanged(meliAccountIds: $meliAccountIds) {
      id
    }
  }
`);

export const FloorListingChanged = graphql(`
  subscription FloorListingChanged($meliAccountIds: [ID!]) {
    listingChanged(meliAccountIds: $meliAccountIds) {
      id
    }
  }
`);

export const FloorAccountChanged = graphql(`
  subscription FloorAccountChanged {
    meliAccountChanged {
      id
    }
  }
`);

export const FloorEventChanged = graphql(`
  subscription FloorEventChanged($meliAccountIds: [ID!]) {
    integrationEventChanged(meliAccountIds: $meliAccountIds) {
      id
    }
  }
`);

export const FloorSyncProgress = graphql(`
  subscription FloorSyncProgress {
    syncProgress {
      id
      kind
      status
      total
      done
      progress {
        resource
        total
        done
      }
      meliAccount {
        id
      }
    }
  }
`);
