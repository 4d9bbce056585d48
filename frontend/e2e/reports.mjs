// /relatorios against the real stack (tests/frontend/test_reports.py drives it).
//
// SCENARIO=screen: the owner's report of the default filter; every metric tile's number as the page
// holds it (the test compares them with its own `kpis` query); a CSV export of the orders started from
// the screen, followed to its download link; a schedule created ("toda segunda 08:00") and cancelled;
// then an analyst: the same report, no schedule controls.
// Lines: RANGE <from> <to> <granularity> <compare>, METRIC <id> <total or -> (one per tile), TILES <n>,
// EXPORT <id> <status> <rows> <ms to DONE> <download href>, SCHEDULED <cron> <active>, CANCELLED <active>,
// OWNER_CONTROLS <n>, ANALYST <schedule controls> <export buttons> <tiles>, DONE.
//
// SCENARIO=live: the floor and /relatorios open side by side; the test pays an order in the sandbox
// ("CREATED <epoch ms>"); both GMV figures must move without a reload.
// Lines: READY, FLOOR <ms> <before> <after>, REPORT <ms> <before> <after>, REPORT_QUERIES <name@ms:took,…>,
// NO_RELOAD, DONE.
//
// Env: BASE_URL, EMAIL, PASSWORD, ANALYST_EMAIL, ANALYST_PASSWORD, SCREENSHOT_DIR, CURRENCY (BRL).
import { join } from "node:path";
import { createInterface } from "node:readline";
import { BASE_URL, expectAccessible, run, say, screenshot, SCREENSHOT_DIR, signIn, signOut, TIMEOUT_MS } from "./lib.mjs";

const SCENARIO = process.env.SCENARIO ?? "screen";
const CURRENCY = process.env.CURRENCY ?? "BRL";
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS || 60_000);
const GMV_TILE = `report-metric-GMV-${CURRENCY}`;

/** The report loaded: numbers in every group, the charts drawn (they load after the numbers). */
async function reportLoaded(page) {
  await page.getByRole("heading", { level: 1, name: "Relatórios" }).waitFor({ timeout: TIMEOUT_MS });
  await page.locator('[data-testid="reports"]:not([data-generated-at=""])').waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.getByTestId(GMV_TILE).waitFor({ timeout: TIMEOUT_MS });
  await page.locator('[data-testid^="report-chart-line-"] .recharts-surface').first().waitFor({ timeout: TIMEOUT_MS });
  await page.waitForLoadState("networkidle").catch(() => {});
}

async function tiles(page) {
  return page.locator('article[data-testid^="report-metric-"]').evaluateAll((nodes) =>
    nodes.map((node) => [node.getAttribute("data-testid").replace("report-metric-", ""), node.getAttribute("data-total") || "-"]),
  );
}

async function sayReport(page) {
  const root = page.getByTestId("reports");
  const attr = (name) => root.getAttribute(name);
  say("RANGE", await attr("data-from"), await attr("data-to"), await attr("data-granularity"), await attr("data-compare"));
  const shown = await tiles(page);
  for (const [id, total] of shown) say("METRIC", id, total);
  say("TILES", shown.length);
}

async function exportOrders(page) {
  const known = new Set(
    await page.locator('[data-testid="export-list"] > li').evaluateAll((rows) => rows.map((row) => row.getAttribute("data-testid"))),
  );
  const started = Date.now();
  await page.getByTestId("export-ORDERS-CSV").click();
  // The new export: a row that was not in the list before the click, followed until it is DONE.
  const handle = await page.waitForFunction(
    (before) => {
      const rows = [...document.querySelectorAll('[data-testid="export-list"] > li')];
      const fresh = rows.find((row) => !before.includes(row.getAttribute("data-testid")));
      return fresh && ["DONE", "FAILED"].includes(fresh.getAttribute("data-status")) ? fresh.getAttribute("data-testid") : false;
    },
    [...known],
    { timeout: STEP_TIMEOUT_MS, polling: 100 },
  );
  const testId = await handle.jsonValue();
  const row = page.getByTestId(testId);
  const status = await row.getAttribute("data-status");
  const href = status === "DONE" ? await row.getByTestId("export-download").getAttribute("href") : "-";
  say("EXPORT", testId.replace("export-", ""), status, await row.getAttribute("data-rows"), Date.now() - started, href);
  await expectAccessible(page, "reports-export");
}

async function scheduleAndCancel(page) {
  const panel = page.getByTestId("report-schedules");
  await panel.getByTestId("schedule-preset").selectOption("monday8");
  await panel.getByTestId("schedule-submit").click();
  const row = panel.locator('li[data-cron="0 8 * * 1"][data-active="true"]').first();
  await row.waitFor({ timeout: STEP_TIMEOUT_MS });
  say("SCHEDULED", "0_8_*_*_1", await row.getAttribute("data-active"));
  const id = await row.getAttribute("data-testid");
  await row.getByTestId("schedule-cancel").click();
  await panel.locator(`li[data-testid="${id}"][data-active="false"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
  say("CANCELLED", await panel.getByTestId(id).getAttribute("data-active"));
}

/** Controls that change schedules: the create form and each cancel button. */
async function scheduleControls(page) {
  return (await page.getByTestId("schedule-create").count()) + (await page.getByTestId("schedule-cancel").count());
}

async function screen({ context }) {
  const page = await context.newPage();
  await signIn(page, process.env.EMAIL ?? "", process.env.PASSWORD ?? "", "/relatorios/");
  await reportLoaded(page);
  await page.waitForTimeout(500); // the lazily loaded charts drawn
  await sayReport(page);
  await expectAccessible(page, "reports");
  await screenshot(page, "reports.png");
  // The whole screen too, below the fold (for people reviewing it; the docs keep the 1280×800 one).
  await page.screenshot({ path: join(SCREENSHOT_DIR, "reports-full.png"), fullPage: true, animations: "disabled" });
  await exportOrders(page);
  await scheduleAndCancel(page);
  say("OWNER_CONTROLS", await scheduleControls(page));

  await signOut(page);
  await signIn(page, process.env.ANALYST_EMAIL ?? "", process.env.ANALYST_PASSWORD ?? "", "/relatorios/");
  await reportLoaded(page);
  await page.getByTestId("schedule-read-only").waitFor({ timeout: TIMEOUT_MS });
  const exportButtons = await page.locator('[data-testid^="export-"][data-testid$="-CSV"], [data-testid^="export-"][data-testid$="-XLSX"]').count();
  say("ANALYST", await scheduleControls(page), exportButtons, (await tiles(page)).length);
  await expectAccessible(page, "reports-analyst");
}

// The test's line carries a value ("CREATED 1764600000000"): read it here, not with lib's hear().
const stdin = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

async function heard(word) {
  const { value, done } = await stdin.next();
  const [got, at] = (done ? "EOF" : value.trim()).split(/\s+/);
  if (got !== word || !Number.isFinite(Number(at))) throw new Error(`expected "${word} <ms>" on stdin, got "${value}"`);
  return Number(at);
}

/** Resolves with the epoch ms at which the attribute of `selector` left `before` (polled every 50 ms), and its new value. */
async function changed(page, selector, attribute, before) {
  await page.waitForFunction(
    ([css, name, was]) => {
      const node = document.querySelector(css);
      return node !== null && (node.getAttribute(name) ?? "") !== was;
    },
    [selector, attribute, before],
    { timeout: STEP_TIMEOUT_MS, polling: 50 },
  );
  const at = Date.now();
  return { at, value: (await page.locator(selector).getAttribute(attribute)) ?? "" };
}

async function live({ context }) {
  const floor = await context.newPage();
  await signIn(floor, process.env.EMAIL ?? "", process.env.PASSWORD ?? "", "/");
  const floorTile = `[data-testid="floor-sales-${CURRENCY}"]`;
  await floor.locator(floorTile).waitFor({ timeout: STEP_TIMEOUT_MS });
  const reports = await context.newPage();
  await reports.goto(`${BASE_URL}/relatorios/`);
  await reportLoaded(reports);
  for (const page of [floor, reports]) await page.evaluate(() => (window.__reportsMark = "kept"));
  const timings = [];
  reports.on("requestfinished", (request) => {
    const sent = `${decodeURIComponent(request.url())} ${request.postData() ?? ""}`;
    const name = /"operationName":"(\w+)"|(?:query|mutation)[+ ](\w+)/.exec(sent);
    // timing(): startTime in epoch ms, responseEnd in ms after it.
    const { startTime, responseEnd } = request.timing();
    if (name) timings.push(`${name[1] ?? name[2]}:${Math.round(startTime)}:${Math.round(responseEnd)}`);
  });

  const reportTile = `[data-testid="${GMV_TILE}"]`;
  const floorBefore = (await floor.locator(floorTile).getAttribute("data-gmv")) ?? "";
  const reportBefore = (await reports.locator(reportTile).getAttribute("data-total")) ?? "";
  const floorMoved = changed(floor, floorTile, "data-gmv", floorBefore);
  const reportMoved = changed(reports, reportTile, "data-total", reportBefore);
  floorMoved.catch(() => {});
  reportMoved.catch(() => {});
  say("READY");
  const createdAt = await heard("CREATED");
  const floorAfter = await floorMoved;
  say("FLOOR", floorAfter.at - createdAt, floorBefore || "0", floorAfter.value);
  const reportAfter = await reportMoved;
  say("REPORT", reportAfter.at - createdAt, reportBefore || "0", reportAfter.value);
  // What the report page asked after the order: when it was sent (ms after CREATED) and how long it took.
  const asked = timings.map((entry) => entry.split(":")).map(([name, start, took]) => `${name}@${Number(start) - createdAt}:${took}`);
  say("REPORT_QUERIES", asked.join(",") || "-");
  for (const page of [floor, reports]) {
    if ((await page.evaluate(() => window.__reportsMark)) !== "kept") throw new Error("a page was reloaded");
  }
  say("NO_RELOAD");
}

await run(async (session) => {
  if (SCENARIO === "screen") await screen(session);
  else if (SCENARIO === "live") await live(session);
  else throw new Error(`unknown SCENARIO ${SCENARIO}`);
});
