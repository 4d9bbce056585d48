// Shared steps of the browser scenarios: Debian's Chromium through playwright-core (no browser
// download), sign-in, axe-core on every screen, 1280×800 screenshots, and the line protocol the
// Python tests read (one line per step on stdout; the test answers on stdin when a step needs it).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import AxeBuilder from "@axe-core/playwright";
import { chromium } from "playwright-core";

export const BASE_URL = (process.env.BASE_URL ?? "").replace(/\/+$/, "");
export const TIMEOUT_MS = Number(process.env.TIMEOUT_MS || 15000);
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || ".";
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// What every browser start needs on this machine's closed network (see the env notes).
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** One line for the Python side: `say("SEEN", 812)` prints "SEEN 812". */
export function say(...words) {
  process.stdout.write(`${words.join(" ")}\n`);
}

let stdinLines = null;

/** Waits for the Python side to write `expected` (e.g. "GO") on stdin. */
export async function hear(expected) {
  stdinLines ??= createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const { value, done } = await stdinLines.next();
  if (done || value.trim() !== expected) throw new Error(`expected "${expected}" on stdin, got "${value ?? "EOF"}"`);
}

export async function launch() {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "pt-BR" });
  const consoleErrors = [];
  // The API's Content-Security-Policy (script hashes, connect-src): anything it blocks is a console
  // error, so a scenario fails on a script or socket the policy forgot. (Init scripts bypass CSP.)
  await context.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`),
    ),
  );
  context.on("page", (page) => watch(page, consoleErrors));
  return { browser, context, consoleErrors };
}

function watch(page, consoleErrors) {
  page.on("console", (message) => {
    // A refused socket during an API restart is the scenario itself, not a page error.
    if (message.type() === "error" && !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(message.text())) {
      consoleErrors.push(message.text());
    }
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
}

/** Signs in through the form, as a person would, and waits for the app frame and a live socket. */
export async function signIn(page, email, password, path = "/") {
  await page.goto(`${BASE_URL}${path}`);
  const form = page.getByTestId("login-form");
  await form.waitFor({ timeout: TIMEOUT_MS });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Senha").fill(password);
  await form.getByRole("button", { name: "Entrar" }).click();
  await waitLive(page);
}

export async function waitLive(page) {
  await page.locator('[data-testid="live-status"][data-state="connected"]').waitFor({ timeout: TIMEOUT_MS });
}

export async function signOut(page) {
  await page.getByTestId("user-menu").click();
  await page.getByTestId("logout").click();
  await page.getByTestId("login-form").waitFor({ timeout: TIMEOUT_MS });
}

/** axe-core on the page as it is: any serious or critical violation fails the scenario. */
export async function expectAccessible(page, screen) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((violation) => ["serious", "critical"].includes(violation.impact ?? ""));
  const summary = results.violations.map((v) => `${v.impact}:${v.id}(${v.nodes.length})`).join(",") || "none";
  say("AXE", screen, bad.length, summary);
  if (bad.length) {
    const detail = bad.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
    throw new Error(`${screen}: ${bad.length} serious/critical axe violations\n${detail.join("\n")}`);
  }
}

/** A 1280×800 picture of the screen as a person sees it (animations at their end). */
export async function screenshot(page, name) {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(SCREENSHOT_DIR, name), animations: "disabled" });
}

/** Resolves with the ms it took until `locator` is visible. */
export async function timeUntilVisible(locator, timeout = TIMEOUT_MS) {
  const started = Date.now();
  await locator.waitFor({ state: "visible", timeout });
  return Date.now() - started;
}

/** Runs a scenario: prints "DONE" at the end, or the error (and a failure.png) and exits 1. */
export async function run(scenario) {
  const session = await launch();
  try {
    await scenario(session);
    if (session.consoleErrors.length) throw new Error(`console errors:\n${session.consoleErrors.join("\n")}`);
    say("DONE");
  } catch (error) {
    const pages = session.context.pages();
    const last = pages[pages.length - 1];
    if (last) await last.screenshot({ path: join(SCREENSHOT_DIR, "failure.png") }).catch(() => {});
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  } finally {
    await session.browser.close();
    process.exit(process.exitCode ?? 0);
  }
}
