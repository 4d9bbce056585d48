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
    "\n  fragment IntegrationsApplication on MeliApplication {\n    id\n    clientId\n    siteId\n    storeName\n    secretSet\n    lastTestAt\n    lastTestOk\n    lastTestError\n    linkedAccounts\n  }\n": typeof types.IntegrationsApplicationFragmentDoc,
    "\n  query IntegrationsApplication {\n    meliApplication {\n      ...IntegrationsApplication\n    }\n    meliApplicationUrls {\n      webhookUrl\n      redirectUri\n    }\n  }\n": typeof types.IntegrationsApplicationDocument,
    "\n  mutation IntegrationsSetApplication($input: SetMeliApplicationInput!) {\n    setMeliApplication(input: $input) {\n      application {\n        ...IntegrationsApplication\n      }\n      reauthorizeAccounts\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.IntegrationsSetApplicationDocument,
    "\n  mutation IntegrationsTestApplication {\n    testMeliApplication {\n      ok\n      latencyMs\n      error\n      application {\n        ...IntegrationsApplication\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.IntegrationsTestApplicationDocument,
    "\n  mutation IntegrationsRemoveApplication {\n    removeMeliApplication {\n      removed\n      reauthorizeAccounts\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.IntegrationsRemoveApplicationDocument,
    "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n": typeof types.UserErrorFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  fragment IntegrationsApplication on MeliApplication {\n    id\n    clientId\n    siteId\n    storeName\n    secretSet\n    lastTestAt\n    lastTestOk\n    lastTestError\n    linkedAccounts\n  }\n": types.IntegrationsApplicationFragmentDoc,
    "\n  query IntegrationsApplication {\n    meliApplication {\n      ...IntegrationsApplication\n    }\n    meliApplicationUrls {\n      webhookUrl\n      redirectUri\n    }\n  }\n": types.IntegrationsApplicationDocument,
    "\n  mutation IntegrationsSetApplication($input: SetMeliApplicationInput!) {\n    setMeliApplication(input: $input) {\n      application {\n        ...IntegrationsApplication\n      }\n      reauthorizeAccounts\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.IntegrationsSetApplicationDocument,
    "\n  mutation IntegrationsTestApplication {\n    testMeliApplication {\n      ok\n      latencyMs\n      error\n      application {\n        ...IntegrationsApplication\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.IntegrationsTestApplicationDocument,
    "\n  mutation IntegrationsRemoveApplication {\n    removeMeliApplication {\n      removed\n      reauthorizeAccounts\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.IntegrationsRemoveApplicationDocument,
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
export function graphql(source: "\n  fragment IntegrationsApplication on MeliApplication {\n    id\n    clientId\n    siteId\n    storeName\n    secretSet\n    lastTestAt\n    lastTestOk\n    lastTestError\n    linkedAccounts\n  }\n"): (typeof documents)["\n  fragment IntegrationsApplication on MeliApplication {\n    id\n    clientId\n    siteId\n    storeName\n    secretSet\n    lastTestAt\n    lastTestOk\n    lastTestError\n    linkedAccounts\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IntegrationsApplication {\n    meliApplication {\n      ...IntegrationsApplication\n    }\n    meliApplicationUrls {\n      webhookUrl\n      redirectUri\n    }\n  }\n"): (typeof documents)["\n  query IntegrationsApplication {\n    meliApplication {\n      ...IntegrationsApplication\n    }\n    meliApplicationUrls {\n      webhookUrl\n      redirectUri\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IntegrationsSetApplication($input: SetMeliApplicationInput!) {\n    setMeliApplication(input: $input) {\n      application {\n        ...IntegrationsApplication\n      }\n      reauthorizeAccounts\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IntegrationsSetApplication($input: SetMeliApplicationInput!) {\n    setMeliApplication(input: $input) {\n      application {\n        ...IntegrationsApplication\n      }\n      reauthorizeAccounts\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IntegrationsTestApplication {\n    testMeliApplication {\n      ok\n      latencyMs\n      error\n      application {\n        ...IntegrationsApplication\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IntegrationsTestApplication {\n    testMeliApplication {\n      ok\n      latencyMs\n      error\n      application {\n        ...IntegrationsApplication\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IntegrationsRemoveApplication {\n    removeMeliApplication {\n      removed\n      reauthorizeAccounts\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IntegrationsRemoveApplication {\n    removeMeliApplication {\n      removed\n      reauthorizeAccounts\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"): (typeof documents)["\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;