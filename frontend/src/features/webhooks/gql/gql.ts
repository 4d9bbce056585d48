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
    "\n  fragment WebhookSubscriptionRow on WebhookSubscription {\n    id\n    url\n    events\n    description\n    status\n    disabledReason\n    consecutiveFailures\n    createdAt\n  }\n": typeof types.WebhookSubscriptionRowFragmentDoc,
    "\n  fragment WebhookDeliveryRow on WebhookDelivery {\n    id\n    event\n    eventId\n    status\n    attempts\n    responseStatus\n    durationMs\n    error\n    nextAttemptAt\n    deliveredAt\n    createdAt\n    replayOf\n    requestBody\n  }\n": typeof types.WebhookDeliveryRowFragmentDoc,
    "\n  query WebhookSubscriptions {\n    webhookSubscriptions {\n      ...WebhookSubscriptionRow\n    }\n  }\n": typeof types.WebhookSubscriptionsDocument,
    "\n  query WebhookDeliveries($subscriptionId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(subscriptionId: $subscriptionId, first: $first, after: $after) {\n      nodes {\n        ...WebhookDeliveryRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.WebhookDeliveriesDocument,
    "\n  mutation CreateWebhookSubscription($url: String!, $events: [WebhookEvent!]!, $description: String) {\n    createWebhookSubscription(url: $url, events: $events, description: $description) {\n      webhookSubscription {\n        ...WebhookSubscriptionRow\n      }\n      secret\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CreateWebhookSubscriptionDocument,
    "\n  mutation SetWebhookSubscriptionActive($id: ID!, $active: Boolean) {\n    updateWebhookSubscription(id: $id, active: $active) {\n      webhookSubscription {\n        ...WebhookSubscriptionRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.SetWebhookSubscriptionActiveDocument,
    "\n  mutation DeleteWebhookSubscription($id: ID!) {\n    deleteWebhookSubscription(id: $id) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.DeleteWebhookSubscriptionDocument,
    "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      delivery {\n        ...WebhookDeliveryRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ReplayWebhookDeliveryDocument,
    "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n": typeof types.UserErrorFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  fragment WebhookSubscriptionRow on WebhookSubscription {\n    id\n    url\n    events\n    description\n    status\n    disabledReason\n    consecutiveFailures\n    createdAt\n  }\n": types.WebhookSubscriptionRowFragmentDoc,
    "\n  fragment WebhookDeliveryRow on WebhookDelivery {\n    id\n    event\n    eventId\n    status\n    attempts\n    responseStatus\n    durationMs\n    error\n    nextAttemptAt\n    deliveredAt\n    createdAt\n    replayOf\n    requestBody\n  }\n": types.WebhookDeliveryRowFragmentDoc,
    "\n  query WebhookSubscriptions {\n    webhookSubscriptions {\n      ...WebhookSubscriptionRow\n    }\n  }\n": types.WebhookSubscriptionsDocument,
    "\n  query WebhookDeliveries($subscriptionId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(subscriptionId: $subscriptionId, first: $first, after: $after) {\n      nodes {\n        ...WebhookDeliveryRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.WebhookDeliveriesDocument,
    "\n  mutation CreateWebhookSubscription($url: String!, $events: [WebhookEvent!]!, $description: String) {\n    createWebhookSubscription(url: $url, events: $events, description: $description) {\n      webhookSubscription {\n        ...WebhookSubscriptionRow\n      }\n      secret\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CreateWebhookSubscriptionDocument,
    "\n  mutation SetWebhookSubscriptionActive($id: ID!, $active: Boolean) {\n    updateWebhookSubscription(id: $id, active: $active) {\n      webhookSubscription {\n        ...WebhookSubscriptionRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.SetWebhookSubscriptionActiveDocument,
    "\n  mutation DeleteWebhookSubscription($id: ID!) {\n    deleteWebhookSubscription(id: $id) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.DeleteWebhookSubscriptionDocument,
    "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      delivery {\n        ...WebhookDeliveryRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ReplayWebhookDeliveryDocument,
    "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n": types.UserErrorFieldsFragmentDoc,
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
export function graphql(source: "\n  fragment WebhookSubscriptionRow on WebhookSubscription {\n    id\n    url\n    events\n    description\n    status\n    disabledReason\n    consecutiveFailures\n    createdAt\n  }\n"): (typeof documents)["\n  fragment WebhookSubscriptionRow on WebhookSubscription {\n    id\n    url\n    events\n    description\n    status\n    disabledReason\n    consecutiveFailures\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookDeliveryRow on WebhookDelivery {\n    id\n    event\n    eventId\n    status\n    attempts\n    responseStatus\n    durationMs\n    error\n    nextAttemptAt\n    deliveredAt\n    createdAt\n    replayOf\n    requestBody\n  }\n"): (typeof documents)["\n  fragment WebhookDeliveryRow on WebhookDelivery {\n    id\n    event\n    eventId\n    status\n    attempts\n    responseStatus\n    durationMs\n    error\n    nextAttemptAt\n    deliveredAt\n    createdAt\n    replayOf\n    requestBody\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookSubscriptions {\n    webhookSubscriptions {\n      ...WebhookSubscriptionRow\n    }\n  }\n"): (typeof documents)["\n  query WebhookSubscriptions {\n    webhookSubscriptions {\n      ...WebhookSubscriptionRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveries($subscriptionId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(subscriptionId: $subscriptionId, first: $first, after: $after) {\n      nodes {\n        ...WebhookDeliveryRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query WebhookDeliveries($subscriptionId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(subscriptionId: $subscriptionId, first: $first, after: $after) {\n      nodes {\n        ...WebhookDeliveryRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookSubscription($url: String!, $events: [WebhookEvent!]!, $description: String) {\n    createWebhookSubscription(url: $url, events: $events, description: $description) {\n      webhookSubscription {\n        ...WebhookSubscriptionRow\n      }\n      secret\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhookSubscription($url: String!, $events: [WebhookEvent!]!, $description: String) {\n    createWebhookSubscription(url: $url, events: $events, description: $description) {\n      webhookSubscription {\n        ...WebhookSubscriptionRow\n      }\n      secret\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetWebhookSubscriptionActive($id: ID!, $active: Boolean) {\n    updateWebhookSubscription(id: $id, active: $active) {\n      webhookSubscription {\n        ...WebhookSubscriptionRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetWebhookSubscriptionActive($id: ID!, $active: Boolean) {\n    updateWebhookSubscription(id: $id, active: $active) {\n      webhookSubscription {\n        ...WebhookSubscriptionRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhookSubscription($id: ID!) {\n    deleteWebhookSubscription(id: $id) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteWebhookSubscription($id: ID!) {\n    deleteWebhookSubscription(id: $id) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      delivery {\n        ...WebhookDeliveryRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      delivery {\n        ...WebhookDeliveryRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"): (typeof documents)["\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;