// A refused send or mark-read said in the person's language: a known code reads as our text.
import type { CombinedError } from "urql";
import { requestErrorText, type UserErrorLike } from "@/features/integrations/errors";
import type { I18n } from "@/i18n/I18nProvider";

/** The payload's errors, one sentence each (repeats dropped); the API's own message for an unknown code. */
export function inboxErrorText(i18n: I18n, errors: readonly UserErrorLike[]): string {
  const texts = errors.map((error) => {
    const key = `messagesPage.error.${error.code}`;
    return i18n.has(key) ? i18n.t(key) : error.message;
  });
  return [...new Set(texts)].join(" ");
}

/** What went wrong with a mutation: the request itself, else its UserErrors; null when it went through. */
export function mutationProblem(
  i18n: I18n,
  transport: CombinedError | undefined,
  errors: readonly UserErrorLike[] | undefined,
): string | null {
  if (transport) return requestErrorText(i18n, transport);
  return errors && errors.length > 0 ? inboxErrorText(i18n, errors) : null;
}
