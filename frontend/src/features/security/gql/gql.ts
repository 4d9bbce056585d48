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
    "\n  mutation VerifyMfa($ticket: String!, $code: String!) {\n    verifyMfa(ticket: $ticket, code: $code) {\n      me {\n        ...MeFields\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.VerifyMfaDocument,
    "\n  mutation EnableMfa($ticket: String) {\n    enableMfa(ticket: $ticket) {\n      secret\n      otpauthUri\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.EnableMfaDocument,
    "\n  mutation ConfirmMfa($code: String!, $ticket: String) {\n    confirmMfa(code: $code, ticket: $ticket) {\n      recoveryCodes\n      me {\n        ...MeFields\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ConfirmMfaDocument,
    "\n  mutation DisableMfa($code: String!) {\n    disableMfa(code: $code) {\n      ok\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.DisableMfaDocument,
    "\n  query SecurityOverview {\n    me {\n      role\n      mfaEnabled\n      recoveryCodesLeft\n    }\n    tenant {\n      id\n      mfaRequired\n    }\n  }\n": typeof types.SecurityOverviewDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastUsedAt\n      expiresAt\n      userAgent\n      ip\n      current\n    }\n  }\n": typeof types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RevokeSessionDocument,
    "\n  mutation RequireMfa($required: Boolean!) {\n    updateTenantSettings(input: { mfaRequired: $required }) {\n      tenant {\n        id\n        mfaRequired\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RequireMfaDocument,
    "\n  fragment MeFields on Me {\n    authMethod\n    role\n    tenant {\n      id\n      name\n      slug\n      timeZone\n    }\n    user {\n      id\n      email\n      name\n      locale\n      meliAccountIds\n    }\n  }\n": typeof types.MeFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...MeFields\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      me {\n        ...MeFields\n      }\n      accessExpiresAt\n      mfaRequired\n      mfaEnrolmentRequired\n      mfaTicket\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n": typeof types.LogoutDocument,
    "\n  mutation RefreshSession {\n    refreshSession {\n      accessExpiresAt\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n": typeof types.UserErrorFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  mutation VerifyMfa($ticket: String!, $code: String!) {\n    verifyMfa(ticket: $ticket, code: $code) {\n      me {\n        ...MeFields\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.VerifyMfaDocument,
    "\n  mutation EnableMfa($ticket: String) {\n    enableMfa(ticket: $ticket) {\n      secret\n      otpauthUri\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.EnableMfaDocument,
    "\n  mutation ConfirmMfa($code: String!, $ticket: String) {\n    confirmMfa(code: $code, ticket: $ticket) {\n      recoveryCodes\n      me {\n        ...MeFields\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ConfirmMfaDocument,
    "\n  mutation DisableMfa($code: String!) {\n    disableMfa(code: $code) {\n      ok\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.DisableMfaDocument,
    "\n  query SecurityOverview {\n    me {\n      role\n      mfaEnabled\n      recoveryCodesLeft\n    }\n    tenant {\n      id\n      mfaRequired\n    }\n  }\n": types.SecurityOverviewDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastUsedAt\n      expiresAt\n      userAgent\n      ip\n      current\n    }\n  }\n": types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RevokeSessionDocument,
    "\n  mutation RequireMfa($required: Boolean!) {\n    updateTenantSettings(input: { mfaRequired: $required }) {\n      tenant {\n        id\n        mfaRequired\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RequireMfaDocument,
    "\n  fragment MeFields on Me {\n    authMethod\n    role\n    tenant {\n      id\n      name\n      slug\n      timeZone\n    }\n    user {\n      id\n      email\n      name\n      locale\n      meliAccountIds\n    }\n  }\n": types.MeFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...MeFields\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      me {\n        ...MeFields\n      }\n      accessExpiresAt\n      mfaRequired\n      mfaEnrolmentRequired\n      mfaTicket\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n": types.LogoutDocument,
    "\n  mutation RefreshSession {\n    refreshSession {\n      accessExpiresAt\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RefreshSessionDocument,
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
export function graphql(source: "\n  mutation VerifyMfa($ticket: String!, $code: String!) {\n    verifyMfa(ticket: $ticket, code: $code) {\n      me {\n        ...MeFields\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyMfa($ticket: String!, $code: String!) {\n    verifyMfa(ticket: $ticket, code: $code) {\n      me {\n        ...MeFields\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableMfa($ticket: String) {\n    enableMfa(ticket: $ticket) {\n      secret\n      otpauthUri\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EnableMfa($ticket: String) {\n    enableMfa(ticket: $ticket) {\n      secret\n      otpauthUri\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmMfa($code: String!, $ticket: String) {\n    confirmMfa(code: $code, ticket: $ticket) {\n      recoveryCodes\n      me {\n        ...MeFields\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmMfa($code: String!, $ticket: String) {\n    confirmMfa(code: $code, ticket: $ticket) {\n      recoveryCodes\n      me {\n        ...MeFields\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableMfa($code: String!) {\n    disableMfa(code: $code) {\n      ok\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DisableMfa($code: String!) {\n    disableMfa(code: $code) {\n      ok\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecurityOverview {\n    me {\n      role\n      mfaEnabled\n      recoveryCodesLeft\n    }\n    tenant {\n      id\n      mfaRequired\n    }\n  }\n"): (typeof documents)["\n  query SecurityOverview {\n    me {\n      role\n      mfaEnabled\n      recoveryCodesLeft\n    }\n    tenant {\n      id\n      mfaRequired\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastUsedAt\n      expiresAt\n      userAgent\n      ip\n      current\n    }\n  }\n"): (typeof documents)["\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastUsedAt\n      expiresAt\n      userAgent\n      ip\n      current\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequireMfa($required: Boolean!) {\n    updateTenantSettings(input: { mfaRequired: $required }) {\n      tenant {\n        id\n        mfaRequired\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RequireMfa($required: Boolean!) {\n    updateTenantSettings(input: { mfaRequired: $required }) {\n      tenant {\n        id\n        mfaRequired\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MeFields on Me {\n    authMethod\n    role\n    tenant {\n      id\n      name\n      slug\n      timeZone\n    }\n    user {\n      id\n      email\n      name\n      locale\n      meliAccountIds\n    }\n  }\n"): (typeof documents)["\n  fragment MeFields on Me {\n    authMethod\n    role\n    tenant {\n      id\n      name\n      slug\n      timeZone\n    }\n    user {\n      id\n      email\n      name\n      locale\n      meliAccountIds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...MeFields\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...MeFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      me {\n        ...MeFields\n      }\n      accessExpiresAt\n      mfaRequired\n      mfaEnrolmentRequired\n      mfaTicket\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      me {\n        ...MeFields\n      }\n      accessExpiresAt\n      mfaRequired\n      mfaEnrolmentRequired\n      mfaTicket\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession {\n    refreshSession {\n      accessExpiresAt\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession {\n    refreshSession {\n      accessExpiresAt\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"): (typeof documents)["\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;