"use client";

import { NativeSelect, Paper, SimpleGrid, Text, TextInput } from "@mantine/core";
import { useMemo, useState } from "react";
import type { KpiGranularity, OrdersAccountsQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import {
  COMPARISONS,
  compareToOf,
  granularityFor,
  GRANULARITIES,
  isValidRange,
  MAX_DAYS,
  presetRange,
  PRESETS,
  todayIn,
  type Comparison,
  type DayRange,
  type Preset,
} from "./period";

type Account = OrdersAccountsQuery["meliAccounts"]["nodes"][number];

export interface ReportFilterState {
  preset: Preset;
  custom: DayRange;
  comparison: Comparison;
  /** The user's choice; null: the one the range calls for. */
  granularity: KpiGranularity | null;
  account: string;
}

/** The filter as the queries take it; `range` null while a custom range is invalid. */
export interface ReportSelection {
  range: DayRange | null;
  granularity: KpiGranularity;
  compareTo: ReturnType<typeof compareToOf>;
  meliAccountIds: string[] | null;
}

export function useReportFilters(timeZone: string) {
  const today = todayIn(timeZone);
  const [state, setState] = useState<ReportFilterState>(() => ({
    preset: "30d",
    custom: presetRange("30d", today),
    comparison: "PREVIOUS_PERIOD",
    granularity: null,
    account: "",
  }));
  const selection = useMemo<ReportSelection>(() => {
    const range = state.preset === "custom" ? state.custom : presetRange(state.preset, today);
    const valid = isValidRange(range);
    return {
      range: valid ? range : null,
      granularity: state.granularity ?? (valid ? granularityFor(range) : "DAY"),
      compareTo: compareToOf(state.comparison),
      meliAccountIds: state.account ? [state.account] : null,
    };
  }, [state, today]);
  // Another range asks for its own bucket size again.
  const change = (changes: Partial<ReportFilterState>) =>
    setState((current) => ({
      ...current,
      ...changes,
      ...("preset" in changes || "custom" in changes ? { granularity: changes.granularity ?? null } : {}),
    }));
  return { state, selection, change, today };
}

interface ReportFiltersProps {
  state: ReportFilterState;
  selection: ReportSelection;
  today: string;
  accounts: readonly Account[];
  change: (changes: Partial<ReportFilterState>) => void;
}

/** Period (presets or two dates), comparison, bucket size and account. */
export function ReportFilters({ state, selection, today, accounts, change }: ReportFiltersProps) {
  const { t } = useI18n();
  const custom = state.preset === "custom";
  const choosePreset = (preset: Preset) => {
    // "Personalizado" starts from the range on screen, so the user edits it rather than retyping it.
    const shown = state.preset === "custom" ? state.custom : presetRange(state.preset, today);
    change(preset === "custom" ? { preset, custom: shown } : { preset });
  };
  return (
    <Paper p="md" component="section" aria-label={t("reports.filters")} data-testid="report-filters">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: custom ? 6 : 4 }} spacing="sm">
        <NativeSelect
          label={t("reports.period")}
          value={state.preset}
          onChange={(event) => choosePreset(event.currentTarget.value as Preset)}
          data={PRESETS.map((preset) => ({ value: preset, label: t(`reports.preset.${preset}`) }))}
          data-testid="report-preset"
        />
        {custom && (
          <>
            <TextInput
              type="date"
              label={t("reports.from")}
              value={state.custom.from}
              max={today}
              onChange={(event) => change({ custom: { ...state.custom, from: event.currentTarget.value } })}
              data-testid="report-from"
            />
            <TextInput
              type="date"
              label={t("reports.to")}
              value={state.custom.to}
              max={today}
              onChange={(event) => change({ custom: { ...state.custom, to: event.currentTarget.value } })}
              data-testid="report-to"
            />
          </>
        )}
        <NativeSelect
          label={t("reports.compare")}
          value={state.comparison}
          onChange={(event) => change({ comparison: event.currentTarget.value as Comparison })}
          data={COMPARISONS.map((comparison) => ({ value: comparison, label: t(`reports.compare.${comparison}`) }))}
          data-testid="report-compare"
        />
        <NativeSelect
          label={t("reports.granularity")}
          value={selection.granularity}
          onChange={(event) => change({ granularity: event.currentTarget.value as KpiGranularity })}
          data={GRANULARITIES.map((granularity) => ({ value: granularity, label: t(`reports.granularity.${granularity}`) }))}
          data-testid="report-granularity"
        />
        <NativeSelect
          label={t("reports.account")}
          value={state.account}
          onChange={(event) => change({ account: event.currentTarget.value })}
          data={[{ value: "", label: t("reports.account.all") }, ...accounts.map((a) => ({ value: a.id, label: `${a.nickname} (${a.siteId})` }))]}
          data-testid="report-account"
        />
      </SimpleGrid>
      {!selection.range && (
        <Text size="sm" c="red.9" mt="sm" role="alert" data-testid="report-invalid-range">
          {t("reports.invalidRange", { max: MAX_DAYS })}
        </Text>
      )}
    </Paper>
  );
}
