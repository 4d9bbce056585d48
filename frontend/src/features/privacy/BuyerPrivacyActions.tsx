"use client";

import { Button, Group, Stack, Text } from "@mantine/core";
import { modals } from "@mantine/modals";
import { notifications } from "@mantine/notifications";
import { IconDownload, IconUserX } from "@tabler/icons-react";
import { useMutation } from "urql";
import { useSession } from "@/components/session/SessionProvider";
import { canAdminister } from "@/features/admin/roles";
import { useI18n } from "@/i18n/I18nProvider";
import { EraseCustomerDataMutation, ExportCustomerDataMutation } from "./queries";

interface Buyer {
  id: string;
  mlUserId: string;
  nickname?: string | null;
}

/** Hands the browser a JSON file to save, without a round trip to a download URL. */
function download(name: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

/** LGPD requests about one buyer: export everything held, or anonymise them (confirmed first). Owners and admins. */
export function BuyerPrivacyActions({ buyer, onErased }: { buyer: Buyer; onErased?: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [exporting, exportData] = useMutation(ExportCustomerDataMutation);
  const [, erase] = useMutation(EraseCustomerDataMutation);
  if (!canAdminister(me.role)) return null;
  const nickname = buyer.nickname ?? buyer.mlUserId;
  const failed = (reason: string) =>
    notifications.show({ color: "red", message: t("privacy.failed", { reason }), closeButtonProps: { "aria-label": t("privacy.close") } });

  const runExport = async () => {
    const result = await exportData({ customerId: buyer.id });
    const payload = result.data?.exportCustomerData;
    if (!payload || payload.errors.length > 0 || !payload.data) {
      failed(payload?.errors[0]?.message ?? result.error?.message ?? "—");
      return;
    }
    download(`cliente-${buyer.mlUserId}.json`, payload.data);
    notifications.show({ color: "green", message: t("privacy.exported", { nickname }), closeButtonProps: { "aria-label": t("privacy.close") } });
  };

  const confirmErase = () =>
    modals.openConfirmModal({
      title: t("privacy.eraseTitle", { nickname }),
      children: <Text size="sm">{t("privacy.eraseBody")}</Text>,
      labels: { confirm: t("privacy.eraseConfirm"), cancel: t("privacy.cancel") },
      confirmProps: { color: "red.9", "data-testid": "privacy-erase-confirm" } as Record<string, unknown>,
      closeButtonProps: { "aria-label": t("privacy.close") },
      onConfirm: async () => {
        const result = await erase({ customerId: buyer.id });
        const payload = result.data?.eraseCustomerData;
        if (!payload?.erasure) {
          failed(payload?.errors[0]?.message ?? result.error?.message ?? "—");
          return;
        }
        const { orders, messages, questions } = payload.erasure;
        notifications.show({ color: "green", message: t("privacy.erased", { orders, messages, questions }), closeButtonProps: { "aria-label": t("privacy.close") } });
        onErased?.();
      },
    });

  return (
    <Stack gap={6} data-testid="buyer-privacy">
      <Text size="xs" c="dimmed">
        {t("privacy.title")} · {t("privacy.hint")}
      </Text>
      <Group gap="xs">
        <Button size="xs" variant="light" leftSection={<IconDownload size={14} aria-hidden />} loading={exporting.fetching} onClick={runExport}>
          {t("privacy.export")}
        </Button>
        <Button size="xs" variant="outline" color="red.9" leftSection={<IconUserX size={14} aria-hidden />} onClick={confirmErase} data-testid="privacy-erase">
          {t("privacy.erase")}
        </Button>
      </Group>
    </Stack>
  );
}
