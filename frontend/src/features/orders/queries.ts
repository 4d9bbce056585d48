// Every GraphQL operation of the orders screen (typed by graphql-codegen from schema.graphql).
import { graphql } from "@/gql";

graphql(`
  fragment OrdersShipment on Shipment {
    id
    mlId
    status
    substatus
    logisticType
    trackingNumber
    dateCreated
    handlingLimit
    estimatedDeliveryLimit
    labelPrintedAt
    exception
    updatedAt
  }
`);

graphql(`
  fragment OrdersRow on Order {
    id
    mlId
    meliAccountId
    status
    packId
    dateCreated
    updatedAt
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
      sku
      quantity
    }
    fulfilment {
      state
      pickedAt
      packedAt
    }
    shipment {
      ...OrdersShipment
    }
  }
`);

export const OrdersQuery = graphql(`
  query OrdersList($filter: OrderFilter, $first: Int, $after: String) {
    orders(filter: $filter, first: $first, after: $after, sort: { field: DATE_CREATED, direction: DESC }) {
      nodes {
        ...OrdersRow
        packOrders {
          ...OrdersRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

// The bench's open orders: no pack orders (a shipment id names the whole pack), so 50 stay cheap.
export const BenchOrdersQuery = graphql(`
  query OrdersBench($filter: OrderFilter, $first: Int, $after: String) {
    orders(filter: $filter, first: $first, after: $after, sort: { field: DATE_CREATED, direction: ASC }) {
      nodes {
        ...OrdersRow
      }
    }
  }
`);

export const OrdersAccountsQuery = graphql(`
  query OrdersAccounts {
    meliAccounts(first: 50) {
      nodes {
        id
        nickname
        siteId
      }
    }
  }
`);

export const OrderDetailQuery = graphql(`
  query OrdersDetail($id: ID!) {
    order(id: $id) {
      ...OrdersRow
      statusDetail
      dateClosed
      tags
      paidAmount {
        amount
        currency
      }
      buyer {
        id
        mlUserId
        nickname
        firstOrderAt
        lastOrderAt
      }
      items {
        lineNo
        itemMlId
        variationMlId
        title
        sku
        quantity
        unitPrice {
          amount
          currency
        }
        listing {
          id
          thumbnail
          permalink
        }
      }
      payments {
        id
        mlId
        status
        statusDetail
        amount {
          amount
          currency
        }
        paymentMethodId
        paymentType
        installments
        dateCreated
        dateApproved
      }
      fulfilment {
        state
        pickedAt
        packedAt
        pickedBy {
          id
          name
          email
        }
        packedBy {
          id
          name
          email
        }
      }
      packOrders {
        id
        mlId
        status
      }
    }
  }
`);

export const PickListQuery = graphql(`
  query OrdersPickList($shipmentIds: [ID!]!) {
    pickList(shipmentIds: $shipmentIds) {
      totalUnits
      shipments {
        id
        mlId
      }
      lines {
        itemMlId
        variationMlId
        sku
        title
        variationLabel
        quantity
        thumbnail
        orders {
          id
          mlId
        }
      }
      download {
        url
        fileName
        expiresAt
      }
    }
  }
`);

// What a pick or pack mark changes on each order of the packs it marked.
export const OrdersMarkedFragment = graphql(`
  fragment OrdersMarked on Order {
    id
    fulfilment {
      state
      pickedAt
      packedAt
    }
  }
`);

export const MarkPickedMutation = graphql(`
  mutation OrdersMarkPicked($ids: [ID!]!) {
    markPicked(ids: $ids) {
      orders {
        ...OrdersMarked
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const MarkPackedMutation = graphql(`
  mutation OrdersMarkPacked($ids: [ID!]!) {
    markPacked(ids: $ids) {
      orders {
        ...OrdersMarked
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const PrintLabelsMutation = graphql(`
  mutation OrdersPrintLabels($shipmentIds: [ID!]!, $format: LabelFormat!) {
    printShippingLabels(shipmentIds: $shipmentIds, format: $format) {
      download {
        url
        fileName
        contentType
        size
        expiresAt
      }
      labelCount
      shipments {
        id
        mlId
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const OrderChangedSubscription = graphql(`
  subscription OrdersOrderChanged($meliAccountIds: [ID!]) {
    orderChanged(meliAccountIds: $meliAccountIds) {
      id
    }
  }
`);

export const ShipmentChangedSubscription = graphql(`
  subscription OrdersShipmentChanged($meliAccountIds: [ID!]) {
    shipmentChanged(meliAccountIds: $meliAccountIds) {
      id
    }
  }
`);
