"use client";

import { Box, Group, Stack, Text } from "@mantine/core";
import { forwardRef, type KeyboardEvent } from "react";
import { useNow } from "@/components/data/Time";
import type { QuestionsRowFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { slaNow } from "./sla";
import { SlaClock } from "./SlaClock";

export const optionId = (questionId: string) => `question-option-${questionId}`;

// The row's left edge in the state's colour: the queue reads at a glance before the clocks do.
const EDGE: Record<string, string> = {
  OK: "var(--mantine-color-green-7)",
  WARNING: "#c2410c",
  BREACHED: "var(--mantine-color-red-9)",
  ANSWERED: "var(--mantine-color-gray-4)",
};

interface QueueProps {
  rows: readonly QuestionsRowFragment[];
  selectedId: string | null;
  accountName: (id: string) => string;
  onSelect: (id: string) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
  label: string;
}

/** The unanswered questions, most urgent first: one listbox, moved through with j/k or the arrows. */
export const QuestionQueue = forwardRef<HTMLDivElement, QueueProps>(function QuestionQueue(
  { rows, selectedId, accountName, onSelect, onKeyDown, label },
  ref,
) {
  const { t } = useI18n();
  const now = useNow(1000); // every clock of the queue ticks together
  const active = rows.some((row) => row.id === selectedId) ? selectedId : null;
  return (
    <Box
      ref={ref}
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={active ? optionId(active) : undefined}
      onKeyDown={onKeyDown}
      data-testid="questions-queue"
      style={{ overflowY: "auto", maxHeight: "calc(100dvh - 250px)", minHeight: 240, outlineOffset: -2 }}
    >
      {rows.map((row) => {
        const sla = slaNow(row, now);
        const selected = row.id === selectedId;
        const buyer = row.buyer?.nickname ?? (row.buyerMlId ? t("questions.buyer.id", { id: row.buyerMlId }) : null);
        return (
          <Box
            key={row.id}
            id={optionId(row.id)}
            role="option"
            aria-selected={selected}
            onClick={() => onSelect(row.id)}
            data-testid={`question-row-${row.id}`}
            data-question-id={row.id}
            data-sla-state={sla.state}
            px="sm"
            py={10}
            bg={selected ? "meliBlue.0" : undefined}
            style={{
              cursor: "pointer",
              borderBottom: "1px solid var(--mantine-color-gray-2)",
              boxShadow: `inset ${selected ? 5 : 3}px 0 0 ${EDGE[sla.state]}`,
            }}
          >
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <SlaClock sla={sla} testId={`question-sla-${row.id}`} />
              <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                <Text size="sm" fw={selected ? 600 : 500} lineClamp={2}>
                  {row.text}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {row.listing?.title ?? row.itemMlId}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {[accountName(row.meliAccountId), buyer].filter(Boolean).join(" · ")}
                </Text>
              </Stack>
            </Group>
          </Box>
        );
      })}
    </Box>
  );
});
