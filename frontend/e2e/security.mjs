// The account security page, end to end: the owner turns on two-step verification (the test computes
// the TOTP codes with pyotp from the key the page shows), keeps the recovery codes, signs out, signs in
// again with email, password and a code, then sees a second session (opened by the test through the
// API) and ends it.
//
// BASE_URL, EMAIL, PASSWORD, SCREENSHOT_DIR.
// Lines: AXE <screen> <n> …, SECRET <base32> (then reads "CODE <6 digits>" on stdin), RECOVERY <codes,…>,
// ENABLED, CODE_ASKED (then reads "CODE <6 digits>"), SIGNED_IN <path> (then reads "LIST"),
// SESSIONS <rows>, REVOKED <rows>, DONE.
import { createInterface } from "node:readline";
import { BASE_URL, TIMEOUT_MS, expectAccessible, run, say, screenshot, signOut, waitLive } from "./lib.mjs";

const EMAIL = process.env.EMAIL;
const PASSWORD = process.env.PASSWORD;
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

/** The next stdin line, which must start with `word`; what follows it. */
async function heard(word) {
  const { value, done } = await lines.next();
  if (done || !value.startsWith(word)) throw new Error(`expected "${word}" on stdin, got "${value ?? "EOF"}"`);
  return value.slice(word.length).trim();
}

async function enrol(page) {
  await page.goto(`${BASE_URL}/conta/seguranca/`);
  await page.getByTestId("mfa-state").waitFor({ timeout: TIMEOUT_MS });
  await page.getByTestId("session-row").first().waitFor({ timeout: TIMEOUT_MS });
  await page.getByTestId("mfa-enable").click();
  const secret = (await page.getByTestId("mfa-secret").textContent({ timeout: TIMEOUT_MS }))?.trim() ?? "";
  await page.getByTestId("mfa-qr").waitFor({ timeout: TIMEOUT_MS });
  await expectAccessible(page, "security-enrol");
  await screenshot(page, "security-enrol.png");
  say("SECRET", secret);
  await page.getByTestId("mfa-code").fill(await heard("CODE"));
  await page.getByTestId("mfa-confirm").click();
  const codes = page.getByTestId("mfa-recovery-code");
  await codes.first().waitFor({ timeout: TIMEOUT_MS });
  say("RECOVERY", (await codes.allTextContents()).map((code) => code.trim()).join(","));
  await expectAccessible(page, "security-recovery");
  await screenshot(page, "security-recovery.png");
  await page.getByTestId("mfa-done").click();
  await page.locator('[data-testid="mfa-state"][data-enabled="true"]').waitFor({ timeout: TIMEOUT_MS });
  say("ENABLED");
}

async function signInWithCode(page) {
  const form = page.getByTestId("login-form");
  await form.getByLabel("E-mail").fill(EMAIL);
  await form.getByLabel("Senha").fill(PASSWORD);
  await form.getByRole("button", { name: "Entrar" }).click();
  const code = page.getByTestId("mfa-code");
  await code.waitFor({ timeout: TIMEOUT_MS });
  await expectAccessible(page, "login-mfa");
  await screenshot(page, "login-mfa.png");
  say("CODE_ASKED");
  await code.fill(await heard("CODE"));
  await page.getByTestId("mfa-submit").click();
  await waitLive(page);
  say("SIGNED_IN", new URL(page.url()).pathname);
}

async function endTheOtherSession(page) {
  await heard("LIST");
  await page.goto(`${BASE_URL}/conta/seguranca/`);
  const rows = page.getByTestId("session-row");
  await rows.nth(1).waitFor({ timeout: TIMEOUT_MS });
  say("SESSIONS", await rows.count());
  await expectAccessible(page, "security");
  await screenshot(page, "security.png");
  await page.locator('[data-testid="session-row"][data-current="false"]').getByTestId("session-revoke").click();
  await page.locator('[data-testid="session-row"][data-current="false"]').waitFor({ state: "detached", timeout: TIMEOUT_MS });
  say("REVOKED", await rows.count());
}

await run(async ({ context }) => {
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/`);
  const form = page.getByTestId("login-form");
  await form.waitFor({ timeout: TIMEOUT_MS });
  await form.getByLabel("E-mail").fill(EMAIL);
  await form.getByLabel("Senha").fill(PASSWORD);
  await form.getByRole("button", { name: "Entrar" }).click();
  await waitLive(page);
  await enrol(page);
  await signOut(page);
  await signInWithCode(page);
  await endTheOtherSession(page);
});
