// Drives the real dashboard in headless Chromium: sign in, wait for live data, watch an order arrive,
// then sync an account by hand and watch its run to the end.
// The Python end-to-end test reads stdout: one "READY" line, then "SEEN <ms>" when EXPECT_ORDER shows up,
// then "SYNCED <ms>" when the run started with EXPECT_ACCOUNT's "Sincronizar agora" has ended.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE_URL = (process.env.BASE_URL ?? "").replace(/\/+$/, "");
const EMAIL = process.env.EMAIL ?? "";
const PASSWORD = process.env.PASSWORD ?? "";
const EXPECT_ORDER = process.env.EXPECT_ORDER ?? "";
const EXPECT_ACCOUNT = process.env.EXPECT_ACCOUNT ?? "";
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || ".";
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS || 15000);
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const consoleErrors = [];

function shot(name) {
  return join(SCREENSHOT_DIR, name);
}

async function expectText(locator, expected, what) {
  const text = (await locator.textContent({ timeout: TIMEOUT_MS })) ?? "";
  if (!text.includes(expected)) throw new Error(`${what}: expected "${expected}", found "${text.trim()}"`);
}

/** The accounts list's row of the account with this nickname, and its GraphQL id. */
async function accountRow(page, nickname) {
  const row = page.getByTestId("accounts-list").locator("li.account-item", { hasText: nickname });
  await row.waitFor({ state: "visible", timeout: TIMEOUT_MS });
  const id = ((await row.getAttribute("data-testid")) ?? "").replace(/^account-/, "");
  return { row, id };
}

/** Its health badge says `label` (state `state`), and when it last synced. */
async function expectHealth(page, nickname, state, label, lastSyncWords) {
  const { id } = await accountRow(page, nickname);
  const badge = page.getByTestId(`account-health-${id}`);
  await page.locator(`[data-testid="account-health-${id}"][data-state="${state}"]`).waitFor({ timeout: TIMEOUT_MS });
  await expectText(badge, label, `health badge of ${nickname}`);
  await expectText(page.getByTestId(`account-last-sync-${id}`), lastSyncWords, `last sync of ${nickname}`);
}

/** The accounts panel in view, for a 1280×800 picture of it with the page around. */
async function viewportShot(page, name) {
  await page.getByTestId("accounts-list").scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  // Bars and flashes shown where their animations end, not halfway.
  await page.screenshot({ path: shot(name), animations: "disabled" });
  await page.evaluate(() => window.scrollTo(0, 0)); // full-page shots from the top (the header is sticky)
}

/**
 * Clicks "Sincronizar agora" and follows the run on screen: the button is disabled while it is open,
 * the bar moves (live, from syncProgress) and ends full, and the last sync moves forward.
 */
async function syncNow(page, nickname) {
  const { id } = await accountRow(page, nickname);
  const lastSync = page.getByTestId(`account-last-sync-${id}`).locator("time");
  const before = await lastSync.getAttribute("datetime", { timeout: TIMEOUT_MS });
  const button = page.getByRole("button", { name: `Sincronizar agora: ${nickname}`, exact: true });
  await expectText(button, "Sincronizar agora", "sync button (pt-BR)");
  if (await button.isDisabled()) throw new Error(`the sync button of ${nickname} is disabled before any run`);
  const startedAt = Date.now();
  await button.click();

  const progress = page.getByTestId(`sync-progress-${id}`);
  const bar = page.getByTestId(`sync-bar-${id}`);
  await progress.waitFor({ state: "visible", timeout: TIMEOUT_MS });
  if (!(await button.isDisabled())) throw new Error("the sync button stays enabled while a run is open");
  const error = page.getByTestId(`sync-error-${id}`);
  if (await error.isVisible()) throw new Error(`syncing refused: ${await error.textContent()}`);

  // Running with something counted: "Buscando alterações… 3 de 14 (…)", the bar's value below its max.
  await page.waitForFunction(
    (testId) => {
      const node = document.querySelector(`[data-testid="${testId}"]`);
      const box = node?.closest("[data-status]");
      // aria-valuenow is left out while nothing is counted yet (an indeterminate bar).
      return box?.getAttribute("data-status") === "RUNNING" && node.hasAttribute("aria-valuenow");
    },
    `sync-bar-${id}`,
    { timeout: TIMEOUT_MS, polling: 50 },
  );
  const running = (await progress.textContent()) ?? "";
  if (!/\d+ de \d+/.test(running)) throw new Error(`running sync shows no count: "${running}"`);
  await viewportShot(page, "sync-running.png");

  // The end: succeeded, the bar full, the button back, the last sync newer than before.
  await page.locator(`[data-testid="sync-progress-${id}"][data-status="SUCCEEDED"]`).waitFor({ timeout: TIMEOUT_MS });
  const syncedMs = Date.now() - startedAt;
  const [now, max] = [await bar.getAttribute("aria-valuenow"), await bar.getAttribute("aria-valuemax")];
  if (now === null || now !== max) throw new Error(`the finished run's bar is at ${now} of ${max}`);
  await expectText(progress, "Sincronização concluída", "finished sync (pt-BR)");
  await page.waitForFunction(
    ([testId, old]) => {
      const time = document.querySelector(`[data-testid="${testId}"] time`);
      return !!time && time.getAttribute("datetime") !== old;
    },
    [`account-last-sync-${id}`, before],
    { timeout: TIMEOUT_MS },
  );
  if (await button.isDisabled()) throw new Error("the sync button stays disabled after the run ended");
  await viewportShot(page, "sync-finished.png");
  return syncedMs;
}

async function run(page) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${BASE_URL}/`, { waitUntil: "domcontentloaded", timeout: TIMEOUT_MS });

  // 1. The login screen, in pt-BR by default.
  const form = page.getByTestId("login-form");
  await form.waitFor({ state: "visible", timeout: TIMEOUT_MS });
  await expectText(page.getByTestId("login-submit"), "Entrar", "login button (pt-BR)");

  // 2. Sign in; the dashboard is ready when the orders are there and the socket is up.
  await page.getByTestId("login-email").fill(EMAIL);
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await Promise.race([
    page.getByTestId("orders-table").waitFor({ state: "visible", timeout: TIMEOUT_MS }),
    page
      .getByTestId("login-error")
      .waitFor({ state: "visible", timeout: TIMEOUT_MS })
      .then(async () => {
        throw new Error(`sign-in refused: ${await page.getByTestId("login-error").textContent()}`);
      }),
  ]);
  await page.locator('[data-testid="live-status"][data-state="connected"]').waitFor({ timeout: TIMEOUT_MS });
  if (EXPECT_ACCOUNT) await expectHealth(page, EXPECT_ACCOUNT, "HEALTHY", "Saudável", "Última sincronização");
  await page.mouse.move(0, 0); // no hover highlight in the screenshots
  await page.screenshot({ path: shot("dashboard.png"), fullPage: true });

  // 3. The Python side now makes an order appear through the real pipeline.
  const readyAt = Date.now();
  process.stdout.write("READY\n");

  // 4. It must arrive over the subscription: no reload.
  if (EXPECT_ORDER) {
    await page.getByTestId(`order-row-${EXPECT_ORDER}`).waitFor({ state: "visible", timeout: TIMEOUT_MS });
    process.stdout.write(`SEEN ${Date.now() - readyAt}\n`);
    await page.screenshot({ path: shot("live-order.png"), fullPage: true });
  }

  // 5. Sync by hand, and follow the run to its end without reloading.
  if (EXPECT_ACCOUNT) {
    const syncedMs = await syncNow(page, EXPECT_ACCOUNT);
    process.stdout.write(`SYNCED ${syncedMs}\n`);
  }

  // 6. English, then a phone-sized screen (back in pt-BR, the default language).
  await page.getByTestId("lang-en").click();
  await expectText(page.getByTestId("orders-heading"), "Orders", "orders heading (en)");
  if (EXPECT_ACCOUNT) {
    await expectHealth(page, EXPECT_ACCOUNT, "HEALTHY", "Healthy", "Last synced");
    const button = page.getByRole("button", { name: `Sync now: ${EXPECT_ACCOUNT}`, exact: true });
    await expectText(button, "Sync now", "sync button (en)");
  }
  const lang = await page.evaluate(() => document.documentElement.lang);
  if (lang !== "en") throw new Error(`<html lang> is "${lang}" after switching to English`);
  await page.screenshot({ path: shot("dashboard-en.png"), fullPage: true });

  await page.getByTestId("lang-pt").click();
  await expectText(page.getByTestId("orders-heading"), "Pedidos", "orders heading (pt-BR)");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId("orders-table").waitFor({ state: "visible", timeout: TIMEOUT_MS });
  await page.screenshot({ path: shot("dashboard-mobile.png"), fullPage: true });
}

async function main() {
  if (!BASE_URL || !EMAIL || !PASSWORD) {
    process.stderr.write("e2e: BASE_URL, EMAIL and PASSWORD are required\n");
    process.exit(1);
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  let page;
  try {
    const context = await browser.newContext({ locale: "pt-BR", timezoneId: "America/Sao_Paulo" });
    page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));
    await run(page);
  } catch (error) {
    process.stderr.write(`e2e failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    if (consoleErrors.length) process.stderr.write(`browser console errors:\n  ${consoleErrors.join("\n  ")}\n`);
    if (page) await page.screenshot({ path: shot("failure.png"), fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  () => process.exit(1),
);
