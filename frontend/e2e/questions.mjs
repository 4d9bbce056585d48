// The questions queue with two operators signed in at once, in two browser contexts: A (the owner) and
// B (an operator). A new question arrives in both queues by itself and turns WARNING by the browser's
// clock; j/k move A's selection; A's pane shows the listing and the buyer's earlier question; A creates a
// template in the templates dialog, then answers the most urgent question with the other template (t,
// "disp", Enter, an edit, Enter). B, on the same question the whole time, sees it leave the queue.
// Lines: FLOOR_LINK <path>, READY, (stdin ASKED) ARRIVED <ms on A> <ms on B> <first SLA state>, CROSSED <ms> <state>,
// MOVED <selected> <after j> <after k>, CONTEXT <json>, TEMPLATE_CREATED, ANSWERED <json>,
// (stdin ANALYST) ANALYST_VIEW <rows> <forbidden> <answer boxes> <template buttons>, DONE.
// BASE_URL, EMAIL, PASSWORD, B_EMAIL, B_PASSWORD, URGENT_ID, EARLIER_ID, EDIT, SCREENSHOT_DIR.
import { expectAccessible, hear, run, say, screenshot, signIn, TIMEOUT_MS } from "./lib.mjs";

const URGENT_ID = process.env.URGENT_ID ?? "";
const EARLIER_ID = process.env.EARLIER_ID ?? "";
const EDIT = process.env.EDIT ?? "";
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS || 30000);

const row = (page, id) => page.locator(`[data-testid="questions-queue"] [data-testid="question-row-${id}"]`);
const selectedId = (page) =>
  page.locator('[data-testid="questions-queue"] [role="option"][aria-selected="true"]').getAttribute("data-question-id");

/** A second person in the same browser: their own cookies; page errors count as the first context's do. */
async function secondOperator(browser, consoleErrors) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "pt-BR" });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error" && !/WebSocket|Failed to load resource/.test(message.text())) {
      consoleErrors.push(`B: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => consoleErrors.push(`B: ${error}`));
  return { context, page };
}

/** The queue's rows, in order, as the page shows them. */
async function rowIds(page) {
  return page.locator('[data-testid="questions-queue"] [role="option"]').evaluateAll((rows) =>
    rows.map((element) => element.getAttribute("data-question-id")),
  );
}

/** Records (Date.now(), in the page) when the question's row leaves the queue. */
async function watchLeaving(page, id) {
  await page.evaluate((questionId) => {
    window.__goneAt = null;
    const selector = `[data-testid="question-row-${questionId}"]`;
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) {
        window.__goneAt = Date.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }, id);
}

async function goneAt(page, id) {
  await row(page, id).waitFor({ state: "detached", timeout: STEP_TIMEOUT_MS });
  return page.evaluate(() => window.__goneAt);
}

/** The first row not in `known`, and the ms since `since` until it showed. */
async function arrivingRow(page, known, since) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const fresh = (await rowIds(page)).find((id) => !known.includes(id));
    if (fresh) return { id: fresh, ms: Date.now() - since };
    await page.waitForTimeout(50);
  }
  throw new Error("the new question did not arrive in the queue");
}

async function createTemplate(page) {
  await page.getByTestId("question-templates-manage").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByTestId("template-new").click();
  await dialog.getByTestId("template-name").fill("Prazo de envio");
  await dialog.getByTestId("template-shortcut").fill("prazo");
  await dialog.getByTestId("template-text").fill("O prazo de envio é {{prazo_envio}}.");
  await dialog.getByTestId("template-save").click();
  await dialog.locator('[data-testid^="template-row-"]', { hasText: "Prazo de envio" }).waitFor({ timeout: TIMEOUT_MS });
  await page.waitForTimeout(300); // the dialog's opening transition
  await expectAccessible(page, "questions-templates");
  await screenshot(page, "questions-templates.png");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached", timeout: TIMEOUT_MS });
  say("TEMPLATE_CREATED");
}

async function paneContext(page) {
  const pane = page.getByTestId("question-pane");
  await pane.locator('[data-testid="question-listing"]').waitFor({ timeout: TIMEOUT_MS });
  await pane.locator(`[data-testid="question-history-${EARLIER_ID}"]`).waitFor({ timeout: TIMEOUT_MS });
  const text = async (testId) => ((await pane.getByTestId(testId).textContent()) ?? "").trim();
  return {
    title: await text("question-listing-title"),
    price: await text("question-listing-price"),
    stock: await text("question-listing-stock"),
    buyer: await text("question-buyer"),
    variations: await pane.locator('[data-testid="question-listing-variations"] tbody tr').count(),
    history: await pane
      .locator('[data-testid="question-history"] [data-testid^="question-history-"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-testid").replace("question-history-", ""))),
    historyText: await text("question-history"),
  };
}

/** Both operators on the queue, the most urgent question first and open; A came in from the floor's tile. */
async function openQueues(a, b) {
  await signIn(a, process.env.EMAIL ?? "", process.env.PASSWORD ?? "", "/");
  await a.getByTestId("floor-unanswered-link").click();
  await a.waitForURL(/\/perguntas\/$/, { timeout: TIMEOUT_MS });
  say("FLOOR_LINK", new URL(a.url()).pathname);
  await signIn(b, process.env.B_EMAIL ?? "", process.env.B_PASSWORD ?? "", "/perguntas/");
  for (const page of [a, b]) {
    await row(page, URGENT_ID).waitFor({ timeout: TIMEOUT_MS });
    const first = (await rowIds(page))[0];
    if (first !== URGENT_ID) throw new Error(`the most urgent question is not first: ${first}`);
    await page.locator(`[data-testid="question-pane"][data-question-id="${URGENT_ID}"]`).waitFor({ timeout: TIMEOUT_MS });
  }
  // A marker a reload would wipe: B must see everything below on this very page.
  await b.evaluate(() => {
    window.__samePage = true;
  });
}

/** The test stores a new question: it shows on both screens, then turns WARNING by the browser's clock. */
async function newQuestionArrives(a, b, known) {
  await hear("ASKED");
  const askedAt = Date.now();
  const [onA, onB] = await Promise.all([arrivingRow(a, known, askedAt), arrivingRow(b, known, askedAt)]);
  if (onA.id !== onB.id) throw new Error(`A and B got different questions: ${onA.id} ${onB.id}`);
  say("ARRIVED", onA.ms, onB.ms, await row(a, onA.id).getAttribute("data-sla-state"));
  const seenAt = Date.now();
  await a.locator(`[data-testid="question-row-${onA.id}"][data-sla-state="WARNING"]`).waitFor({ timeout: 45_000 });
  say("CROSSED", Date.now() - seenAt, await row(a, onA.id).getAttribute("data-sla-state"));
}

/** j moves the selection down the queue, k back (the page has the focus, not a text box). */
async function moveWithKeys(page) {
  await page.locator("h1").click();
  const before = await selectedId(page);
  await page.keyboard.press("j");
  await page.locator(`[role="option"][aria-selected="true"]:not([data-question-id="${before}"])`).waitFor({ timeout: TIMEOUT_MS });
  const afterJ = await selectedId(page);
  await page.keyboard.press("k");
  await page.locator(`[role="option"][aria-selected="true"][data-question-id="${before}"]`).waitFor({ timeout: TIMEOUT_MS });
  say("MOVED", before, afterJ, await selectedId(page));
}

/** Records (Date.now(), in the page) when Enter is pressed in the answer box. */
async function watchSending(page) {
  await page.evaluate(() => {
    window.__sentAt = null;
    const box = '[data-testid="answer-text"]';
    document.addEventListener(
      "keydown",
      (event) => {
        if (event.key === "Enter" && !event.shiftKey && document.activeElement?.matches(box)) window.__sentAt = Date.now();
      },
      { capture: true },
    );
  });
}

/** t, "disp", Enter: the template lands in the answer box, filled in, with the cursor at its end. */
async function fillTemplate(page) {
  await page.locator("h1").click();
  await page.keyboard.press("t");
  await page.keyboard.type("disp");
  await page.getByRole("option", { name: /Disponibilidade/ }).waitFor({ timeout: TIMEOUT_MS });
  await page.keyboard.press("Enter");
  const landed = () =>
    document.activeElement?.matches('[data-testid="answer-text"]') && document.activeElement.value.startsWith("Olá");
  await page.waitForFunction(landed, null, { timeout: TIMEOUT_MS }).catch(async (error) => {
    const state = await page.evaluate(() => ({
      active: document.activeElement?.outerHTML.slice(0, 200),
      answer: document.querySelector('[data-testid="answer-text"]')?.value,
      picker: document.querySelector('[data-testid="question-template-picker"]')?.value,
    }));
    throw new Error(`the template did not land in the answer box: ${JSON.stringify(state)}\n${error}`);
  });
}

/** A sends the filled, edited template with Enter; the question leaves both queues; B's pane says who answered. */
async function answerWithTemplate(a, b) {
  await watchLeaving(b, URGENT_ID);
  await watchLeaving(a, URGENT_ID);
  await watchSending(a);
  await fillTemplate(a);
  await a.keyboard.type(EDIT);
  const text = await a.getByTestId("answer-text").inputValue();
  await a.keyboard.press("Enter");
  const goneFromA = await goneAt(a, URGENT_ID);
  const goneFromB = await goneAt(b, URGENT_ID);
  const sentAt = await a.evaluate(() => window.__sentAt);
  await a.getByTestId("answer-sent").waitFor({ timeout: TIMEOUT_MS });
  const bPane = b.locator(`[data-testid="question-pane"][data-question-id="${URGENT_ID}"]`);
  await bPane.locator('[data-testid="question-done"][data-status="ANSWERED"]').waitFor({ timeout: TIMEOUT_MS });
  await expectAccessible(b, "questions-b");
  const outcome = {
    text,
    goneFromA: goneFromA - sentAt,
    goneFromB: goneFromB - sentAt,
    bPane: await bPane.getAttribute("data-status"),
    bSamePage: await b.evaluate(() => window.__samePage === true),
    aNext: (await selectedId(a)) ?? "",
  };
  say("ANSWERED", JSON.stringify(outcome));
}

/** B, made an analyst meanwhile, reloads: the queue and the open question, but no answer controls. */
async function analystView(b) {
  await hear("ANALYST");
  await b.reload();
  await b.locator('[data-testid="question-pane"][data-status="UNANSWERED"]').waitFor({ timeout: TIMEOUT_MS });
  await b.getByTestId("answer-forbidden").waitFor({ timeout: TIMEOUT_MS });
  await expectAccessible(b, "questions-analyst");
  say(
    "ANALYST_VIEW",
    (await rowIds(b)).length > 0 ? "rows" : "none",
    (await b.getByTestId("answer-forbidden").count()) === 1 ? "forbidden" : "-",
    await b.getByTestId("answer-text").count(),
    await b.getByTestId("question-templates-manage").count(),
  );
}

await run(async ({ browser, context, consoleErrors }) => {
  const a = await context.newPage();
  const b = await secondOperator(browser, consoleErrors);
  await openQueues(a, b.page);
  const known = await rowIds(a);
  say("READY");

  await newQuestionArrives(a, b.page, known);
  await moveWithKeys(a);
  say("CONTEXT", JSON.stringify(await paneContext(a)));
  await a.waitForTimeout(300);
  await expectAccessible(a, "questions");
  await screenshot(a, "questions.png");
  await createTemplate(a);
  await answerWithTemplate(a, b.page);
  await analystView(b.page);
  await b.context.close();
});
