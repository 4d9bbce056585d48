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
    "\n  mutation ExportCustomerData($customerId: ID!) {\n    exportCustomerData(customerId: $customerId) {\n      data\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ExportCustomerDataDocument,
    "\n  mutation EraseCustomerData($customerId: ID!) {\n    eraseCustomerData(customerId: $customerId) {\n      erasure {\n        erasedAt\n        orders\n        messages\n        questions\n        hubOrders\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.EraseCustomerDataDocument,
    "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n": typeof types.UserErrorFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  mutation ExportCustomerData($customerId: ID!) {\n    exportCustomerData(customerId: $customerId) {\n      data\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ExportCustomerDataDocument,
    "\n  mutation EraseCustomerData($customerId: ID!) {\n    eraseCustomerData(customerId: $customerId) {\n      erasure {\n        erasedAt\n        orders\n        messages\n        questions\n        hubOrders\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.EraseCustomerDataDocument,
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
export function graphql(source: "\n  mutation ExportCustomerData($customerId: ID!) {\n    exportCustomerData(customerId: $customerId) {\n      data\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ExportCustomerData($customerId: ID!) {\n    exportCustomerData(customerId: $customerId) {\n      data\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EraseCustomerData($customerId: ID!) {\n    eraseCustomerData(customerId: $customerId) {\n      erasure {\n        erasedAt\n        orders\n        messages\n        questions\n        hubOrders\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EraseCustomerData($customerId: ID!) {\n    eraseCustomerData(customerId: $customerId) {\n      erasure {\n        erasedAt\n        orders\n        messages\n        questions\n        hubOrders\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"): (typeof documents)["\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;