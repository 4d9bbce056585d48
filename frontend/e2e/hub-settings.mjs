// The pickup hub's settings (/hub/configuracoes/) against the real stack. The owner goes there from the
// hub's header, saves the hub's name, address and hours and an SMS provider (URL + token); after a reload
// the values are back and the token shows as set, its value nowhere on the page; the same in English.
// Replacing the token starts from an empty input and can be undone; a bad SMTP URL is refused on its field
// with nothing typed lost; both flow switches go on; the screen is pictured. Then a role without
// MANAGE_TENANT sees it all read-only.
// Lines (each JSON after its word): SAVED, RELOADED, ENGLISH, REPLACE, SMTP_ERROR, FLOW, READ_ONLY, then DONE.
// BASE_URL, EMAIL, PASSWORD, HUB_NAME, HUB_ADDRESS, HUB_HOURS, SMS_URL, SMS_TOKEN, BAD_SMTP_URL,
// READER_EMAIL, READER_PASSWORD.
import { BASE_URL, expectAccessible, run, say, screenshot, signIn, signOut, TIMEOUT_MS } from "./lib.mjs";

const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS || 30000);
const env = (name) => process.env[name] ?? "";
const field = (page, name) => page.getByTestId(`hub-settings-${name}`);

async function openSettings(page) {
  await page.getByRole("heading", { level: 1, name: "Configurações do hub" }).waitFor({ timeout: TIMEOUT_MS });
  await page.getByTestId("hub-settings-form").waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** What the form shows now: the plain values, each secret's state, and whether the token is anywhere. */
async function shown(page) {
  const values = {};
  for (const name of ["name", "address", "pickupHours", "smsUrl"]) values[name] = await field(page, name).inputValue();
  const states = {};
  for (const name of ["smtpUrl", "smsToken", "whatsappToken"]) states[name] = await field(page, name).getAttribute("data-state");
  const tokenOnPage = await page.evaluate(
    (token) =>
      document.documentElement.outerHTML.includes(token) ||
      [...document.querySelectorAll("input")].some((input) => input.value.includes(token)),
    env("SMS_TOKEN"),
  );
  const tokenState = ((await field(page, "smsToken").getByTestId("secret-state").textContent()) ?? "").trim();
  return { values, states, tokenOnPage, tokenState };
}

async function saveDetailsAndSms(page) {
  await page.getByTestId("hub-settings-link").click();
  await openSettings(page);
  await field(page, "name").fill(env("HUB_NAME"));
  await field(page, "address").fill(env("HUB_ADDRESS"));
  await field(page, "pickupHours").fill(env("HUB_HOURS"));
  await field(page, "smsUrl").fill(env("SMS_URL"));
  await page.getByTestId("hub-settings-smsToken-input").fill(env("SMS_TOKEN"));
  // The save is held at the network until the button is looked at: while it runs, no second click.
  let release = () => {};
  const held = new Promise((resolve) => (release = resolve));
  await page.route("**/graphql", async (route) => {
    if ((route.request().postData() ?? "").includes("HubUpdateSettings")) await held;
    await route.continue();
  });
  const save = page.getByTestId("hub-settings-save");
  await save.click();
  await page.locator('[data-testid="hub-settings-form"][data-saving="true"]').waitFor({ timeout: TIMEOUT_MS });
  const whileSaving = await save.isDisabled();
  release();
  await page.getByTestId("hub-settings-saved").waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.unroute("**/graphql");
  await page.locator('[data-testid="hub-settings-smsToken"][data-state="set"]').waitFor({ timeout: TIMEOUT_MS });
  say("SAVED", JSON.stringify({ whileSaving, afterSave: await save.isDisabled() }));
}

async function reloadAndLook(page) {
  await page.reload();
  await openSettings(page);
  say("RELOADED", JSON.stringify(await shown(page)));
  await page.getByTestId("language-switch").getByText("EN", { exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Hub settings" }).waitFor({ timeout: TIMEOUT_MS });
  const english = await shown(page);
  await expectAccessible(page, "hub-settings-en");
  await page.getByTestId("language-switch").getByText("PT", { exact: true }).click();
  await openSettings(page);
  say("ENGLISH", JSON.stringify({ tokenState: english.tokenState, tokenOnPage: english.tokenOnPage }));
}

/** "Substituir" opens an empty input (never the stored token); "Manter o atual" goes back to it. */
async function replaceThenKeep(page) {
  await page.getByTestId("hub-settings-smsToken-replace").click();
  const input = page.getByTestId("hub-settings-smsToken-input");
  await input.waitFor({ timeout: TIMEOUT_MS });
  const replacing = {
    state: await field(page, "smsToken").getAttribute("data-state"),
    value: await input.inputValue(),
    focused: await input.evaluate((element) => element === document.activeElement),
    saveDisabled: await page.getByTestId("hub-settings-save").isDisabled(),
  };
  await page.getByTestId("hub-settings-smsToken-keep").click();
  await page.locator('[data-testid="hub-settings-smsToken"][data-state="set"]').waitFor({ timeout: TIMEOUT_MS });
  say("REPLACE", JSON.stringify(replacing));
}

async function refuseBadSmtp(page) {
  const input = page.getByTestId("hub-settings-smtpUrl-input");
  await input.fill(env("BAD_SMTP_URL"));
  await field(page, "smtpFrom").fill("hub@aurora.example");
  await page.getByTestId("hub-settings-save").click();
  await page.getByTestId("hub-settings-error").waitFor({ timeout: STEP_TIMEOUT_MS });
  const invalid = await input.getAttribute("aria-invalid");
  const errorId = ((await input.getAttribute("aria-describedby")) ?? "").split(/\s+/).find((id) => id.endsWith("-error"));
  const text = errorId ? ((await page.locator(`[id="${errorId}"]`).textContent()) ?? "").trim() : "";
  await expectAccessible(page, "hub-settings-error");
  const kept = { smtpUrl: await input.inputValue(), smtpFrom: await field(page, "smtpFrom").inputValue() };
  say("SMTP_ERROR", JSON.stringify({ invalid, text, kept, saveEnabled: await page.getByTestId("hub-settings-save").isEnabled() }));
  await input.fill("");
  await field(page, "smtpFrom").fill("");
}

async function turnFlowOn(page) {
  for (const key of ["integracao.ml.enabled", "hub.enabled"]) {
    const flag = page.getByTestId(`hub-settings-flag-${key}`);
    await flag.check({ timeout: TIMEOUT_MS });
    await page.locator(`[data-testid="hub-settings-flag-${key}"]:checked:not([disabled])`).waitFor({ timeout: STEP_TIMEOUT_MS });
  }
  await page.locator('[data-testid="hub-settings-flowing"][data-flowing="true"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  say("FLOW", JSON.stringify({ flowing: true }));
}

async function readOnly(page) {
  await signIn(page, env("READER_EMAIL"), env("READER_PASSWORD"), "/hub/configuracoes/");
  await openSettings(page);
  const screen = page.getByTestId("hub-settings");
  await screen.locator('[data-testid="hub-settings-flowing"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  const editable = await screen.locator("input:not([readonly]):not([disabled]), textarea:not([readonly])").count();
  const buttons = await screen.locator('[data-testid="hub-settings-save"], [data-testid$="-replace"], [data-testid$="-keep"]').count();
  const notice = await page.getByTestId("hub-settings-read-only").isVisible();
  const name = await field(page, "name").inputValue();
  const tokenState = await field(page, "smsToken").getAttribute("data-state");
  await expectAccessible(page, "hub-settings-read-only");
  say("READ_ONLY", JSON.stringify({ editable, buttons, notice, name, tokenState }));
}

await run(async ({ context }) => {
  if (!BASE_URL) throw new Error("BASE_URL is not set");
  const page = await context.newPage();
  await signIn(page, env("EMAIL"), env("PASSWORD"), "/hub/");
  await page.getByRole("heading", { level: 1, name: "Hub de retirada" }).waitFor({ timeout: TIMEOUT_MS });
  await saveDetailsAndSms(page);
  await reloadAndLook(page);
  await replaceThenKeep(page);
  await refuseBadSmtp(page);
  await turnFlowOn(page);
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.evaluate(() => window.scrollTo(0, 0)); // pictured from its title
  await page.waitForTimeout(Number(process.env.SETTLE_MS || 800)); // the notices' transitions
  await expectAccessible(page, "hub-settings");
  await screenshot(page, "hub-settings.png");
  await page.getByTestId("hub-settings-back").click();
  await page.getByRole("heading", { level: 1, name: "Hub de retirada" }).waitFor({ timeout: TIMEOUT_MS });
  await signOut(page);
  await readOnly(page);
});
