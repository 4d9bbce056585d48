// answerQuestion's and the templates' refusals said in the operator's language. Mercado Livre's own
// words (REFUSED, QUESTION_CLOSED) are kept after ours: they often say exactly why.
import type { CombinedError } from "urql";
import type { I18n } from "@/i18n/I18nProvider";

export interface UserErrorLike {
  field?: string | null;
  message: string;
  code: string;
}

const WITH_MELI_WORDS = new Set(["REFUSED", "QUESTION_CLOSED"]);

/** One sentence per error (repeats dropped); an unknown code reads as the API's message. */
export function answerErrorText(i18n: I18n, errors: readonly UserErrorLike[]): string {
  const texts = errors.map((error) => {
    const key = `questions.error.${error.code}`;
    if (!i18n.has(key)) return error.message;
    return WITH_MELI_WORDS.has(error.code) ? `${i18n.t(key)} (${error.message})` : i18n.t(key);
  });
  return [...new Set(texts)].join(" ");
}

/** A request that did not run (network, session): the API's code when we know it. */
export function requestErrorText(i18n: I18n, error: CombinedError): string {
  if (error.networkError) return i18n.t("questions.error.NETWORK");
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code;
  const key = `questions.error.${typeof code === "string" ? code : ""}`;
  return i18n.has(key) ? i18n.t(key) : (first?.message ?? error.message);
}
