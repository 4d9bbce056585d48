"use client";

import { Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import type { CombinedError } from "urql";
import { DataTable, type DataTableProps } from "./DataTable";
import { Pager } from "./Pager";
import { LoadError, Loading } from "./QueryState";

/** The part of a Relay connection a table shows. */
export interface TableConnection<T> {
  nodes: readonly T[];
  totalCount?: number | null;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

interface ConnectionTableProps<T> extends Omit<DataTableProps<T>, "data" | "caption" | "sortLocally"> {
  connection: TableConnection<T> | null | undefined;
  error?: CombinedError;
  onRetry: () => void;
  /** Forward paging (`useCursorPages`): the page shown and how to move. */
  pages: { page: number; next: (endCursor: string | null | undefined) => void; previous: () => void };
  caption: (totalCount: number) => string;
  /** Sort on the client while the whole list is on screen (for lists the API does not sort). */
  sortWholeList?: boolean;
}

/**
 * A connection as a table: an error with a retry when nothing was loaded, a loader until the first page,
 * then the table and, when there is more than one page, the pager. Data kept on screen stays while a
 * refetch runs or fails.
 */
export function ConnectionTable<T>({
  connection,
  error,
  onRetry,
  pages,
  caption,
  sortWholeList = false,
  ...table
}: ConnectionTableProps<T>) {
  if (error && !connection) return <LoadError error={error} onRetry={onRetry} />;
  if (!connection) return <Loading />;
  const { pageInfo, totalCount } = connection;
  return (
    <>
      <DataTable
        {...table}
        data={connection.nodes}
        sortLocally={sortWholeList && pages.page === 1 && !pageInfo.hasNextPage}
        caption={caption(totalCount ?? connection.nodes.length)}
      />
      {(pageInfo.hasNextPage || pages.page > 1) && (
        <Pager
          page={pages.page}
          hasNextPage={pageInfo.hasNextPage}
          totalCount={totalCount}
          onNext={() => pages.next(pageInfo.endCursor)}
          onPrevious={pages.previous}
        />
      )}
    </>
  );
}

/** A panel's title (an h2 named for its section), its description and the panel's main action. */
export function SectionHeader({
  id,
  title,
  description,
  action,
}: {
  id: string;
  title: string;
  description?: string;
  action?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start" mb="xs" gap="sm">
      <Stack gap={2}>
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
      </Stack>
      {action}
    </Group>
  );
}
