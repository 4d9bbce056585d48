// The hub's refusals in the person's language: one code means different things per action
// (INVALID_TRANSITION at the desk is "not ready", on a shelf it is "already picked up").
import type { CombinedError } from "urql";
import { requestErrorText, userErrorText, type UserErrorLike } from "@/features/integrations/errors";
import type { I18n } from "@/i18n/I18nProvider";

export type HubAction = "confirm" | "receive" | "resend" | "email" | "mapping" | "flags";

function textOf(i18n: I18n, action: HubAction, error: UserErrorLike): string {
  for (const key of [`hub.error.${action}.${error.code}`, `hub.error.${error.code}`]) {
    if (i18n.has(key)) return i18n.t(key);
  }
  return userErrorText(i18n, [error]);
}

/** A payload's errors, or the request's own failure, as one sentence each (repeats dropped); null when none. */
export function hubErrorText(
  i18n: I18n,
  action: HubAction,
  errors: readonly UserErrorLike[] | null | undefined,
  transport?: CombinedError,
): string | null {
  if (errors?.length) return [...new Set(errors.map((error) => textOf(i18n, action, error)))].join(" ");
  if (transport) return requestErrorText(i18n, transport);
  return null;
}

/** The first error's code, for the page's data attributes (a test or a screen reader's context). */
export function firstCode(errors: readonly UserErrorLike[] | null | undefined, transport?: CombinedError): string | null {
  if (errors?.length) return errors[0].code;
  const code = transport?.graphQLErrors[0]?.extensions?.code;
  return typeof code === "string" ? code : transport ? "REQUEST" : null;
}
