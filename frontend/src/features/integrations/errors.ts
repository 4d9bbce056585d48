// Mutation errors said in the person's language: a known code reads as our text, else the API's own.
import type { CombinedError } from "urql";
import type { I18n } from "@/i18n/I18nProvider";

export interface UserErrorLike {
  field?: string | null;
  message: string;
  code: string;
}

function textOf(i18n: I18n, code: string | undefined, fallback: string): string {
  const key = `integrations.error.${code ?? ""}`;
  return code && i18n.has(key) ? i18n.t(key) : fallback;
}

/** The payload's `errors {
  ...UserErrorFields
}`, one sentence each, repeats dropped. */
export function userErrorText(i18n: I18n, errors: readonly UserErrorLike[]): string {
  return [...new Set(errors.map((error) => textOf(i18n, error.code, error.message)))].join(" ");
}

/** A request that did not run at all (network, session, throttling). */
export function requestErrorText(i18n: I18n, error: CombinedError): string {
  if (error.networkError) return i18n.t("integrations.error.NETWORK");
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code;
  return textOf(i18n, typeof code === "string" ? code : undefined, first?.message ?? error.message);
}
