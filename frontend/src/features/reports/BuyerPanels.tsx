"use client";

import { Group, Paper, Progress, ScrollArea, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useId } from "react";
import { useQuery } from "urql";
import { EmptyState, LoadError } from "@/components/data/QueryState";
import { useI18n } from "@/i18n/I18nProvider";
import { useKept } from "@/lib/useLive";
import { formatValue } from "./metrics";
import type { DayRange } from "./period";
import { ReportsCohortsQuery, ReportsRfmQuery } from "./queries";
import { useVersioned } from "./TopListings";

// The heat-map steps of the cohort grid: meliBlue shades, each with the text colour that reads on it
// at AA contrast (dark ink up to shade 4, white from shade 6).
const SHADES: readonly { upTo: number; background: string; color: string }[] = [
  { upTo: 0, background: "transparent", color: "var(--mantine-color-gray-7)" },
  { upTo: 0.05, background: "var(--mantine-color-meliBlue-0)", color: "var(--mantine-color-ink-8)" },
  { upTo: 0.15, background: "var(--mantine-color-meliBlue-1)", color: "var(--mantine-color-ink-8)" },
  { upTo: 0.3, background: "var(--mantine-color-meliBlue-2)", color: "var(--mantine-color-ink-8)" },
  { upTo: 0.45, background: "var(--mantine-color-meliBlue-3)", color: "var(--mantine-color-ink-8)" },
  { upTo: 0.6, background: "var(--mantine-color-meliBlue-4)", color: "var(--mantine-color-ink-8)" },
  { upTo: 0.8, background: "var(--mantine-color-meliBlue-6)", color: "#ffffff" },
  { upTo: 0.95, background: "var(--mantine-color-meliBlue-7)", color: "#ffffff" },
  { upTo: Infinity, background: "var(--mantine-color-meliBlue-8)", color: "#ffffff" },
];

export function shadeOf(rate: number) {
  return SHADES.find((shade) => rate <= shade.upTo) ?? SHADES[SHADES.length - 1];
}

interface PanelProps {
  range: DayRange | null;
  meliAccountIds: string[] | null;
  version: string;
}

/** Customers by the month of their first order, and the share that ordered again each month after. */
export function CohortGrid({ range, meliAccountIds, version }: PanelProps) {
  const { t, locale, number } = useI18n();
  const heading = useId();
  const variables = { range: range ?? { from: "", to: "" }, meliAccountIds };
  const [result, refetch] = useQuery({ query: ReportsCohortsQuery, variables, pause: !range, context: useVersioned(version) });
  const cohorts = useKept(result, variables)?.cohorts;
  const width = Math.max(0, ...(cohorts ?? []).map((cohort) => cohort.retention.length));
  const month = (day: string) =>
    new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
  const percent = (rate: string) => formatValue(locale, "RATIO", rate);
  return (
    <Paper p="md" component="section" aria-labelledby={heading} data-testid="report-cohorts">
      <Title order={2} size="h4" id={heading}>
        {t("reports.cohorts.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("reports.cohorts.description")}
      </Text>
      {!cohorts && result.error && <LoadError error={result.error} onRetry={() => refetch({ requestPolicy: "network-only" })} />}
      {!cohorts && !result.error && <Skeleton h={160} />}
      {cohorts && cohorts.length === 0 && <EmptyState>{t("reports.cohorts.empty")}</EmptyState>}
      {cohorts && cohorts.length > 0 && (
        <ScrollArea type="auto">
          <Table withColumnBorders verticalSpacing={4} horizontalSpacing={6} miw={Math.max(360, 160 + width * 64)} fz="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("reports.cohorts.month")}</Table.Th>
                <Table.Th scope="col" ta="end">
                  {t("reports.cohorts.customers")}
                </Table.Th>
                {Array.from({ length: width }, (_, index) => (
                  <Table.Th key={index} scope="col" ta="center">
                    {t("reports.cohorts.after", { n: index })}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cohorts.map((cohort) => (
                <Table.Tr key={cohort.month} data-testid={`report-cohort-${cohort.month}`} data-customers={cohort.customers}>
                  <Table.Th scope="row" fw={500}>
                    {month(cohort.month)}
                  </Table.Th>
                  <Table.Td ta="end">{number(cohort.customers)}</Table.Td>
                  {Array.from({ length: width }, (_, index) => {
                    const cell = cohort.retention.find((item) => item.monthsAfter === index);
                    if (!cell) return <Table.Td key={index} />;
                    const shade = shadeOf(Number(cell.rate));
                    return (
                      <Table.Td
                        key={index}
                        ta="center"
                        style={{ background: shade.background, color: shade.color }}
                        title={t("reports.cohorts.cell", { rate: percent(cell.rate), customers: number(cell.customers) })}
                        data-rate={cell.rate}
                      >
                        {percent(cell.rate)}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Paper>
  );
}

/** The customers per RFM segment: how many, their share, what they spent. */
export function RfmSegments({ meliAccountIds, version }: Omit<PanelProps, "range">) {
  const { t, plural, locale, money } = useI18n();
  const heading = useId();
  const variables = { meliAccountIds };
  const [result, refetch] = useQuery({ query: ReportsRfmQuery, variables, context: useVersioned(version) });
  const segments = useKept(result, variables)?.rfmSegments;
  const decimal = (value: string | null | undefined) => formatValue(locale, "DAYS", value);
  return (
    <Paper p="md" component="section" aria-labelledby={heading} data-testid="report-rfm">
      <Title order={2} size="h4" id={heading}>
        {t("reports.rfm.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("reports.rfm.description")}
      </Text>
      {!segments && result.error && <LoadError error={result.error} onRetry={() => refetch({ requestPolicy: "network-only" })} />}
      {!segments && !result.error && <Skeleton h={160} />}
      {segments && segments.every((segment) => segment.customers === 0) && <EmptyState>{t("reports.rfm.empty")}</EmptyState>}
      {segments && segments.some((segment) => segment.customers > 0) && (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {segments
            .filter((segment) => segment.customers > 0)
            .map((segment) => {
              const name = t(`reports.rfm.segment.${segment.segment}`);
              return (
                <li key={segment.segment} data-testid={`report-rfm-${segment.segment}`} data-customers={segment.customers}>
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Text size="sm" fw={600}>
                      {name}
                    </Text>
                    <Text size="sm">
                      {plural("reports.rfm.customers", segment.customers)} ·{" "}
                      {formatValue(locale, "RATIO", segment.share)}
                    </Text>
                  </Group>
                  <Progress value={Number(segment.share) * 100} size="sm" color="meliBlue.7" aria-label={name} mt={4} />
                  <Text size="xs" c="dimmed" mt={2}>
                    {segment.monetary.map((amount) => money(amount)).join(" · ") || money(null)}
                    {segment.averageRecencyDays !== null && segment.averageRecencyDays !== undefined &&
                      ` · ${t("reports.rfm.recency", { days: decimal(segment.averageRecencyDays) })}`}
                    {segment.averageFrequency !== null && segment.averageFrequency !== undefined &&
                      ` · ${t("reports.rfm.frequency", { orders: decimal(segment.averageFrequency) })}`}
                  </Text>
                </li>
              );
            })}
        </Stack>
      )}
    </Paper>
  );
}
