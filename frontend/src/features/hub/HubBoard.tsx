"use client";

import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { EmptyState } from "@/components/data/QueryState";
import type { MessageKey } from "@/i18n/I18nProvider";
import { useI18n } from "@/i18n/I18nProvider";
import { HubCard } from "./HubCard";
import type { Column, ColumnKey } from "./useHubBoard";

const COLUMN_TEXT: Record<ColumnKey, { title: MessageKey; hint: MessageKey; status: string }> = {
  waiting: { title: "hub.column.waiting", hint: "hub.column.waiting.hint", status: "MAPPING" },
  received: { title: "hub.column.received", hint: "hub.column.received.hint", status: "RECEBIDO" },
  ready: { title: "hub.column.ready", hint: "hub.column.ready.hint", status: "PRONTO" },
  pickedUp: { title: "hub.column.pickedUp", hint: "hub.column.pickedUp.hint", status: "RETIRADO" },
};

const ACCENT: Record<ColumnKey, string> = {
  waiting: "var(--mantine-color-orange-7)",
  received: "var(--mantine-color-meliBlue-7)",
  ready: "var(--mantine-color-green-8)",
  pickedUp: "var(--mantine-color-gray-6)",
};

interface Props {
  columns: Column[];
  searching: boolean;
  canOperate: boolean;
  onOpen: (id: string) => void;
  onMap: (sku: string) => void;
}

/** The four columns side by side at 1280 px (two on a tablet, one on a phone), each the API's own list. */
export function HubBoard({ columns, searching, canOperate, onOpen, onMap }: Props) {
  const { t } = useI18n();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" component="section" aria-label={t("hub.board.label")} data-testid="hub-board">
      {columns.map((column) => (
        <BoardColumn key={column.key} column={column} searching={searching} canOperate={canOperate} onOpen={onOpen} onMap={onMap} />
      ))}
    </SimpleGrid>
  );
}

function BoardColumn({ column, searching, canOperate, onOpen, onMap }: { column: Column } & Omit<Props, "columns">) {
  const { t, plural, number } = useI18n();
  const text = COLUMN_TEXT[column.key];
  const headingId = `hub-column-${column.key}`;
  return (
    <Paper
      p="sm"
      component="section"
      aria-labelledby={headingId}
      data-testid={`hub-column-${text.status}`}
      data-count={column.totalCount}
      style={{ borderTop: `4px solid ${ACCENT[column.key]}` }}
    >
      <Group justify="space-between" gap={4} wrap="nowrap" mb={2}>
        <Title order={2} size="h5" id={headingId}>
          {t(text.title)}
        </Title>
        <Badge color="gray" variant="light" aria-label={plural("hub.column.count", column.totalCount)}>
          {number(column.totalCount)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {t(text.hint)}
      </Text>
      {column.cards.length === 0 ? (
        <EmptyState>{searching ? t("hub.column.emptySearch") : t("hub.column.empty")}</EmptyState>
      ) : (
        <Stack gap="xs">
          {column.cards.map((card) => (
            <HubCard key={card.id} card={card} canOperate={canOperate} onOpen={onOpen} onMap={onMap} />
          ))}
        </Stack>
      )}
      {column.totalCount > column.cards.length && (
        <Text size="xs" c="dimmed" mt="xs">
          {t("hub.column.more", { shown: number(column.cards.length), total: number(column.totalCount) })}
        </Text>
      )}
    </Paper>
  );
}
