"use client";

import { Grid, Stack, Text } from "@mantine/core";
import { useMemo } from "react";
import { useQuery } from "urql";
import { PageHeader } from "@/components/data/PageHeader";
import { LoadError } from "@/components/data/QueryState";
import { useSession } from "@/components/session/SessionProvider";
import { capabilitiesOf } from "@/features/integrations/permissions";
import type { ExportFilter } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import { CohortGrid, RfmSegments } from "./BuyerPanels";
import { ExportsPanel } from "./ExportsPanel";
import { GROUPS } from "./metrics";
import { MetricGroup } from "./MetricGroup";
import { FloorOrderChanged, FloorQuestionChanged, FloorShipmentChanged, ReportsAccountsQuery, ReportsKpisQuery } from "./queries";
import { ReportFilters, useReportFilters } from "./ReportFilters";
import { SchedulesPanel } from "./SchedulesPanel";
import { TopListings } from "./TopListings";

// A sale, shipment or question moves the numbers: the report is read again at most this often.
const LIVE_THROTTLE_MS = 300;

/** `/relatorios`: the period's metrics by group against the compared period, rankings, buyers, exports. */
export function ReportsScreen() {
  const { t, timeZone, dateTime } = useI18n();
  const { me } = useSession();
  const canOperate = capabilitiesOf(me.role, me.authMethod).operate;
  const { state, selection, change, today } = useReportFilters(timeZone);
  const [accountsResult] = useQuery({ query: ReportsAccountsQuery });
  const accounts = useKept(accountsResult)?.meliAccounts.nodes ?? [];

  const { range, granularity, compareTo, meliAccountIds } = selection;
  const variables = { range: range ?? { from: today, to: today }, granularity, compareTo, meliAccountIds };
  const scope = { meliAccountIds };
  const [kpis, refetch] = useLiveQuery(
    { query: ReportsKpisQuery, variables, pause: !range },
    [liveTrigger(FloorOrderChanged, scope), liveTrigger(FloorShipmentChanged, scope), liveTrigger(FloorQuestionChanged, scope)],
    LIVE_THROTTLE_MS,
  );
  const report = useKept(kpis, variables)?.kpis;
  const version = report?.generatedAt ?? "";
  const filterKey = JSON.stringify(selection);
  const exportFilter = useMemo<ExportFilter | null>(() => {
    const chosen = JSON.parse(filterKey) as typeof selection;
    return chosen.range ? { range: chosen.range, granularity: chosen.granularity, meliAccountIds: chosen.meliAccountIds } : null;
  }, [filterKey]);

  const summary = report && (
    <Text size="xs" c="dimmed" data-testid="report-summary">
      {t("reports.rangeSummary", { from: dateTime(report.range.from, "date"), to: dateTime(report.range.to, "date") })}
      {report.comparedRange &&
        ` · ${t("reports.comparedSummary", { from: dateTime(report.comparedRange.from, "date"), to: dateTime(report.comparedRange.to, "date") })}`}
      {" · "}
      <time dateTime={report.generatedAt}>{t("reports.updatedAt", { time: dateTime(report.generatedAt, "time") })}</time>
    </Text>
  );

  return (
    <>
      <PageHeader title={t("reports.title")} description={t("reports.description")} actions={summary} />
      <Stack
        gap="lg"
        data-testid="reports"
        data-from={report?.range.from ?? ""}
        data-to={report?.range.to ?? ""}
        data-granularity={report?.granularity ?? ""}
        data-compare={compareTo ?? "NONE"}
        data-accounts={(meliAccountIds ?? []).join(",")}
        data-generated-at={version}
      >
        <ReportFilters state={state} selection={selection} today={today} accounts={accounts} change={change} />
        {!report && kpis.error && <LoadError error={kpis.error} onRetry={refetch} />}
        {GROUPS.map((group) => (
          <MetricGroup key={group} group={group} report={report} />
        ))}
        <TopListings range={range} meliAccountIds={meliAccountIds} version={version} />
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <CohortGrid range={range} meliAccountIds={meliAccountIds} version={version} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <RfmSegments meliAccountIds={meliAccountIds} version={version} />
          </Grid.Col>
        </Grid>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <ExportsPanel filter={exportFilter} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <SchedulesPanel filter={exportFilter} canOperate={canOperate} />
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}
