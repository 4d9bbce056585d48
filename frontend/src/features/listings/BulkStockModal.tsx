"use client";

import { Alert, Button, FileInput, Group, Modal, Progress, Stack, Text } from "@mantine/core";
import { IconFileSpreadsheet } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useClient, useMutation, useQuery } from "urql";
import type { BulkLineResult, ListingsBulkFragment } from "./gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { requestErrorText, userErrorText } from "@/features/integrations/errors";
import { useLiveEvents, useResync } from "@/lib/useLive";
import { parseStockCsv, type ParsedCsv } from "./csv";
import { BulkLines } from "./BulkLines";
import { matchLines, stockLineOf, type LineMatch } from "./matchLines";
import { BulkOperationQuery, BulkProgressSubscription, BulkUpdateStockMutation } from "./queries";

const POLL_MS = 3_000;

/** The job as last heard: from its progress subscription, or read again (reconnects, a missed end). */
function useOperation(id: string | null, sent: ListingsBulkFragment | null) {
  const [heard, setHeard] = useState<ListingsBulkFragment | null>(null);
  const [result, reexecute] = useQuery({ query: BulkOperationQuery, variables: { id: id ?? "" }, pause: !id });
  useLiveEvents(BulkProgressSubscription, { id: id ?? "" }, (data) => setHeard(data.bulkOperationProgress), !id);
  useResync(() => id && reexecute({ requestPolicy: "network-only" }));
  const read = result.data?.bulkOperation ?? null;
  const candidates = [sent, read, heard].filter((op): op is ListingsBulkFragment => op !== null && op.id === id);
  const latest = candidates.sort((a, b) => a.done - b.done || Number(a.status === "DONE") - Number(b.status === "DONE")).at(-1) ?? null;
  const running = latest !== null && latest.status !== "DONE";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => reexecute({ requestPolicy: "network-only" }), POLL_MS);
    return () => clearInterval(timer);
  }, [running, reexecute]);
  return latest;
}

/** Stock from a spreadsheet: read the file, preview what each line matches, send, follow each line. */
export function BulkStockModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const client = useClient();
  const [file, setFile] = useState<File | null>(null);
  const [parsed, setParsed] = useState<ParsedCsv | null>(null);
  const [matches, setMatches] = useState<Record<number, LineMatch>>({});
  const [sent, setSent] = useState<ListingsBulkFragment | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sendState, send] = useMutation(BulkUpdateStockMutation);
  const operation = useOperation(sent?.id ?? null, sent);

  const reset = () => {
    setFile(null);
    setParsed(null);
    setMatches({});
    setSent(null);
    setProblem(null);
  };

  const read = async (chosen: File | null) => {
    reset();
    setFile(chosen);
    if (!chosen) return;
    const csv = parseStockCsv(await chosen.text());
    setParsed(csv);
    void matchLines(client, csv.lines, (index, match) => setMatches((old) => ({ ...old, [index]: match })));
  };

  const submit = async () => {
    if (!parsed) return;
    const answer = await send({ lines: parsed.lines.map((line, index) => stockLineOf(line, matches[index])) });
    const payload = answer.data?.bulkUpdateStock;
    if (answer.error) setProblem(requestErrorText(i18n, answer.error));
    else if (payload && payload.errors.length > 0) setProblem(userErrorText(i18n, payload.errors));
    else if (payload?.bulkOperation) setSent(payload.bulkOperation);
  };

  const lines = parsed?.lines ?? [];
  const results = operation?.lines ?? [];
  const count = (wanted: BulkLineResult[]) => results.filter((line) => line.result && wanted.includes(line.result)).length;
  const done = operation?.status === "DONE";

  return (
    <Modal opened={opened} onClose={onClose} title={t("bulk.title")} size="xl" closeButtonProps={{ "aria-label": t("common.close") }}>
      <Stack gap="md" data-testid="bulk-stock">
        <Text size="sm">{t("bulk.help")}</Text>
        {!sent ? (
          <FileInput
            label={t("bulk.file")}
            placeholder={t("bulk.filePlaceholder")}
            accept=".csv,text/csv,text/plain"
            value={file}
            onChange={(chosen) => void read(chosen)}
            leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
            clearable
            clearButtonProps={{ "aria-label": t("bulk.clearFile") }}
            data-testid="bulk-file"
          />
        ) : null}
        {parsed?.problems.map((item) => (
          <Alert key={`${item.row}-${item.reason}`} color="orange" variant="light" p="xs" data-testid="bulk-problem">
            <Text size="sm">{t(`bulk.problem.${item.reason}`, { row: item.row })}</Text>
          </Alert>
        ))}
        {problem ? (
          <Alert color="red" variant="light" title={t("bulk.failed")} data-testid="bulk-error">
            {problem}
          </Alert>
        ) : null}
        {operation ? (
          <Stack gap={4} data-testid="bulk-progress" data-status={operation.status} data-done={operation.done}>
            <Progress value={operation.total ? (100 * operation.done) / operation.total : 0} aria-label={t("bulk.progress", { done: operation.done, total: operation.total })} />
            <Text size="sm">{t("bulk.progress", { done: operation.done, total: operation.total })}</Text>
            {done ? (
              <Text size="sm" fw={600} data-testid="bulk-summary">
                {t("bulk.doneTitle")}:{" "}
                {t("bulk.summary", {
                  updated: count(["UPDATED"]),
                  unchanged: count(["UNCHANGED"]),
                  other: count(["NOT_FOUND", "AMBIGUOUS_SKU", "CONFLICT", "FAILED"]),
                })}
              </Text>
            ) : null}
          </Stack>
        ) : null}
        {lines.length > 0 ? <BulkLines lines={lines} matches={matches} results={results} sent={sent !== null} /> : null}
        <Group justify="flex-end" gap="sm">
          {sent && done ? (
            <Button variant="default" onClick={reset}>
              {t("bulk.again")}
            </Button>
          ) : null}
          {!sent && lines.length > 0 ? (
            <Button onClick={() => void submit()} loading={sendState.fetching} data-testid="bulk-send">
              {i18n.plural("bulk.send", lines.length)}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Modal>
  );
}
