// The one graphql-ws connection of the page. The session cookie authenticates it at connect.
import { createClient, type Client } from "graphql-ws";
import { GRAPHQL_PATH } from "./graphql";
import { renewOrSignOut } from "./session";

export type LiveState = "connecting" | "connected" | "offline";

type StateListener = (state: LiveState) => void;
type ResyncListener = () => void;

interface Subscription {
  query: string;
  onData: (data: Record<string, unknown>) => void;
  stop: (() => void) | null;
  attachment: object | null;
}

const FORBIDDEN = 4403; // how the API refuses a socket whose session expired
const MAX_RETRY_WAIT_MS = 10_000;
const RESUBSCRIBE_DELAY_MS = 1_000;
const RESTART_DELAY_MS = 3_000;

let client: Client | null = null;
let state: LiveState = "offline";
let sessionRefused = false;
let restartTimer: ReturnType<typeof setTimeout> | undefined;
const subscriptions = new Set<Subscription>();
const stateListeners = new Set<StateListener>();
const resyncListeners = new Set<ResyncListener>();

function setState(next: LiveState): void {
  state = next;
  stateListeners.forEach((listener) => listener(next));
}

/** Something may have been missed (a reconnect, a dropped subscription): reload to catch up. */
function requestResync(): void {
  resyncListeners.forEach((listener) => listener());
}

function socketUrl(): string {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}${GRAPHQL_PATH}`;
}

function retryWait(retries: number): Promise<void> {
  // The library's backoff grows without bound; a dashboard should come back within seconds.
  const wait = Math.min(1000 * 2 ** retries, MAX_RETRY_WAIT_MS) + Math.random() * 1000;
  return new Promise((resolve) => setTimeout(resolve, wait));
}

function createLiveClient(): Client {
  return createClient({
    // The cookie rides on the handshake, so a refused session is renewed before the next socket opens.
    url: async () => {
      if (sessionRefused) {
        sessionRefused = false;
        await renewOrSignOut();
      }
      return socketUrl();
    },
    lazy: false,
    keepAlive: 10_000,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait,
    on: {
      connecting: () => setState("connecting"),
      connected: (_socket, _payload, wasRetry) => {
        setState("connected");
        if (wasRetry) requestResync();
      },
      closed: (event) => {
        if ((event as CloseEvent | undefined)?.code === FORBIDDEN) sessionRefused = true;
        if (client) setState("offline");
      },
    },
    // Codes graphql-ws treats as fatal end the client: start a new one.
    onNonLazyError: () => scheduleRestart(),
  });
}

function attach(subscription: Subscription, owner: Client): void {
  // The sink of a superseded attachment may still end later; it must not touch the new one.
  const attachment = {};
  subscription.attachment = attachment;
  const ended = () => {
    if (subscription.attachment !== attachment) return;
    subscription.attachment = null;
    subscription.stop = null;
    setTimeout(() => {
      if (client !== owner || !subscriptions.has(subscription) || subscription.attachment) return;
      attach(subscription, owner);
      requestResync();
    }, RESUBSCRIBE_DELAY_MS);
  };
  const stop = owner.subscribe<Record<string, unknown>>(
    { query: subscription.query },
    {
      next: (result) => {
        if (result.data) subscription.onData(result.data);
      },
      // The API ends a subscription with an error (e.g. SUBSCRIBER_TOO_SLOW): subscribe again.
      error: ended,
      complete: ended,
    },
  );
  if (subscription.attachment === attachment) subscription.stop = stop;
}

function detach(subscription: Subscription): void {
  const stop = subscription.stop;
  subscription.attachment = null;
  subscription.stop = null;
  stop?.();
}

function scheduleRestart(): void {
  if (!client) return;
  const dead = client;
  client = null;
  setState("offline");
  subscriptions.forEach(detach);
  void dead.dispose();
  clearTimeout(restartTimer);
  restartTimer = setTimeout(() => {
    startLive();
    requestResync();
  }, RESTART_DELAY_MS);
}

/** Opens the connection (after sign-in) and (re)attaches every subscription. */
export function startLive(): void {
  if (client) return;
  clearTimeout(restartTimer);
  const created = createLiveClient();
  client = created;
  subscriptions.forEach((subscription) => attach(subscription, created));
}

/** Closes the connection (at sign-out); subscriptions stay registered for the next start. */
export function stopLive(): void {
  clearTimeout(restartTimer);
  const closing = client;
  client = null;
  sessionRefused = false;
  subscriptions.forEach(detach);
  if (closing) void closing.dispose();
  setState("offline");
}

/** Subscribes for as long as the returned function is not called. */
export function subscribe<T>(query: string, onData: (data: T) => void): () => void {
  const subscription: Subscription = { query, onData: onData as Subscription["onData"], stop: null, attachment: null };
  subscriptions.add(subscription);
  if (client) attach(subscription, client);
  return () => {
    subscriptions.delete(subscription);
    detach(subscription);
  };
}

export function onLiveState(listener: StateListener): () => void {
  stateListeners.add(listener);
  listener(state);
  return () => stateListeners.delete(listener);
}

export function onResync(listener: ResyncListener): () => void {
  resyncListeners.add(listener);
  return () => resyncListeners.delete(listener);
}
