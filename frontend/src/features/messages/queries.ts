// Every GraphQL operation of the messages screen (typed by graphql-codegen from schema.graphql).
import { graphql } from "@/gql";

graphql(`
  fragment InboxRow on Conversation {
    id
    meliAccountId
    threadMlId
    packMlId
    unreadCount
    lastMessageAt
    buyer {
      id
      nickname
    }
    lastMessage {
      id
      text
      fromSeller
      dateCreated
    }
  }
`);

graphql(`
  fragment ThreadMessage on ConversationMessage {
    id
    mlId
    text
    fromSeller
    dateCreated
    readAt
    sentBy {
      id
      name
    }
  }
`);

graphql(`
  fragment ThreadOrder on Order {
    id
    mlId
    status
    dateCreated
    totalAmount {
      amount
      currency
    }
    items {
      lineNo
      title
      quantity
      unitPrice {
        amount
        currency
      }
    }
    shipment {
      id
      mlId
      status
      substatus
      trackingNumber
    }
  }
`);

export const InboxQuery = graphql(`
  query InboxConversations($filter: ConversationFilter, $first: Int, $after: String) {
    conversations(filter: $filter, first: $first, after: $after) {
      nodes {
        ...InboxRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export const InboxAccountsQuery = graphql(`
  query InboxAccounts {
    meliAccounts(first: 50) {
      nodes {
        id
        nickname
        siteId
      }
    }
  }
`);

export const ThreadQuery = graphql(`
  query InboxThread($id: ID!, $last: Int) {
    conversation(id: $id) {
      ...InboxRow
      status
      substatus
      canSend
      sellerMaxMessageLength
      messages(last: $last) {
        nodes {
          ...ThreadMessage
        }
        totalCount
      }
      orders {
        ...ThreadOrder
      }
    }
  }
`);

export const ConversationChangedSubscription = graphql(`
  subscription InboxConversationChanged($meliAccountIds: [ID!]) {
    conversationChanged(meliAccountIds: $meliAccountIds) {
      id
    }
  }
`);

export const SendMessageMutation = graphql(`
  mutation InboxSendMessage($conversationId: ID!, $text: String!) {
    sendMessage(conversationId: $conversationId, text: $text) {
      conversation {
        ...InboxRow
      }
      message {
        ...ThreadMessage
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const MarkReadMutation = graphql(`
  mutation InboxMarkRead($conversationId: ID!) {
    markConversationRead(conversationId: $conversationId) {
      conversation {
        ...InboxRow
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

graphql(`
  fragment ClaimRow on Claim {
    id
    mlId
    meliAccountId
    status
    stage
    type
    reasonId
    resource
    resourceId
    dueDate
    dateCreated
    lastUpdated
    sellerActions {
      action
      dueDate
      mandatory
    }
    order {
      id
      mlId
    }
  }
`);

export const ClaimsQuery = graphql(`
  query InboxClaims($filter: ClaimFilter, $first: Int, $after: String) {
    claims(filter: $filter, first: $first, after: $after) {
      nodes {
        ...ClaimRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

/** What the tabs announce: unread conversations and open claims (of the accounts filtered). */
export const InboxCountsQuery = graphql(`
  query InboxCounts($unread: ConversationFilter, $open: ClaimFilter) {
    unread: conversations(filter: $unread, first: 1) {
      totalCount
    }
    open: claims(filter: $open, first: 1) {
      totalCount
    }
  }
`);

export const ClaimChangedSubscription = graphql(`
  subscription InboxClaimChanged($meliAccountIds: [ID!]) {
    claimChanged(meliAccountIds: $meliAccountIds) {
      id
    }
  }
`);
