// The orders screen against the real stack: packing one order of a pack packs the whole pack; a
// cancelled order is refused with its reason; the selection's pick list adds its lines up by SKU;
// its labels print into one PDF behind a signed URL (the Python side fetches and counts its pages);
// an order's detail shows its shipment timeline; the bench's scan field packs an order by its number;
// an analyst sees the orders without any button that writes.
// Lines: READY, PACKED <pack unit state> <order states>, REFUSED <code> <reason>, PICKLIST <sku:qty,…>
// <pdf url>, LABELS <labels> <url>, DETAIL <state> <timeline steps>, SCANNED <ok> <unit state> <scans>,
// LATE <shipment ids listed> <rows flagged>, ANALYST <write buttons> <read-only notice>, DONE.
// BASE_URL, EMAIL, PASSWORD, ANALYST_EMAIL, ANALYST_PASSWORD, PACK_ID, PACK_ORDER, CANCELLED_ORDER, SCAN_ORDER.
import { BASE_URL, expectAccessible, run, say, screenshot, signIn, signOut, TIMEOUT_MS } from "./lib.mjs";

const PACK_ID = process.env.PACK_ID ?? "";
const PACK_ORDER = process.env.PACK_ORDER ?? "";
const CANCELLED_ORDER = process.env.CANCELLED_ORDER ?? "";
const SCAN_ORDER = process.env.SCAN_ORDER ?? "";
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS || 30000);

const unitOf = (page, orderMlId) => page.locator(`[data-testid="unit"][data-orders~="${orderMlId}"]`);

async function select(page, orderMlId) {
  await unitOf(page, orderMlId).getByRole("checkbox").check();
}

async function clearSelection(page) {
  const clear = page.getByTestId("selection-bar").getByRole("button", { name: /Limpar seleção/ });
  if (await clear.isVisible()) await clear.click();
  await page.locator('[data-testid="selection-count"][data-count="0"]').waitFor({ timeout: TIMEOUT_MS });
}

/** Runs an action of the selection bar and waits for its outcome panel (a new one each time). */
async function act(page, testId, kind) {
  const close = page.getByTestId("action-result").getByRole("button", { name: /Fechar resultado/ });
  if (await close.isVisible().catch(() => false)) await close.click();
  await page.getByTestId("action-result").waitFor({ state: "detached", timeout: TIMEOUT_MS });
  await page.getByTestId(testId).click();
  const result = page.locator(`[data-testid="action-result"][data-kind="${kind}"]`);
  await result.waitFor({ timeout: STEP_TIMEOUT_MS });
  return result;
}

async function packThePack(page) {
  await select(page, PACK_ORDER);
  await act(page, "action-mark-packed", "marks");
  const unit = page.locator(`[data-testid="unit"][data-pack="${PACK_ID}"]`);
  await page.locator(`[data-testid="unit"][data-pack="${PACK_ID}"][data-state="PACKED"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
  const states = await unit.getByTestId("order-link").evaluateAll((links) =>
    links.map((link) => `${link.getAttribute("data-order")}=${link.getAttribute("data-state")}`),
  );
  say("PACKED", await unit.getAttribute("data-state"), states.join(","));
  await clearSelection(page);
}

async function refuseTheCancelled(page) {
  await select(page, CANCELLED_ORDER);
  const result = await act(page, "action-mark-picked", "marks");
  const error = result.getByTestId("action-error").first();
  await error.waitFor({ timeout: TIMEOUT_MS });
  const text = ((await error.textContent()) ?? "").replace(/\s+/g, " ").trim();
  say("REFUSED", await error.getAttribute("data-code"), text);
  await clearSelection(page);
}

async function pickList(page) {
  await page.getByRole("dialog").getByTestId("pick-list").waitFor({ timeout: STEP_TIMEOUT_MS });
  const lines = await page.getByTestId("pick-line").evaluateAll((rows) =>
    rows.map((row) => `${row.getAttribute("data-sku") || "-"}:${row.getAttribute("data-quantity")}`),
  );
  const pdf = await page.getByTestId("pick-list-pdf").getAttribute("href");
  return { lines, pdf };
}

async function printLabels(page) {
  const close = page.getByTestId("action-result").getByRole("button", { name: /Fechar resultado/ });
  if (await close.isVisible().catch(() => false)) await close.click();
  await page.getByTestId("action-labels").click();
  await page.getByTestId("labels-pdf").click();
  const result = page.locator('[data-testid="action-result"][data-kind="labels"]');
  await result.waitFor({ timeout: STEP_TIMEOUT_MS });
  const href = await result.getByTestId("labels-download").getAttribute("href");
  say("LABELS", await result.getAttribute("data-done"), href ?? "-");
}

async function detail(page) {
  await unitOf(page, PACK_ORDER).locator(`[data-testid="order-link"][data-order="${PACK_ORDER}"]`).click();
  const shown = page.locator(`[data-testid="order-detail"][data-order="${PACK_ORDER}"]`);
  await shown.waitFor({ timeout: STEP_TIMEOUT_MS });
  const steps = await shown.getByTestId("shipment-timeline").locator(".mantine-Timeline-item").count();
  if (!new URL(page.url()).searchParams.get("pedido")) throw new Error("the open order is not in the URL");
  await page.waitForTimeout(600); // the drawer's opening transition (axe reads faded text as low contrast)
  await expectAccessible(page, "orders-detail");
  say("DETAIL", await shown.getAttribute("data-state"), steps);
  await page.keyboard.press("Escape");
  await shown.waitFor({ state: "detached", timeout: TIMEOUT_MS });
}

async function scan(page) {
  await page.getByTestId("scan-open").click();
  const input = page.getByTestId("scan-input");
  await input.waitFor({ timeout: TIMEOUT_MS });
  const focused = await input.evaluate((element) => element === document.activeElement);
  if (!focused) throw new Error("the scan field is not focused");
  await page.getByTestId("scan-mode").getByText("Embalado").click();
  await input.fill(SCAN_ORDER);
  await input.press("Enter");
  const result = page.getByTestId("scan-result");
  await result.waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.locator(`[data-testid="unit"][data-orders~="${SCAN_ORDER}"][data-state="PACKED"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
  const history = await page.getByTestId("scan-history").locator("li").count();
  await expectAccessible(page, "orders-bench");
  await screenshot(page, "orders-bench.png");
  say("SCANNED", await result.getAttribute("data-ok"), await unitOf(page, SCAN_ORDER).getAttribute("data-state"), history);
}

/** The floor's late tile links to the list of late shipments' orders. */
async function lateFromTheFloor(page) {
  await page.goto(`${BASE_URL}/`);
  await page.getByTestId("floor-shipments-late-link").click({ timeout: STEP_TIMEOUT_MS });
  await page.waitForURL(/\/pedidos\/\?excecao=LATE_TO_DISPATCH/, { timeout: TIMEOUT_MS });
  const units = page.locator('[data-testid="unit"]');
  await units.first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.waitForLoadState("networkidle").catch(() => {});
  const shipments = await units.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-shipment") ?? "-"));
  const flagged = await page.getByTestId("unit-exception").count();
  say("LATE", shipments.sort().join(","), flagged);
}

async function asAnalyst(page) {
  await signOut(page);
  await signIn(page, process.env.ANALYST_EMAIL ?? "", process.env.ANALYST_PASSWORD ?? "", "/pedidos/");
  await page.getByTestId("orders-table").waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.locator(`[data-testid="unit"][data-pack="${PACK_ID}"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
  const writes = await page.locator('[data-testid="action-mark-packed"], [data-testid="action-mark-picked"], [data-testid="action-labels"], [data-testid="scan-open"]').count();
  const notice = await page.getByTestId("orders-read-only").isVisible();
  say("ANALYST", writes, notice);
}

await run(async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, process.env.EMAIL ?? "", process.env.PASSWORD ?? "", "/pedidos/");
  await page.getByRole("heading", { level: 1, name: "Pedidos" }).waitFor({ timeout: TIMEOUT_MS });
  await page.locator(`[data-testid="unit"][data-pack="${PACK_ID}"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
  say("READY");

  await packThePack(page);
  await refuseTheCancelled(page);

  await select(page, PACK_ORDER);
  await select(page, SCAN_ORDER);
  await page.getByTestId("action-pick-list").click();
  const list = await pickList(page);
  await page.waitForTimeout(400); // the modal's opening transition
  await expectAccessible(page, "orders-pick-list");
  await screenshot(page, "orders-pick-list.png");
  say("PICKLIST", list.lines.join(","), list.pdf ?? "-");
  await page.keyboard.press("Escape");
  await page.getByTestId("pick-list").waitFor({ state: "detached", timeout: TIMEOUT_MS });

  await printLabels(page);
  await page.waitForTimeout(Number(process.env.SETTLE_MS || 500));
  await expectAccessible(page, "orders");
  await screenshot(page, "orders.png");

  await clearSelection(page);
  await detail(page);
  await scan(page);
  await lateFromTheFloor(page);
  await asAnalyst(page);
  if (!BASE_URL) throw new Error("BASE_URL is not set");
});
