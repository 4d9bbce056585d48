"use client";

import { Group, ScrollArea, Table, Text, UnstyledButton } from "@mantine/core";
import { IconChevronDown, IconChevronUp, IconSelector } from "@tabler/icons-react";
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type Row,
  type SortingState,
} from "@tanstack/react-table";
import { useState, type ReactNode } from "react";
import { useT } from "@/i18n/I18nProvider";
import { EmptyState } from "./QueryState";

export type { ColumnDef, SortingState } from "@tanstack/react-table";

export interface DataTableProps<T> {
  data: readonly T[];
  /**
   * A column sorts when it has an accessor (`accessorFn`/`accessorKey`) and does not say
   * `enableSorting: false`; one without an accessor (actions, say) is a plain header.
   */
  columns: ColumnDef<T, unknown>[];
  /** Server-side sorting: the table shows and changes it, the query applies it. */
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  /** Client-side sorting, for a table that holds its whole list (ignored with `onSortingChange`). */
  sortLocally?: boolean;
  /** The order a locally sorted table starts in. */
  initialSorting?: SortingState;
  getRowId: (row: T) => string;
  caption: string;
  empty?: ReactNode;
  rowProps?: (row: Row<T>) => Record<string, unknown>;
  testId?: string;
  minWidth?: number;
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** Text the way people read it: accents and case aside, "Item 2" before "Item 10". */
export function byText<T>(a: Row<T>, b: Row<T>, columnId: string): number {
  return collator.compare(String(a.getValue(columnId) ?? ""), String(b.getValue(columnId) ?? ""));
}

/** An ISO instant as a number to sort by; null (never) counts as `missing`. */
export function instant(iso: string | null | undefined, missing: number): number {
  return iso ? new Date(iso).getTime() : missing;
}

function SortIcon({ direction }: { direction: false | "asc" | "desc" }) {
  const props = { size: 14, stroke: 2, "aria-hidden": true, style: { flexShrink: 0 } } as const;
  if (direction === "asc") return <IconChevronUp {...props} color="var(--mantine-color-meliBlue-7)" />;
  if (direction === "desc") return <IconChevronDown {...props} color="var(--mantine-color-meliBlue-7)" />;
  return <IconSelector {...props} color="var(--mantine-color-gray-6)" />;
}

/**
 * The one table of the app: TanStack Table's model, Mantine's look. Sorting is the server's
 * (`sorting`/`onSortingChange`, paged lists) or the table's own (`sortLocally`, whole lists).
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const t = useT();
  const server = Boolean(props.onSortingChange);
  const local = !server && Boolean(props.sortLocally);
  const [localSorting, setLocalSorting] = useState<SortingState>(props.initialSorting ?? []);
  const table = useReactTable({
    data: props.data as T[],
    columns: props.columns,
    getRowId: props.getRowId,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: local ? getSortedRowModel() : undefined,
    manualSorting: !local,
    enableSorting: server || local,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting: server ? (props.sorting ?? []) : local ? localSorting : [] },
    onSortingChange: server ? props.onSortingChange : setLocalSorting,
  });

  return (
    <ScrollArea type="auto">
      <Table
        striped={false}
        highlightOnHover
        verticalSpacing="sm"
        miw={props.minWidth ?? 640}
        data-testid={props.testId}
      >
        <Table.Caption style={{ captionSide: "top", textAlign: "start" }}>
          <Text span size="sm" c="dimmed">
            {props.caption}
          </Text>
        </Table.Caption>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const sortable = header.column.getCanSort();
                const direction = header.column.getIsSorted();
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <Table.Th
                    key={header.id}
                    scope="col"
                    aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : undefined}
                    data-column={header.column.id}
                  >
                    {sortable ? (
                      <UnstyledButton
                        onClick={header.column.getToggleSortingHandler()}
                        fw="inherit"
                        fz="inherit"
                        c="inherit"
                        data-testid={props.testId ? `${props.testId}-sort-${header.column.id}` : undefined}
                      >
                        <Group gap={4} wrap="nowrap" align="center">
                          <span style={{ whiteSpace: "nowrap" }}>{label}</span>
                          <SortIcon direction={direction} />
                        </Group>
                      </UnstyledButton>
                    ) : (
                      label
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {table.getRowModel().rows.map((row) => (
            <Table.Tr key={row.id} {...props.rowProps?.(row)}>
              {row.getVisibleCells().map((cell) => (
                <Table.Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Table.Td>
              ))}
            </Table.Tr>
          ))}
          {table.getRowModel().rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={props.columns.length}>
                <EmptyState>{props.empty ?? t("common.empty")}</EmptyState>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
