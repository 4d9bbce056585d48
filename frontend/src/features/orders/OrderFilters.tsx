"use client";

import { NativeSelect, TextInput } from "@mantine/core";
import { FilterBar } from "@/components/data/FilterBar";
import type { OrdersAccountsQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { EXCEPTIONS, isFiltered, NO_FILTERS, STATES, STATUSES, type Filters, type QueryChanges } from "./useOrdersQuery";

type Account = OrdersAccountsQuery["meliAccounts"]["nodes"][number];

/** Account, status, stage, dispatch day and exception, each kept in the query string. */
export function OrderFilters({ filters, accounts, write }: { filters: Filters; accounts: readonly Account[]; write: (changes: QueryChanges) => void }) {
  const { t, label } = useI18n();
  return (
    <FilterBar
      label={t("ordersPage.filters")}
      columns={{ sm: 3, lg: 5 }}
      filtered={isFiltered(filters)}
      clearLabel={t("ordersPage.filter.clear")}
      onClear={() => write(NO_FILTERS)}
    >
      <NativeSelect
        label={t("ordersPage.filter.account")}
        value={filters.conta}
        onChange={(event) => write({ conta: event.currentTarget.value })}
        data={[{ value: "", label: t("common.all") }, ...accounts.map((a) => ({ value: a.id, label: `${a.nickname} (${a.siteId})` }))]}
        data-testid="filter-account"
      />
      <NativeSelect
        label={t("ordersPage.filter.status")}
        value={filters.status}
        onChange={(event) => write({ status: event.currentTarget.value })}
        data={[{ value: "", label: t("common.all") }, ...STATUSES.map((s) => ({ value: s, label: label("ordersPage.status.", s) }))]}
        data-testid="filter-status"
      />
      <NativeSelect
        label={t("ordersPage.filter.state")}
        value={filters.etapa}
        onChange={(event) => write({ etapa: event.currentTarget.value })}
        data={[{ value: "", label: t("common.all") }, ...STATES.map((s) => ({ value: s, label: label("ordersPage.state.", s) }))]}
        data-testid="filter-state"
      />
      <TextInput
        type="date"
        label={t("ordersPage.filter.dispatchBy")}
        value={filters.despacho}
        onChange={(event) => write({ despacho: event.currentTarget.value })}
        data-testid="filter-dispatch"
      />
      <NativeSelect
        label={t("ordersPage.filter.exception")}
        value={filters.excecao}
        onChange={(event) => write({ excecao: event.currentTarget.value })}
        data={[{ value: "", label: t("common.all") }, ...EXCEPTIONS.map((e) => ({ value: e, label: label("ordersPage.exception.", e) }))]}
        data-testid="filter-exception"
      />
    </FilterBar>
  );
}
