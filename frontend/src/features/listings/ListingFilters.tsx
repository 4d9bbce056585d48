"use client";

import { NativeSelect, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { FilterBar } from "@/components/data/FilterBar";
import { useQueryStringWriter } from "@/lib/queryString";
import type { ListingSort, ListingSortField, ListingsAccountsQuery, SortDirection } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";

type Account = ListingsAccountsQuery["meliAccounts"]["nodes"][number];

export const STATUSES = ["active", "paused", "closed", "under_review"] as const;
export const SORTS = [
  "UPDATED_AT:DESC",
  "UPDATED_AT:ASC",
  "TITLE:ASC",
  "TITLE:DESC",
  "PRICE:ASC",
  "PRICE:DESC",
  "AVAILABLE_QUANTITY:ASC",
  "AVAILABLE_QUANTITY:DESC",
  "SOLD_QUANTITY:DESC",
  "SOLD_QUANTITY:ASC",
] as const;
type SortKey = (typeof SORTS)[number];

/** The list as the link holds it (a shared or reloaded link shows the same list). */
export interface Filters {
  q: string;
  account: string;
  status: string;
  sort: string;
}

export type QueryChanges = Partial<Filters> & { history?: string | null };

export function useListingQuery() {
  const params = useSearchParams();
  const sort = params.get("sort") ?? "";
  const filters: Filters = {
    q: params.get("q") ?? "",
    account: params.get("account") ?? "",
    status: params.get("status") ?? "",
    sort: (SORTS as readonly string[]).includes(sort) ? sort : "",
  };
  const historyId = params.get("history");
  const write = useQueryStringWriter<QueryChanges>();
  return { filters, historyId, write };
}

export function apiSort(filters: Filters): ListingSort {
  const [field, direction] = (filters.sort || SORTS[0]).split(":") as [ListingSortField, SortDirection];
  return { field, direction };
}

export function apiFilter(filters: Filters) {
  return {
    search: filters.q.trim() || null,
    meliAccountIds: filters.account ? [filters.account] : null,
    status: filters.status ? [filters.status] : null,
  };
}

/** Search, account, status and order, each kept in the query string. */
export function ListingFilters({ filters, accounts, write }: { filters: Filters; accounts: readonly Account[]; write: (c: QueryChanges) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [search, setSearch] = useState(filters.q);
  const writeSearch = useDebouncedCallback((value: string) => write({ q: value }), 300);
  // A link or "clear" changes the query string: the box follows it.
  useEffect(() => setSearch(filters.q), [filters.q]);
  const filtered = Boolean(filters.q || filters.account || filters.status);
  return (
    <FilterBar
      label={t("listings.filters")}
      columns={{ sm: 2, lg: 4 }}
      filtered={filtered}
      clearLabel={t("listings.filter.clear")}
      onClear={() => write({ q: "", account: "", status: "" })}
    >
      <TextInput
        label={t("listings.filter.search")}
        placeholder={t("listings.filter.searchHint")}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          writeSearch(event.currentTarget.value);
        }}
        leftSection={<IconSearch size={16} aria-hidden />}
        data-testid="listings-search"
      />
      <NativeSelect
        label={t("listings.filter.account")}
        value={filters.account}
        onChange={(event) => write({ account: event.currentTarget.value })}
        data={[{ value: "", label: t("listings.filter.all") }, ...accounts.map((a) => ({ value: a.id, label: a.nickname }))]}
        data-testid="listings-account"
      />
      <NativeSelect
        label={t("listings.filter.status")}
        value={filters.status}
        onChange={(event) => write({ status: event.currentTarget.value })}
        data={[
          { value: "", label: t("listings.filter.all") },
          ...STATUSES.map((status) => ({ value: status, label: i18n.label("listings.status.", status) })),
        ]}
        data-testid="listings-status"
      />
      <NativeSelect
        label={t("listings.filter.sort")}
        value={filters.sort || SORTS[0]}
        onChange={(event) => write({ sort: event.currentTarget.value === SORTS[0] ? "" : event.currentTarget.value })}
        data={SORTS.map((sort: SortKey) => ({ value: sort, label: t(`listings.sort.${sort}`) }))}
        data-testid="listings-sort"
      />
    </FilterBar>
  );
}
