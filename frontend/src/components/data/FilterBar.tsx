"use client";

import { Button, Group, Paper, SimpleGrid } from "@mantine/core";
import { IconFilterOff } from "@tabler/icons-react";
import type { ReactNode } from "react";

interface Props {
  /** The section's accessible name ("Filtros dos pedidos"). */
  label: string;
  /** Columns by breakpoint (one on phones). */
  columns: { sm: number; lg: number };
  /** Whether any filter is set: only then is "clear" offered. */
  filtered: boolean;
  clearLabel: string;
  onClear: () => void;
  children: ReactNode;
}

/** A list's filters on one card, and "clear filters" while any is set. */
export function FilterBar({ label, columns, filtered, clearLabel, onClear, children }: Props) {
  return (
    <Paper p="md" component="section" aria-label={label}>
      <SimpleGrid cols={{ base: 1, ...columns }} spacing="sm">
        {children}
      </SimpleGrid>
      {filtered && (
        <Group justify="flex-end" mt="sm">
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            c="gray.8"
            leftSection={<IconFilterOff size={14} aria-hidden />}
            onClick={onClear}
            data-testid="filter-clear"
          >
            {clearLabel}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
