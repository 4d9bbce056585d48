// The one graphql-ws connection of the page, behind urql's subscription exchange. The session cookie
// authenticates it at connect. Subscriptions survive reconnects and server-side ends (they attach
// again), and every listener of onResync hears when something may have been missed.
import { createClient, type Client, type SubscribePayload } from "graphql-ws";
import { GRAPHQL_PATH } from "./graphql";
import { renewOrSignOut } from "./session";

/** "reconnecting" is a lost connection being retried; "connecting" the first attempt of a start. */
export type LiveState = "connecting" | "connected" | "reconnecting" | "offline";

export interface LiveSink {
  next: (value: { data?: unknown; errors?: readonly unknown[] }) => void;
}

interface LiveSubscription {
  payload: SubscribePayload;
  sink: LiveSink;
  stop: (() => void) | null;
  attachment: object | null;
}

const FORBIDDEN = 4403; // how the API refuses a socket whose session expired
const MAX_RETRY_WAIT_MS = 10_000;
const RESUBSCRIBE_DELAY_MS = 1_000;
const RESTART_DELAY_MS = 3_000;

let client: Client | null = null;
let state: LiveState = "offline";
let everConnected = false;
let sessionRefused = false;
let restartTimer: ReturnType<typeof setTimeout> | undefined;
const subscriptions = new Set<LiveSubscription>();
const stateListeners = new Set<() => void>();
const resyncListeners = new Set<() => void>();

function setState(next: LiveState): void {
  if (next === state) return;
  state = next;
  stateListeners.forEach((listener) => listener());
}

function requestResync(): void {
  resyncListeners.forEach((listener) => listener());
}

function socketUrl(): string {
  const devOrigin = process.env.NEXT_PUBLIC_MELIHUB_SOCKET_ORIGIN; // only `npm run dev` sets it
  if (devOrigin) return `${devOrigin.replace(/^http/, "ws")}${GRAPHQL_PATH}`;
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}${GRAPHQL_PATH}`;
}

/** Exponential backoff with jitter, capped: an operations screen should come back within seconds. */
export function retryDelayMs(retries: number, jitter: number = Math.random()): number {
  return Math.min(1000 * 2 ** retries, MAX_RETRY_WAIT_MS) + jitter * 1000;
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
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries))),
    on: {
      connecting: () => setState(everConnected ? "reconnecting" : "connecting"),
      connected: (_socket, _payload, wasRetry) => {
        everConnected = true;
        setState("connected");
        if (wasRetry) requestResync();
      },
      closed: (event) => {
        if ((event as CloseEvent | undefined)?.code === FORBIDDEN) sessionRefused = true;
        if (client) setState(everConnected ? "reconnecting" : "connecting");
      },
    },
    // Codes graphql-ws treats as fatal end the client: start a new one.
    onNonLazyError: () => scheduleRestart(),
  });
}

function attach(subscription: LiveSubscription, owner: Client): void {
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
  const stop = owner.subscribe(subscription.payload, {
    next: (result) => subscription.sink.next(result),
    // The API ends a subscription with an error (e.g. SUBSCRIBER_TOO_SLOW): subscribe again.
    error: ended,
    complete: ended,
  });
  if (subscription.attachment === attachment) subscription.stop = stop;
}

function detach(subscription: LiveSubscription): void {
  const stop = subscription.stop;
  subscription.attachment = null;
  subscription.stop = null;
  stop?.();
}

function scheduleRestart(): void {
  if (!client) return;
  const dead = client;
  client = null;
  setState("reconnecting");
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
  everConnected = false;
  sessionRefused = false;
  subscriptions.forEach(detach);
  if (closing) void closing.dispose();
  setState("offline");
}

/** Subscribes until the returned function is called; never ends on its own. */
export function subscribeLive(payload: SubscribePayload, sink: LiveSink): () => void {
  const subscription: LiveSubscription = { payload, sink, stop: null, attachment: null };
  subscriptions.add(subscription);
  if (client) attach(subscription, client);
  return () => {
    subscriptions.delete(subscription);
    detach(subscription);
  };
}

export function liveState(): LiveState {
  return state;
}

export function onLiveState(listener: () => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

/** Called after a reconnect or a re-attached subscription: refetch what is on screen. */
export function onResync(listener: () => void): () => void {
  resyncListeners.add(listener);
  return () => resyncListeners.delete(listener);
}
