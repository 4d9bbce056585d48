// The listing score on /anuncios against the real stack: a badge per listing, "Nota abaixo de" and "Com
// problema" narrowing the list to what the API counts, a listing's detail with its findings (pt-BR
// recommendations) and the AI review off (no LLM configured), and the scores by account (average,
// distribution, costliest rules, the worst listings, one of which opens its detail).
// Lines: READY <rows>, BADGES <scored> <rows>, BELOW <rows> <max score shown>, FINDING <rows>,
// DETAIL <mlId> <score> <findings> <rules>, RECOMMENDATION <first recommendation, spaces as _>,
// AI_OFF <notice shown> <generate disabled>, ACCOUNT <average> <bands total> <worst rows> <costliest rules>,
// WORST_OPENED <mlId>, AXE …, DONE.
// BASE_URL, EMAIL, PASSWORD, SCREENSHOT_DIR, ITEM, SCORE_BELOW, BELOW_COUNT, FINDING, FINDING_COUNT, WORST_ITEM.
import { expectAccessible, run, say, screenshot, signIn, TIMEOUT_MS } from "./lib.mjs";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const ITEM = env("ITEM");
const SCORE_BELOW = env("SCORE_BELOW");
const BELOW_COUNT = Number(env("BELOW_COUNT"));
const FINDING = env("FINDING");
const FINDING_COUNT = Number(env("FINDING_COUNT"));
const WORST_ITEM = env("WORST_ITEM");
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS || 30000);

const ROWS = '[data-testid="listings-table"] tbody > tr[data-testid^="listing-MLB"]';

async function rowCount(page) {
  return page.locator(ROWS).count();
}

/** Waits until the table shows `count` rows (a filter's refetch replaces them). */
async function waitForRows(page, count) {
  await page.waitForFunction(
    ([selector, wanted]) => document.querySelectorAll(selector).length === wanted,
    [ROWS, count],
    { timeout: STEP_TIMEOUT_MS },
  );
}

/** The scores the table's badges show ("" for a listing not scored yet). */
async function shownScores(page) {
  return page
    .locator(`${ROWS} [data-testid^="listing-score-"]`)
    .evaluateAll((badges) => badges.map((badge) => badge.getAttribute("data-score") ?? ""));
}

async function tidy(page) {
  for (const close of await page.locator(".mantine-Notification-closeButton").all()) await close.click().catch(() => {});
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
}

await run(async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, env("EMAIL"), env("PASSWORD"), "/anuncios/");
  await page.locator(ROWS).first().waitFor({ timeout: TIMEOUT_MS });
  const total = await rowCount(page);
  say("READY", total);

  // 1. A badge beside every listing: its score, coloured by level.
  const scores = await shownScores(page);
  say("BADGES", scores.filter((score) => score !== "").length, scores.length);

  // 2. "Nota abaixo de": only the listings below it, as many as the API counts.
  await page.getByTestId("listings-score-below").selectOption(SCORE_BELOW);
  await waitForRows(page, BELOW_COUNT);
  const below = (await shownScores(page)).map(Number);
  if (!new URL(page.url()).searchParams.get("scoreBelow")) throw new Error("the filter is not in the address");
  say("BELOW", below.length, below.length ? Math.max(...below) : "-");
  await tidy(page);
  await expectAccessible(page, "listing-scores");
  // Pictured from the filters down, so the table's badges show beside more than two listings.
  await page.evaluate(() => {
    const filters = document.querySelector('[data-testid="listings-score-below"]')?.closest("section");
    if (filters) window.scrollTo(0, filters.getBoundingClientRect().top + window.scrollY - 72);
  });
  await page.waitForTimeout(200);
  await screenshot(page, "listing-scores.png");

  // 3. "Com problema" on top of it, then both cleared: the whole list again.
  await page.getByTestId("listings-score-below").selectOption("");
  await page.getByTestId("listings-finding").selectOption(FINDING);
  await waitForRows(page, FINDING_COUNT);
  say("FINDING", await rowCount(page));
  await page.getByTestId("filter-clear").click();
  await waitForRows(page, total);

  // 4. A listing's detail: score, findings with their recommendations, history, and the AI review off.
  await page.getByTestId(`listing-score-${ITEM}`).click();
  const detail = page.locator(`[data-testid="score-detail"][data-ml-id="${ITEM}"]`);
  await detail.waitFor({ timeout: STEP_TIMEOUT_MS });
  const findings = detail.getByTestId("score-finding");
  await findings.first().waitFor({ timeout: TIMEOUT_MS });
  const rules = await findings.evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-rule")));
  const score = (await detail.getByTestId("score-summary").getAttribute("data-score")) ?? "-";
  say("DETAIL", ITEM, score, rules.length, rules.join(","));
  const recommendation = ((await detail.getByTestId("score-finding-recommendation").first().textContent()) ?? "").trim();
  say("RECOMMENDATION", recommendation.replace(/\s+/g, "_"));
  const off = detail.getByTestId("ai-off");
  await off.waitFor({ timeout: TIMEOUT_MS });
  const offText = (await off.textContent()) ?? "";
  const disabled = await detail.getByTestId("ai-generate").isDisabled();
  say("AI_OFF", offText.includes("A análise por IA está desligada") ? "shown" : "missing", disabled);
  await detail.getByTestId("score-history").waitFor({ timeout: TIMEOUT_MS });
  await page.waitForTimeout(400); // the drawer's slide-in
  await expectAccessible(page, "listing-score-detail");
  await screenshot(page, "listing-score-detail.png");
  await page.keyboard.press("Escape");
  await detail.waitFor({ state: "hidden", timeout: TIMEOUT_MS });

  // 5. Scores by account: the average, the distribution drawn, what costs most, the 10 worst.
  await page.getByTestId("listings-tab-scores").click();
  const view = page.getByTestId("account-scores");
  await view.waitFor({ timeout: STEP_TIMEOUT_MS });
  await view.getByTestId("score-distribution").locator(".recharts-surface").first().waitFor({ timeout: STEP_TIMEOUT_MS });
  const average = ((await view.getByTestId("account-score-average-value").textContent()) ?? "-").trim();
  const bands = await view
    .getByTestId("score-band")
    .evaluateAll((nodes) => nodes.reduce((sum, node) => sum + Number(node.getAttribute("data-count")), 0));
  const worst = await view.locator('[data-testid^="score-worst-MLB"]').count();
  const costs = await view.getByTestId("score-cost").count();
  say("ACCOUNT", average, bands, worst, costs);
  await tidy(page);
  await expectAccessible(page, "listing-account-scores");
  await screenshot(page, "listing-account-scores.png");

  // 6. The worst listing opens its detail from there.
  await view.getByTestId(`score-worst-badge-${WORST_ITEM}`).click();
  await page.locator(`[data-testid="score-detail"][data-ml-id="${WORST_ITEM}"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
  say("WORST_OPENED", WORST_ITEM);
});
