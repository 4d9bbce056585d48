// The events screen against the real stack: a notification whose order cannot be fetched (a sandbox
// fault) shows up on the open timeline and turns failed there, live; its payload viewer shows why;
// once the fault is cleared, "Reprocessar" turns it processed, without a reload.
// Lines: READY, (stdin GO) SEEN <ms> <event id>, RETRYING <ms>, (stdin SWEPT) FAILED <ms> <statuses>,
// FAULT_SHOWN <the viewer's trace id>, (stdin CLEARED) PROCESSED <ms>, OLDEST_FIRST and NEWEST_FIRST <ms> <aria-sort> <?sort or -> <row order>
// <first row's id> <rows>, DONE. BASE_URL, EMAIL, PASSWORD, SCREENSHOT_DIR, EXPECT_RESOURCE.
import { BASE_URL, expectAccessible, hear, run, say, screenshot, signIn, TIMEOUT_MS } from "./lib.mjs";

const EXPECT_RESOURCE = process.env.EXPECT_RESOURCE ?? "";
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS || 30000);

async function expectText(locator, expected, what) {
  const text = (await locator.textContent({ timeout: TIMEOUT_MS })) ?? "";
  if (!text.includes(expected)) throw new Error(`${what}: expected "${expected}", found "${text.trim()}"`);
}

/** Records every status the event's row shows, sampled each animation frame. */
async function recordStatuses(page, rowTestId) {
  await page.evaluate((testId) => {
    const seen = [];
    window.__statusesSeen = seen;
    const sample = () => {
      const status = document.querySelector(`[data-testid="${testId}"]`)?.getAttribute("data-status");
      if (status && seen[seen.length - 1] !== status) seen.push(status);
      requestAnimationFrame(sample);
    };
    sample();
  }, rowTestId);
}

/** The rows' order by the time each was received: "asc", "desc", "mixed" (or "none"), and the first row. */
async function rowOrder(page) {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll('[data-testid="events-table"] tbody tr[data-received-at]')];
    const times = rows.map((row) => Date.parse(row.getAttribute("data-received-at") ?? ""));
    const pairs = times.slice(1).map((time, index) => time - times[index]);
    const order =
      rows.length === 0 ? "none" : pairs.every((step) => step >= 0) ? "asc" : pairs.every((step) => step <= 0) ? "desc" : "mixed";
    const first = (rows[0]?.getAttribute("data-testid") ?? "").replace(/^event-/, "") || "-";
    return { order, first, count: rows.length };
  });
}

/** Clicks the "Recebido" header; reports once the rows are in `order` with a new first row (or time is up). */
async function sortByReceived(page, word, ariaSort, order) {
  const before = await rowOrder(page);
  const started = Date.now();
  await page.getByTestId("events-table-sort-received").click();
  const header = page.locator(`[data-testid="events-table"] th[data-column="received"][aria-sort="${ariaSort}"]`);
  await header.waitFor({ timeout: TIMEOUT_MS }).catch(() => {});
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let now = await rowOrder(page);
  while (Date.now() < deadline && !(now.order === order && now.first !== before.first)) {
    await page.waitForTimeout(50);
    now = await rowOrder(page);
  }
  const shownSort = await page.locator('[data-testid="events-table"] th[data-column="received"]').getAttribute("aria-sort");
  say(word, Date.now() - started, shownSort ?? "-", new URL(page.url()).searchParams.get("sort") ?? "-", now.order, now.first, now.count);
}

function rowWithStatus(page, id, status) {
  return page.locator(`[data-testid="events-table"] tr[data-testid="event-${id}"][data-status="${status}"]`);
}

await run(async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, process.env.EMAIL ?? "", process.env.PASSWORD ?? "", "/integracoes/eventos/");
  await page.getByTestId("events-table").waitFor({ timeout: TIMEOUT_MS });
  // A marker that a reload would wipe: everything below must happen on this very page.
  await page.evaluate(() => {
    window.__samePage = true;
  });
  say("READY");

  // 1. The test makes the sandbox fail the order's fetch and notifies: the event appears by itself.
  await hear("GO");
  const startedAt = Date.now();
  const row = page.locator('[data-testid="events-table"] tr[data-testid^="event-"]', { hasText: EXPECT_RESOURCE });
  await row.first().waitFor({ timeout: STEP_TIMEOUT_MS });
  const id = ((await row.first().getAttribute("data-testid")) ?? "").replace(/^event-/, "");
  await recordStatuses(page, `event-${id}`);
  say("SEEN", Date.now() - startedAt, id);

  // 2. The fetch fails: a retry is planned, then (after the worker's sweep) it gives up.
  await rowWithStatus(page, id, "RETRYING").waitFor({ timeout: STEP_TIMEOUT_MS });
  say("RETRYING", Date.now() - startedAt);
  await hear("SWEPT");
  await rowWithStatus(page, id, "FAILED").waitFor({ timeout: STEP_TIMEOUT_MS });
  const statuses = await page.evaluate(() => window.__statusesSeen ?? []);
  await expectText(page.getByTestId(`event-status-${id}`), "Falhou", "failed status (pt-BR)");
  const failedRow = rowWithStatus(page, id, "FAILED");
  await expectText(failedRow, "gave up after", "the failed row's last error");
  say("FAILED", Date.now() - startedAt, statuses.join(","));
  await page.waitForTimeout(300);
  await expectAccessible(page, "events");
  await screenshot(page, "events.png");

  // 3. The payload viewer: why it failed, the attempts, the notification as received.
  await page.getByTestId(`event-view-${id}`).click();
  const viewer = page.getByTestId("event-payload");
  await viewer.waitFor({ timeout: TIMEOUT_MS });
  if (new URL(page.url()).searchParams.get("id") !== id) throw new Error(`the viewer's link is not ?id=${id}: ${page.url()}`);
  if ((await viewer.getAttribute("data-status")) !== "FAILED") throw new Error("the viewer does not show the event failed");
  await expectText(page.getByTestId("event-payload-error"), "gave up after", "the viewer's last error");
  await expectText(page.getByTestId("event-payload-attempts"), "2", "the viewer's attempts");
  await expectText(page.getByTestId("event-payload-json"), `"resource": "${EXPECT_RESOURCE}"`, "the payload JSON");
  const traceId = ((await page.getByTestId("event-payload-trace").textContent({ timeout: TIMEOUT_MS })) ?? "").trim();
  await page.waitForTimeout(300); // the drawer's opening transition
  await expectAccessible(page, "events-payload");
  await screenshot(page, "events-payload.png");
  await page.keyboard.press("Escape");
  await viewer.waitFor({ state: "hidden", timeout: TIMEOUT_MS });
  if (new URL(page.url()).searchParams.has("id")) throw new Error(`closing the viewer left ?id in ${page.url()}`);

  // 4. The test clears the fault; reprocess from the timeline turns it processed, live.
  say("FAULT_SHOWN", traceId || "-");
  await hear("CLEARED");
  const reprocessAt = Date.now();
  await page.getByTestId(`event-reprocess-${id}`).click();
  await rowWithStatus(page, id, "PROCESSED").waitFor({ timeout: STEP_TIMEOUT_MS });
  const processedMs = Date.now() - reprocessAt;
  if (!(await page.evaluate(() => window.__samePage === true))) throw new Error("the page was reloaded");
  await expectText(page.getByTestId(`event-status-${id}`), "Processado", "processed status (pt-BR)");
  if (await page.getByTestId(`event-reprocess-${id}`).count()) throw new Error("a processed event still offers reprocess");
  say("PROCESSED", processedMs, (await page.evaluate(() => window.__statusesSeen ?? [])).join(","));

  // 5. "Recebido" orders the timeline on the server: oldest first (kept in the link), and back.
  await sortByReceived(page, "OLDEST_FIRST", "ascending", "asc");
  await sortByReceived(page, "NEWEST_FIRST", "descending", "desc");

  // 6. A deep link opens the viewer on the event.
  await page.goto(`${BASE_URL}/integracoes/eventos/?id=${encodeURIComponent(id)}`);
  const linked = page.locator(`[data-testid="event-payload"][data-event-id="${id}"]`);
  await linked.waitFor({ timeout: TIMEOUT_MS });
  if ((await linked.getAttribute("data-status")) !== "PROCESSED") throw new Error("the deep-linked viewer is not processed");
});
