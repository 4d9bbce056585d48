// Drives the real dashboard in headless Chromium: sign in, wait for live data, watch an order arrive.
// The Python end-to-end test reads stdout: one "READY" line, then "SEEN <ms>" when EXPECT_ORDER shows up.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE_URL = (process.env.BASE_URL ?? "").replace(/\/+$/, "");
const EMAIL = process.env.EMAIL ?? "";
const PASSWORD = process.env.PASSWORD ?? "";
const EXPECT_ORDER = process.env.EXPECT_ORDER ?? "";
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

  // 5. English, then a phone-sized screen (back in pt-BR, the default language).
  await page.getByTestId("lang-en").click();
  await expectText(page.getByTestId("orders-heading"), "Orders", "orders heading (en)");
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
