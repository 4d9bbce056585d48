// The listings screen against the real stack: a variation's stock changed inline reaches the sandbox's
// item and the screen; a sale on Mercado Livre comes back live through its notification and shows in the
// history; an edit over a price changed on Mercado Livre meanwhile shows the conflict and sends nothing
// until the user chooses (once "Usar os do Mercado Livre", once "Manter os meus"); bulk stock by CSV.
// Lines: READY, SAVED <ms>, (stdin SALE) SALE_SEEN <ms>, HISTORY <fields>, (stdin CHANGED) CONFLICT <theirs>
// <mine>, (stdin TAKE) TAKEN <price>, (stdin CHANGED) CONFLICT …, (stdin KEEP) KEPT <price>, FIELD_ERROR
// <aria-invalid> <text>,
// BULK <match states> <results>, ANALYST <edit controls shown>, DONE. BASE_URL, EMAIL, PASSWORD,
// ANALYST_EMAIL, ANALYST_PASSWORD, SCREENSHOT_DIR, VARIATIONS_ITEM,
// VARIATION, NEW_STOCK, SALE_VARIATION, SALE_STOCK, SIMPLE_ITEM, TYPED_PRICE, BULK_CSV.
import { expectAccessible, hear, run, say, screenshot, signIn, signOut, TIMEOUT_MS } from "./lib.mjs";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const ITEM = env("VARIATIONS_ITEM");
const VARIATION = env("VARIATION");
const NEW_STOCK = env("NEW_STOCK");
const SALE_VARIATION = env("SALE_VARIATION");
const SALE_STOCK = env("SALE_STOCK");
const SIMPLE = env("SIMPLE_ITEM");
const TYPED_PRICE = env("TYPED_PRICE");
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS || 30000);

function row(page, mlId, attributes = "") {
  return page.locator(`[data-testid="listings-table"] tr[data-testid="listing-${mlId}"]${attributes}`);
}

/** Toasts closed and the page at its top, so the picture shows the screen, not the last message. */
async function tidy(page) {
  for (const close of await page.locator(".mantine-Notification-closeButton").all()) await close.click().catch(() => {});
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
}

async function expectSamePage(page) {
  if (!(await page.evaluate(() => window.__samePage === true))) throw new Error("the page reloaded");
}

/** Types a price on the simple listing and saves: the conflict dialog must open. */
async function editPriceIntoConflict(page) {
  await page.getByTestId(`listing-price-${SIMPLE}`).fill(TYPED_PRICE);
  await page.getByTestId(`listing-save-${SIMPLE}`).click();
  const body = page.getByTestId("listing-conflict-body");
  await body.waitFor({ timeout: STEP_TIMEOUT_MS });
  const theirs = (await page.getByTestId("conflict-theirs-price").getAttribute("data-value")) ?? "-";
  const mine = ((await page.getByTestId("conflict-mine-price").textContent()) ?? "-").replace(/\s+/g, "");
  say("CONFLICT", theirs, mine);
}

await run(async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, env("EMAIL"), env("PASSWORD"), "/anuncios/");
  await row(page, ITEM).waitFor({ timeout: TIMEOUT_MS });
  await page.evaluate(() => {
    window.__samePage = true;
  });
  say("READY");

  // 1. A variation's stock, typed in the expanded row; the total follows as typed; then saved.
  await page.getByTestId(`listing-expand-${ITEM}`).click();
  const stock = page.getByTestId(`variation-stock-${VARIATION}`);
  await stock.fill(NEW_STOCK);
  const total = (await page.getByTestId(`variations-total-${ITEM}`).textContent()) ?? "";
  if (!/\d/.test(total)) throw new Error(`no total shown: ${total}`);
  const savedAt = Date.now();
  await page.getByTestId(`variations-save-${ITEM}`).click();
  await page.locator(`tr[data-testid="variation-${VARIATION}"][data-stock="${NEW_STOCK}"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.getByTestId("listing-saved").first().waitFor({ timeout: TIMEOUT_MS });
  say("SAVED", Date.now() - savedAt);

  // 2. A sale on Mercado Livre (the test notifies it): the variation's stock drops on this page.
  await hear("SALE");
  const saleAt = Date.now();
  await page.locator(`tr[data-testid="variation-${SALE_VARIATION}"][data-stock="${SALE_STOCK}"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
  await expectSamePage(page);
  say("SALE_SEEN", Date.now() - saleAt);
  await tidy(page);
  await expectAccessible(page, "listings");
  await screenshot(page, "listings.png");

  // 3. The history: the edit through melihub and the sale seen from Mercado Livre.
  await page.getByTestId(`listing-history-${ITEM}`).click();
  const history = page.getByTestId("listing-history");
  await history.waitFor({ timeout: TIMEOUT_MS });
  const mine = history.locator(
    `[data-testid="history-change"][data-field="variation:${VARIATION}.availableQuantity"][data-source="MELIHUB"][data-to="${NEW_STOCK}"]`,
  );
  const theirs = history.locator(
    `[data-testid="history-change"][data-field="variation:${SALE_VARIATION}.availableQuantity"][data-source="MERCADO_LIVRE"][data-to="${SALE_STOCK}"]`,
  );
  await mine.first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await tidy(page);
  await theirs.first().waitFor({ timeout: STEP_TIMEOUT_MS });
  const fields = await history
    .locator('[data-testid="history-change"]')
    .evaluateAll((rows) => rows.map((r) => `${r.getAttribute("data-field")}:${r.getAttribute("data-source")}`));
  say("HISTORY", fields.join(","));
  await page.waitForTimeout(300);
  await expectAccessible(page, "listings-history");
  await screenshot(page, "listings-history.png");
  await page.keyboard.press("Escape");
  await history.waitFor({ state: "hidden", timeout: TIMEOUT_MS });

  // 4. Conflict, taking Mercado Livre's: nothing is sent, the row shows their price.
  await hear("CHANGED");
  await editPriceIntoConflict(page);
  await tidy(page);
  await expectAccessible(page, "listings-conflict");
  await screenshot(page, "listings-conflict.png");
  await hear("TAKE");
  await page.getByTestId("conflict-take-theirs").click();
  await page.getByTestId("listing-conflict-body").waitFor({ state: "hidden", timeout: TIMEOUT_MS });
  const takenPrice = (await page.getByTestId(`listing-price-${SIMPLE}`).inputValue()) || "-";
  say("TAKEN", (await row(page, SIMPLE).getAttribute("data-price")) ?? "-", takenPrice);

  // 5. Conflict again, keeping mine: sent only now, over the version the dialog showed.
  await hear("CHANGED");
  await editPriceIntoConflict(page);
  await hear("KEEP");
  await page.getByTestId("conflict-keep-mine").click();
  const kept = Number(TYPED_PRICE.replace(",", ".")).toFixed(2);
  await row(page, SIMPLE, `[data-price="${kept}"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
  say("KEPT", kept);

  // 5b. A price the API refuses: its reason under the price box, the row still marked as unsaved.
  await page.getByTestId(`listing-price-${SIMPLE}`).fill("0");
  await page.getByTestId(`listing-save-${SIMPLE}`).click();
  const refusal = page.locator(`[data-testid="listings-table"] tr[data-testid="listing-${SIMPLE}"] .mantine-InputWrapper-error`);
  await refusal.first().waitFor({ timeout: STEP_TIMEOUT_MS });
  const invalid = await page.getByTestId(`listing-price-${SIMPLE}`).getAttribute("aria-invalid");
  say("FIELD_ERROR", invalid ?? "-", ((await refusal.first().textContent()) ?? "").replace(/\s+/g, "_"));
  await row(page, SIMPLE).getByRole("button", { name: "Desfazer" }).click();

  // 6. Bulk stock by CSV: a preview of what each line matches, then a result per line.
  await page.getByTestId("bulk-open").click();
  const csv = (process.env.BULK_CSV ?? "").replace(/\\n/g, "\n");
  await page.locator('[data-testid="bulk-stock"] input[type="file"]').setInputFiles({ name: "estoque.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const lines = page.locator('[data-testid="bulk-line"]');
  await lines.first().waitFor({ timeout: TIMEOUT_MS });
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-testid="bulk-line"]')].every((line) => line.getAttribute("data-match") !== "pending"),
    null,
    { timeout: STEP_TIMEOUT_MS },
  );
  const matches = await lines.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-match")));
  await expectAccessible(page, "listings-bulk");
  await page.getByTestId("bulk-send").click();
  await page.locator('[data-testid="bulk-progress"][data-status="DONE"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-testid="bulk-line"]')].every((line) => line.getAttribute("data-result")),
    null,
    { timeout: STEP_TIMEOUT_MS },
  );
  const results = await lines.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-result")));
  await tidy(page);
  await screenshot(page, "listings-bulk.png");
  say("BULK", matches.join(","), results.join(","));
  await expectSamePage(page);

  // 7. An analyst sees the listings and their variations, with nothing to change.
  await page.keyboard.press("Escape");
  await page.getByTestId("bulk-stock").waitFor({ state: "hidden", timeout: TIMEOUT_MS });
  await signOut(page);
  await signIn(page, env("ANALYST_EMAIL"), env("ANALYST_PASSWORD"), "/anuncios/");
  await row(page, ITEM).waitFor({ timeout: TIMEOUT_MS });
  await page.getByTestId("listings-read-only").waitFor({ timeout: TIMEOUT_MS });
  await page.getByTestId(`listing-expand-${ITEM}`).click();
  await page.getByTestId(`variations-table-${ITEM}`).waitFor({ timeout: TIMEOUT_MS });
  const controls = await page
    .locator('[data-testid^="listing-price-"]:not([data-testid^="listing-price-text"]), [data-testid^="listing-stock-"]:not([data-testid^="listing-stock-text"]), [data-testid^="variation-stock-"], [data-testid^="variations-price-"], [data-testid^="listing-status-action-"], [data-testid="bulk-open"]')
    .count();
  say("ANALYST", controls);
});
