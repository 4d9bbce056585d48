// Sign-in state. The access cookie lives 15 minutes; the refresh cookie renews it.
import { graphql } from "@/gql";
import type { MeFieldsFragment } from "@/gql/graphql";
import { GraphQLRequestError, request } from "./graphql";

export type Me = MeFieldsFragment;

graphql(`
  fragment MeFields on Me {
    authMethod
    role
    tenant {
      id
      name
      slug
      timeZone
    }
    user {
      id
      email
      name
      locale
      meliAccountIds
    }
  }
`);

const MeQuery = graphql(`
  query Me {
    me {
      ...MeFields
    }
  }
`);

const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      me {
        ...MeFields
      }
      accessExpiresAt
      mfaRequired
      mfaEnrolmentRequired
      mfaTicket
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const LogoutMutation = graphql(`
  mutation Logout {
    logout {
      ok
    }
  }
`);

const RefreshSessionMutation = graphql(`
  mutation RefreshSession {
    refreshSession {
      accessExpiresAt
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const REFRESHED_AT_KEY = "melihub.sessionRefreshedAt";
// Another tab that renewed the cookies this recently already did our work.
const SHARED_REFRESH_WINDOW_MS = 20_000;

type Listener = () => void;
const sessionLostListeners = new Set<Listener>();

/** Called when the session cannot be renewed: the app goes back to the login screen. */
export function onSessionLost(listener: Listener): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

export function sessionLost(): void {
  sessionLostListeners.forEach((listener) => listener());
}

/** Signed in; or the second step the password led to (a code, or enrolling first) with its ticket; or why not. */
export type LoginResult = { me: Me } | { mfa: "verify" | "enrol"; ticket: string } | { errorCode: string };

export async function login(email: string, password: string): Promise<LoginResult> {
  try {
    const data = await request(LoginMutation, { email, password });
    const { me, errors, mfaTicket, mfaRequired } = data.login;
    if (me) return { me };
    if (mfaTicket) return { mfa: mfaRequired ? "verify" : "enrol", ticket: mfaTicket };
    return { errorCode: errors[0]?.code ?? "UNKNOWN" };
  } catch (error) {
    return { errorCode: error instanceof GraphQLRequestError ? (error.codes[0] ?? "UNKNOWN") : "UNKNOWN" };
  }
}

export async function logout(): Promise<void> {
  try {
    await request(LogoutMutation, {});
  } catch {
    // Signing out locally still matters when the server is unreachable.
  }
}

export async function fetchMe(): Promise<Me> {
  return withSession(async () => (await request(MeQuery, {})).me);
}

let refreshing: Promise<boolean> | null = null;

/**
 * Renews the session cookies once, however many callers ask at the same time: the API treats
 * a refresh token used twice as stolen and signs every session of that login out.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= withTabLock(renewUnlessAnotherTabDid).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function withTabLock(task: () => Promise<boolean>): Promise<boolean> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  if (!locks) return task();
  return locks.request("melihub.session-refresh", task);
}

async function renewUnlessAnotherTabDid(): Promise<boolean> {
  const refreshedAt = Number(readStorage(REFRESHED_AT_KEY) ?? 0);
  if (Date.now() - refreshedAt < SHARED_REFRESH_WINDOW_MS) return true;
  try {
    const data = await request(RefreshSessionMutation, {});
    if (data.refreshSession.errors.length > 0) return false;
    writeStorage(REFRESHED_AT_KEY, String(Date.now()));
    return true;
  } catch {
    return false;
  }
}

/** Runs an API call; on UNAUTHENTICATED renews the session once and tries again. */
export async function withSession<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof GraphQLRequestError) || !error.isUnauthenticated) throw error;
    if (!(await refreshSession())) {
      sessionLost();
      throw error;
    }
    try {
      return await call();
    } catch (retryError) {
      if (retryError instanceof GraphQLRequestError && retryError.isUnauthenticated) sessionLost();
      throw retryError;
    }
  }
}

/** For the WebSocket, which learns of an expired session only from a refused connection. */
export async function renewOrSignOut(): Promise<boolean> {
  const renewed = await refreshSession();
  if (!renewed) sessionLost();
  return renewed;
}

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // without storage, tabs simply do not share the hint
  }
}
