// Every GraphQL operation of the listings screen (typed by graphql-codegen from schema.graphql).
import { graphql } from "./gql";

graphql(`
  fragment ListingsRow on Listing {
    id
    mlId
    meliAccountId
    title
    status
    subStatus
    price {
      amount
      currency
    }
    availableQuantity
    soldQuantity
    sku
    permalink
    thumbnail
    updatedAt
    score {
      value
      level
    }
    variations {
      id
      mlId
      sku
      price {
        amount
        currency
      }
      availableQuantity
      soldQuantity
      attributes {
        name
        value
      }
    }
  }
`);

export const ListingsQuery = graphql(`
  query ListingsList($filter: ListingFilter, $sort: ListingSort, $first: Int, $after: String) {
    listings(filter: $filter, sort: $sort, first: $first, after: $after) {
      nodes {
        ...ListingsRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export const ListingsAccountsQuery = graphql(`
  query ListingsAccounts {
    meliAccounts(first: 50) {
      nodes {
        id
        nickname
      }
    }
  }
`);

export const ListingChangedSubscription = graphql(`
  subscription ListingsChanged($meliAccountIds: [ID!]) {
    listingChanged(meliAccountIds: $meliAccountIds) {
      ...ListingsRow
    }
  }
`);

export const ListingHistoryQuery = graphql(`
  query ListingsHistory($id: ID!, $first: Int, $after: String) {
    listing(id: $id) {
      id
      mlId
      title
      updatedAt
      variations {
        mlId
        attributes {
          name
          value
        }
      }
      changes(first: $first, after: $after) {
        nodes {
          field
          from
          to
          source
          at
          actor {
            kind
            id
            user {
              id
              name
              email
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
        totalCount
      }
    }
  }
`);

export const UpdateListingMutation = graphql(`
  mutation ListingsUpdate($id: ID!, $input: UpdateListingInput!, $expectedUpdatedAt: DateTime) {
    updateListing(id: $id, input: $input, expectedUpdatedAt: $expectedUpdatedAt) {
      listing {
        ...ListingsRow
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const UpdateVariationsMutation = graphql(`
  mutation ListingsUpdateVariations($listingId: ID!, $variations: [VariationChange!]!, $expectedUpdatedAt: DateTime) {
    updateVariations(listingId: $listingId, variations: $variations, expectedUpdatedAt: $expectedUpdatedAt) {
      listing {
        ...ListingsRow
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

graphql(`
  fragment ListingsBulk on BulkOperation {
    id
    status
    total
    done
    finishedAt
    lines {
      position
      sku
      listingId
      variationId
      availableQuantity
      result
      message
      previousQuantity
    }
  }
`);

export const BulkUpdateStockMutation = graphql(`
  mutation ListingsBulkStock($lines: [StockLine!]!) {
    bulkUpdateStock(lines: $lines) {
      bulkOperation {
        ...ListingsBulk
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const BulkOperationQuery = graphql(`
  query ListingsBulkOperation($id: ID!) {
    bulkOperation(id: $id) {
      ...ListingsBulk
    }
  }
`);

export const BulkProgressSubscription = graphql(`
  subscription ListingsBulkProgress($id: ID!) {
    bulkOperationProgress(id: $id) {
      ...ListingsBulk
    }
  }
`);

export const ListingsMatchQuery = graphql(`
  query ListingsMatch($search: String!) {
    listings(filter: { search: $search }, first: 5) {
      nodes {
        ...ListingsRow
      }
    }
  }
`);

export const ListingsNodeQuery = graphql(`
  query ListingsNode($id: ID!) {
    node(id: $id) {
      __typename
      ... on Listing {
        ...ListingsRow
      }
      ... on Variation {
        id
        mlId
        sku
        availableQuantity
        attributes {
          name
          value
        }
      }
    }
  }
`);
