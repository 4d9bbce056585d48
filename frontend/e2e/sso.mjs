// Single sign-on in a real browser: the login page offers "Entrar com SSO" (ssoProviders), the click goes
// through the local OpenID Connect provider (which approves the test's person without a page) and lands on
// the dashboard signed in; signed out again, a person who is no member comes back to the login page with
// the refusal explained.
//
// BASE_URL, SCREENSHOT_DIR. Lines: AXE <screen> <n> …, OFFERED <button text>, SIGNED_IN <path>,
// (then waits for STRANGER on stdin) REFUSED <alert text>, DONE.
import { BASE_URL, TIMEOUT_MS, expectAccessible, hear, run, say, screenshot, signOut, waitLive } from "./lib.mjs";

await run(async ({ context }) => {
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/`);
  await page.getByTestId("login-form").waitFor({ timeout: TIMEOUT_MS });
  const button = page.getByTestId("sso-sign-in");
  await button.waitFor({ timeout: TIMEOUT_MS });
  say("OFFERED", (await button.textContent())?.trim() ?? "");
  await expectAccessible(page, "login-sso");
  await screenshot(page, "login-sso.png");

  await button.click();
  await waitLive(page);
  say("SIGNED_IN", new URL(page.url()).pathname);

  await signOut(page);
  say("SIGNED_OUT");
  await hear("STRANGER");
  await page.getByTestId("sso-sign-in").click();
  const alert = page.getByTestId("sso-error");
  await alert.waitFor({ timeout: TIMEOUT_MS });
  say("REFUSED", (await alert.textContent())?.trim() ?? "");
  await expectAccessible(page, "login-sso-refused");
  await screenshot(page, "login-sso-refused.png");
});
