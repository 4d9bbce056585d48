// The integrations screen against the real stack: connect a second seller through the sandbox's
// OAuth page (the site chosen in the connect dialog), land back on /integracoes/ with it listed,
// then "Sincronizar agora" on another account and watch its bar (live, from syncProgress) to 100 %.
// Lines: READY, LINKED <ms> <account id>, (stdin GO), RUNNING <ms>, SYNCED <ms> <percents seen>, DONE.
// BASE_URL, EMAIL, PASSWORD, SCREENSHOT_DIR, SELLER_NICKNAME, SELLER_SITE, SYNC_NICKNAME.
import { BASE_URL, expectAccessible, hear, run, say, screenshot, signIn, TIMEOUT_MS } from "./lib.mjs";

const SELLER_NICKNAME = process.env.SELLER_NICKNAME ?? "";
const SELLER_SITE = process.env.SELLER_SITE ?? "";
const SYNC_NICKNAME = process.env.SYNC_NICKNAME ?? "";
const SYNC_TIMEOUT_MS = Number(process.env.SYNC_TIMEOUT_MS || 90000);

/** The account's card on the screen, and its GraphQL id. */
async function accountCard(page, nickname) {
  const card = page.getByTestId("accounts-list").locator("article[data-testid^='account-']", { hasText: nickname });
  await card.waitFor({ state: "visible", timeout: TIMEOUT_MS });
  const id = ((await card.getAttribute("data-testid")) ?? "").replace(/^account-/, "");
  return { card, id };
}

async function expectText(locator, expected, what) {
  const text = (await locator.textContent({ timeout: TIMEOUT_MS })) ?? "";
  if (!text.includes(expected)) throw new Error(`${what}: expected "${expected}", found "${text.trim()}"`);
}

/** Records every state the account's bar shows (status and percent), sampled each animation frame. */
async function recordBar(page, id) {
  await page.evaluate((testId) => {
    const seen = [];
    window.__barSeen = seen;
    const sample = () => {
      const bar = document.querySelector(`[data-testid="${testId}"]`);
      if (bar) {
        const state = `${bar.getAttribute("data-status")}:${bar.getAttribute("aria-valuenow")}`;
        if (seen[seen.length - 1] !== state) seen.push(state);
      }
      requestAnimationFrame(sample);
    };
    sample();
  }, `sync-progress-${id}`);
}

await run(async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, process.env.EMAIL ?? "", process.env.PASSWORD ?? "", "/integracoes/");
  await page.getByRole("heading", { level: 1, name: "Integrações" }).waitFor({ timeout: TIMEOUT_MS });
  await accountCard(page, SYNC_NICKNAME);
  say("READY");

  // 1. Connect: the dialog asks for the site, then the browser goes to Mercado Livre (the sandbox).
  await page.getByTestId("connect-account").click();
  const dialog = page.getByRole("dialog", { name: "Conectar conta do Mercado Livre" });
  await dialog.waitFor({ timeout: TIMEOUT_MS });
  await dialog.getByLabel("Site do Mercado Livre").selectOption(SELLER_SITE);
  await page.waitForTimeout(400); // the modal's opening transition
  await expectAccessible(page, "integrations-connect");
  await dialog.getByRole("button", { name: "Continuar no Mercado Livre" }).click();
  await page.waitForURL(/\/authorization\?/, { timeout: TIMEOUT_MS });
  const authorizeUrl = new URL(page.url());
  if (authorizeUrl.origin === new URL(BASE_URL).origin) throw new Error(`authorization stayed on melihub: ${page.url()}`);

  // 2. The sandbox's OAuth page: choose the seller, approve; the API's callback sends us back.
  await page.getByLabel("Vendedor").selectOption({ label: SELLER_NICKNAME });
  const approvedAt = Date.now();
  await page.getByRole("button", { name: "Permitir" }).click();
  await page.waitForURL((url) => url.pathname === "/integracoes/" && url.searchParams.has("linked"), {
    timeout: TIMEOUT_MS,
  });
  const linkedId = new URL(page.url()).searchParams.get("linked");
  await page.getByTestId("linked-notification").filter({ hasText: SELLER_NICKNAME }).waitFor({ timeout: TIMEOUT_MS });
  const { id: newId } = await accountCard(page, SELLER_NICKNAME);
  const linkedMs = Date.now() - approvedAt;
  if (newId !== linkedId) throw new Error(`?linked=${linkedId} but the card of ${SELLER_NICKNAME} is ${newId}`);
  await page.waitForFunction(() => !window.location.search.includes("linked"), null, { timeout: TIMEOUT_MS });
  await expectText(page.getByTestId(`account-${newId}`), SELLER_SITE, "site of the new account");
  say("LINKED", linkedMs, newId);
  // Read: dismissed, as a person would (it would cover the next picture).
  await page.getByTestId("linked-notification").getByRole("button", { name: "Fechar" }).click();

  // 3. The test waits for the new account's backfill, slows the sandbox, then says GO.
  await hear("GO");
  const { card, id } = await accountCard(page, SYNC_NICKNAME);
  const button = page.getByTestId(`account-sync-${id}`);
  if (await button.isDisabled()) throw new Error(`the sync button of ${SYNC_NICKNAME} is disabled before any run`);
  await recordBar(page, id);
  const startedAt = Date.now();
  await button.click();

  const bar = page.getByTestId(`sync-progress-${id}`);
  await page.locator(`[data-testid="sync-progress-${id}"][data-status="RUNNING"]`).waitFor({ timeout: TIMEOUT_MS });
  say("RUNNING", Date.now() - startedAt);
  if (!(await button.isDisabled())) throw new Error("the sync button stays enabled while its run is open");
  // Running with something counted: the bar below 100 and "12 de 40" beside it.
  await page.waitForFunction(
    (testId) => {
      const node = document.querySelector(`[data-testid="${testId}"]`);
      const value = Number(node?.getAttribute("aria-valuenow"));
      return node?.getAttribute("data-status") === "RUNNING" && value > 0 && value < 100;
    },
    `sync-progress-${id}`,
    { timeout: SYNC_TIMEOUT_MS, polling: 50 },
  );
  const running = (await page.getByTestId(`sync-run-${id}`).textContent()) ?? "";
  if (!/\d+ de \d+/.test(running)) throw new Error(`running sync shows no count: "${running}"`);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, "integrations-sync.png");
  await expectAccessible(page, "integrations-sync");

  await page
    .locator(`[data-testid="sync-progress-${id}"][data-status="SUCCEEDED"][aria-valuenow="100"]`)
    .waitFor({ timeout: SYNC_TIMEOUT_MS });
  const syncedMs = Date.now() - startedAt;
  await expectText(page.getByTestId(`sync-run-${id}`), "Sincronização concluída", "finished sync (pt-BR)");
  const seen = await page.evaluate(() => window.__barSeen ?? []);
  if ((await bar.getAttribute("aria-valuenow")) !== "100") throw new Error("the finished bar is not at 100");
  await page.waitForFunction((testId) => !document.querySelector(`[data-testid="${testId}"]`)?.disabled, `account-sync-${id}`, {
    timeout: TIMEOUT_MS,
  });
  // The run ended: it heads the account's recent runs, succeeded.
  await page.locator(`[data-testid="account-runs-${id}"] tbody tr`).first().and(page.locator('[data-status="SUCCEEDED"]')).waitFor({
    timeout: TIMEOUT_MS,
  });
  say("SYNCED", syncedMs, seen.join(","));

  // 4. Test the connection: the answer shows on the card.
  await page.getByTestId(`account-test-${id}`).click();
  const answer = page.locator(`[data-testid="account-test-result-${id}"][data-ok="true"]`);
  await answer.waitFor({ timeout: TIMEOUT_MS });
  await expectText(answer, "Conexão funcionando", "connection test");

  // 5. Unlinking asks first, naming the account; cancelled here.
  await page.getByTestId(`account-unlink-${id}`).click();
  const confirm = page.getByRole("dialog", { name: `Desvincular ${SYNC_NICKNAME}?` });
  await confirm.waitFor({ timeout: TIMEOUT_MS });
  await expectText(confirm, SYNC_NICKNAME, "unlink confirmation");
  await page.waitForTimeout(400); // the modal's opening transition (colours mid-fade are not its colours)
  await expectAccessible(page, "integrations-unlink");
  await page.getByTestId("unlink-cancel").click();
  await confirm.waitFor({ state: "hidden", timeout: TIMEOUT_MS });

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await expectAccessible(page, "integrations");
  await screenshot(page, "integrations.png");
});
