// The outbound webhooks screen against the real stack: the owner opens it from the integrations screen,
// creates a webhook to a local receiver (the secret shown once), then, once the test made a change that
// the worker delivered, opens the delivery log, sees it delivered and replays it.
// BASE_URL, EMAIL, PASSWORD, SCREENSHOT_DIR, RECEIVER_URL.
// Lines: AXE <screen> <n> …, CREATED <id> <secret>, (stdin DELIVERED), LOGGED <status>, REPLAYED, (stdin SENT),
// LOG <statuses top to bottom, comma-separated>, DONE.
import { TIMEOUT_MS, expectAccessible, hear, run, say, screenshot, signIn } from "./lib.mjs";

const EMAIL = process.env.EMAIL ?? "";
const PASSWORD = process.env.PASSWORD ?? "";
const RECEIVER_URL = process.env.RECEIVER_URL ?? "";

async function statuses(page) {
  const badges = page.getByTestId("deliveries-table").locator('[data-testid^="delivery-status-"]');
  return (await badges.allTextContents()).map((text) => text.trim());
}

await run(async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, EMAIL, PASSWORD, "/integracoes/");
  await page.getByTestId("open-webhooks").click();
  await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor({ timeout: TIMEOUT_MS });
  await page.getByText("Nenhum webhook ainda").waitFor({ timeout: TIMEOUT_MS });

  await page.getByTestId("create-webhook").click();
  const dialog = page.getByRole("dialog", { name: "Novo webhook" });
  await dialog.getByTestId("webhook-url").fill("ftp://nao-serve.example/in");
  await dialog.getByTestId("webhook-submit").click();
  await dialog.getByText("http(s)://").waitFor({ timeout: TIMEOUT_MS }); // the API's refusal, under the field
  await dialog.getByTestId("webhook-url").fill(RECEIVER_URL);
  await dialog.getByLabel("Envios").check();
  await expectAccessible(page, "webhooks-create");
  await dialog.getByTestId("webhook-submit").click();
  const secret = page.getByTestId("webhook-secret");
  await secret.waitFor({ timeout: TIMEOUT_MS });
  await page.getByText("não será mostrado de novo").waitFor({ timeout: TIMEOUT_MS });
  const row = page.getByTestId("webhooks-table").locator('tr[data-testid^="webhook-"]');
  await row.first().waitFor({ timeout: TIMEOUT_MS });
  const id = ((await row.first().getAttribute("data-testid")) ?? "").replace(/^webhook-/, "");
  say("CREATED", id, ((await secret.textContent()) ?? "").trim());
  await expectAccessible(page, "webhooks-created");
  await page.getByTestId("webhook-secret-done").click();
  await page.getByTestId("webhook-created").waitFor({ state: "detached", timeout: TIMEOUT_MS });

  await hear("DELIVERED");
  await page.getByTestId(`webhook-log-${id}`).click();
  const log = page.getByTestId("webhook-log");
  await log.getByText("Entregue").first().waitFor({ timeout: TIMEOUT_MS });
  say("LOGGED", (await statuses(page)).join(","));
  await log.locator('button[data-testid^="replay-"]').first().click();
  await page.getByText("Reenvio na fila").waitFor({ timeout: TIMEOUT_MS });
  say("REPLAYED");
  await hear("SENT");
  await page.reload();
  await page.getByTestId(`webhook-log-${id}`).click();
  await log.getByText("reenvio").waitFor({ timeout: TIMEOUT_MS });
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="deliveries-table"] [data-testid^="delivery-status-"]').length === 2,
    null,
    { timeout: TIMEOUT_MS },
  );
  await log.getByText("Entregue").nth(1).waitFor({ timeout: TIMEOUT_MS });
  say("LOG", (await statuses(page)).join(","));
  await expectAccessible(page, "webhooks-log");
  await screenshot(page, "webhooks.png");
});
