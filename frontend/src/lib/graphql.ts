// HTTP transport for /graphql on this same origin: the session rides in httpOnly cookies.

export const GRAPHQL_PATH = "/graphql";

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

export async function request<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new GraphQLRequestError(error instanceof Error ? error.message : "network error", ["NETWORK"]);
  }

  let body: { data?: T | null; errors?: GraphQLErrorEntry[] };
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
  if (!response.ok || body.data == null) {
    throw new GraphQLRequestError(`unexpected response (${response.status})`, [`HTTP_${response.status}`]);
  }
  return body.data;
}
