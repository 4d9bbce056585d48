"use client";

import { Group, Stack, Table, Text, Title } from "@mantine/core";
import dynamic from "next/dynamic";
import { ToneBadge } from "@/components/data/ToneBadge";
import { useI18n } from "@/i18n/I18nProvider";
import type { ScoreLevel } from "../gql/graphql";
import { LEVEL_TONE } from "./levels";

const ScoreSparkline = dynamic(() => import("./ScoreSparkline").then((module) => module.ScoreSparkline), { ssr: false });

const SHOWN = 6;

interface Point {
  value: number;
  level: ScoreLevel;
  computedAt: string;
}

/** How the score moved (newest first): a sparkline of the values and the latest ones with their dates. */
export function ScoreHistory({ points }: { points: readonly Point[] }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const values = [...points].reverse().map((point) => point.value);
  return (
    <Stack gap="xs" component="section" aria-labelledby="score-history-heading" data-testid="score-history">
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <Title order={3} size="h5" id="score-history-heading">
            {t("score.history.title")}
          </Title>
          <Text size="xs" c="dimmed">
            {i18n.plural("score.history.caption", points.length)}
          </Text>
        </Stack>
        {values.length > 1 ? <ScoreSparkline values={values} /> : null}
      </Group>
      <Table withTableBorder verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("score.history.col.at")}</Table.Th>
            <Table.Th>{t("score.history.col.value")}</Table.Th>
            <Table.Th>{t("score.history.col.level")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {points.slice(0, SHOWN).map((point) => (
            <Table.Tr key={point.computedAt} data-testid="score-history-point" data-score={point.value}>
              <Table.Td>{i18n.dateTime(point.computedAt)}</Table.Td>
              <Table.Td fw={600}>{point.value}</Table.Td>
              <Table.Td>
                <ToneBadge tone={LEVEL_TONE[point.level]}>{label("score.level.", point.level)}</ToneBadge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
