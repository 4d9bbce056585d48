// The API's refusals in the person's language: this screen's codes first, then the integrations' words.
import type { I18n } from "@/i18n/I18nProvider";
import { userErrorText, type UserErrorLike } from "@/features/integrations/errors";

export function webhookErrorText(i18n: I18n, errors: readonly UserErrorLike[]): string {
  const texts = errors.map((error) => {
    const key = `webhooks.error.${error.code}`;
    return i18n.has(key) ? i18n.t(key) : userErrorText(i18n, [error]);
  });
  return [...new Set(texts)].join(" ");
}
