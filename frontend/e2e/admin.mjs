// The admin screen, end to end: the owner invites a member, limits them to one Mercado Livre account,
// creates and revokes an API token and changes the company's settings; then the member signs in with
// the temporary password read from the screen and sees only that account's data, and no admin.
//
// BASE_URL, EMAIL, PASSWORD (the owner), MEMBER_EMAIL, ALLOWED (nickname the member keeps), HIDDEN
// (nickname they must not see), TENANT_NAME and TIME_ZONE (the new settings), SCREENSHOT_DIR.
// Lines: AXE <screen> <n> …, INVITED <ms> <password>, LIMITED <ms> <userId>,
// MEMBERS_BY_NAME / MEMBERS_NEWEST / MEMBERS_OLDEST <aria-sort> <emails top to bottom, comma-separated>,
// TOKEN <ms> <id> <prefix> <secret>
// (then waits for REVOKE on stdin),
// REVOKED <ms>, SETTINGS <ms>, MEMBER_NAV <links…>, FLOOR <ms> <hidden count>, INTEGRATIONS <ms> <hidden count>,
// NO_ACCESS, DONE.
import { BASE_URL, TIMEOUT_MS, expectAccessible, hear, run, say, screenshot, signIn, signOut } from "./lib.mjs";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const OWNER_EMAIL = env("EMAIL");
const OWNER_PASSWORD = env("PASSWORD");
const MEMBER_EMAIL = env("MEMBER_EMAIL");
const ALLOWED = env("ALLOWED");
const HIDDEN = env("HIDDEN");
const TENANT_NAME = env("TENANT_NAME");
const TIME_ZONE = env("TIME_ZONE");

const TOKEN_NAME = `ERP da loja ${process.pid}`;

const since = (started) => Date.now() - started;

/** Picks `option` in the Mantine select labelled `label` inside `scope`. */
async function choose(page, scope, label, option, search) {
  // The label names the input and, once open, its listbox too: the input is the one to click.
  const input = scope.getByLabel(label, { exact: true }).and(scope.locator("input"));
  await input.click();
  if (search) await input.fill(search);
  await page.getByRole("option", { name: option }).first().click();
}

async function settle(page) {
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.waitForTimeout(400);
}

async function inviteMember(page) {
  await page.getByTestId("invite-member").click();
  const dialog = page.getByRole("dialog", { name: "Convidar membro" });
  await dialog.getByLabel("Nome", { exact: true }).fill("Bruno Operador");
  await dialog.getByLabel(/^E-mail/).fill(MEMBER_EMAIL);
  await choose(page, dialog, "Papel", /^Operador$/);
  const started = Date.now();
  await dialog.getByTestId("invite-submit").click();
  const secret = page.getByTestId("invite-temporary-password");
  await secret.waitFor({ timeout: TIMEOUT_MS });
  const password = (await secret.textContent())?.trim() ?? "";
  if (!password) throw new Error("no temporary password on screen");
  say("INVITED", since(started), password);
  // The warning that it is shown only once sits beside it.
  await page.getByText("não será mostrada de novo").waitFor({ timeout: TIMEOUT_MS });
  await expectAccessible(page, "admin-invite");
  await screenshot(page, "admin-invite.png");
  await page.getByTestId("invite-done").click();
  await page.getByRole("dialog").waitFor({ state: "detached", timeout: TIMEOUT_MS });
  return password;
}

async function limitToOneAccount(page) {
  const row = page.getByTestId(`member-${MEMBER_EMAIL}`);
  await row.waitFor({ timeout: TIMEOUT_MS });
  const control = row.locator('[data-testid^="member-accounts-"]');
  const userId = (await control.getAttribute("data-testid")).slice("member-accounts-".length);
  await row.getByText("Todas as contas").waitFor({ timeout: TIMEOUT_MS }); // unlimited at first
  await control.click();
  const dialog = page.getByRole("dialog", { name: /Contas do Mercado Livre de/ });
  await dialog.getByRole("switch", { name: /Todas as contas/ }).uncheck({ force: true });
  await choose(page, dialog, "Contas permitidas", new RegExp(`^${ALLOWED}`));
  await dialog.getByRole("heading", { name: /Contas do Mercado Livre de/ }).click(); // closes the dropdown
  const started = Date.now();
  await dialog.getByTestId("member-accounts-save").click();
  await dialog.waitFor({ state: "detached", timeout: TIMEOUT_MS });
  const limit = page.getByTestId(`member-limit-${MEMBER_EMAIL}`);
  await limit.getByText(ALLOWED, { exact: true }).waitFor({ timeout: TIMEOUT_MS });
  if ((await limit.getByText(HIDDEN).count()) > 0) throw new Error(`${HIDDEN} still listed for the member`);
  say("LIMITED", since(started), userId);
}

/** The members' rows, top to bottom, as their e-mails. */
async function memberOrder(page) {
  const rows = page.getByTestId("members-table").locator('tbody tr[data-testid^="member-"]');
  const ids = await rows.evaluateAll((found) => found.map((row) => row.getAttribute("data-testid") ?? ""));
  return ids.map((id) => id.slice("member-".length)).join(",");
}

/** The members by name (the table's first order), then by "Membro desde": newest, then oldest first. */
async function sortMembers(page) {
  const header = (column) => page.getByTestId("members-table").locator(`th[data-column="${column}"]`);
  say("MEMBERS_BY_NAME", (await header("member").getAttribute("aria-sort")) ?? "-", await memberOrder(page));
  for (const [word, ariaSort] of [
    ["MEMBERS_NEWEST", "descending"],
    ["MEMBERS_OLDEST", "ascending"],
  ]) {
    await page.getByTestId("members-table-sort-memberSince").click();
    const sorted = page.locator(`[data-testid="members-table"] th[data-column="memberSince"][aria-sort="${ariaSort}"]`);
    await sorted.waitFor({ timeout: TIMEOUT_MS }).catch(() => {});
    say(word, (await header("memberSince").getAttribute("aria-sort")) ?? "-", await memberOrder(page));
  }
}

async function createAndRevokeToken(page) {
  await page.getByTestId("admin-tab-tokens").click();
  await page.getByTestId("tokens-table").waitFor({ timeout: TIMEOUT_MS });
  await page.getByTestId("create-token").click();
  const dialog = page.getByRole("dialog", { name: "Criar token de API" });
  await dialog.getByLabel(/^Nome/).fill(TOKEN_NAME);
  await choose(page, dialog, "Papel", /^Integrador$/);
  const started = Date.now();
  await dialog.getByTestId("create-token-submit").click();
  const secretText = page.getByTestId("token-secret");
  await secretText.waitFor({ timeout: TIMEOUT_MS });
  const secret = (await secretText.textContent())?.trim() ?? "";
  const row = page.getByTestId("tokens-table").getByRole("row").filter({ hasText: TOKEN_NAME });
  await row.waitFor({ timeout: TIMEOUT_MS });
  const tokenId = (await row.getAttribute("data-testid")).slice("token-".length);
  const prefix = (await row.getByTestId("token-prefix").textContent()).replace("…", "").trim();
  if (!secret.startsWith(prefix)) throw new Error(`the secret ${secret} does not start with the listed prefix ${prefix}`);
  say("TOKEN", since(started), tokenId, prefix, secret);
  await page.getByText("não será mostrado de novo").waitFor({ timeout: TIMEOUT_MS });
  await settle(page);
  await expectAccessible(page, "admin-tokens");
  await screenshot(page, "admin-tokens.png");
  await hear("REVOKE"); // the test has tried the secret on the API meanwhile
  await page.getByTestId("token-done").click();
  await secretText.waitFor({ state: "detached", timeout: TIMEOUT_MS });

  await page.getByTestId(`revoke-token-${tokenId}`).click();
  const confirm = page.getByRole("dialog", { name: /Revogar o token/ });
  await confirm.waitFor({ timeout: TIMEOUT_MS });
  const revoking = Date.now();
  await confirm.getByRole("button", { name: "Revogar token" }).click();
  await page.getByTestId(`token-state-${tokenId}`).getByText("Revogado").waitFor({ timeout: TIMEOUT_MS });
  if ((await page.getByTestId(`revoke-token-${tokenId}`).count()) > 0) throw new Error("a revoked token still offers revoke");
  say("REVOKED", since(revoking));
}

async function changeSettings(page) {
  await page.getByTestId("admin-tab-settings").click();
  const form = page.getByTestId("settings-form");
  await form.waitFor({ timeout: TIMEOUT_MS });
  // The revoke's notice closes by itself; the picture is of the settings alone.
  await page.getByText(/revogado\.$/).waitFor({ state: "hidden", timeout: 10_000 }).catch(() => {});
  await settle(page);
  await expectAccessible(page, "admin-settings");
  await screenshot(page, "admin-settings.png");
  await form.getByLabel(/^Nome da empresa/).fill(TENANT_NAME);
  const [region, city] = [TIME_ZONE.split("/")[0], TIME_ZONE.split("/").at(-1).replaceAll("_", " ")];
  await choose(page, form, "Fuso horário", new RegExp(`^${region}/.*${city}`), city);
  const started = Date.now();
  await form.getByTestId("settings-save").click();
  // The header reads the session again (useSession().reload): the new name shows there.
  await page.getByTestId("tenant-name").getByText(TENANT_NAME).waitFor({ timeout: TIMEOUT_MS });
  say("SETTINGS", since(started));
}

/** Waits until `ALLOWED` shows on the screen, then counts `HIDDEN`'s appearances. */
async function onlyAllowedShows(page, path, name) {
  const started = Date.now();
  await page.goto(`${BASE_URL}${path}`);
  await page.getByRole("heading", { level: 1 }).waitFor({ timeout: TIMEOUT_MS });
  await page.getByText(ALLOWED).first().waitFor({ timeout: TIMEOUT_MS });
  const seen = since(started);
  await settle(page);
  const hidden = await page.getByText(HIDDEN).count();
  await expectAccessible(page, `member-${name}`);
  say(name.toUpperCase(), seen, hidden);
}

await run(async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, OWNER_EMAIL, OWNER_PASSWORD, "/admin/");
  await page.getByTestId("members-table").waitFor({ timeout: TIMEOUT_MS });
  await page.getByTestId(`member-${OWNER_EMAIL}`).waitFor({ timeout: TIMEOUT_MS });
  await settle(page);
  await expectAccessible(page, "admin");
  await screenshot(page, "admin.png");

  const password = await inviteMember(page);
  await limitToOneAccount(page);
  await sortMembers(page);
  await createAndRevokeToken(page);
  await changeSettings(page);

  await page.getByTestId("admin-tab-activity").click();
  await page.getByTestId("activity-table").getByText("Convite").first().waitFor({ timeout: TIMEOUT_MS });
  await settle(page);
  await expectAccessible(page, "admin-activity");
  await screenshot(page, "admin-activity.png");

  // The member, with the password the screen gave (no change is asked at first sign-in).
  await signOut(page);
  await signIn(page, MEMBER_EMAIL, password, "/");
  const links = await page.getByRole("navigation").getByRole("link").allTextContents();
  say("MEMBER_NAV", ...links.map((text) => text.trim().replaceAll(" ", "_")));
  await onlyAllowedShows(page, "/", "floor");
  await onlyAllowedShows(page, "/integracoes/", "integrations");

  await page.goto(`${BASE_URL}/admin/`);
  await page.getByTestId("admin-no-access").waitFor({ timeout: TIMEOUT_MS });
  if ((await page.getByTestId("members-table").count()) > 0) throw new Error("a member sees the members table");
  await expectAccessible(page, "admin-no-access");
  await screenshot(page, "admin-no-access.png");
  say("NO_ACCESS");
});
