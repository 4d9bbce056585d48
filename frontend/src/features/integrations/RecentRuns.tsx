"use client";

import { Table, Text, Tooltip } from "@mantine/core";
import { useEffect } from "react";
import { useQuery } from "urql";
import { RelativeTime, useNow } from "@/components/data/Time";
import { useI18n } from "@/i18n/I18nProvider";
import { useKept, useResync } from "@/lib/useLive";
import { RecentRunsQuery } from "./queries";
import { runSeconds } from "./runs";
import { RUN_TONE } from "@/lib/tones";
import { ToneBadge } from "@/components/data/ToneBadge";

interface Props {
  accountId: string;
  accountName: string;
  /** Changes whenever a run of the account ends: the list is read again. */
  refreshKey: number;
}

/** The account's last five runs: what kind, how they ended, when, how long, how much. */
export function RecentRuns({ accountId, accountName, refreshKey }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const now = useNow(5_000);
  const [result, reexecute] = useQuery({ query: RecentRunsQuery, variables: { meliAccountId: accountId } });
  useResync(() => reexecute({ requestPolicy: "network-only" }));
  useEffect(() => {
    if (refreshKey > 0) reexecute({ requestPolicy: "network-only" });
  }, [refreshKey, reexecute]);

  const data = useKept(result, { meliAccountId: accountId });
  const runs = data?.syncRuns.nodes ?? [];
  if (result.error && runs.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        {t("integrations.runs.loadError")}
      </Text>
    );
  }

  return (
    <Table
      verticalSpacing={4}
      horizontalSpacing="xs"
      fz="xs"
      data-testid={`account-runs-${accountId}`}
      aria-busy={result.fetching && runs.length === 0}
    >
      <Table.Caption style={{ captionSide: "top", textAlign: "start" }}>
        <Text span size="xs" c="dimmed">
          {t("integrations.runs.caption", { account: accountName })}
        </Text>
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t("integrations.runs.col.kind")}</Table.Th>
          <Table.Th scope="col">{t("integrations.runs.col.status")}</Table.Th>
          <Table.Th scope="col">{t("integrations.runs.col.started")}</Table.Th>
          <Table.Th scope="col">{t("integrations.runs.col.duration")}</Table.Th>
          <Table.Th scope="col" ta="right">
            {t("integrations.runs.col.items")}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runs.map((run) => {
          const seconds = runSeconds(run, now);
          return (
            <Table.Tr key={run.id} data-testid={`run-${run.id}`} data-status={run.status}>
              <Table.Td>{i18n.label("integrations.runKind.", run.kind)}</Table.Td>
              <Table.Td>
                <Tooltip label={run.reason} disabled={!run.reason} multiline maw={320}>
                  <ToneBadge size="sm" tone={RUN_TONE[run.status]}>
                    {i18n.label("integrations.runStatus.", run.status)}
                  </ToneBadge>
                </Tooltip>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <RelativeTime iso={run.startedAt ?? run.createdAt} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                {seconds === null ? t("common.none") : i18n.duration(seconds)}
              </Table.Td>
              <Table.Td ta="right">
                {run.total > 0 ? `${i18n.number(Math.min(run.done, run.total))}/${i18n.number(run.total)}` : t("common.none")}
              </Table.Td>
            </Table.Tr>
          );
        })}
        {runs.length === 0 && !result.fetching && (
          <Table.Tr>
            <Table.Td colSpan={5}>
              <Text size="xs" c="dimmed">
                {t("integrations.runs.empty")}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}
