// LGPD from an order's detail: an owner exports the buyer's data (a JSON file is downloaded) and
// anonymises the buyer after a confirmation; the drawer then shows the buyer as "anonimizado".
// Lines: READY <nickname>, EXPORTED <file name> <bytes> <mlUserId in file>, ERASED <nickname after>, DONE.
// BASE_URL, EMAIL, PASSWORD, ORDER_ID (the order's global id), ORDER_ML_ID.
import { readFile } from "node:fs/promises";
import { BASE_URL, expectAccessible, run, say, screenshot, signIn, TIMEOUT_MS } from "./lib.mjs";

const ORDER_ID = process.env.ORDER_ID ?? "";
const ORDER_ML_ID = process.env.ORDER_ML_ID ?? "";

run(async ({ context }) => {
  if (!BASE_URL) throw new Error("BASE_URL is not set");
  const page = await context.newPage();
  await signIn(page, process.env.EMAIL ?? "", process.env.PASSWORD ?? "", `/pedidos/?pedido=${encodeURIComponent(ORDER_ID)}`);
  const detail = page.locator(`[data-testid="order-detail"][data-order="${ORDER_ML_ID}"]`);
  await detail.waitFor({ timeout: TIMEOUT_MS });
  const privacy = detail.getByTestId("buyer-privacy");
  await privacy.waitFor({ timeout: TIMEOUT_MS });
  await privacy.scrollIntoViewIfNeeded();
  await page.waitForTimeout(600); // the drawer's opening transition
  await expectAccessible(page, "orders-buyer-privacy");
  await screenshot(page, "orders-buyer-privacy.png");
  const buyer = detail.getByTestId("buyer-nickname");
  say("READY", ((await buyer.textContent()) ?? "").trim());

  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: TIMEOUT_MS }),
    privacy.getByRole("button", { name: "Exportar dados do cliente" }).click(),
  ]);
  const saved = await download.path();
  const text = await readFile(saved, "utf8");
  say("EXPORTED", download.suggestedFilename(), text.length, JSON.parse(text).mlUserId);

  await privacy.getByTestId("privacy-erase").click();
  const confirm = page.getByTestId("privacy-erase-confirm");
  await confirm.waitFor({ timeout: TIMEOUT_MS });
  await page.waitForTimeout(400); // the modal's opening transition
  await expectAccessible(page, "orders-buyer-erase-confirm");
  await screenshot(page, "orders-buyer-erase-confirm.png");
  await confirm.click();
  await detail.locator('[data-testid="buyer-nickname"]', { hasText: "anonimizado" }).waitFor({ timeout: TIMEOUT_MS });
  say("ERASED", ((await buyer.textContent()) ?? "").trim());
});
