// Every GraphQL operation of the pickup hub screen (typed by graphql-codegen from schema.graphql).
// Every route's bundle carries every operation's document, so mutations ask back only an id and what
// the screen reads at once: urql's document cache refetches the queries that hold a HubOrder, and
// hubOrderChanged refreshes the board.
import { graphql } from "./gql";

graphql(`
  fragment HubCard on HubOrder {
    id
    code
    status
    unmappedSkus
    readyAt
    pickedUpAt
    createdAt
    blockers
    recipient {
      name
      document
      phone
      email
      masked
    }
    lines {
      orderMlId
      externalSku
      internalSku
      title
      quantity
    }
    volumes {
      id
      number
      status
      position
      weightGrams
      dimensions
      externalLabel
    }
    notifications {
      id
      channel
      reason
      status
      attempts
      lastError
      destination
      sentAt
      createdAt
    }
  }
`);

// The board in one request: each column is the API's own filter, so counts and order are the server's.
// Page sizes keep the worst case (≈ 460 cost points) inside the caller's bucket on every live refetch.
export const HubBoardQuery = graphql(`
  query HubBoard($search: String) {
    waiting: hubOrders(filter: { statuses: [RECEBIDO], mappingNeeded: true, search: $search }, first: 20) {
      nodes {
        ...HubCard
      }
      totalCount
    }
    received: hubOrders(filter: { statuses: [RECEBIDO], mappingNeeded: false, search: $search }, first: 30) {
      nodes {
        ...HubCard
      }
      totalCount
    }
    ready: hubOrders(filter: { statuses: [PRONTO], search: $search }, first: 30) {
      nodes {
        ...HubCard
      }
      totalCount
    }
    pickedUp: hubOrders(filter: { statuses: [RETIRADO], search: $search }, first: 10) {
      nodes {
        ...HubCard
      }
      totalCount
    }
  }
`);

export const HubFlagsQuery = graphql(`
  query HubFlags {
    featureFlags {
      key
      enabled
    }
  }
`);

export const HubOrderQuery = graphql(`
  query HubOrderDetail($id: ID!) {
    hubOrder(id: $id) {
      ...HubCard
    }
  }
`);

// The desk looks an order up by the code the buyer says (the API matches the code's start).
export const PickupSearchQuery = graphql(`
  query HubPickupSearch($search: String!) {
    hubOrders(filter: { search: $search }, first: 5) {
      nodes {
        id
        code
        status
        pickedUpAt
        recipient {
          name
          document
          masked
        }
        volumes {
          id
          position
        }
      }
    }
  }
`);

export const HubMappingsQuery = graphql(`
  query HubMappings {
    skuMappings {
      id
      channel
      externalSku
      internalSku
      updatedAt
    }
    statusMappings {
      id
      channel
      externalStatus
      internalStatus
      terminal
      updatedAt
    }
  }
`);

export const HubOrderChangedSubscription = graphql(`
  subscription HubOrderChanged {
    hubOrderChanged {
      id
    }
  }
`);

export const SetFeatureFlagMutation = graphql(`
  mutation HubSetFeatureFlag($key: String!, $enabled: Boolean!) {
    setFeatureFlag(key: $key, enabled: $enabled) {
      flags {
        key
        enabled
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const ReceiveVolumeMutation = graphql(`
  mutation HubReceiveVolume($id: ID!, $position: String!) {
    receiveHubVolume(id: $id, position: $position) {
      order {
        id
        status
        blockers
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const SetRecipientEmailMutation = graphql(`
  mutation HubSetRecipientEmail($id: ID!, $email: String) {
    setHubRecipientEmail(id: $id, email: $email) {
      order {
        id
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const ResendNotificationMutation = graphql(`
  mutation HubResendNotification($orderId: ID!) {
    resendReadyNotification(orderId: $orderId) {
      order {
        id
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const ConfirmPickupMutation = graphql(`
  mutation HubConfirmPickup($id: ID!, $receiverDocument: String!) {
    confirmPickup(id: $id, receiverDocument: $receiverDocument) {
      order {
        id
        status
        pickedUpAt
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const SetSkuMappingMutation = graphql(`
  mutation HubSetSkuMapping($input: SetSkuMappingInput!) {
    setSkuMapping(input: $input) {
      mapping {
        id
        externalSku
        internalSku
      }
      orders {
        id
        unmappedSkus
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const DeleteSkuMappingMutation = graphql(`
  mutation HubDeleteSkuMapping($id: ID!) {
    deleteSkuMapping(id: $id) {
      deletedId
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const SetStatusMappingMutation = graphql(`
  mutation HubSetStatusMapping($input: SetStatusMappingInput!) {
    setStatusMapping(input: $input) {
      mapping {
        id
        externalStatus
        internalStatus
        terminal
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

// The settings screen (/hub/configuracoes/): the hub's details and the company's own providers. The
// secrets are write-only: the API says only whether each is set.
graphql(`
  fragment HubSettingsFields on HubSettings {
    name
    address
    pickupHours
    smtpConfigured
    smtpFrom
    smsUrl
    smsTokenSet
    whatsappUrl
    whatsappTokenSet
  }
`);

export const HubSettingsQuery = graphql(`
  query HubSettings {
    hubSettings {
      ...HubSettingsFields
    }
  }
`);

export const UpdateHubSettingsMutation = graphql(`
  mutation HubUpdateSettings($input: UpdateHubSettingsInput!) {
    updateHubSettings(input: $input) {
      settings {
        ...HubSettingsFields
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);
