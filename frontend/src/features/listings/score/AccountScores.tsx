"use client";

import { Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title, UnstyledButton, VisuallyHidden } from "@mantine/core";
import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import { EmptyState, LoadError, Loading } from "@/components/data/QueryState";
import { StatTile } from "@/components/data/StatTile";
import { RelativeTime } from "@/components/data/Time";
import { useI18n } from "@/i18n/I18nProvider";
import { languageContext } from "@/lib/urql";
import { useKept, useLiveQuery, liveTrigger } from "@/lib/useLive";
import type { ListingsAccountScoreQuery } from "../gql/graphql";
import { ListingChangedSubscription } from "../queries";
import type { BandBar } from "./DistributionChart";
import { LEVEL_FILL, levelOf } from "./levels";
import { AccountScoreQuery } from "./queries";
import { ScoreBadge } from "./ScoreBadge";

const DistributionChart = dynamic(() => import("./DistributionChart").then((module) => module.DistributionChart), { ssr: false });

type Score = ListingsAccountScoreQuery["accountScore"];
interface Account {
  id: string;
  nickname: string;
}

function oneDecimal(locale: string, value: number): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

function Distribution({ score }: { score: Score }) {
  const { t } = useI18n();
  const bars: BandBar[] = score.distribution.map((band) => ({ band: `${band.from}–${band.to}`, count: band.count, color: LEVEL_FILL[levelOf(band.from)] }));
  return (
    <Paper p="md" component="section" aria-labelledby="score-distribution-heading" data-testid="score-distribution">
      <Title order={3} size="h5" id="score-distribution-heading">
        {t("accountScore.distribution")}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t("accountScore.distributionCaption")}
      </Text>
      <DistributionChart bars={bars} label={t("accountScore.count")} />
      {/* The chart is drawn for the eyes; the same numbers for screen readers. */}
      <VisuallyHidden>
        <table>
          <thead>
            <tr>
              <th>{t("accountScore.band")}</th>
              <th>{t("accountScore.count")}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.band} data-testid="score-band" data-count={bar.count}>
                <td>{bar.band}</td>
                <td>{bar.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </Paper>
  );
}

function Costliest({ score }: { score: Score }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  return (
    <Paper p="md" component="section" aria-labelledby="score-costliest-heading" data-testid="score-costliest">
      <Title order={3} size="h5" id="score-costliest-heading" mb="xs">
        {t("accountScore.costliest")}
      </Title>
      <Table verticalSpacing={6} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("accountScore.col.rule")}</Table.Th>
            <Table.Th ta="right">{t("accountScore.col.listings")}</Table.Th>
            <Table.Th ta="right">{t("accountScore.col.points")}</Table.Th>
            <Table.Th>{t("accountScore.col.recommendation")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {score.costliestRules.map((cost) => (
            <Table.Tr key={cost.rule} data-testid="score-cost" data-rule={cost.rule}>
              <Table.Td fw={600} style={{ whiteSpace: "nowrap" }}>
                {label("score.rule.", cost.rule)}
              </Table.Td>
              <Table.Td ta="right">{i18n.number(cost.listings)}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                {i18n.number(cost.pointsLost)}
              </Table.Td>
              <Table.Td>{cost.recommendation}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function Worst({ score, onOpen }: { score: Score; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  return (
    <Paper p="md" component="section" aria-labelledby="score-worst-heading" data-testid="score-worst">
      <Title order={3} size="h5" id="score-worst-heading">
        {t("accountScore.worst")}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t("accountScore.worstCaption")}
      </Text>
      <Table verticalSpacing={6} highlightOnHover>
        <Table.Tbody>
          {score.worstListings.map((listing) => (
            <Table.Tr key={listing.id} data-testid={`score-worst-${listing.mlId}`}>
              <Table.Td w={72}>
                <ScoreBadge score={listing.score} title={listing.title} onOpen={() => onOpen(listing.id)} testId={`score-worst-badge-${listing.mlId}`} />
              </Table.Td>
              <Table.Td>
                <UnstyledButton onClick={() => onOpen(listing.id)} tabIndex={-1} aria-hidden>
                  <Text size="sm" fw={600}>
                    {listing.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {listing.mlId}
                  </Text>
                </UnstyledButton>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** One account's listings by score: the average, the spread, what costs most, and the 10 worst. */
export function AccountScores({ accounts, initial, onOpen }: { accounts: readonly Account[]; initial: string; onOpen: (id: string) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [chosen, setChosen] = useState(initial);
  const accountId = accounts.some((account) => account.id === chosen) ? chosen : (accounts[0]?.id ?? "");
  const context = useMemo(() => languageContext(i18n.locale), [i18n.locale]);
  const triggers = useMemo(() => [liveTrigger(ListingChangedSubscription, { meliAccountIds: accountId ? [accountId] : null })], [accountId]);
  const [result, refetch] = useLiveQuery({ query: AccountScoreQuery, variables: { meliAccountId: accountId }, pause: !accountId, context }, triggers);
  const score = useKept(result, { meliAccountId: accountId })?.accountScore;

  if (accounts.length === 0) return <EmptyState>{t("accountScore.noAccounts")}</EmptyState>;
  return (
    <Stack gap="lg" data-testid="account-scores" data-account={accountId}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {t("accountScore.title")}
          </Title>
          {score?.computedAt ? (
            <Text size="sm" c="dimmed">
              {t("accountScore.computedAt")} <RelativeTime iso={score.computedAt} />
            </Text>
          ) : null}
        </Stack>
        <NativeSelect
          label={t("accountScore.account")}
          value={accountId}
          onChange={(event) => setChosen(event.currentTarget.value)}
          data={accounts.map((account) => ({ value: account.id, label: account.nickname }))}
          w={240}
          data-testid="account-scores-account"
        />
      </Group>
      {result.error && !score ? (
        <LoadError error={result.error} onRetry={refetch} />
      ) : !score ? (
        <Loading />
      ) : score.listings === 0 ? (
        <EmptyState>{t("accountScore.empty")}</EmptyState>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <Stack gap="md">
              <SimpleGrid cols={2} spacing="md">
                <StatTile
                  label={t("accountScore.average")}
                  value={score.average != null ? oneDecimal(i18n.locale, score.average) : t("common.none")}
                  hint={t("score.outOf")}
                  testId="account-score-average"
                />
                <StatTile label={t("accountScore.listings")} value={i18n.number(score.listings)} testId="account-score-listings" />
              </SimpleGrid>
              <Distribution score={score} />
            </Stack>
            <Worst score={score} onOpen={onOpen} />
          </SimpleGrid>
          <Costliest score={score} />
        </>
      )}
    </Stack>
  );
}
