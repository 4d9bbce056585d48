"use client";

import { Badge, Button, Group, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconChecks } from "@tabler/icons-react";
import { ToneBadge } from "@/components/data/ToneBadge";
import type { InboxThreadQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { buyerName } from "./names";

export type ThreadConversation = NonNullable<InboxThreadQuery["conversation"]>;

interface ThreadHeaderProps {
  conversation: ThreadConversation;
  account: string;
  /** May mark read (not analysts). */
  canMarkRead: boolean;
  marking: boolean;
  onMarkRead: () => void;
}

/** Who the thread is with, on which account and pack; Mercado Livre's status; unread and "Marcar como lida". */
export function ThreadHeader({ conversation, account, canMarkRead, marking, onMarkRead }: ThreadHeaderProps) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Group justify="space-between" px="md" py="sm" wrap="nowrap" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Title order={2} size="h4" id="thread-heading" lineClamp={1}>
          {t("messagesPage.thread.label", { buyer: buyerName(i18n, conversation) })}
        </Title>
        <Text size="xs" c="dimmed" truncate>
          {account}
          {" · "}
          {conversation.packMlId
            ? t("messagesPage.thread.pack", { id: conversation.packMlId })
            : t("messagesPage.thread.order", { id: conversation.threadMlId })}
        </Text>
      </Stack>
      <Group gap="xs" wrap="nowrap">
        {conversation.status && conversation.status !== "active" && (
          <Tooltip label={t("messagesPage.status.label")}>
            <ToneBadge tone="warning" data-testid="thread-status">
              {i18n.label("messagesPage.status.", conversation.status)}
            </ToneBadge>
          </Tooltip>
        )}
        {conversation.unreadCount > 0 ? (
          <>
            <Badge variant="filled" color="meliBlue" tt="none" data-testid="thread-unread">
              {i18n.plural("messagesPage.thread.unread", conversation.unreadCount)}
            </Badge>
            {/* Opening a thread does not mark it read: on Mercado Livre that tells the buyer the seller
                read it, and a teammate glancing at the inbox must not hide it from whoever answers. */}
            {canMarkRead && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconChecks size={14} aria-hidden />}
                onClick={onMarkRead}
                loading={marking}
                data-testid="mark-read"
              >
                {t("messagesPage.markRead")}
              </Button>
            )}
          </>
        ) : (
          <Text size="xs" c="dimmed" data-testid="thread-all-read">
            <IconChecks size={14} aria-hidden style={{ verticalAlign: "-2px" }} /> {t("messagesPage.allRead")}
          </Text>
        )}
      </Group>
    </Group>
  );
}
