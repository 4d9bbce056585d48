// The settings form's state and what it sends: only the fields that changed (the API leaves the rest as
// they are), and a secret only when a new one was typed (the API never shows one back, so it cannot be
// prefilled). Errors go back onto the field the API names.
import type { CombinedError } from "urql";
import { requestErrorText, type UserErrorLike } from "@/features/integrations/errors";
import type { I18n, MessageKey } from "@/i18n/I18nProvider";
import type { HubSettingsFieldsFragment as Settings, UpdateHubSettingsInput } from "../gql/graphql";

export const PLAIN_FIELDS = ["name", "address", "pickupHours", "smtpFrom", "smsUrl", "whatsappUrl"] as const;
export const SECRET_FIELDS = ["smtpUrl", "smsToken", "whatsappToken"] as const;
export type PlainField = (typeof PLAIN_FIELDS)[number];
export type SecretField = (typeof SECRET_FIELDS)[number];
export type FormField = PlainField | SecretField;

/** Provider fields: left blank they go back to melihub's default (null), not to "turned off" (""). */
const PROVIDER_FIELDS: readonly PlainField[] = ["smtpFrom", "smsUrl", "whatsappUrl"];

export interface Draft {
  plain: Record<PlainField, string>;
  /** null: the stored secret stays (or none is set); a string: the one being typed to replace it. */
  secrets: Record<SecretField, string | null>;
}

/** Errors placed on the field they are about; `form` holds the rest. */
export type FieldErrors = Partial<Record<FormField | "form", string>>;

/** Whether the company set this secret (the API says only that, never its value). */
export function secretIsSet(settings: Settings, field: SecretField): boolean {
  const set: Record<SecretField, boolean> = {
    smtpUrl: settings.smtpConfigured,
    smsToken: settings.smsTokenSet,
    whatsappToken: settings.whatsappTokenSet,
  };
  return set[field];
}

export function draftOf(settings: Settings): Draft {
  return {
    plain: {
      name: settings.name,
      address: settings.address,
      pickupHours: settings.pickupHours,
      smtpFrom: settings.smtpFrom ?? "",
      smsUrl: settings.smsUrl ?? "",
      whatsappUrl: settings.whatsappUrl ?? "",
    },
    secrets: { smtpUrl: null, smsToken: null, whatsappToken: null },
  };
}

/** The mutation's input: each changed field, each newly typed secret; empty when nothing changed. */
export function inputOf(draft: Draft, settings: Settings): UpdateHubSettingsInput {
  const input: UpdateHubSettingsInput = {};
  for (const field of PLAIN_FIELDS) {
    const value = draft.plain[field].trim();
    if (value === (settings[field] ?? "").trim()) continue;
    input[field] = !value && PROVIDER_FIELDS.includes(field) ? null : value;
  }
  for (const field of SECRET_FIELDS) {
    const typed = draft.secrets[field]?.trim();
    if (typed) input[field] = typed;
  }
  return input;
}

const FIELDS: readonly string[] = [...PLAIN_FIELDS, ...SECRET_FIELDS];

/** The form's field for the API's name of it (it says smtpUrl for one, sms_url for another). */
function fieldOf(apiField: string | null | undefined): FormField | null {
  const camel = (apiField ?? "").replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return FIELDS.includes(camel) ? (camel as FormField) : null;
}

function textOf(i18n: I18n, field: FormField | null, error: UserErrorLike): string {
  const keys = [`hub.settings.error.${field}.${error.code}`, `hub.error.${error.code}`, `integrations.error.${error.code}`];
  const key = keys.find((candidate): candidate is MessageKey => i18n.has(candidate));
  return key ? i18n.t(key) : error.message;
}

/** A failed save's errors sorted onto the fields (the request's own failure on the form). */
export function fieldErrorsOf(
  i18n: I18n,
  errors: readonly UserErrorLike[] | null | undefined,
  transport?: CombinedError,
): FieldErrors {
  if (!errors?.length) return { form: transport ? requestErrorText(i18n, transport) : i18n.t("integrations.error.generic") };
  const found: FieldErrors = {};
  for (const error of errors) {
    const field = fieldOf(error.field);
    const key = field ?? "form";
    const text = textOf(i18n, field, error);
    found[key] = found[key] ? `${found[key]} ${text}` : text;
  }
  return found;
}
