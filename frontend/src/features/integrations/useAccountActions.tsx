"use client";

import { Text } from "@mantine/core";
import { modals } from "@mantine/modals";
import { useState } from "react";
import { useMutation } from "urql";
import type { IntegrationsAccountFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { requestErrorText, userErrorText } from "./errors";
import { notify } from "./notify";
import { SyncNowMutation, TestConnectionMutation, UnlinkMutation } from "./queries";
import type { Run } from "./runs";

type Account = IntegrationsAccountFragment;

export type TestResult = { ok: boolean; text: string };

interface Options {
  account: Account;
  /** The account's name as the card shows it. */
  name: string;
  onRunStarted: (run: Run) => void;
  onReauthorize: (account: Account) => Promise<string | null>;
}

/** What a card can do to its account (sync now, test, reauthorize, unlink) and how it went. */
export function useAccountActions({ account, name, onRunStarted, onReauthorize }: Options) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = account.id;
  const [syncState, syncNow] = useMutation(SyncNowMutation);
  const [testState, testConnection] = useMutation(TestConnectionMutation);
  const [, unlink] = useMutation(UnlinkMutation);
  const [error, setError] = useState<string | null>(null);
  const [testResult, setTestResult] = useState<TestResult | null>(null);
  const [reauthorizing, setReauthorizing] = useState(false);

  const startSync = async () => {
    setError(null);
    const result = await syncNow({ meliAccountId: id });
    const payload = result.data?.syncMeliAccountNow;
    if (result.error) setError(requestErrorText(i18n, result.error));
    else if (payload && payload.errors.length > 0) setError(userErrorText(i18n, payload.errors));
    else if (payload?.syncRun) onRunStarted(payload.syncRun);
  };

  const runTest = async () => {
    setError(null);
    setTestResult(null);
    const result = await testConnection({ id });
    const payload = result.data?.testMeliConnection;
    if (result.error) setError(requestErrorText(i18n, result.error));
    else if (payload && payload.errors.length > 0) setError(userErrorText(i18n, payload.errors));
    else if (payload?.ok)
      setTestResult({ ok: true, text: t("integrations.test.ok", { ms: i18n.number(Math.round(payload.latencyMs ?? 0)) }) });
    else if (payload) setTestResult({ ok: false, text: t("integrations.test.failed", { error: payload.error ?? "" }) });
  };

  const reauthorize = async () => {
    setError(null);
    setReauthorizing(true);
    const problem = await onReauthorize(account);
    // On success the browser is on its way to Mercado Livre; the button stays busy until it leaves.
    if (problem) {
      setError(problem);
      setReauthorizing(false);
    }
  };

  const confirmUnlink = () =>
    modals.openConfirmModal({
      title: t("integrations.unlink.title", { account: name }),
      children: (
        <Text size="sm">{t("integrations.unlink.body", { account: name, site: account.siteId })}</Text>
      ),
      labels: { confirm: t("integrations.unlink.confirm"), cancel: t("common.cancel") },
      confirmProps: { color: "red.9", "data-testid": "unlink-confirm" },
      cancelProps: { "data-testid": "unlink-cancel" },
      closeButtonProps: { "aria-label": t("common.close") },
      onConfirm: async () => {
        setError(null);
        const result = await unlink({ id });
        const payload = result.data?.unlinkMeliAccount;
        const problem = result.error
          ? requestErrorText(i18n, result.error)
          : payload && payload.errors.length > 0
            ? userErrorText(i18n, payload.errors)
            : null;
        if (problem) {
          setError(problem);
          return;
        }
        notify({
          color: "gray",
          title: t("integrations.unlink.done.title"),
          message: t("integrations.unlink.done.body", { account: name }),
          closeLabel: t("common.close"),
          testId: "unlinked-notification",
        });
      },
    });

  return {
    error,
    testResult,
    clearTestResult: () => setTestResult(null),
    syncing: syncState.fetching,
    testing: testState.fetching,
    reauthorizing,
    startSync,
    runTest,
    reauthorize,
    confirmUnlink,
  };
}

export type AccountActionsState = ReturnType<typeof useAccountActions>;
