"use client";

import { Stack, Text } from "@mantine/core";
import { modals } from "@mantine/modals";
import { useCallback, useState } from "react";
import { useMutation, type CombinedError } from "urql";
import { useI18n, type I18n } from "@/i18n/I18nProvider";
import { requestErrorText, type UserErrorLike } from "../errors";
import { notify } from "../notify";
import type { IntegrationsApplicationFragment } from "./gql/graphql";
import { RemoveApplicationMutation, SetApplicationMutation, TestApplicationMutation } from "./queries";

type Application = IntegrationsApplicationFragment;

export const APPLICATION_FIELDS = ["clientId", "clientSecret", "siteId", "storeName"] as const;
export type ApplicationField = (typeof APPLICATION_FIELDS)[number];
export type ApplicationValues = Record<ApplicationField, string>;
/** Errors placed under the field they are about; `form` holds the rest. */
export type ApplicationErrors = Partial<Record<ApplicationField | "form", string>>;
export type ApplicationTestResult = { ok: boolean; text: string };

interface Options {
  application: Application | null;
  /** After a save or a removal: how many accounts must now reauthorize. */
  onChanged: (reauthorize: number) => void;
}

/** `integrations.app.error.<field>.<CODE>`, then `integrations.app.error.<CODE>`, `integrations.error.<CODE>`, the API's text. */
function errorText(i18n: I18n, error: UserErrorLike, field: string): string {
  const keys = [`integrations.app.error.${field}.${error.code}`, `integrations.app.error.${error.code}`, `integrations.error.${error.code}`];
  const key = keys.find((candidate) => i18n.has(candidate));
  return key && i18n.has(key) ? i18n.t(key) : error.message;
}

function sortErrors(i18n: I18n, errors: readonly UserErrorLike[] | undefined, transport?: CombinedError): ApplicationErrors {
  if (transport && !errors?.length) return { form: requestErrorText(i18n, transport) };
  const sorted: ApplicationErrors = {};
  for (const error of errors ?? []) {
    const field = APPLICATION_FIELDS.find((name) => name === error.field) ?? "form";
    const text = errorText(i18n, error, field);
    sorted[field] = sorted[field] ? `${sorted[field]} ${text}` : text;
  }
  return Object.keys(sorted).length ? sorted : { form: i18n.t("integrations.error.generic") };
}

/** What Mercado Livre said of the test, in the person's language when it is the known refusal. */
function testFailure(i18n: I18n, error: string | null | undefined): string {
  const reason = error?.includes("invalid_client") ? i18n.t("integrations.app.test.invalidClient") : (error ?? "");
  return i18n.t("integrations.app.test.failed", { error: reason });
}

/** Saving, testing and removing the company's own application, and how each went. */
export function useApplicationActions({ application, onChanged }: Options) {
  const i18n = useI18n();
  const { t } = i18n;
  const [saveState, save] = useMutation(SetApplicationMutation);
  const [testState, test] = useMutation(TestApplicationMutation);
  const [, remove] = useMutation(RemoveApplicationMutation);
  const [errors, setErrors] = useState<ApplicationErrors>({});
  const [testResult, setTestResult] = useState<ApplicationTestResult | null>(null);

  /** Resolves with the saved application, or null when it was refused (the errors say why). */
  const submit = async (values: ApplicationValues): Promise<Application | null> => {
    setErrors({});
    setTestResult(null);
    const secret = values.clientSecret.trim();
    const input = { ...values, clientId: values.clientId.trim(), clientSecret: secret || null };
    const result = await save({ input });
    const payload = result.data?.setMeliApplication;
    if (!payload?.application || payload.errors.length > 0) {
      setErrors(sortErrors(i18n, payload?.errors, result.error));
      return null;
    }
    notify({
      color: "green",
      title: t("integrations.app.saved.title"),
      message: t("integrations.app.saved.body", { clientId: payload.application.clientId }),
      closeLabel: t("common.close"),
      testId: "application-saved-notification",
    });
    onChanged(payload.reauthorizeAccounts);
    return payload.application;
  };

  const runTest = async () => {
    setErrors({});
    setTestResult(null);
    const result = await test({});
    const payload = result.data?.testMeliApplication;
    if (!payload || payload.errors.length > 0) setErrors(sortErrors(i18n, payload?.errors, result.error));
    else if (payload.ok) {
      const ms = i18n.number(Math.round(payload.latencyMs ?? 0));
      setTestResult({ ok: true, text: t("integrations.app.test.ok", { ms }) });
    } else setTestResult({ ok: false, text: testFailure(i18n, payload.error) });
  };

  const removeNow = useCallback(async () => {
    setErrors({});
    const result = await remove({});
    const payload = result.data?.removeMeliApplication;
    if (!payload?.removed || payload.errors.length > 0) {
      setErrors(sortErrors(i18n, payload?.errors, result.error));
      return;
    }
    notify({
      color: "gray",
      title: t("integrations.app.removed.title"),
      message: t("integrations.app.removed.body"),
      closeLabel: t("common.close"),
      testId: "application-removed-notification",
    });
    onChanged(payload.reauthorizeAccounts);
  }, [remove, i18n, t, onChanged]);

  const linked = application?.linkedAccounts ?? 0;
  const confirmRemove = () =>
    modals.openConfirmModal({
      title: t("integrations.app.remove.title"),
      children: (
        <Stack gap="xs" data-testid="application-remove-body">
          <Text size="sm">{t("integrations.app.remove.body")}</Text>
          <Text size="sm" fw={600}>
            {linked > 0 ? i18n.plural("integrations.app.remove.reauth", linked) : t("integrations.app.remove.reauthNone")}
          </Text>
        </Stack>
      ),
      labels: { confirm: t("integrations.app.remove.confirm"), cancel: t("common.cancel") },
      confirmProps: { color: "red.9", "data-testid": "application-remove-confirm" },
      cancelProps: { "data-testid": "application-remove-cancel" },
      closeButtonProps: { "aria-label": t("common.close") },
      onConfirm: removeNow,
    });

  return {
    errors,
    testResult,
    clearTestResult: () => setTestResult(null),
    saving: saveState.fetching,
    testing: testState.fetching,
    submit,
    runTest,
    confirmRemove,
  };
}
