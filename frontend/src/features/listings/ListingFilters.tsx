"use client";

import { NativeSelect, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { FilterBar } from "@/components/data/FilterBar";
import { useQueryStringWriter } from "@/lib/queryString";
import { useI18n } from "@/i18n/I18nProvider";
import type { ListingFilter, ListingSort, ListingSortField, ListingsAccountsQuery, ScoreRule, SortDirection } from "./gql/graphql";
import { RULES, SCORE_BELOW } from "./score/levels";

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
  /** "Nota abaixo de": one of SCORE_BELOW, or "". */
  scoreBelow: string;
  /** "Com problema": a ScoreRule, or "". */
  finding: string;
}

/** `history` and `score` open a listing's drawer; `aba=notas` shows the scores by account. */
export type QueryChanges = Partial<Filters> & { history?: string | null; score?: string | null; aba?: string | null };

const CLEARED = { q: "", account: "", status: "", scoreBelow: "", finding: "" } as const;

export function isFiltered(filters: Filters): boolean {
  return Boolean(filters.q || filters.account || filters.status || filters.scoreBelow || filters.finding);
}

export function useListingQuery() {
  const params = useSearchParams();
  const sort = params.get("sort") ?? "";
  const scoreBelow = params.get("scoreBelow") ?? "";
  const finding = params.get("finding") ?? "";
  const filters: Filters = {
    q: params.get("q") ?? "",
    account: params.get("account") ?? "",
    status: params.get("status") ?? "",
    sort: (SORTS as readonly string[]).includes(sort) ? sort : "",
    scoreBelow: (SCORE_BELOW as readonly string[]).includes(scoreBelow) ? scoreBelow : "",
    finding: (RULES as readonly string[]).includes(finding) ? finding : "",
  };
  const historyId = params.get("history");
  const scoreId = params.get("score");
  const tab = params.get("aba") === "notas" ? "notas" : "anuncios";
  const write = useQueryStringWriter<QueryChanges>();
  return { filters, historyId, scoreId, tab, write };
}

export function apiSort(filters: Filters): ListingSort {
  const [field, direction] = (filters.sort || SORTS[0]).split(":") as [ListingSortField, SortDirection];
  return { field, direction };
}

export function apiFilter(filters: Filters): ListingFilter {
  return {
    search: filters.q.trim() || null,
    meliAccountIds: filters.account ? [filters.account] : null,
    status: filters.status ? [filters.status] : null,
    scoreBelow: filters.scoreBelow ? Number(filters.scoreBelow) : null,
    finding: filters.finding ? (filters.finding as ScoreRule) : null,
  };
}

/** Search, account, status, score and order, each kept in the query string. */
export function ListingFilters({ filters, accounts, write }: { filters: Filters; accounts: readonly Account[]; write: (c: QueryChanges) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [search, setSearch] = useState(filters.q);
  const writeSearch = useDebouncedCallback((value: string) => write({ q: value }), 300);
  // A link or "clear" changes the query string: the box follows it.
  useEffect(() => setSearch(filters.q), [filters.q]);
  return (
    <FilterBar
      label={t("listings.filters")}
      columns={{ sm: 2, lg: 3 }}
      filtered={isFiltered(filters)}
      clearLabel={t("listings.filter.clear")}
      onClear={() => write(CLEARED)}
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
        label={t("score.filter.below")}
        value={filters.scoreBelow}
        onChange={(event) => write({ scoreBelow: event.currentTarget.value })}
        data={[{ value: "", label: t("score.filter.any") }, ...SCORE_BELOW.map((value) => ({ value, label: value }))]}
        data-testid="listings-score-below"
      />
      <NativeSelect
        label={t("score.filter.finding")}
        value={filters.finding}
        onChange={(event) => write({ finding: event.currentTarget.value })}
        data={[{ value: "", label: t("score.filter.any") }, ...RULES.map((rule) => ({ value: rule, label: i18n.label("score.rule.", rule) }))]}
        data-testid="listings-finding"
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
