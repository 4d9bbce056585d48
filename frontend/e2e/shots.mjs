// Signs in and takes a 1280×800 picture of every screen (and the floor at 768 px): the README's
// screenshots, each checked by axe-core first. BASE_URL, EMAIL, PASSWORD, SCREENSHOT_DIR.
import { BASE_URL, expectAccessible, run, screenshot, signIn, TIMEOUT_MS } from "./lib.mjs";

const SCREENS = [
  ["/", "floor"],
  ["/perguntas/", "questions"],
  ["/mensagens/", "messages"],
  ["/mensagens/?tab=reclamacoes", "claims"],
  ["/pedidos/", "orders"],
  ["/anuncios/", "listings"],
  ["/relatorios/", "reports"],
  ["/hub/", "hub"],
  ["/integracoes/", "integrations"],
  ["/integracoes/eventos/", "events"],
  ["/admin/", "admin"],
];

await run(async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, process.env.EMAIL ?? "", process.env.PASSWORD ?? "");
  for (const [path, name] of SCREENS) {
    await page.goto(`${BASE_URL}${path}`);
    await page.getByRole("heading", { level: 1 }).waitFor({ timeout: TIMEOUT_MS });
    await page.waitForLoadState("networkidle").catch(() => {});
    if (name === "messages") {
      // The inbox pictured as it is used: the first conversation open beside the list.
      await page.locator('[data-testid="conversations"] [data-testid^="conversation-"]').first().click();
      await page.getByTestId("thread").waitFor({ timeout: TIMEOUT_MS });
    }
    if (name === "orders") {
      // The orders pictured as they are used: a pack selected for its pick list and label.
      const pack = page.locator('[data-testid="unit"][data-pack]').first();
      await pack.getByRole("checkbox").check({ timeout: TIMEOUT_MS });
    }
    if (name === "reports") {
      // The report pictured with its numbers and its lazily loaded charts drawn.
      await page.locator('[data-testid="reports"]:not([data-generated-at=""])').waitFor({ timeout: TIMEOUT_MS });
      await page.locator('[data-testid^="report-chart-line-"] .recharts-surface').first().waitFor({ timeout: TIMEOUT_MS });
    }
    if (name === "hub") {
      // The hub pictured at work: its board drawn with the orders of every column.
      await page.getByTestId("hub-column-RETIRADO").getByTestId("hub-card").first().waitFor({ timeout: TIMEOUT_MS });
    }
    await page.waitForTimeout(Number(process.env.SETTLE_MS || 800));
    await expectAccessible(page, name);
    await screenshot(page, `${name}.png`);
  }
  await page.goto(`${BASE_URL}/`);
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.waitForTimeout(800);
  await screenshot(page, "floor-768.png");
});
