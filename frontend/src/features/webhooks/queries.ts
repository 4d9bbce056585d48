// Every GraphQL operation of the outbound webhooks screen (its own codegen folder: only this route loads them).
import { graphql } from "./gql";

graphql(`
  fragment WebhookSubscriptionRow on WebhookSubscription {
    id
    url
    events
    description
    status
    disabledReason
    consecutiveFailures
    createdAt
  }
`);

graphql(`
  fragment WebhookDeliveryRow on WebhookDelivery {
    id
    event
    eventId
    status
    attempts
    responseStatus
    durationMs
    error
    nextAttemptAt
    deliveredAt
    createdAt
    replayOf
    requestBody
  }
`);

export const WebhookSubscriptionsQuery = graphql(`
  query WebhookSubscriptions {
    webhookSubscriptions {
      ...WebhookSubscriptionRow
    }
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($subscriptionId: ID!, $first: Int, $after: String) {
    webhookDeliveries(subscriptionId: $subscriptionId, first: $first, after: $after) {
      nodes {
        ...WebhookDeliveryRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export const CreateWebhookSubscriptionMutation = graphql(`
  mutation CreateWebhookSubscription($url: String!, $events: [WebhookEvent!]!, $description: String) {
    createWebhookSubscription(url: $url, events: $events, description: $description) {
      webhookSubscription {
        ...WebhookSubscriptionRow
      }
      secret
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const UpdateWebhookSubscriptionMutation = graphql(`
  mutation SetWebhookSubscriptionActive($id: ID!, $active: Boolean) {
    updateWebhookSubscription(id: $id, active: $active) {
      webhookSubscription {
        ...WebhookSubscriptionRow
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const DeleteWebhookSubscriptionMutation = graphql(`
  mutation DeleteWebhookSubscription($id: ID!) {
    deleteWebhookSubscription(id: $id) {
      deletedId
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const ReplayWebhookDeliveryMutation = graphql(`
  mutation ReplayWebhookDelivery($id: ID!) {
    replayWebhookDelivery(id: $id) {
      delivery {
        ...WebhookDeliveryRow
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);
