"use client";

import { Badge, Paper, Stack, Text, Title } from "@mantine/core";
import type { RefObject } from "react";
import { Pager } from "@/components/data/Pager";
import { EmptyState, LoadError, Loading } from "@/components/data/QueryState";
import { useI18n } from "@/i18n/I18nProvider";
import { QuestionQueue } from "./QuestionQueue";
import { ShortcutLegend } from "./ShortcutLegend";
import type { Queue } from "./useQueue";

interface PanelProps {
  queue: Queue;
  queueRef: RefObject<HTMLDivElement | null>;
  selectedId: string | null;
  accountName: (id: string) => string;
  onSelect: (id: string) => void;
  onMove: (step: number) => void;
  onReply: () => void;
}

const STEPS: Record<string, number | undefined> = { ArrowDown: 1, ArrowUp: -1 };

/** The queue's card: how many wait, the list (or why it is empty), its pages, and the keys. */
export function QueuePanel({ queue, queueRef, selectedId, accountName, onSelect, onMove, onReply }: PanelProps) {
  const { t, number } = useI18n();
  const { shown, rows, total, pages } = queue;
  return (
    <Paper component="section" aria-labelledby="questions-queue-heading" style={{ overflow: "hidden" }}>
      <Stack gap={2} p="md" pb="xs">
        <Title order={2} size="h5" id="questions-queue-heading">
          {t("questions.queue.title")}{" "}
          {total !== null && (
            <Badge variant="light" color="gray" ml={4} data-testid="questions-count">
              {number(total)}
            </Badge>
          )}
        </Title>
        <Text size="xs" c="dimmed">
          {t("questions.queue.hint")}
        </Text>
      </Stack>
      {queue.result.error && !shown ? (
        <LoadError error={queue.result.error} onRetry={queue.refetch} />
      ) : !shown ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState>
          <span data-testid="questions-empty">{t("questions.empty")}</span>
        </EmptyState>
      ) : (
        <QuestionQueue
          ref={queueRef}
          rows={rows}
          selectedId={selectedId}
          accountName={accountName}
          onSelect={onSelect}
          label={t("questions.queue.label")}
          onKeyDown={(event) => {
            const step = STEPS[event.key];
            if (step) onMove(step);
            else if (event.key === "Enter") onReply();
            else return;
            event.preventDefault();
          }}
        />
      )}
      {(pages.page > 1 || shown?.pageInfo.hasNextPage) && (
        <Stack px="md" pb="sm">
          <Pager
            page={pages.page}
            hasNextPage={shown?.pageInfo.hasNextPage ?? false}
            totalCount={total}
            onNext={() => pages.next(shown?.pageInfo.endCursor)}
            onPrevious={pages.previous}
          />
        </Stack>
      )}
      <Stack px="md" py="sm" bg="gray.0" style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }}>
        <ShortcutLegend />
      </Stack>
    </Paper>
  );
}
