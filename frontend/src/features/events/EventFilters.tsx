"use client";

import { NativeSelect, TextInput } from "@mantine/core";
import { FilterBar } from "@/components/data/FilterBar";
import type { EventsAccountsQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { STATUSES, TOPICS, TROUBLED } from "./filters";
import { isFiltered, NO_FILTERS, type Filters, type QueryChanges } from "./useQueryString";

type Account = EventsAccountsQuery["meliAccounts"]["nodes"][number];

interface Props {
  filters: Filters;
  accounts: readonly Account[];
  write: (changes: QueryChanges) => void;
}

/** Account, topic, status and days of the timeline, each kept in the query string. */
export function EventFilters({ filters, accounts, write }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <FilterBar
      label={t("eventsPage.filters")}
      columns={{ sm: 2, lg: 5 }}
      filtered={isFiltered(filters)}
      clearLabel={t("eventsPage.filter.clear")}
      onClear={() => write(NO_FILTERS)}
    >
      <NativeSelect
        label={t("eventsPage.filter.account")}
        value={filters.account}
        onChange={(event) => write({ account: event.currentTarget.value })}
        data={[
          { value: "", label: t("common.all") },
          ...accounts.map((account) => ({ value: account.id, label: `${account.nickname} (${account.siteId})` })),
        ]}
        data-testid="filter-account"
      />
      <NativeSelect
        label={t("eventsPage.filter.topic")}
        value={filters.topic}
        onChange={(event) => write({ topic: event.currentTarget.value })}
        data={[
          { value: "", label: t("common.all") },
          ...TOPICS.map((topic) => ({ value: topic, label: i18n.label("topic.", topic) })),
        ]}
        data-testid="filter-topic"
      />
      <NativeSelect
        label={t("eventsPage.filter.status")}
        value={filters.status}
        onChange={(event) => write({ status: event.currentTarget.value })}
        data={[
          { value: "", label: t("common.all") },
          { value: TROUBLED, label: t("eventsPage.filter.troubled") },
          ...STATUSES.map((status) => ({ value: status, label: i18n.label("eventStatus.", status) })),
        ]}
        data-testid="filter-status"
      />
      <TextInput
        type="date"
        label={t("eventsPage.filter.from")}
        value={filters.from}
        max={filters.to || undefined}
        onChange={(event) => write({ from: event.currentTarget.value })}
        data-testid="filter-from"
      />
      <TextInput
        type="date"
        label={t("eventsPage.filter.to")}
        value={filters.to}
        min={filters.from || undefined}
        onChange={(event) => write({ to: event.currentTarget.value })}
        data-testid="filter-to"
      />
    </FilterBar>
  );
}
