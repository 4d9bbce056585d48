"use client";

import { ScrollArea, Stack, Table, Text } from "@mantine/core";
import { ToneBadge } from "@/components/data/ToneBadge";
import type { BulkLineResult, ListingsBulkFragment } from "./gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import type { Tone } from "@/theme";
import type { CsvLine } from "./csv";
import type { LineMatch } from "./matchLines";

const RESULT_TONE: Record<BulkLineResult, Tone> = {
  UPDATED: "success",
  UNCHANGED: "neutral",
  NOT_FOUND: "warning",
  AMBIGUOUS_SKU: "warning",
  CONFLICT: "danger",
  FAILED: "danger",
};

interface Props {
  lines: readonly CsvLine[];
  matches: Record<number, LineMatch>;
  results: ListingsBulkFragment["lines"];
  sent: boolean;
}

/** The file's lines: what each matches (the preview), then what became of each (the job's results). */
export function BulkLines({ lines, matches, results, sent }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ScrollArea.Autosize mah={360} type="auto">
      <Table withTableBorder striped verticalSpacing={4} data-testid="bulk-lines">
        <caption style={{ captionSide: "top", textAlign: "left" }}>
          <Text size="sm" c="dimmed">
            {i18n.plural("bulk.previewCaption", lines.length)}
          </Text>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("bulk.col.row")}</Table.Th>
            <Table.Th>{t("bulk.col.key")}</Table.Th>
            <Table.Th>{t("bulk.col.match")}</Table.Th>
            <Table.Th>{t("bulk.col.now")}</Table.Th>
            <Table.Th>{t("bulk.col.new")}</Table.Th>
            {sent ? <Table.Th>{t("bulk.col.result")}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line, index) => {
            const match = matches[index];
            const outcome = results.find((result) => result.position === index);
            return (
              <Table.Tr key={line.row} data-testid="bulk-line" data-match={match?.state ?? "pending"} data-result={outcome?.result ?? ""}>
                <Table.Td>{line.row}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {line.value}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {!match ? t("bulk.matching") : match.state === "found" ? match.label : t(`bulk.match.${match.state}`)}
                  </Text>
                </Table.Td>
                <Table.Td>{outcome?.previousQuantity ?? match?.now ?? t("common.none")}</Table.Td>
                <Table.Td fw={600}>{line.availableQuantity}</Table.Td>
                {sent ? (
                  <Table.Td>
                    {outcome?.result ? (
                      <Stack gap={2}>
                        <ToneBadge tone={RESULT_TONE[outcome.result]}>{t(`bulk.result.${outcome.result}`)}</ToneBadge>
                        {/* The badge says NOT_FOUND and AMBIGUOUS_SKU; Mercado Livre's or the job's reason is for the others. */}
                        {outcome.message && ["CONFLICT", "FAILED"].includes(outcome.result) ? (
                          <Text size="xs">{outcome.message}</Text>
                        ) : null}
                      </Stack>
                    ) : (
                      <Text size="sm">{t("bulk.result.waiting")}</Text>
                    )}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
