// The integrations screen's "Aplicativo Mercado Livre" panel against the real stack: the portal's two
// addresses (copied), a client id refused under its field, the company's application saved, "Testar"
// refused with a wrong secret then accepted, a seller linked through it (the sandbox's authorize page
// is asked with its client id), a viewer who only reads it, and its removal (confirmed) that asks the
// account linked through it to reauthorize.
// Lines: URLS <webhook> <redirect>, COPIED <text>, FIELD_ERROR <field> <text>, KEPT <bool>, SAVED <secret badge>,
// TEST_FAILED <text>, TEST_OK <text>, AUTHORIZE <client_id>, LINKED <account id> <linked count>, (stdin GO),
// VIEWER <mode> <forms> <buttons> <note>, CONFIRM <text>, REMOVED <count> <mode>, REAUTH_SHOWN <id>, DONE.
// BASE_URL, EMAIL, PASSWORD, VIEWER_EMAIL, VIEWER_PASSWORD, SCREENSHOT_DIR, APP_ID, APP_SECRET,
// WRONG_SECRET, BAD_APP_ID, STORE_NAME, SELLER_NICKNAME, SELLER_SITE.
import { BASE_URL, expectAccessible, hear, run, say, screenshot, signIn, TIMEOUT_MS } from "./lib.mjs";

const env = (name) => process.env[name] ?? "";
const APP_ID = env("APP_ID");
const APP_SECRET = env("APP_SECRET");

/** One line's value: spaces would split the protocol's words. */
const word = (text) => (text ?? "").trim().replace(/\s+/g, "_");

async function openScreen(page, email, password) {
  await signIn(page, email, password, "/integracoes/");
  await page.getByRole("heading", { level: 1, name: "Integrações" }).waitFor({ timeout: TIMEOUT_MS });
  const panel = page.getByTestId("application-panel");
  await panel.getByTestId("application-mode").waitFor({ timeout: TIMEOUT_MS });
  return panel;
}

/** The error Mantine shows under an input (its id + "-error"), or "" when there is none. */
async function fieldError(page, testId) {
  const id = await page.getByTestId(testId).getAttribute("id");
  const error = page.locator(`[id="${id}-error"]`);
  await error.waitFor({ timeout: TIMEOUT_MS });
  return (await error.textContent()) ?? "";
}

async function save(page, values) {
  for (const [name, value] of Object.entries(values)) await page.getByTestId(`application-${name}`).fill(value);
  await page.getByTestId("application-save").click();
}

/** The save's toast, read and dismissed (it would cover the next picture). */
async function dismissSaved(page) {
  const toast = page.getByTestId("application-saved-notification");
  await toast.waitFor({ timeout: TIMEOUT_MS });
  await toast.getByRole("button", { name: "Fechar" }).click();
  await toast.waitFor({ state: "detached", timeout: TIMEOUT_MS });
}

async function testResult(page, ok) {
  await page.getByTestId("application-test").click();
  const result = page.locator(`[data-testid="application-test-result"][data-ok="${ok}"]`);
  await result.waitFor({ timeout: TIMEOUT_MS });
  return (await result.textContent()) ?? "";
}

async function addresses(page, panel) {
  const webhook = await panel.getByTestId("application-webhook-url").textContent();
  const redirect = await panel.getByTestId("application-redirect-uri").textContent();
  say("URLS", word(webhook), word(redirect));
  await panel.getByTestId("application-webhook-url-copy").click();
  await panel.locator('[data-testid="application-webhook-url-copy"][data-copied="true"]').waitFor({ timeout: TIMEOUT_MS });
  say("COPIED", word(await page.evaluate(() => navigator.clipboard.readText())));
}

async function saveAndTest(page, panel) {
  // A client id of letters: refused under its own field, and nothing typed is lost.
  await save(page, { clientId: env("BAD_APP_ID"), clientSecret: APP_SECRET, storeName: env("STORE_NAME") });
  say("FIELD_ERROR", "clientId", word(await fieldError(page, "application-clientId")));
  const kept =
    (await page.getByTestId("application-clientId").inputValue()) === env("BAD_APP_ID") &&
    (await page.getByTestId("application-clientSecret").inputValue()) === APP_SECRET &&
    (await page.getByTestId("application-storeName").inputValue()) === env("STORE_NAME");
  say("KEPT", kept);

  // Saved with a wrong secret: the panel says it is the company's now; the secret never comes back.
  await save(page, { clientId: APP_ID, clientSecret: env("WRONG_SECRET") });
  await panel.locator('[data-testid="application-mode"][data-mode="own"]').waitFor({ timeout: TIMEOUT_MS });
  await panel.getByTestId("application-fact-clientId").filter({ hasText: APP_ID }).waitFor({ timeout: TIMEOUT_MS });
  await dismissSaved(page);
  const secretShown = await page.getByTestId("application-clientSecret").inputValue();
  if (secretShown !== "") throw new Error(`the secret field came back filled: "${secretShown}"`);
  say("SAVED", await panel.getByTestId("application-secret-state").getAttribute("data-set"));
  say("TEST_FAILED", word(await testResult(page, false)));

  // Only the secret changes (the client id stays): accepted this time.
  await save(page, { clientSecret: APP_SECRET });
  await dismissSaved(page);
  say("TEST_OK", word(await testResult(page, true)));
  await panel.getByTestId("application-fact-last-test").filter({ hasText: "Aceito" }).waitFor({ timeout: TIMEOUT_MS });
}

async function picture(page) {
  await page.evaluate(() => document.querySelector('[data-testid="application-panel"]')?.scrollIntoView({ block: "start" }));
  await page.waitForTimeout(400);
  await expectAccessible(page, "integrations-application");
  await screenshot(page, "integrations-application.png");
}

async function link(page, panel) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByTestId("connect-account").click();
  const dialog = page.getByRole("dialog", { name: "Conectar conta do Mercado Livre" });
  await dialog.getByLabel("Site do Mercado Livre").selectOption(env("SELLER_SITE"));
  await dialog.getByRole("button", { name: "Continuar no Mercado Livre" }).click();
  await page.waitForURL(/\/authorization\?/, { timeout: TIMEOUT_MS });
  say("AUTHORIZE", new URL(page.url()).searchParams.get("client_id"));
  await page.getByLabel("Vendedor").selectOption({ label: env("SELLER_NICKNAME") });
  await page.getByRole("button", { name: "Permitir" }).click();
  await page.waitForURL((url) => url.pathname === "/integracoes/" && url.searchParams.has("linked"), { timeout: TIMEOUT_MS });
  const linkedId = new URL(page.url()).searchParams.get("linked");
  await page.getByTestId(`account-${linkedId}`).waitFor({ timeout: TIMEOUT_MS });
  const linked = panel.getByTestId("application-fact-linked");
  await panel.locator('[data-testid="application-fact-linked"]:text-is("1")').waitFor({ timeout: TIMEOUT_MS });
  say("LINKED", linkedId, word(await linked.textContent()));
  await page.getByTestId("linked-notification").getByRole("button", { name: "Fechar" }).click();
  return linkedId;
}

async function viewer(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "pt-BR" });
  try {
    const page = await context.newPage();
    const panel = await openScreen(page, env("VIEWER_EMAIL"), env("VIEWER_PASSWORD"));
    await panel.getByTestId("application-fact-clientId").filter({ hasText: APP_ID }).waitFor({ timeout: TIMEOUT_MS });
    const mode = await panel.getByTestId("application-mode").getAttribute("data-mode");
    const forms = await panel.locator("form, input, select, textarea").count();
    const buttons = await panel.getByRole("button").count();
    await expectAccessible(page, "integrations-application-viewer");
    say("VIEWER", mode, forms, buttons, await panel.getByTestId("application-read-only").isVisible());
  } finally {
    await context.close();
  }
}

async function removeApplication(page, panel, linkedId) {
  await panel.getByTestId("application-remove").click();
  const dialog = page.getByRole("dialog", { name: "Remover o aplicativo da empresa?" });
  await dialog.waitFor({ timeout: TIMEOUT_MS });
  say("CONFIRM", word(await dialog.getByTestId("application-remove-body").textContent()));
  await page.waitForTimeout(400); // the modal's opening transition
  await expectAccessible(page, "integrations-application-remove");
  await page.getByTestId("application-remove-confirm").click();
  const notice = panel.getByTestId("application-reauth-notice");
  await notice.waitFor({ timeout: TIMEOUT_MS });
  await panel.locator('[data-testid="application-mode"][data-mode="default"]').waitFor({ timeout: TIMEOUT_MS });
  say("REMOVED", await notice.getAttribute("data-count"), await panel.getByTestId("application-mode").getAttribute("data-mode"));
  await page.getByTestId(`reauth-alert-${linkedId}`).waitFor({ timeout: TIMEOUT_MS });
  say("REAUTH_SHOWN", linkedId);
}

await run(async ({ browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE_URL });
  const page = await context.newPage();
  const panel = await openScreen(page, env("EMAIL"), env("PASSWORD"));
  await addresses(page, panel);
  await saveAndTest(page, panel);
  await picture(page);
  const linkedId = await link(page, panel);
  await hear("GO");
  await viewer(browser);
  await removeApplication(page, panel, linkedId);
});
