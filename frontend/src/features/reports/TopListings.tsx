"use client";

import { Group, NativeSelect, Paper, ScrollArea, Skeleton, Table, Text, Title } from "@mantine/core";
import { useId, useMemo, useState } from "react";
import { useQuery } from "urql";
import { EmptyState, LoadError } from "@/components/data/QueryState";
import type { TopListingMetric } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { useKept } from "@/lib/useLive";
import { formatValue } from "./metrics";
import type { DayRange } from "./period";
import { ReportsTopListingsQuery } from "./queries";

const METRICS: readonly TopListingMetric[] = ["GMV", "UNITS", "ORDERS", "VISITS", "CONVERSION", "QUESTIONS"];

/** The listings that led the period by the chosen metric (the API ranks them). */
export function TopListings({ range, meliAccountIds, version }: { range: DayRange | null; meliAccountIds: string[] | null; version: string }) {
  const { t, locale, number, money } = useI18n();
  const heading = useId();
  const [metric, setMetric] = useState<TopListingMetric>("GMV");
  const variables = { metric, range: range ?? { from: "", to: "" }, meliAccountIds, first: 10 };
  // `version` (the report's generatedAt) reads the ranking again whenever the numbers above moved.
  const [result, refetch] = useQuery({ query: ReportsTopListingsQuery, variables, pause: !range, context: useVersioned(version) });
  const rows = useKept(result, variables)?.topListings;
  const ratio = (value: string | null | undefined) => formatValue(locale, "RATIO", value);
  return (
    <Paper p="md" component="section" aria-labelledby={heading} data-testid="report-top-listings">
      <Group justify="space-between" align="flex-end" mb="sm">
        <Title order={2} size="h4" id={heading}>
          {t("reports.top.title")}
        </Title>
        <NativeSelect
          size="sm"
          w={200}
          label={t("reports.top.metric")}
          value={metric}
          onChange={(event) => setMetric(event.currentTarget.value as TopListingMetric)}
          data={METRICS.map((value) => ({ value, label: t(`reports.top.metric.${value}`) }))}
          data-testid="report-top-metric"
        />
      </Group>
      {!rows && result.error && <LoadError error={result.error} onRetry={() => refetch({ requestPolicy: "network-only" })} />}
      {!rows && !result.error && <Skeleton h={160} />}
      {rows && rows.length === 0 && <EmptyState>{t("reports.top.empty")}</EmptyState>}
      {rows && rows.length > 0 && (
        <ScrollArea type="auto">
          <Table verticalSpacing={6} horizontalSpacing="xs" highlightOnHover miw={760}>
            <Table.Caption style={{ captionSide: "top", textAlign: "start" }}>
              <Text size="xs" c="dimmed" span>
                {t("reports.top.metric")}: {t(`reports.top.metric.${metric}`)}
              </Text>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("reports.top.listing")}</Table.Th>
                <Table.Th scope="col" ta="end">{t("reports.top.metric.GMV")}</Table.Th>
                <Table.Th scope="col" ta="end">{t("reports.top.metric.UNITS")}</Table.Th>
                <Table.Th scope="col" ta="end">{t("reports.top.metric.ORDERS")}</Table.Th>
                <Table.Th scope="col" ta="end">{t("reports.top.metric.VISITS")}</Table.Th>
                <Table.Th scope="col" ta="end">{t("reports.top.metric.QUESTIONS")}</Table.Th>
                <Table.Th scope="col" ta="end">{t("reports.top.metric.CONVERSION")}</Table.Th>
                <Table.Th scope="col" ta="end">{t("reports.top.stock")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.listing.id} data-testid={`report-top-${row.listing.mlId}`} data-value={row.value}>
                  <Table.Td maw={280}>
                    <Text size="sm" fw={500} truncate="end" title={row.listing.title}>
                      {row.listing.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {row.listing.mlId}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="end">{row.gmv.length ? row.gmv.map((gmv) => money(gmv)).join(" · ") : money(null)}</Table.Td>
                  <Table.Td ta="end">{number(row.units)}</Table.Td>
                  <Table.Td ta="end">{number(row.orders)}</Table.Td>
                  <Table.Td ta="end">{number(row.visits)}</Table.Td>
                  <Table.Td ta="end">{number(row.questions)}</Table.Td>
                  <Table.Td ta="end">{ratio(row.conversion)}</Table.Td>
                  <Table.Td ta="end">{number(row.listing.availableQuantity)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Paper>
  );
}

/** A query context that changes with `version`: urql reads again from the network when it does. */
export function useVersioned(version: string) {
  return useMemo(() => ({ requestPolicy: "cache-and-network" as const, version }), [version]);
}
