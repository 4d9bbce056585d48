// The second factor (TOTP) operations, shared by the sign-in screen (with a ticket, before any session)
// and the account security page (signed in, through urql). Their documents live in this area's own gql
// folder: the sign-in step loads them only when it is due, so no route's first load carries them.
import { GraphQLRequestError, request } from "@/lib/graphql";
import type { Me } from "@/lib/session";
import { graphql } from "./gql";

export const VerifyMfaMutation = graphql(`
  mutation VerifyMfa($ticket: String!, $code: String!) {
    verifyMfa(ticket: $ticket, code: $code) {
      me {
        ...MeFields
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const EnableMfaMutation = graphql(`
  mutation EnableMfa($ticket: String) {
    enableMfa(ticket: $ticket) {
      secret
      otpauthUri
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const ConfirmMfaMutation = graphql(`
  mutation ConfirmMfa($code: String!, $ticket: String) {
    confirmMfa(code: $code, ticket: $ticket) {
      recoveryCodes
      me {
        ...MeFields
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const DisableMfaMutation = graphql(`
  mutation DisableMfa($code: String!) {
    disableMfa(code: $code) {
      ok
      errors {
        ...UserErrorFields
      }
    }
  }
`);

/** What a failed call reports: the first payload error code, or the transport's. */
function codeOf(error: unknown): string {
  return error instanceof GraphQLRequestError ? (error.codes[0] ?? "UNKNOWN") : "UNKNOWN";
}

export type VerifyResult = { me: Me } | { errorCode: string };

export async function verifyMfa(ticket: string, code: string): Promise<VerifyResult> {
  try {
    const { me, errors } = (await request(VerifyMfaMutation, { ticket, code })).verifyMfa;
    return me ? { me } : { errorCode: errors[0]?.code ?? "UNKNOWN" };
  } catch (error) {
    return { errorCode: codeOf(error) };
  }
}

export type EnrolmentStart = { secret: string; otpauthUri: string } | { errorCode: string };

/** Starts the enrolment a company's requirement asks for at sign-in (the login's ticket). */
export async function startEnrolment(ticket: string): Promise<EnrolmentStart> {
  try {
    const { secret, otpauthUri, errors } = (await request(EnableMfaMutation, { ticket })).enableMfa;
    return secret && otpauthUri ? { secret, otpauthUri } : { errorCode: errors[0]?.code ?? "UNKNOWN" };
  } catch (error) {
    return { errorCode: codeOf(error) };
  }
}

export type EnrolmentDone = { me: Me; recoveryCodes: string[] } | { errorCode: string };

export async function finishEnrolment(ticket: string, code: string): Promise<EnrolmentDone> {
  try {
    const { me, recoveryCodes, errors } = (await request(ConfirmMfaMutation, { ticket, code })).confirmMfa;
    return me && recoveryCodes ? { me, recoveryCodes } : { errorCode: errors[0]?.code ?? "UNKNOWN" };
  } catch (error) {
    return { errorCode: codeOf(error) };
  }
}
