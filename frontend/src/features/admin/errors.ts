"use client";

import { useCallback } from "react";
import type { CombinedError } from "urql";
import { useI18n } from "@/i18n/I18nProvider";

/** A mutation's `UserError`: the field at fault (as the API names it), a code, the server's message. */
export interface ApiError {
  field?: string | null;
  code: string;
  message: string;
}

/** Errors placed next to the input they are about; `form` holds the rest. */
export type FieldErrors = Partial<Record<string, string>> & { form?: string };

/**
 * The text of an API error: `admin.error.<field>.<CODE>` when the catalog has it, then
 * `admin.error.<CODE>`, else the server's own (English) message.
 */
export function useErrorText() {
  const { t, has } = useI18n();
  return useCallback(
    (error: ApiError, field?: string): string => {
      const specific = `admin.error.${field ?? error.field ?? "form"}.${error.code}`;
      if (has(specific)) return t(specific);
      const generic = `admin.error.${error.code}`;
      if (has(generic)) return t(generic);
      return error.message;
    },
    [t, has],
  );
}

/**
 * Sorts a payload's errors onto the form's fields: `aliases` maps the API's field names to the form's,
 * `unfielded` takes errors without a field (a refused permission is about the role asked for, say).
 */
export function useFieldErrors(
  fields: readonly string[],
  { aliases = {}, unfielded = "form" }: { aliases?: Record<string, string>; unfielded?: string } = {},
) {
  const text = useErrorText();
  const { t } = useI18n();
  return useCallback(
    (errors: readonly ApiError[] | null | undefined, transport?: CombinedError): FieldErrors => {
      const result: FieldErrors = {};
      if (transport && !errors?.length) {
        result.form = transport.networkError ? t("admin.error.network") : (transport.graphQLErrors[0]?.message ?? transport.message);
        return result;
      }
      for (const error of errors ?? []) {
        const field = error.field ? (aliases[error.field] ?? error.field) : unfielded;
        const key = fields.includes(field) ? field : "form";
        const message = text(error, key);
        result[key] = result[key] ? `${result[key]} ${message}` : message;
      }
      return result;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fields and aliases are literals of the caller
    [text, t],
  );
}
