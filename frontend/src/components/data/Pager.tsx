"use client";

import { Button, Group, Text } from "@mantine/core";
import { IconChevronLeft, IconChevronRight } from "@tabler/icons-react";
import { useCallback, useState } from "react";
import { useI18n } from "@/i18n/I18nProvider";

export interface CursorPage {
  first: number;
  after: string | null;
}

/** Forward paging over a Relay connection, remembering the cursors walked so "previous" works. */
export function useCursorPages(size: number) {
  const [trail, setTrail] = useState<(string | null)[]>([null]);
  const after = trail[trail.length - 1];
  const next = useCallback((endCursor: string | null | undefined) => {
    if (endCursor) setTrail((current) => [...current, endCursor]);
  }, []);
  const previous = useCallback(() => setTrail((current) => (current.length > 1 ? current.slice(0, -1) : current)), []);
  const reset = useCallback(() => setTrail([null]), []);
  return { variables: { first: size, after } as CursorPage, page: trail.length, next, previous, reset };
}

interface PagerProps {
  page: number;
  hasNextPage: boolean;
  totalCount?: number | null;
  onNext: () => void;
  onPrevious: () => void;
}

export function Pager({ page, hasNextPage, totalCount, onNext, onPrevious }: PagerProps) {
  const { t, number } = useI18n();
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed">
        {totalCount != null ? t("common.pageOf", { count: number(totalCount) }) : ""}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconChevronLeft size={14} aria-hidden />}
          disabled={page <= 1}
          onClick={onPrevious}
        >
          {t("common.previous")}
        </Button>
        <Button
          variant="default"
          size="xs"
          rightSection={<IconChevronRight size={14} aria-hidden />}
          disabled={!hasNextPage}
          onClick={onNext}
        >
          {t("common.next")}
        </Button>
      </Group>
    </Group>
  );
}
