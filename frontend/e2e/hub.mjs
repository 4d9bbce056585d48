// The pickup hub (/hub) against the real stack. SCENARIO=flow: the owner turns the hub on from its notice;
// a sandbox order appears live in Recebido; the desk types the buyer's e-mail and a shelf; the label comes
// out and the card moves to Pronto live, its notice goes out; the pickup desk hands it over and the card
// moves to Retirado. SCENARIO=mapping: the board with every column filled (pictured), the desk refuses an
// order that is not ready, the search narrows the board, "mapear" releases a waiting order live, and an
// analyst sees masked recipients with no control that writes.
// flow lines: READY <flags that were off>, (GO) RECEIVED <ms> <blockers>, SHELVED <blockers> <shelves>,
// (GO) PRONTO <ms>, NOTIFIED <status>, PICKED_UP <ms> <ok> <status>, DONE.
// mapping lines: BOARD <waiting,received,ready,pickedUp>, DESK_REFUSED <code> <text>, SEARCH <cards>,
// RELEASED <ms> <blockers>, MAPPED <external=internal>, ANALYST <writes> <notice> <masked>, DONE.
// BASE_URL, EMAIL, PASSWORD, ORDER_CODE, RECIPIENT_EMAIL, SHELF, RECEIVER_DOCUMENT, INTERNAL_SKU,
// ANALYST_EMAIL, ANALYST_PASSWORD.
import { BASE_URL, expectAccessible, hear, run, say, screenshot, signIn, signOut, TIMEOUT_MS } from "./lib.mjs";

const SCENARIO = process.env.SCENARIO ?? "flow";
const CODE = process.env.ORDER_CODE ?? "";
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS || 30000);

const column = (page, status) => page.getByTestId(`hub-column-${status}`);
const cardIn = (page, status, code) => column(page, status).locator(`[data-testid="hub-card"][data-code="${code}"]`);
const card = (page, code) => page.locator(`[data-testid="hub-card"][data-code="${code}"]`);

/** Resolves with the ms from now until `code`'s card shows in `status`'s column (no reload). */
async function untilIn(page, status, code, timeout = STEP_TIMEOUT_MS) {
  const started = Date.now();
  await cardIn(page, status, code).waitFor({ timeout });
  return Date.now() - started;
}

async function openHub(page) {
  await page.getByRole("heading", { level: 1, name: "Hub de retirada" }).waitFor({ timeout: TIMEOUT_MS });
}

/** The owner finds the hub off, and turns both switches on from the notice. */
async function turnOn(page) {
  const notice = page.getByTestId("hub-flags-off");
  await notice.waitFor({ timeout: STEP_TIMEOUT_MS });
  const off = await notice.getAttribute("data-off");
  await expectAccessible(page, "hub-off");
  await page.getByTestId("hub-flags-turn-on").click();
  await page.getByTestId("hub-board").waitFor({ timeout: STEP_TIMEOUT_MS });
  return off;
}

async function shelveAndEmail(page, code) {
  await card(page, code).getByTestId("hub-card-open").click();
  const detail = page.locator(`[data-testid="hub-order-detail"][data-code="${code}"]`);
  await detail.waitFor({ timeout: STEP_TIMEOUT_MS });
  await detail.getByTestId("hub-email-input").fill(process.env.RECIPIENT_EMAIL ?? "");
  await detail.getByTestId("hub-email-save").click();
  await page.locator(`[data-testid="hub-order-detail"][data-email="${process.env.RECIPIENT_EMAIL}"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
  const shelf = process.env.SHELF ?? "";
  await detail.getByTestId("hub-shelf-input").first().fill(shelf);
  await detail.getByTestId("hub-shelf-save").first().click();
  await detail.locator(`[data-testid="hub-volume"][data-position="${shelf}"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.waitForTimeout(400); // the drawer's opening transition (axe reads faded text as low contrast)
  await expectAccessible(page, "hub-drawer");
  await screenshot(page, "hub-drawer.png");
  await page.keyboard.press("Escape");
  await detail.waitFor({ state: "detached", timeout: TIMEOUT_MS });
  const shelved = page.locator(`[data-testid="hub-card"][data-code="${code}"][data-shelves="${shelf}"]`);
  await shelved.waitFor({ timeout: STEP_TIMEOUT_MS });
  say("SHELVED", (await shelved.getAttribute("data-blockers")) || "-", await shelved.getAttribute("data-shelves"));
}

/** The desk: the code, the order found, a document typed, confirmed; the outcome as the page says it. */
async function atTheDesk(page, code, receiverDocument) {
  const desk = page.getByTestId("pickup-desk");
  await desk.getByTestId("desk-code").fill(code);
  await desk.getByTestId("desk-find").click();
  await desk.locator(`[data-testid="desk-order"][data-code="${code}"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
  const input = desk.getByTestId("desk-document");
  if (!(await input.evaluate((element) => element === document.activeElement))) throw new Error("the document field is not focused");
  await input.fill(receiverDocument);
  await desk.getByTestId("desk-confirm").click();
  const outcome = desk.getByTestId("desk-outcome");
  await outcome.waitFor({ timeout: STEP_TIMEOUT_MS });
  return {
    ok: await outcome.getAttribute("data-ok"),
    code: (await outcome.getAttribute("data-code")) || "-",
    text: ((await outcome.textContent()) ?? "").replace(/\s+/g, " ").trim(),
  };
}

async function flow(page) {
  await signIn(page, process.env.EMAIL ?? "", process.env.PASSWORD ?? "", "/hub/");
  await openHub(page);
  say("READY", await turnOn(page));

  await hear("GO"); // the sandbox sold an order whose label is not out yet
  const receivedMs = await untilIn(page, "RECEBIDO", CODE);
  say("RECEIVED", receivedMs, (await card(page, CODE).getAttribute("data-blockers")) || "-");
  await shelveAndEmail(page, CODE);

  await hear("GO"); // Mercado Livre released the label
  say("PRONTO", await untilIn(page, "PRONTO", CODE));
  const sent = page.locator(`[data-testid="hub-card"][data-code="${CODE}"][data-notification="SENT"]`);
  await sent.waitFor({ timeout: STEP_TIMEOUT_MS });
  say("NOTIFIED", await sent.getAttribute("data-notification"));

  const started = Date.now();
  const outcome = await atTheDesk(page, CODE, process.env.RECEIVER_DOCUMENT ?? "");
  await cardIn(page, "RETIRADO", CODE).waitFor({ timeout: STEP_TIMEOUT_MS });
  say("PICKED_UP", Date.now() - started, outcome.ok, await card(page, CODE).getAttribute("data-status"));
  await page.waitForTimeout(Number(process.env.SETTLE_MS || 500));
  await expectAccessible(page, "hub-flow");
  await screenshot(page, "hub-flow.png");
}

async function mapping(page) {
  await signIn(page, process.env.EMAIL ?? "", process.env.PASSWORD ?? "", "/hub/");
  await openHub(page);
  await cardIn(page, "MAPPING", CODE).waitFor({ timeout: STEP_TIMEOUT_MS });
  for (const status of ["RECEBIDO", "PRONTO", "RETIRADO"]) {
    await column(page, status).getByTestId("hub-card").first().waitFor({ timeout: STEP_TIMEOUT_MS });
  }
  const counts = [];
  for (const status of ["MAPPING", "RECEBIDO", "PRONTO", "RETIRADO"]) counts.push(await column(page, status).getByTestId("hub-card").count());
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.waitForTimeout(Number(process.env.SETTLE_MS || 500));
  await expectAccessible(page, "hub");
  await screenshot(page, "hub.png");
  say("BOARD", counts.join(","));

  const refused = await atTheDesk(page, CODE, process.env.RECEIVER_DOCUMENT ?? "");
  if (refused.ok !== "false") throw new Error(`the desk handed over an order that is not ready: ${refused.text}`);
  say("DESK_REFUSED", refused.code, refused.text);

  const search = page.getByTestId("hub-search");
  await search.fill(CODE);
  await page.locator('[data-testid="hub-card"]').nth(1).waitFor({ state: "detached", timeout: STEP_TIMEOUT_MS });
  await cardIn(page, "MAPPING", CODE).waitFor({ timeout: TIMEOUT_MS });
  if (!new URL(page.url()).searchParams.get("q")) throw new Error("the search is not in the URL");
  say("SEARCH", await page.getByTestId("hub-card").count());
  await page.getByRole("button", { name: "Limpar busca" }).click();
  await column(page, "RETIRADO").getByTestId("hub-card").first().waitFor({ timeout: STEP_TIMEOUT_MS });

  const shortcut = page.getByTestId("hub-mappings").getByTestId("hub-waiting-sku").first();
  const sku = await shortcut.getAttribute("data-sku");
  await shortcut.click();
  const form = page.getByTestId("sku-mapping-form");
  await form.waitFor({ timeout: TIMEOUT_MS });
  if ((await form.getByTestId("sku-mapping-external").inputValue()) !== sku) throw new Error("the shortcut did not fill the SKU");
  await page.waitForTimeout(300); // the modal's opening transition
  await expectAccessible(page, "hub-mapping");
  await form.getByTestId("sku-mapping-internal").fill(process.env.INTERNAL_SKU ?? "");
  const started = Date.now();
  await form.getByTestId("sku-mapping-save").click();
  await cardIn(page, "RECEBIDO", CODE).waitFor({ timeout: STEP_TIMEOUT_MS });
  say("RELEASED", Date.now() - started, (await card(page, CODE).getAttribute("data-blockers")) || "-");
  const row = page.locator(`[data-testid="sku-mapping"][data-external="${sku}"]`);
  await row.waitFor({ timeout: STEP_TIMEOUT_MS });
  say("MAPPED", `${sku}=${await row.getAttribute("data-internal")}`);

  await signOut(page);
  await signIn(page, process.env.ANALYST_EMAIL ?? "", process.env.ANALYST_PASSWORD ?? "", "/hub/");
  await openHub(page);
  await card(page, CODE).waitFor({ timeout: STEP_TIMEOUT_MS });
  const writes = await page
    .locator('[data-testid="hub-card-map"], [data-testid="pickup-desk"], [data-testid="sku-mapping-new"], [data-testid="sku-mapping-delete"]')
    .count();
  const masked = await page.locator('[data-testid="hub-card-recipient"][data-masked="false"]').count();
  await expectAccessible(page, "hub-analyst");
  say("ANALYST", writes, await page.getByTestId("hub-read-only").isVisible(), masked === 0);
}

await run(async ({ context }) => {
  if (!BASE_URL) throw new Error("BASE_URL is not set");
  const page = await context.newPage();
  if (SCENARIO === "flow") await flow(page);
  else if (SCENARIO === "mapping") await mapping(page);
  else throw new Error(`unknown SCENARIO ${SCENARIO}`);
});
