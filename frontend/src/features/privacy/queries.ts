import { graphql } from "./gql";

export const ExportCustomerDataMutation = graphql(`
  mutation ExportCustomerData($customerId: ID!) {
    exportCustomerData(customerId: $customerId) {
      data
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const EraseCustomerDataMutation = graphql(`
  mutation EraseCustomerData($customerId: ID!) {
    eraseCustomerData(customerId: $customerId) {
      erasure {
        erasedAt
        orders
        messages
        questions
        hubOrders
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);
