// The page's GraphQL client: urql's document cache, session renewal on UNAUTHENTICATED, HTTP for
// queries and mutations, and the one graphql-ws connection for subscriptions.
import { authExchange } from "@urql/exchange-auth";
import { Client, cacheExchange, fetchExchange, subscriptionExchange, type ExecutionResult } from "urql";
import { CSRF_HEADERS, GRAPHQL_PATH } from "./graphql";
import { subscribeLive } from "./live";
import { refreshSession, sessionLost } from "./session";

const sessionExchange = authExchange(async () => ({
  addAuthToOperation: (operation) => operation, // the session cookie travels by itself
  didAuthError: (error) => error.graphQLErrors.some((entry) => entry.extensions?.code === "UNAUTHENTICATED"),
  refreshAuth: async () => {
    // Renewed once for all callers; when it cannot be, the app goes back to the sign-in screen.
    if (!(await refreshSession())) sessionLost();
  },
}));

const liveExchange = subscriptionExchange({
  forwardSubscription: (request) => ({
    subscribe: (sink) => ({
      unsubscribe: subscribeLive(
        { query: request.query ?? "", variables: request.variables, operationName: request.operationName },
        { next: (result) => sink.next(result as ExecutionResult) },
      ),
    }),
  }),
});

const HEADERS = { ...CSRF_HEADERS, accept: "application/graphql-response+json" };
const FETCH_OPTIONS: RequestInit = { credentials: "same-origin", headers: HEADERS };

/**
 * An operation's context asking the API's own texts (findings, recommendations) in the screen's language
 * rather than the browser's. An operation's fetchOptions replace the client's, hence both here.
 */
export function languageContext(locale: string): { fetchOptions: RequestInit } {
  return { fetchOptions: { ...FETCH_OPTIONS, headers: { ...HEADERS, "accept-language": locale } } };
}

/** One per signed-in session: a new sign-in (perhaps another member) starts from an empty cache. */
export function createGraphQLClient(): Client {
  return new Client({
    url: GRAPHQL_PATH,
    fetchOptions: FETCH_OPTIONS,
    requestPolicy: "cache-and-network",
    exchanges: [cacheExchange, sessionExchange, fetchExchange, liveExchange],
  });
}
