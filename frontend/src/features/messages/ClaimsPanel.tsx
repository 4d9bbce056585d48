"use client";

import { Group, Paper, SegmentedControl } from "@mantine/core";
import { useEffect, useMemo } from "react";
import { DataTable } from "@/components/data/DataTable";
import { Pager, useCursorPages } from "@/components/data/Pager";
import { LoadError, Loading } from "@/components/data/QueryState";
import { useNow } from "@/components/data/Time";
import { useI18n } from "@/i18n/I18nProvider";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import { useClaimColumns, urgencyOf } from "./claimColumns";
import { ClaimChangedSubscription, ClaimsQuery } from "./queries";
import { CLAIM_STATUS, type ClaimsShown } from "./useInboxQuery";

const PAGE_SIZE = 25;
const EMPTY = { abertas: "claimsTab.empty.opened", encerradas: "claimsTab.empty.closed", todas: "claimsTab.empty.all" } as const;

interface ClaimsPanelProps {
  shown: ClaimsShown;
  onShow: (shown: ClaimsShown) => void;
  accountIds: string[] | null;
  accountName: (id: string) => string;
}

/** The claims tab: every claim of the accounts in view, the seller's soonest deadline first. */
export function ClaimsPanel({ shown, onShow, accountIds, accountName }: ClaimsPanelProps) {
  const { t, plural } = useI18n();
  const pages = useCursorPages(PAGE_SIZE);
  const { reset } = pages;
  const accountsKey = JSON.stringify(accountIds);
  useEffect(() => reset(), [shown, accountsKey, reset]);
  const filter = useMemo(
    () => ({ meliAccountIds: JSON.parse(accountsKey) as string[] | null, status: CLAIM_STATUS[shown] }),
    [accountsKey, shown],
  );
  const triggers = useMemo(() => [liveTrigger(ClaimChangedSubscription, { meliAccountIds: filter.meliAccountIds })], [filter]);
  const variables = { filter, first: pages.variables.first, after: pages.variables.after };
  const [result, refetch] = useLiveQuery({ query: ClaimsQuery, variables }, triggers);
  // Deadlines come closer without any change to the claim: the rows' tint follows the clock.
  const now = useNow(60_000);
  const data = useKept(result, variables);
  const columns = useClaimColumns(accountName);
  const claims = data?.claims;

  return (
    <Paper p="md" component="section" aria-label={t("claimsTab.label")}>
      <Group justify="space-between" mb="xs">
        <SegmentedControl
          value={shown}
          onChange={(value) => onShow(value as ClaimsShown)}
          aria-label={t("claimsTab.filter.status")}
          data={[
            { value: "abertas", label: t("claimsTab.filter.opened") },
            { value: "encerradas", label: t("claimsTab.filter.closed") },
            { value: "todas", label: t("claimsTab.filter.all") },
          ]}
          data-testid="claims-filter"
        />
      </Group>
      {result.error && !data ? (
        <LoadError error={result.error} onRetry={refetch} />
      ) : !claims ? (
        <Loading />
      ) : (
        <>
          <DataTable
            data={claims.nodes}
            columns={columns}
            getRowId={(row) => row.id}
            caption={plural("claimsTab.caption", claims.totalCount)}
            empty={t(EMPTY[shown])}
            testId="claims-table"
            minWidth={960}
            rowProps={(row) => {
              const urgency = urgencyOf(row.original, now);
              const tone = urgency === "overdue" ? "red" : urgency === "soon" ? "orange" : null;
              return {
                "data-testid": `claim-${row.original.mlId}`,
                "data-status": row.original.status,
                bg: tone ? `${tone}.0` : undefined,
                style: tone ? { boxShadow: `inset 3px 0 0 var(--mantine-color-${tone}-7)` } : undefined,
              };
            }}
          />
          <Pager
            page={pages.page}
            hasNextPage={claims.pageInfo.hasNextPage}
            totalCount={claims.totalCount}
            onNext={() => pages.next(claims.pageInfo.endCursor)}
            onPrevious={pages.previous}
          />
        </>
      )}
    </Paper>
  );
}
