// HTTP transport for the few calls made outside urql (sign-in, sign-out, session renewal): the
// session rides in httpOnly cookies on this same origin.
import { stringifyDocument } from "@urql/core";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";

export const GRAPHQL_PATH = "/graphql";

/**
 * Sent on every request: the API refuses a cookie-authenticated mutation without it (CSRF), since a page
 * on another site can make the browser send the cookie but not this header (that needs CORS, never granted).
 */
export const CSRF_HEADERS = { "x-melihub-csrf": "1" } as const;

interface GraphQLErrorEntry {
  message: string;
  extensions?: { code?: string } & Record<string, unknown>;
}

/** A request that failed, with the API's error codes (extensions.code), or NETWORK / HTTP_<status>. */
export class GraphQLRequestError extends Error {
  readonly codes: string[];

  constructor(message: string, codes: string[]) {
    super(message);
    this.name = "GraphQLRequestError";
    this.codes = codes;
  }

  has(code: string): boolean {
    return this.codes.includes(code);
  }

  get isUnauthenticated(): boolean {
    return this.has("UNAUTHENTICATED");
  }
}

export async function request<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
): Promise<TData> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        ...CSRF_HEADERS,
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
      },
      body: JSON.stringify({ query: stringifyDocument(document), variables }),
    });
  } catch (error) {
    throw new GraphQLRequestError(error instanceof Error ? error.message : "network error", ["NETWORK"]);
  }

  let body: { data?: TData | null; errors?: GraphQLErrorEntry[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    const code = response.status === 429 ? "RATE_LIMITED" : `HTTP_${response.status}`;
    throw new GraphQLRequestError(`unexpected response (${response.status})`, [code]);
  }

  if (body.errors?.length) {
    const codes = body.errors.map((error) => error.extensions?.code ?? "UNKNOWN");
    throw new GraphQLRequestError(body.errors.map((error) => error.message).join("; "), codes);
  }
  if (body.data == null) {
    throw new GraphQLRequestError(`unexpected response (${response.status})`, [`HTTP_${response.status}`]);
  }
  return body.data;
}
