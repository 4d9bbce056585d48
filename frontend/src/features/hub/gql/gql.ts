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
    "\n  fragment HubCard on HubOrder {\n    id\n    code\n    status\n    unmappedSkus\n    readyAt\n    pickedUpAt\n    createdAt\n    blockers\n    recipient {\n      name\n      document\n      phone\n      email\n      masked\n    }\n    lines {\n      orderMlId\n      externalSku\n      internalSku\n      title\n      quantity\n    }\n    volumes {\n      id\n      number\n      status\n      position\n      weightGrams\n      dimensions\n      externalLabel\n    }\n    notifications {\n      id\n      channel\n      reason\n      status\n      attempts\n      lastError\n      destination\n      sentAt\n      createdAt\n    }\n  }\n": typeof types.HubCardFragmentDoc,
    "\n  query HubBoard($search: String) {\n    waiting: hubOrders(filter: { statuses: [RECEBIDO], mappingNeeded: true, search: $search }, first: 20) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n    received: hubOrders(filter: { statuses: [RECEBIDO], mappingNeeded: false, search: $search }, first: 30) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n    ready: hubOrders(filter: { statuses: [PRONTO], search: $search }, first: 30) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n    pickedUp: hubOrders(filter: { statuses: [RETIRADO], search: $search }, first: 10) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n  }\n": typeof types.HubBoardDocument,
    "\n  query HubFlags {\n    featureFlags {\n      key\n      enabled\n    }\n  }\n": typeof types.HubFlagsDocument,
    "\n  query HubOrderDetail($id: ID!) {\n    hubOrder(id: $id) {\n      ...HubCard\n    }\n  }\n": typeof types.HubOrderDetailDocument,
    "\n  query HubPickupSearch($search: String!) {\n    hubOrders(filter: { search: $search }, first: 5) {\n      nodes {\n        id\n        code\n        status\n        pickedUpAt\n        recipient {\n          name\n          document\n          masked\n        }\n        volumes {\n          id\n          position\n        }\n      }\n    }\n  }\n": typeof types.HubPickupSearchDocument,
    "\n  query HubMappings {\n    skuMappings {\n      id\n      channel\n      externalSku\n      internalSku\n      updatedAt\n    }\n    statusMappings {\n      id\n      channel\n      externalStatus\n      internalStatus\n      terminal\n      updatedAt\n    }\n  }\n": typeof types.HubMappingsDocument,
    "\n  subscription HubOrderChanged {\n    hubOrderChanged {\n      id\n    }\n  }\n": typeof types.HubOrderChangedDocument,
    "\n  mutation HubSetFeatureFlag($key: String!, $enabled: Boolean!) {\n    setFeatureFlag(key: $key, enabled: $enabled) {\n      flags {\n        key\n        enabled\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.HubSetFeatureFlagDocument,
    "\n  mutation HubReceiveVolume($id: ID!, $position: String!) {\n    receiveHubVolume(id: $id, position: $position) {\n      order {\n        id\n        status\n        blockers\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.HubReceiveVolumeDocument,
    "\n  mutation HubSetRecipientEmail($id: ID!, $email: String) {\n    setHubRecipientEmail(id: $id, email: $email) {\n      order {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.HubSetRecipientEmailDocument,
    "\n  mutation HubResendNotification($orderId: ID!) {\n    resendReadyNotification(orderId: $orderId) {\n      order {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.HubResendNotificationDocument,
    "\n  mutation HubConfirmPickup($id: ID!, $receiverDocument: String!) {\n    confirmPickup(id: $id, receiverDocument: $receiverDocument) {\n      order {\n        id\n        status\n        pickedUpAt\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.HubConfirmPickupDocument,
    "\n  mutation HubSetSkuMapping($input: SetSkuMappingInput!) {\n    setSkuMapping(input: $input) {\n      mapping {\n        id\n        externalSku\n        internalSku\n      }\n      orders {\n        id\n        unmappedSkus\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.HubSetSkuMappingDocument,
    "\n  mutation HubDeleteSkuMapping($id: ID!) {\n    deleteSkuMapping(id: $id) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.HubDeleteSkuMappingDocument,
    "\n  mutation HubSetStatusMapping($input: SetStatusMappingInput!) {\n    setStatusMapping(input: $input) {\n      mapping {\n        id\n        externalStatus\n        internalStatus\n        terminal\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.HubSetStatusMappingDocument,
    "\n  fragment HubSettingsFields on HubSettings {\n    name\n    address\n    pickupHours\n    smtpConfigured\n    smtpFrom\n    smsUrl\n    smsTokenSet\n    whatsappUrl\n    whatsappTokenSet\n  }\n": typeof types.HubSettingsFieldsFragmentDoc,
    "\n  query HubSettings {\n    hubSettings {\n      ...HubSettingsFields\n    }\n  }\n": typeof types.HubSettingsDocument,
    "\n  mutation HubUpdateSettings($input: UpdateHubSettingsInput!) {\n    updateHubSettings(input: $input) {\n      settings {\n        ...HubSettingsFields\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.HubUpdateSettingsDocument,
    "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n": typeof types.UserErrorFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  fragment HubCard on HubOrder {\n    id\n    code\n    status\n    unmappedSkus\n    readyAt\n    pickedUpAt\n    createdAt\n    blockers\n    recipient {\n      name\n      document\n      phone\n      email\n      masked\n    }\n    lines {\n      orderMlId\n      externalSku\n      internalSku\n      title\n      quantity\n    }\n    volumes {\n      id\n      number\n      status\n      position\n      weightGrams\n      dimensions\n      externalLabel\n    }\n    notifications {\n      id\n      channel\n      reason\n      status\n      attempts\n      lastError\n      destination\n      sentAt\n      createdAt\n    }\n  }\n": types.HubCardFragmentDoc,
    "\n  query HubBoard($search: String) {\n    waiting: hubOrders(filter: { statuses: [RECEBIDO], mappingNeeded: true, search: $search }, first: 20) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n    received: hubOrders(filter: { statuses: [RECEBIDO], mappingNeeded: false, search: $search }, first: 30) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n    ready: hubOrders(filter: { statuses: [PRONTO], search: $search }, first: 30) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n    pickedUp: hubOrders(filter: { statuses: [RETIRADO], search: $search }, first: 10) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n  }\n": types.HubBoardDocument,
    "\n  query HubFlags {\n    featureFlags {\n      key\n      enabled\n    }\n  }\n": types.HubFlagsDocument,
    "\n  query HubOrderDetail($id: ID!) {\n    hubOrder(id: $id) {\n      ...HubCard\n    }\n  }\n": types.HubOrderDetailDocument,
    "\n  query HubPickupSearch($search: String!) {\n    hubOrders(filter: { search: $search }, first: 5) {\n      nodes {\n        id\n        code\n        status\n        pickedUpAt\n        recipient {\n          name\n          document\n          masked\n        }\n        volumes {\n          id\n          position\n        }\n      }\n    }\n  }\n": types.HubPickupSearchDocument,
    "\n  query HubMappings {\n    skuMappings {\n      id\n      channel\n      externalSku\n      internalSku\n      updatedAt\n    }\n    statusMappings {\n      id\n      channel\n      externalStatus\n      internalStatus\n      terminal\n      updatedAt\n    }\n  }\n": types.HubMappingsDocument,
    "\n  subscription HubOrderChanged {\n    hubOrderChanged {\n      id\n    }\n  }\n": types.HubOrderChangedDocument,
    "\n  mutation HubSetFeatureFlag($key: String!, $enabled: Boolean!) {\n    setFeatureFlag(key: $key, enabled: $enabled) {\n      flags {\n        key\n        enabled\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.HubSetFeatureFlagDocument,
    "\n  mutation HubReceiveVolume($id: ID!, $position: String!) {\n    receiveHubVolume(id: $id, position: $position) {\n      order {\n        id\n        status\n        blockers\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.HubReceiveVolumeDocument,
    "\n  mutation HubSetRecipientEmail($id: ID!, $email: String) {\n    setHubRecipientEmail(id: $id, email: $email) {\n      order {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.HubSetRecipientEmailDocument,
    "\n  mutation HubResendNotification($orderId: ID!) {\n    resendReadyNotification(orderId: $orderId) {\n      order {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.HubResendNotificationDocument,
    "\n  mutation HubConfirmPickup($id: ID!, $receiverDocument: String!) {\n    confirmPickup(id: $id, receiverDocument: $receiverDocument) {\n      order {\n        id\n        status\n        pickedUpAt\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.HubConfirmPickupDocument,
    "\n  mutation HubSetSkuMapping($input: SetSkuMappingInput!) {\n    setSkuMapping(input: $input) {\n      mapping {\n        id\n        externalSku\n        internalSku\n      }\n      orders {\n        id\n        unmappedSkus\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.HubSetSkuMappingDocument,
    "\n  mutation HubDeleteSkuMapping($id: ID!) {\n    deleteSkuMapping(id: $id) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.HubDeleteSkuMappingDocument,
    "\n  mutation HubSetStatusMapping($input: SetStatusMappingInput!) {\n    setStatusMapping(input: $input) {\n      mapping {\n        id\n        externalStatus\n        internalStatus\n        terminal\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.HubSetStatusMappingDocument,
    "\n  fragment HubSettingsFields on HubSettings {\n    name\n    address\n    pickupHours\n    smtpConfigured\n    smtpFrom\n    smsUrl\n    smsTokenSet\n    whatsappUrl\n    whatsappTokenSet\n  }\n": types.HubSettingsFieldsFragmentDoc,
    "\n  query HubSettings {\n    hubSettings {\n      ...HubSettingsFields\n    }\n  }\n": types.HubSettingsDocument,
    "\n  mutation HubUpdateSettings($input: UpdateHubSettingsInput!) {\n    updateHubSettings(input: $input) {\n      settings {\n        ...HubSettingsFields\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.HubUpdateSettingsDocument,
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
export function graphql(source: "\n  fragment HubCard on HubOrder {\n    id\n    code\n    status\n    unmappedSkus\n    readyAt\n    pickedUpAt\n    createdAt\n    blockers\n    recipient {\n      name\n      document\n      phone\n      email\n      masked\n    }\n    lines {\n      orderMlId\n      externalSku\n      internalSku\n      title\n      quantity\n    }\n    volumes {\n      id\n      number\n      status\n      position\n      weightGrams\n      dimensions\n      externalLabel\n    }\n    notifications {\n      id\n      channel\n      reason\n      status\n      attempts\n      lastError\n      destination\n      sentAt\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  fragment HubCard on HubOrder {\n    id\n    code\n    status\n    unmappedSkus\n    readyAt\n    pickedUpAt\n    createdAt\n    blockers\n    recipient {\n      name\n      document\n      phone\n      email\n      masked\n    }\n    lines {\n      orderMlId\n      externalSku\n      internalSku\n      title\n      quantity\n    }\n    volumes {\n      id\n      number\n      status\n      position\n      weightGrams\n      dimensions\n      externalLabel\n    }\n    notifications {\n      id\n      channel\n      reason\n      status\n      attempts\n      lastError\n      destination\n      sentAt\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HubBoard($search: String) {\n    waiting: hubOrders(filter: { statuses: [RECEBIDO], mappingNeeded: true, search: $search }, first: 20) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n    received: hubOrders(filter: { statuses: [RECEBIDO], mappingNeeded: false, search: $search }, first: 30) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n    ready: hubOrders(filter: { statuses: [PRONTO], search: $search }, first: 30) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n    pickedUp: hubOrders(filter: { statuses: [RETIRADO], search: $search }, first: 10) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query HubBoard($search: String) {\n    waiting: hubOrders(filter: { statuses: [RECEBIDO], mappingNeeded: true, search: $search }, first: 20) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n    received: hubOrders(filter: { statuses: [RECEBIDO], mappingNeeded: false, search: $search }, first: 30) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n    ready: hubOrders(filter: { statuses: [PRONTO], search: $search }, first: 30) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n    pickedUp: hubOrders(filter: { statuses: [RETIRADO], search: $search }, first: 10) {\n      nodes {\n        ...HubCard\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HubFlags {\n    featureFlags {\n      key\n      enabled\n    }\n  }\n"): (typeof documents)["\n  query HubFlags {\n    featureFlags {\n      key\n      enabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HubOrderDetail($id: ID!) {\n    hubOrder(id: $id) {\n      ...HubCard\n    }\n  }\n"): (typeof documents)["\n  query HubOrderDetail($id: ID!) {\n    hubOrder(id: $id) {\n      ...HubCard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HubPickupSearch($search: String!) {\n    hubOrders(filter: { search: $search }, first: 5) {\n      nodes {\n        id\n        code\n        status\n        pickedUpAt\n        recipient {\n          name\n          document\n          masked\n        }\n        volumes {\n          id\n          position\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HubPickupSearch($search: String!) {\n    hubOrders(filter: { search: $search }, first: 5) {\n      nodes {\n        id\n        code\n        status\n        pickedUpAt\n        recipient {\n          name\n          document\n          masked\n        }\n        volumes {\n          id\n          position\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HubMappings {\n    skuMappings {\n      id\n      channel\n      externalSku\n      internalSku\n      updatedAt\n    }\n    statusMappings {\n      id\n      channel\n      externalStatus\n      internalStatus\n      terminal\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query HubMappings {\n    skuMappings {\n      id\n      channel\n      externalSku\n      internalSku\n      updatedAt\n    }\n    statusMappings {\n      id\n      channel\n      externalStatus\n      internalStatus\n      terminal\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription HubOrderChanged {\n    hubOrderChanged {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription HubOrderChanged {\n    hubOrderChanged {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HubSetFeatureFlag($key: String!, $enabled: Boolean!) {\n    setFeatureFlag(key: $key, enabled: $enabled) {\n      flags {\n        key\n        enabled\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation HubSetFeatureFlag($key: String!, $enabled: Boolean!) {\n    setFeatureFlag(key: $key, enabled: $enabled) {\n      flags {\n        key\n        enabled\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HubReceiveVolume($id: ID!, $position: String!) {\n    receiveHubVolume(id: $id, position: $position) {\n      order {\n        id\n        status\n        blockers\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation HubReceiveVolume($id: ID!, $position: String!) {\n    receiveHubVolume(id: $id, position: $position) {\n      order {\n        id\n        status\n        blockers\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HubSetRecipientEmail($id: ID!, $email: String) {\n    setHubRecipientEmail(id: $id, email: $email) {\n      order {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation HubSetRecipientEmail($id: ID!, $email: String) {\n    setHubRecipientEmail(id: $id, email: $email) {\n      order {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HubResendNotification($orderId: ID!) {\n    resendReadyNotification(orderId: $orderId) {\n      order {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation HubResendNotification($orderId: ID!) {\n    resendReadyNotification(orderId: $orderId) {\n      order {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HubConfirmPickup($id: ID!, $receiverDocument: String!) {\n    confirmPickup(id: $id, receiverDocument: $receiverDocument) {\n      order {\n        id\n        status\n        pickedUpAt\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation HubConfirmPickup($id: ID!, $receiverDocument: String!) {\n    confirmPickup(id: $id, receiverDocument: $receiverDocument) {\n      order {\n        id\n        status\n        pickedUpAt\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HubSetSkuMapping($input: SetSkuMappingInput!) {\n    setSkuMapping(input: $input) {\n      mapping {\n        id\n        externalSku\n        internalSku\n      }\n      orders {\n        id\n        unmappedSkus\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation HubSetSkuMapping($input: SetSkuMappingInput!) {\n    setSkuMapping(input: $input) {\n      mapping {\n        id\n        externalSku\n        internalSku\n      }\n      orders {\n        id\n        unmappedSkus\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HubDeleteSkuMapping($id: ID!) {\n    deleteSkuMapping(id: $id) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation HubDeleteSkuMapping($id: ID!) {\n    deleteSkuMapping(id: $id) {\n      deletedId\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HubSetStatusMapping($input: SetStatusMappingInput!) {\n    setStatusMapping(input: $input) {\n      mapping {\n        id\n        externalStatus\n        internalStatus\n        terminal\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation HubSetStatusMapping($input: SetStatusMappingInput!) {\n    setStatusMapping(input: $input) {\n      mapping {\n        id\n        externalStatus\n        internalStatus\n        terminal\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HubSettingsFields on HubSettings {\n    name\n    address\n    pickupHours\n    smtpConfigured\n    smtpFrom\n    smsUrl\n    smsTokenSet\n    whatsappUrl\n    whatsappTokenSet\n  }\n"): (typeof documents)["\n  fragment HubSettingsFields on HubSettings {\n    name\n    address\n    pickupHours\n    smtpConfigured\n    smtpFrom\n    smsUrl\n    smsTokenSet\n    whatsappUrl\n    whatsappTokenSet\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HubSettings {\n    hubSettings {\n      ...HubSettingsFields\n    }\n  }\n"): (typeof documents)["\n  query HubSettings {\n    hubSettings {\n      ...HubSettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HubUpdateSettings($input: UpdateHubSettingsInput!) {\n    updateHubSettings(input: $input) {\n      settings {\n        ...HubSettingsFields\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation HubUpdateSettings($input: UpdateHubSettingsInput!) {\n    updateHubSettings(input: $input) {\n      settings {\n        ...HubSettingsFields\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"): (typeof documents)["\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;