// The floor, live, in a real browser (tests/frontend/test_floor.py drives it).
//
// SCENARIO=live-order: signed in, the floor waits; the test creates an order in the sandbox and
// notifies; the order must show in "Últimos pedidos" and the BRL orders-today count must go up, with
// no reload. Lines: READY, then (after the test's "CREATED <epoch ms>") SEEN <ms>, COUNTED <ms>,
// COUNT <before> <after>, GMV <before> <after>, NO_RELOAD.
//
// SCENARIO=reconnect: the test stops the API ("DOWN <epoch ms>"), creates an order while it is down,
// then starts it again ("UP <epoch ms>"). Lines: READY, RECONNECTING <ms after DOWN>, BANNER (the
// reconnecting state checked and pictured), then RECONNECTED <ms after UP>, CAUGHT_UP <ms after UP>,
// COUNT <before> <after>, NO_RELOAD.
//
// Env: BASE_URL, EMAIL, PASSWORD, SCREENSHOT_DIR, NEW_ORDER (the order id the test creates),
// CURRENCY (default BRL).
import { createInterface } from "node:readline";
import { expectAccessible, run, say, screenshot, signIn, TIMEOUT_MS } from "./lib.mjs";

const SCENARIO = process.env.SCENARIO ?? "live-order";
const NEW_ORDER = process.env.NEW_ORDER ?? "";
const CURRENCY = process.env.CURRENCY ?? "BRL";
const CATCH_UP_MS = Number(process.env.CATCH_UP_MS || 45_000);

// The test's lines carry a value ("CREATED 1764600000000"): read them here, not with lib's hear().
const stdin = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

/** The epoch ms the test sent with `word`. */
async function heard(word) {
  const { value, done } = await stdin.next();
  const [got, at] = (done ? "EOF" : value.trim()).split(/\s+/);
  if (got !== word || !Number.isFinite(Number(at))) throw new Error(`expected "${word} <ms>" on stdin, got "${value}"`);
  return Number(at);
}

/**
 * Resolves with the epoch ms at which `selector` matched a visible element, polled every 50 ms in
 * the page (a locator's wait backs off to 500 ms, too coarse for a 2 s promise).
 */
async function visibleAt(page, selector, timeout = TIMEOUT_MS) {
  await page.waitForFunction(
    (css) => [...document.querySelectorAll(css)].some((node) => node.getClientRects().length > 0),
    selector,
    { timeout, polling: 50 },
  );
  return Date.now();
}

/** The floor with its figures, orders, accounts and events loaded. */
async function floorLoaded(page) {
  await page.getByRole("heading", { level: 1, name: "Operação de hoje" }).waitFor({ timeout: TIMEOUT_MS });
  await page.getByTestId("floor-shipments-today-value").waitFor({ timeout: TIMEOUT_MS });
  await page.getByTestId("floor-recent-orders").locator("tbody tr").first().waitFor({ timeout: TIMEOUT_MS });
  await page.getByTestId("floor-accounts").locator('[data-testid^="floor-account-"]').first().waitFor({ timeout: TIMEOUT_MS });
  await page.waitForLoadState("networkidle").catch(() => {});
}

/** Today's orders and paid GMV of one currency, as its tile says (0 when it has no tile yet). */
async function salesOf(page) {
  const tile = page.getByTestId(`floor-sales-${CURRENCY}`);
  if ((await tile.count()) === 0) return { orders: 0, gmv: "0" };
  return {
    orders: Number(await tile.getAttribute("data-orders")),
    gmv: (await tile.getAttribute("data-gmv")) ?? "0",
  };
}

/** Resolves with the epoch ms at which the tile's count passed `before`, and the new figures. */
async function countChanged(page, before, timeout) {
  await page.waitForFunction(
    ([testId, count]) => {
      const tile = document.querySelector(`[data-testid="${testId}"]`);
      return tile !== null && Number(tile.getAttribute("data-orders")) !== count;
    },
    [`floor-sales-${CURRENCY}`, before],
    { timeout, polling: 50 },
  );
  return { at: Date.now(), sales: await salesOf(page) };
}

/** A mark on the window: still there later means the page was never reloaded. */
async function markPage(page) {
  await page.evaluate(() => {
    window.__floorMark = "kept";
  });
}

async function expectNoReload(page) {
  if ((await page.evaluate(() => window.__floorMark)) !== "kept") throw new Error("the floor was reloaded");
  say("NO_RELOAD");
}

async function liveOrder(page) {
  const before = await salesOf(page);
  const row = page.getByTestId(`floor-order-${NEW_ORDER}`);
  if ((await row.count()) > 0) throw new Error(`order ${NEW_ORDER} is on the floor before it was created`);

  // Watching starts before the test creates the order, so nothing that happens quickly is missed.
  const seen = visibleAt(page, `[data-testid="floor-order-${NEW_ORDER}"]`, CATCH_UP_MS);
  const counted = countChanged(page, before.orders, CATCH_UP_MS);
  seen.catch(() => {});
  counted.catch(() => {});
  say("READY");
  const createdAt = await heard("CREATED");

  const seenAt = await seen;
  say("SEEN", seenAt - createdAt);
  const { at: countedAt, sales: after } = await counted;
  say("COUNTED", countedAt - createdAt);
  say("COUNT", before.orders, after.orders);
  say("GMV", before.gmv, after.gmv);
  await expectNoReload(page);

  if ((await row.getAttribute("data-new")) !== "true") throw new Error("the new order is not marked as new");
  await row.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await expectAccessible(page, "floor-live-order");
  await screenshot(page, "floor-live-order.png");
}

async function reconnect(page) {
  const before = await salesOf(page);
  const status = page.getByTestId("live-status");
  const banner = page.getByTestId("live-banner");

  const lost = visibleAt(page, '[data-testid="live-status"][data-state="reconnecting"]', CATCH_UP_MS);
  lost.catch(() => {});
  say("READY");
  const downAt = await heard("DOWN");
  const lostAt = await lost;
  await banner.waitFor({ state: "visible", timeout: TIMEOUT_MS });
  say("RECONNECTING", lostAt - downAt);
  const text = (await banner.textContent()) ?? "";
  if (!/reconectando/i.test(text)) throw new Error(`the banner does not say "reconectando": "${text}"`);
  // What was on screen stays while the connection is down.
  if ((await salesOf(page)).orders !== before.orders) throw new Error("the figures changed while offline");
  await page.getByTestId("floor-recent-orders").locator("tbody tr").first().waitFor({ timeout: TIMEOUT_MS });
  await expectAccessible(page, "floor-reconnecting");
  await screenshot(page, "floor-reconnecting.png");
  say("BANNER");

  if ((await page.getByTestId(`floor-order-${NEW_ORDER}`).count()) > 0) throw new Error("the order is there already");
  const back = visibleAt(page, '[data-testid="live-status"][data-state="connected"]', CATCH_UP_MS);
  const caughtUp = visibleAt(page, `[data-testid="floor-order-${NEW_ORDER}"]`, CATCH_UP_MS);
  const counted = countChanged(page, before.orders, CATCH_UP_MS);
  for (const promise of [back, caughtUp, counted]) promise.catch(() => {});
  const upAt = await heard("UP");
  say("RECONNECTED", (await back) - upAt);
  say("CAUGHT_UP", (await caughtUp) - upAt);
  const { sales: after } = await counted;
  say("COUNT", before.orders, after.orders);
  await banner.waitFor({ state: "hidden", timeout: TIMEOUT_MS });
  if ((await status.getAttribute("data-state")) !== "connected") throw new Error("the page is not live again");
  await expectNoReload(page);
  await expectAccessible(page, "floor-caught-up");
}

await run(async ({ context }) => {
  if (!NEW_ORDER) throw new Error("NEW_ORDER is required");
  const page = await context.newPage();
  await signIn(page, process.env.EMAIL ?? "", process.env.PASSWORD ?? "");
  await floorLoaded(page);
  await page.waitForTimeout(400); // the lazily loaded chart drawn
  await markPage(page);
  await expectAccessible(page, "floor");
  await screenshot(page, "floor.png");
  if (SCENARIO === "live-order") await liveOrder(page);
  else if (SCENARIO === "reconnect") await reconnect(page);
  else throw new Error(`unknown SCENARIO ${SCENARIO}`);
});
