"use client";

import { Button, Group, Text } from "@mantine/core";
import { IconKey, IconLinkOff, IconRefresh, IconStethoscope } from "@tabler/icons-react";
import { useI18n } from "@/i18n/I18nProvider";
import type { Capabilities } from "./permissions";
import type { AccountActionsState } from "./useAccountActions";

interface Props {
  id: string;
  name: string;
  caps: Capabilities;
  disabled: boolean;
  needsReauth: boolean;
  /** Why "sync now" cannot start (null when it can). */
  syncBlocked: string | null;
  actions: AccountActionsState;
}

/** The card's buttons: sync now, test, reauthorize (or link again) and, apart, unlink. */
export function AccountActions({ id, name, caps, disabled, needsReauth, syncBlocked, actions }: Props) {
  const { t } = useI18n();
  return (
    <>
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          {caps.operate && !disabled && (
            <Button
              size="xs"
              leftSection={<IconRefresh size={14} aria-hidden />}
              disabled={syncBlocked !== null}
              loading={actions.syncing}
              onClick={actions.startSync}
              aria-label={t("sync.nowFor", { account: name })}
              aria-describedby={syncBlocked ? `account-sync-reason-${id}` : undefined}
              data-testid={`account-sync-${id}`}
            >
              {t("sync.now")}
            </Button>
          )}
          {caps.operate && !disabled && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconStethoscope size={14} aria-hidden />}
              loading={actions.testing}
              onClick={actions.runTest}
              aria-label={t("integrations.test.actionFor", { account: name })}
              data-testid={`account-test-${id}`}
            >
              {t("integrations.test.action")}
            </Button>
          )}
          {caps.manage && (disabled || !needsReauth) && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconKey size={14} aria-hidden />}
              loading={actions.reauthorizing}
              onClick={actions.reauthorize}
              aria-label={t(disabled ? "integrations.relink.actionFor" : "integrations.reauth.actionFor", {
                account: name,
              })}
              data-testid={`account-reauth-${id}`}
            >
              {disabled ? t("integrations.relink.action") : t("integrations.reauth.action")}
            </Button>
          )}
        </Group>
        <Group gap="xs">
          {caps.manage && !disabled && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              c="red.9"
              leftSection={<IconLinkOff size={14} aria-hidden />}
              onClick={actions.confirmUnlink}
              aria-label={t("integrations.unlink.actionFor", { account: name })}
              data-testid={`account-unlink-${id}`}
            >
              {t("integrations.unlink.action")}
            </Button>
          )}
        </Group>
      </Group>
      {syncBlocked && caps.operate && !disabled && (
        <Text size="xs" c="dimmed" id={`account-sync-reason-${id}`} mt={-8}>
          {syncBlocked}
        </Text>
      )}
    </>
  );
}
