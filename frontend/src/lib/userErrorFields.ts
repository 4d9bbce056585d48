import { graphql } from "@/gql";

/**
 * A mutation's expected failures, as every payload of the API reports them (`errors: [UserError!]!`).
 * Operations spread it (`errors { ...UserErrorFields }`); codegen inlines it into each of them, so nothing
 * imports this file.
 */
export const UserErrorFields = graphql(`
  fragment UserErrorFields on UserError {
    field
    message
    code
  }
`);
