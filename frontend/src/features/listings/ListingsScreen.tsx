"use client";

import { Alert, Button, Paper, ScrollArea, Stack, Table, Tabs, Text, Title, VisuallyHidden } from "@mantine/core";
import { IconChartBar, IconFileSpreadsheet, IconListDetails, IconLock } from "@tabler/icons-react";
import dynamic from "next/dynamic";
import { Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { useQuery } from "urql";
import { PageHeader } from "@/components/data/PageHeader";
import { Pager, useCursorPages } from "@/components/data/Pager";
import { EmptyState, LoadError, Loading } from "@/components/data/QueryState";
import { useSession } from "@/components/session/SessionProvider";
import type { Role } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import { ConflictDialog } from "./ConflictDialog";
import { apiFilter, apiSort, isFiltered, ListingFilters, useListingQuery } from "./ListingFilters";
import { ListingRow } from "./ListingRow";
import { ListingChangedSubscription, ListingsAccountsQuery, ListingsQuery } from "./queries";
import { useListingSaves } from "./useListingSaves";

// The history and the CSV upload load when first opened: the list's first load stays in budget.
const HistoryDrawer = dynamic(() => import("./HistoryDrawer").then((module) => module.HistoryDrawer), { ssr: false });
const BulkStockModal = dynamic(() => import("./BulkStockModal").then((module) => module.BulkStockModal), { ssr: false });
const ScoreDrawer = dynamic(() => import("./score/ScoreDrawer").then((module) => module.ScoreDrawer), { ssr: false });
const AccountScores = dynamic(() => import("./score/AccountScores").then((module) => module.AccountScores), { ssr: false, loading: Loading });

const PAGE_SIZE = 25;
// Who may change price, stock and status (the API's OPERATE permission; docs/graphql.md).
const EDITORS: readonly Role[] = ["OWNER", "ADMIN", "OPERATOR", "INTEGRATOR"];

export function ListingsScreen() {
  return (
    <Suspense fallback={<Loading />}>
      <Listings />
    </Suspense>
  );
}

function Listings() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const canEdit = EDITORS.includes(me.role);
  const { filters, historyId, scoreId, tab, write } = useListingQuery();
  const pages = useCursorPages(PAGE_SIZE);
  const filterKey = JSON.stringify(filters);
  const { reset } = pages;
  useEffect(() => reset(), [filterKey, reset]);
  const filter = useMemo(() => apiFilter(JSON.parse(filterKey)), [filterKey]);
  const sort = useMemo(() => apiSort(JSON.parse(filterKey)), [filterKey]);
  const accountIds = filter.meliAccountIds;
  const triggers = useMemo(() => [liveTrigger(ListingChangedSubscription, { meliAccountIds: accountIds })], [accountIds]);
  const [result, refetch] = useLiveQuery(
    { query: ListingsQuery, variables: { filter, sort, first: pages.variables.first, after: pages.variables.after } },
    triggers,
  );
  const [accountsResult] = useQuery({ query: ListingsAccountsQuery });
  const data = useKept(result);
  const rows = data?.listings.nodes;
  const accounts = useKept(accountsResult)?.meliAccounts.nodes ?? [];
  const accountName = useCallback(
    (id: string) => accounts.find((account) => account.id === id)?.nickname ?? t("common.none"),
    [accounts, t],
  );
  const saves = useListingSaves();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [bulkOpen, setBulkOpen] = useState(false);
  const [bulkUsed, setBulkUsed] = useState(false);
  const toggle = (id: string) =>
    setExpanded((old) => {
      const next = new Set(old);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const filtered = isFiltered(filters);

  return (
    <>
      <PageHeader
        title={t("listings.title")}
        description={t("listings.description")}
        actions={
          canEdit ? (
            <Button leftSection={<IconFileSpreadsheet size={16} aria-hidden />} onClick={() => {
                setBulkUsed(true);
                setBulkOpen(true);
              }} data-testid="bulk-open">
              {t("bulk.open")}
            </Button>
          ) : null
        }
      />
      <Tabs value={tab} onChange={(value) => write({ aba: value === "notas" ? "notas" : null })} keepMounted={false} variant="outline" radius="md">
        <Tabs.List mb="md" aria-label={t("score.tabs.label")}>
          <Tabs.Tab value="anuncios" leftSection={<IconListDetails size={16} aria-hidden />} data-testid="listings-tab-listings">
            {t("score.tabs.listings")}
          </Tabs.Tab>
          <Tabs.Tab value="notas" leftSection={<IconChartBar size={16} aria-hidden />} data-testid="listings-tab-scores">
            {t("score.tabs.accounts")}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="anuncios">
          <Stack gap="lg">
            {!canEdit ? (
              <Alert color="gray" variant="light" icon={<IconLock aria-hidden />} data-testid="listings-read-only">
                {t("listings.readOnly", { role: i18n.label("integrations.role.", me.role) })}
              </Alert>
            ) : null}
            <ListingFilters filters={filters} accounts={accounts} write={write} />
            <Paper p="md" component="section" aria-labelledby="listings-heading">
              <Title order={2} size="h4" id="listings-heading" mb={4}>
                {t("listings.title")}
              </Title>
              {result.error && !data ? (
                <LoadError error={result.error} onRetry={refetch} />
              ) : !rows ? (
                <Loading />
              ) : rows.length === 0 ? (
                <EmptyState>{filtered ? t("listings.emptyFiltered") : t("listings.empty")}</EmptyState>
              ) : (
                <>
                  <ScrollArea type="auto">
                    <Table miw={940} verticalSpacing="xs" highlightOnHover data-testid="listings-table">
                      <caption style={{ captionSide: "top", textAlign: "left" }}>
                        <Text size="sm" c="dimmed">
                          {i18n.plural("listings.caption", data?.listings.totalCount ?? 0)}
                        </Text>
                      </caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>
                            <VisuallyHidden>{t("listings.var.col.variation")}</VisuallyHidden>
                          </Table.Th>
                          <Table.Th>{t("listings.col.listing")}</Table.Th>
                          <Table.Th ta="center">{t("score.col")}</Table.Th>
                          <Table.Th>{t("listings.col.status")}</Table.Th>
                          <Table.Th>{t("listings.col.price")}</Table.Th>
                          <Table.Th>{t("listings.col.stock")}</Table.Th>
                          <Table.Th>{t("listings.col.sold")}</Table.Th>
                          <Table.Th>{t("listings.col.updated")}</Table.Th>
                          <Table.Th>{t("listings.col.actions")}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {rows.map((listing) => (
                          <ListingRow
                            key={listing.id}
                            listing={listing}
                            accountName={accountName(listing.meliAccountId)}
                            canEdit={canEdit}
                            expanded={expanded.has(listing.id)}
                            draft={saves.drafts[listing.id]}
                            errors={saves.errors[listing.id]}
                            saving={saves.saving === listing.id}
                            onToggle={() => toggle(listing.id)}
                            onDraft={(change) => saves.setDraft(listing, change)}
                            onSave={() => saves.save(listing)}
                            onUndo={() => saves.clear(listing.id)}
                            onStatus={(status) => saves.setStatus(listing, status)}
                            onHistory={() => write({ history: listing.id })}
                            onScore={() => write({ score: listing.id })}
                          />
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollArea>
                  <Pager
                    page={pages.page}
                    hasNextPage={data?.listings.pageInfo.hasNextPage ?? false}
                    totalCount={data?.listings.totalCount}
                    onNext={() => pages.next(data?.listings.pageInfo.endCursor)}
                    onPrevious={pages.previous}
                  />
                </>
              )}
            </Paper>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="notas">
          <AccountScores accounts={accounts} initial={filters.account} onOpen={(id) => write({ score: id })} />
        </Tabs.Panel>
      </Tabs>
      <ConflictDialog conflict={saves.conflict} onKeepMine={saves.keepMine} onTakeTheirs={saves.takeTheirs} />
      {scoreId ? <ScoreDrawer listingId={scoreId} canEdit={canEdit} onClose={() => write({ score: null })} /> : null}
      {historyId ? <HistoryDrawer listingId={historyId} onClose={() => write({ history: null })} /> : null}
      {canEdit && bulkUsed ? <BulkStockModal opened={bulkOpen} onClose={() => setBulkOpen(false)} /> : null}
    </>
  );
}
