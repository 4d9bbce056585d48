"use client";

import { Alert, Button, Paper, Stack, Title } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconLock } from "@tabler/icons-react";
import { useMediaQuery } from "@mantine/hooks";
import { Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { useMutation, useQuery } from "urql";
import { DataTable, type SortingState } from "@/components/data/DataTable";
import { PageHeader } from "@/components/data/PageHeader";
import { Pager, useCursorPages } from "@/components/data/Pager";
import { LoadError, Loading } from "@/components/data/QueryState";
import { useSession } from "@/components/session/SessionProvider";
import type { IntegrationEventSort } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import { requestErrorText, userErrorText } from "@/features/integrations/errors";
import { notify } from "@/features/integrations/notify";
import { capabilitiesOf } from "@/features/integrations/permissions";
import { EventDrawer } from "./EventDrawer";
import { RECEIVED_COLUMN, useEventColumns } from "./eventColumns";
import { EventFilters } from "./EventFilters";
import { apiFilter, TROUBLED, TROUBLED_STATUSES } from "./filters";
import { EventChangedSubscription, EventsAccountsQuery, EventsQuery, ReprocessMutation } from "./queries";
import { useFresh } from "./useFresh";
import { isFiltered, OLDEST, useQueryString, type Filters } from "./useQueryString";

const PAGE_SIZE = 25;

export function EventsScreen() {
  return (
    <Suspense fallback={<Loading />}>
      <Events />
    </Suspense>
  );
}

function Events() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const caps = capabilitiesOf(me.role, me.authMethod);
  const { filters, order, openId, write } = useQueryString();
  const pages = useCursorPages(PAGE_SIZE);
  const filterKey = JSON.stringify(filters);
  const { reset } = pages;
  // Another filter or order is another list: it starts on its first page.
  useEffect(() => reset(), [filterKey, order, reset]);

  const filter = useMemo(() => apiFilter(JSON.parse(filterKey) as Filters, i18n.timeZone), [filterKey, i18n.timeZone]);
  const sort = useMemo<IntegrationEventSort>(
    () => ({ field: "RECEIVED_AT", direction: order === "oldest" ? "ASC" : "DESC" }),
    [order],
  );
  const sorting = useMemo<SortingState>(() => [{ id: RECEIVED_COLUMN, desc: order !== "oldest" }], [order]);
  const changeSorting = useCallback(
    (updater: SortingState | ((old: SortingState) => SortingState)) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const received = next.find((entry) => entry.id === RECEIVED_COLUMN);
      write({ sort: received && !received.desc ? OLDEST : "" });
    },
    [sorting, write],
  );
  const troubledFilter = useMemo(
    () => ({ meliAccountIds: filter.meliAccountIds, statuses: TROUBLED_STATUSES }),
    [filter.meliAccountIds],
  );
  const accountIds = filter.meliAccountIds ?? null;
  const triggers = useMemo(() => [liveTrigger(EventChangedSubscription, { meliAccountIds: accountIds })], [accountIds]);
  const [result, refetch] = useLiveQuery(
    {
      query: EventsQuery,
      variables: { filter, troubledFilter, sort, first: pages.variables.first, after: pages.variables.after },
      pause: !caps.viewEvents,
    },
    triggers,
  );
  const [accountsResult] = useQuery({ query: EventsAccountsQuery });
  const [reprocessState, reprocessEvent] = useMutation(ReprocessMutation);
  const [reprocessingId, setReprocessingId] = useState<string | null>(null);

  // What is on screen, and which list (filter, order, page) it is: kept while a refetch fails or a new list loads.
  const shown = useKept({
    data: result.data ? { data: result.data, listKey: JSON.stringify(result.operation?.variables ?? null) } : undefined,
  });
  const data = shown?.data;
  const rows = data?.integrationEvents.nodes;
  const fresh = useFresh(rows, shown?.listKey);
  const accounts = useKept(accountsResult)?.meliAccounts.nodes ?? [];
  const accountName = useCallback(
    (id: string | null) => (id ? (accounts.find((account) => account.id === id)?.nickname ?? t("common.none")) : t("common.none")),
    [accounts, t],
  );

  const reprocess = useCallback(
    async (id: string) => {
      setReprocessingId(id);
      const answer = await reprocessEvent({ id });
      setReprocessingId(null);
      const payload = answer.data?.reprocessEvent;
      const problem = answer.error
        ? requestErrorText(i18n, answer.error)
        : payload && payload.errors.length > 0
          ? userErrorText(i18n, payload.errors)
          : null;
      if (problem) {
        notify({ color: "red", title: t("eventsPage.reprocess.failed"), message: problem, closeLabel: t("common.close") });
        return;
      }
      notify({
        color: "meliBlue",
        title: t("eventsPage.reprocess.sent"),
        message: t("eventsPage.reprocess.sentBody"),
        closeLabel: t("common.close"),
        testId: "reprocess-notification",
      });
      refetch();
    },
    [reprocessEvent, i18n, t, refetch],
  );
  const view = useCallback((id: string) => write({ id }), [write]);
  const reprocessRow = useCallback((id: string) => void reprocess(id), [reprocess]);

  // Narrow screens leave the last error to the viewer: the actions stay in sight without scrolling.
  const wide = useMediaQuery("(min-width: 62em)", true);
  const columns = useEventColumns({
    wide,
    accountName,
    canReprocess: caps.reprocess,
    reprocessingId,
    reprocessing: reprocessState.fetching,
    onView: view,
    onReprocess: reprocessRow,
  });

  if (!caps.viewEvents) {
    return (
      <Stack gap={0}>
        <PageHeader title={t("eventsPage.title")} description={t("eventsPage.description")} />
        <Alert color="gray" variant="light" icon={<IconLock aria-hidden />} data-testid="events-forbidden">
          {t("eventsPage.forbidden", { role: i18n.label("integrations.role.", me.role) })}
        </Alert>
      </Stack>
    );
  }

  const troubled = data?.troubled.totalCount ?? 0;
  const filtered = isFiltered(filters);

  return (
    <>
      <PageHeader
        title={t("eventsPage.title")}
        description={t("eventsPage.description")}
        actions={
          <Button
            variant={filters.status === TROUBLED ? "filled" : "default"}
            color="red.9"
            c={filters.status === TROUBLED ? undefined : troubled > 0 ? "red.9" : "gray.8"}
            leftSection={
              troubled > 0 || filters.status === TROUBLED ? (
                <IconAlertTriangle size={16} aria-hidden />
              ) : (
                <IconCircleCheck size={16} aria-hidden color="var(--mantine-color-green-8)" />
              )
            }
            onClick={() => write({ status: filters.status === TROUBLED ? "" : TROUBLED })}
            aria-pressed={filters.status === TROUBLED}
            data-testid="events-troubled"
          >
            {troubled > 0 ? i18n.plural("eventsPage.troubled", troubled) : t("eventsPage.troubled.none")}
          </Button>
        }
      />

      <Stack gap="lg">
        <EventFilters filters={filters} accounts={accounts} write={write} />

        <Paper p="md" component="section" aria-labelledby="events-heading">
          <Title order={2} size="h4" id="events-heading" mb={4}>
            {t("events.title")}
          </Title>
          {result.error && !data ? (
            <LoadError error={result.error} onRetry={refetch} />
          ) : !rows ? (
            <Loading />
          ) : (
            <>
              <DataTable
                data={rows}
                columns={columns}
                sorting={sorting}
                onSortingChange={changeSorting}
                getRowId={(row) => row.id}
                caption={i18n.plural(
                  order === "oldest" ? "eventsPage.captionOldest" : "eventsPage.caption",
                  data?.integrationEvents.totalCount ?? 0,
                )}
                empty={filtered ? t("eventsPage.emptyFiltered") : t("events.empty")}
                testId="events-table"
                minWidth={wide ? 880 : 600}
                rowProps={(row) => {
                  const status = row.original.status;
                  const tone = status === "FAILED" ? "red" : status === "RETRYING" ? "orange" : null;
                  return {
                    "data-testid": `event-${row.original.id}`,
                    "data-status": status,
                    "data-received-at": row.original.receivedAt,
                    "data-fresh": fresh.has(row.original.id) || undefined,
                    bg: tone ? `${tone}.0` : fresh.has(row.original.id) ? "meliBlue.0" : undefined,
                    style: tone ? { boxShadow: `inset 3px 0 0 var(--mantine-color-${tone}-7)` } : undefined,
                  };
                }}
              />
              <Pager
                page={pages.page}
                hasNextPage={data?.integrationEvents.pageInfo.hasNextPage ?? false}
                totalCount={data?.integrationEvents.totalCount}
                onNext={() => pages.next(data?.integrationEvents.pageInfo.endCursor)}
                onPrevious={pages.previous}
              />
            </>
          )}
        </Paper>

        <EventDrawer
          eventId={openId}
          accountName={accountName}
          canReprocess={caps.reprocess}
          reprocessing={reprocessingId !== null && reprocessingId === openId}
          onReprocess={(id) => void reprocess(id)}
          onClose={() => write({ id: null })}
        />
      </Stack>
    </>
  );
}
