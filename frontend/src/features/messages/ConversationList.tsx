"use client";

import { Badge, Box, Group, ScrollArea, Stack, Text, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { RelativeTime } from "@/components/data/Time";
import type { InboxRowFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { buyerName } from "./names";

interface ConversationListProps {
  rows: readonly InboxRowFragment[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  accountName: (id: string) => string;
  /** What the list says when it is empty (depends on the filters). */
  empty: string;
}

/** The inbox's left pane: one button per conversation, unread ones first (the API's order). */
export function ConversationList({ rows, selectedId, onSelect, accountName, empty }: ConversationListProps) {
  const { t } = useI18n();
  if (rows.length === 0) {
    return (
      <Text c="dimmed" ta="center" size="sm" py="xl" px="md" data-testid="conversations-empty">
        {empty}
      </Text>
    );
  }
  return (
    <ScrollArea type="auto" style={{ flex: 1 }} offsetScrollbars={false}>
      <Box component="ul" m={0} p={0} style={{ listStyle: "none" }} aria-label={t("messagesPage.list.label")} data-testid="conversations">
        {rows.map((row) => (
          <li key={row.id}>
            <ConversationRow
              row={row}
              selected={row.id === selectedId}
              account={accountName(row.meliAccountId)}
              onSelect={onSelect}
            />
          </li>
        ))}
      </Box>
    </ScrollArea>
  );
}

function ConversationRow({
  row,
  selected,
  account,
  onSelect,
}: {
  row: InboxRowFragment;
  selected: boolean;
  account: string;
  onSelect: (id: string) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const unread = row.unreadCount > 0;
  const buyer = buyerName(i18n, row);
  const last = row.lastMessage;
  return (
    <UnstyledButton
      onClick={() => onSelect(row.id)}
      aria-current={selected ? "true" : undefined}
      w="100%"
      px="md"
      py="sm"
      bg={selected ? "meliBlue.0" : undefined}
      style={{
        display: "block",
        borderBottom: "1px solid var(--mantine-color-gray-2)",
        boxShadow: selected ? "inset 3px 0 0 var(--mantine-color-meliBlue-7)" : undefined,
      }}
      data-testid={`conversation-${row.id}`}
      data-unread={row.unreadCount}
      data-selected={selected || undefined}
    >
      <Stack gap={2}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm" fw={unread ? 700 : 500} truncate>
            {buyer}
          </Text>
          <Text size="xs" c={unread ? "meliBlue.9" : "dimmed"} fw={unread ? 600 : 400} style={{ whiteSpace: "nowrap" }}>
            <RelativeTime iso={row.lastMessageAt ?? last?.dateCreated} />
          </Text>
        </Group>
        <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
          <Text size="sm" c={unread ? "var(--mantine-color-text)" : "dimmed"} lineClamp={2} style={{ flex: 1 }}>
            {last ? (
              <>
                {last.fromSeller && (
                  <Text span inherit fw={500}>
                    {t("messagesPage.list.you")}
                  </Text>
                )}
                {last.text}
              </>
            ) : (
              t("messagesPage.list.noMessages")
            )}
          </Text>
          {unread && (
            <Badge variant="filled" color="meliBlue" size="sm" circle={row.unreadCount < 10} data-testid={`conversation-unread-${row.id}`}>
              <span aria-hidden>{row.unreadCount}</span>
              <VisuallyHidden>{i18n.plural("messagesPage.list.unread", row.unreadCount)}</VisuallyHidden>
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" truncate>
          {account}
          {" · "}
          {row.packMlId ? t("messagesPage.thread.pack", { id: row.packMlId }) : t("messagesPage.thread.order", { id: row.threadMlId })}
        </Text>
      </Stack>
    </UnstyledButton>
  );
}
