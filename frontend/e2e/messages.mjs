// The messages screen against the real stack: open the pack's conversation, refuse an over-long reply
// before sending, send one (the test finds it in the sandbox's thread), see a buyer message created in
// the sandbox arrive in the open thread without a reload, mark the conversation read; then the claims tab,
// where a claim Mercado Livre closes leaves the open ones live; a blocked conversation refuses the reply;
// an analyst reads without reply controls.
// Lines: READY, OPENED <conversation id>, TOO_LONG <count> <send disabled>, SENT <ms>, (stdin BUYER)
// SEEN <epoch ms> <unread>, READ <ms>, CLAIMS <rows> <claim status> <urgency>, (stdin CLOSED) CLAIM_CLOSED <epoch ms>,
// DEEP_LINKS, (stdin BLOCKED) REFUSED <draft kept and disabled> <send disabled>, (stdin AGAIN)
// ANALYST <controls>, DONE.
// BASE_URL, EMAIL, PASSWORD, ANALYST_EMAIL, ANALYST_PASSWORD, SCREENSHOT_DIR, PACK_ID, REPLY_TEXT,
// BUYER_TEXT, BLOCKED_TEXT, CLAIM_ID.
import { BASE_URL, expectAccessible, hear, run, say, screenshot, signIn, signOut, TIMEOUT_MS } from "./lib.mjs";

const PACK_ID = process.env.PACK_ID ?? "";
const REPLY_TEXT = process.env.REPLY_TEXT ?? "";
const BUYER_TEXT = process.env.BUYER_TEXT ?? "";
const CLAIM_ID = process.env.CLAIM_ID ?? "";
const BLOCKED_TEXT = process.env.BLOCKED_TEXT ?? "";
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS || 30000);

async function expectText(locator, expected, what) {
  const text = (await locator.textContent({ timeout: TIMEOUT_MS })) ?? "";
  if (!text.includes(expected)) throw new Error(`${what}: expected "${expected}", found "${text.trim()}"`);
}

function messageWithText(page, from, text) {
  return page.locator(`[data-testid="thread-messages"] [data-from="${from}"]`, { hasText: text });
}

await run(async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, process.env.EMAIL ?? "", process.env.PASSWORD ?? "", "/mensagens/");
  await page.getByTestId("conversations").waitFor({ timeout: TIMEOUT_MS });
  // A marker that a reload would wipe: the buyer's message must arrive on this very page.
  await page.evaluate(() => {
    window.__samePage = true;
  });
  say("READY");

  // 1. The pack's conversation, from the list: the thread opens and the link names it.
  const row = page.locator('[data-testid="conversations"] [data-testid^="conversation-"]', { hasText: PACK_ID });
  await row.first().click({ timeout: TIMEOUT_MS });
  const thread = page.getByTestId("thread");
  await thread.waitFor({ timeout: TIMEOUT_MS });
  const id = (await thread.getAttribute("data-conversation-id")) ?? "";
  if (new URL(page.url()).searchParams.get("c") !== id) throw new Error(`the thread's link is not ?c=${id}: ${page.url()}`);
  await expectText(page.getByTestId("thread-orders"), "Pedido", "the thread's order context");
  say("OPENED", id);

  // 2. Over Mercado Livre's 350 characters the reply is refused before it is sent.
  const box = page.getByTestId("reply-text");
  await box.fill("a".repeat(351));
  const counted = await page.getByTestId("reply-counter").getAttribute("data-count");
  const sendButton = page.getByTestId("reply-send");
  await expectText(page.getByTestId("reply"), "1 caractere acima do limite", "the over-length warning");
  say("TOO_LONG", counted ?? "-", String(await sendButton.isDisabled()));

  // 3. A reply within the limit is sent and shows on the seller's side of the thread.
  await box.fill(REPLY_TEXT);
  const sentAt = Date.now();
  await sendButton.click();
  await messageWithText(page, "seller", REPLY_TEXT).waitFor({ timeout: STEP_TIMEOUT_MS });
  if ((await box.inputValue()) !== "") throw new Error("the reply box kept the sent text");
  say("SENT", Date.now() - sentAt);

  // 4. The test has the buyer write in the sandbox: the message appears in the open thread by itself.
  await hear("BUYER");
  await messageWithText(page, "buyer", BUYER_TEXT).waitFor({ timeout: STEP_TIMEOUT_MS });
  const seenAt = Date.now(); // epoch ms: the test times it from before the sandbox call
  if (!(await page.evaluate(() => window.__samePage === true))) throw new Error("the page was reloaded");
  await page.locator('[data-testid="thread"]:not([data-unread="0"])').waitFor({ timeout: STEP_TIMEOUT_MS });
  say("SEEN", seenAt, (await thread.getAttribute("data-unread")) ?? "-");
  await page.waitForTimeout(300);
  await expectAccessible(page, "messages");
  await screenshot(page, "messages.png");

  // 5. "Marcar como lida": the thread and its row in the list say nothing is unread.
  const readAt = Date.now();
  await page.getByTestId("mark-read").click();
  await page.locator('[data-testid="thread"][data-unread="0"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.locator(`[data-testid="conversation-${id}"][data-unread="0"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
  say("READ", Date.now() - readAt);

  // 6. The claims tab: seller A's claim, its deadline coloured by urgency; the tab is in the link.
  await page.getByTestId("tab-claims").click();
  const claims = page.getByTestId("claims-table");
  await claims.waitFor({ timeout: TIMEOUT_MS });
  if (new URL(page.url()).searchParams.get("tab") !== "reclamacoes") throw new Error(`the tab is not in the link: ${page.url()}`);
  const claim = page.getByTestId(`claim-${CLAIM_ID}`);
  await claim.waitFor({ timeout: STEP_TIMEOUT_MS });
  const rows = await claims.locator('tbody tr[data-testid^="claim-"]').count();
  const urgency = (await page.getByTestId(`claim-due-${CLAIM_ID}`).getAttribute("data-urgency")) ?? "-";
  const claimStatus = (await claim.getAttribute("data-status")) ?? "-";
  await page.waitForTimeout(300);
  await expectAccessible(page, "claims");
  await screenshot(page, "claims.png");
  // Said after the picture: the test closes the claim as soon as it reads this line.
  say("CLAIMS", rows, claimStatus, urgency);

  // 7. Mercado Livre closes the claim: it leaves the open ones by itself, and "Encerradas" shows it.
  await hear("CLOSED");
  await claim.waitFor({ state: "detached", timeout: STEP_TIMEOUT_MS });
  const closedAt = Date.now(); // epoch ms, as for SEEN
  await expectText(claims, "Nenhuma reclamação aberta", "the open claims' empty state");
  await page.getByTestId("claims-filter").getByText("Encerradas").click();
  await page.locator(`[data-testid="claim-${CLAIM_ID}"][data-status="closed"]`).waitFor({ timeout: TIMEOUT_MS });
  if (new URL(page.url()).searchParams.get("claims") !== "encerradas") throw new Error(`the filter is not in the link: ${page.url()}`);
  say("CLAIM_CLOSED", closedAt);

  // 8. Deep links: a conversation opens its thread; ?tab=reclamacoes opens the claims.
  await page.goto(`${BASE_URL}/mensagens/?c=${encodeURIComponent(id)}`);
  await page.locator(`[data-testid="thread"][data-conversation-id="${id}"]`).waitFor({ timeout: TIMEOUT_MS });
  await messageWithText(page, "buyer", BUYER_TEXT).waitFor({ timeout: TIMEOUT_MS });
  await page.goto(`${BASE_URL}/mensagens/?tab=reclamacoes&claims=encerradas`);
  await page.getByTestId(`claim-${CLAIM_ID}`).waitFor({ timeout: TIMEOUT_MS });
  say("DEEP_LINKS");

  // 9. Mercado Livre blocks the conversation: a reply is refused and said why; the box stays, disabled,
  // with the draft in it.
  await page.goto(`${BASE_URL}/mensagens/?c=${encodeURIComponent(id)}`);
  await page.getByTestId("reply-text").waitFor({ timeout: TIMEOUT_MS });
  await hear("BLOCKED");
  await page.getByTestId("reply-text").fill(BLOCKED_TEXT);
  await page.getByTestId("reply-send").click();
  await expectText(page.getByTestId("reply-error"), "bloqueou as mensagens", "the refusal");
  await page.getByTestId("reply-blocked").waitFor({ timeout: STEP_TIMEOUT_MS });
  const draft = page.getByTestId("reply-text");
  const kept = (await draft.inputValue()) === BLOCKED_TEXT && (await draft.isDisabled());
  if (await messageWithText(page, "seller", BLOCKED_TEXT).count()) throw new Error("a refused reply shows in the thread");
  say("REFUSED", String(kept), String(await page.getByTestId("reply-send").isDisabled()));

  // 10. The buyer writes again (unread once more); an analyst reads the thread, with no reply box and
  // no "Marcar como lida".
  await hear("AGAIN");
  await signOut(page);
  await signIn(page, process.env.ANALYST_EMAIL ?? "", process.env.ANALYST_PASSWORD ?? "", `/mensagens/?c=${encodeURIComponent(id)}`);
  await page.locator(`[data-testid="thread"][data-conversation-id="${id}"]:not([data-unread="0"])`).waitFor({ timeout: TIMEOUT_MS });
  await page.getByTestId("reply-read-only").waitFor({ timeout: TIMEOUT_MS });
  const controls = (await page.getByTestId("reply-text").count()) + (await page.getByTestId("mark-read").count());
  say("ANALYST", controls);
});
