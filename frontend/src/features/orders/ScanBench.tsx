"use client";

import { Alert, Button, Group, List, Paper, SegmentedControl, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconAlertTriangle, IconBarcode, IconCircleCheck, IconX } from "@tabler/icons-react";
import { useMemo, useRef, useState, type FormEvent } from "react";
import { useClient } from "urql";
import { LoadError } from "@/components/data/QueryState";
import { useI18n, type I18n } from "@/i18n/I18nProvider";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import { BenchOrdersQuery, OrderChangedSubscription, ShipmentChangedSubscription } from "./queries";
import { reasonOf, type ActionResult } from "./useFulfilmentActions";
import { codesOf, idsOf, unitsOf, type Unit } from "./units";

type Target = "PICKED" | "PACKED";

interface Scan {
  at: number;
  code: string;
  ok: boolean;
  text: string;
}

const OPEN_FILTER = { fulfilmentState: ["TO_PICK" as const, "PICKED" as const, "PACKED" as const] };
const BENCH_PAGE = 50;

/** The unit a code names: an order, shipment or pack number names one; a SKU the first still to move. */
function unitFor(units: readonly Unit[], code: string, target: Target): Unit | undefined {
  const matching = units.filter((unit) => codesOf(unit).includes(code));
  const waiting = (unit: Unit) => (target === "PICKED" ? unit.state === "TO_PICK" : unit.state !== "PACKED");
  return matching.find(waiting) ?? matching[0];
}

function lineOf(i18n: I18n, code: string, target: Target, result: ActionResult): Scan {
  const at = Date.now();
  if (result.kind === "failed") return { at, code, ok: false, text: i18n.t("ordersPage.scan.failed", { code, reason: result.message }) };
  if (result.kind !== "marks") return { at, code, ok: false, text: code };
  if (result.moved > 0) {
    const state = i18n.t(target === "PICKED" ? "ordersPage.state.PICKED" : "ordersPage.state.PACKED").toLowerCase();
    const key = result.moved === 1 ? "ordersPage.scan.ok.one" : "ordersPage.scan.ok.other";
    return { at, code, ok: true, text: i18n.t(key, { code, count: i18n.number(result.moved), state }) };
  }
  const reason = result.errors.map((error) => reasonOf(i18n, error)).join(" ");
  return { at, code, ok: false, text: i18n.t("ordersPage.scan.refused", { code, reason }) };
}

/**
 * The packing bench: one field a scanner types into (it ends with Enter). There is no API lookup by
 * order or shipment number, so codes are matched among the open orders loaded here (the 50 oldest), and
 * a pack number is also asked of the API (the orders filter takes packId).
 */
export function ScanBench({
  meliAccountIds,
  mark,
  onClose,
}: {
  meliAccountIds: string[] | null;
  mark: (target: Target, ids: string[]) => Promise<ActionResult>;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const client = useClient();
  const [target, setTarget] = useState<Target>("PACKED");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [scans, setScans] = useState<Scan[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const variables = { filter: { ...OPEN_FILTER, meliAccountIds }, first: BENCH_PAGE, after: null };
  const triggers = useMemo(
    () => [liveTrigger(OrderChangedSubscription, { meliAccountIds }), liveTrigger(ShipmentChangedSubscription, { meliAccountIds })],
    [meliAccountIds],
  );
  const [result, refetch] = useLiveQuery({ query: BenchOrdersQuery, variables }, triggers);
  const open = useKept(result);
  const units = useMemo(() => (open ? unitsOf(open.orders.nodes) : []), [open]);

  // Not among the loaded orders (or they are still loading): ask again now, then by pack number.
  const lookUp = async (scanned: string): Promise<Unit | undefined> => {
    const again = await client.query(BenchOrdersQuery, variables, { requestPolicy: "network-only" }).toPromise();
    const found = again.data ? unitFor(unitsOf(again.data.orders.nodes), scanned, target) : undefined;
    if (found || !/^\d+$/.test(scanned)) return found;
    const filter = { packId: scanned, meliAccountIds };
    const pack = await client.query(BenchOrdersQuery, { filter, first: 10, after: null }, { requestPolicy: "network-only" }).toPromise();
    return pack.data ? unitsOf(pack.data.orders.nodes)[0] : undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const scanned = code.trim().toUpperCase();
    if (!scanned || busy) return;
    setBusy(true);
    setCode("");
    const unit = unitFor(units, scanned, target) ?? (await lookUp(scanned));
    const line = unit
      ? lineOf(i18n, scanned, target, await mark(target, idsOf(unit)))
      : { at: Date.now(), code: scanned, ok: false, text: t("ordersPage.scan.notFound", { code: scanned }) };
    setScans((current) => [line, ...current]);
    setBusy(false);
    refetch();
    input.current?.focus();
  };

  const last = scans[0];
  return (
    <Paper p="md" component="section" aria-labelledby="bench-heading" data-testid="scan-bench" withBorder>
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id="bench-heading">
            {t("ordersPage.scan.title")}
          </Title>
          <Text size="sm" c="gray.8">
            {t("ordersPage.scan.description")}
          </Text>
        </Stack>
        <Button variant="default" size="xs" leftSection={<IconX size={14} aria-hidden />} onClick={onClose} data-testid="scan-close">
          {t("ordersPage.scan.close")}
        </Button>
      </Group>
      <form onSubmit={(event) => void submit(event)}>
        <Group align="flex-end" gap="md" wrap="wrap">
          <TextInput
            ref={input}
            autoFocus
            label={t("ordersPage.scan.input")}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            leftSection={<IconBarcode size={18} aria-hidden />}
            size="lg"
            style={{ flex: 1, minWidth: 260 }}
            autoComplete="off"
            disabled={busy}
            data-testid="scan-input"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="scan-mode-label">
              {t("ordersPage.scan.mode")}
            </Text>
            <SegmentedControl
              aria-labelledby="scan-mode-label"
              value={target}
              onChange={(value) => setTarget(value as Target)}
              data={[
                { value: "PICKED", label: t("ordersPage.scan.modePicked") },
                { value: "PACKED", label: t("ordersPage.scan.modePacked") },
              ]}
              color="meliBlue.8"
              data-testid="scan-mode"
            />
          </Stack>
        </Group>
      </form>
      <Text size="xs" c="gray.8" mt={4}>
        {t("ordersPage.scan.searchNote")}
      </Text>
      {result.error && !open && <LoadError error={result.error} onRetry={refetch} />}
      <div aria-live="assertive" role="status">
        {last && (
          <Alert
            mt="md"
            color={last.ok ? "green" : "red"}
            variant="filled"
            icon={last.ok ? <IconCircleCheck aria-hidden /> : <IconAlertTriangle aria-hidden />}
            data-testid="scan-result"
            data-ok={last.ok}
            styles={{ message: { fontSize: "var(--mantine-font-size-lg)", fontWeight: 700 } }}
          >
            {last.text}
          </Alert>
        )}
      </div>
      <Title order={3} size="h6" mt="md" mb={4}>
        {t("ordersPage.scan.history")}
      </Title>
      {scans.length === 0 ? (
        <Text size="sm" c="gray.8">
          {t("ordersPage.scan.historyEmpty")}
        </Text>
      ) : (
        <List size="sm" spacing={2} data-testid="scan-history">
          {scans.map((scan) => (
            <List.Item
              key={`${scan.at}-${scan.code}`}
              icon={scan.ok ? <IconCircleCheck size={16} color="var(--mantine-color-green-8)" aria-hidden /> : <IconAlertTriangle size={16} color="var(--mantine-color-red-9)" aria-hidden />}
              data-ok={scan.ok}
            >
              <time dateTime={new Date(scan.at).toISOString()}>{dateTime(new Date(scan.at).toISOString(), "time")}</time> — {scan.text}
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}
