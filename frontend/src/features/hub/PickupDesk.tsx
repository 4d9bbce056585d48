"use client";

import { Alert, Button, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconId, IconSearch, IconUserCheck } from "@tabler/icons-react";
import { useRef, useState, type FormEvent, type RefObject } from "react";
import { useClient, useMutation } from "urql";
import { SectionHeader } from "@/components/data/ConnectionTable";
import { ToneBadge } from "@/components/data/ToneBadge";
import { requestErrorText } from "@/features/integrations/errors";
import { useI18n } from "@/i18n/I18nProvider";
import type { HubPickupSearchQuery } from "./gql/graphql";
import { firstCode, hubErrorText } from "./errors";
import { ConfirmPickupMutation, PickupSearchQuery } from "./queries";
import { STATUS_TONE } from "./status";

type DeskOrder = HubPickupSearchQuery["hubOrders"]["nodes"][number];
type Outcome = { ok: true; text: string } | { ok: false; text: string; code: string | null };

/**
 * The desk: the buyer says a code, the clerk finds the order, fetches its volumes from their shelves,
 * checks a photo ID against the recipient and confirms. Mercado Livre gives no buyer document yet; then
 * the API takes any document typed, and the clerk's check of the ID is what protects the handover.
 */
export function PickupDesk() {
  const i18n = useI18n();
  const { t } = i18n;
  const client = useClient();
  const [code, setCode] = useState("");
  const [matches, setMatches] = useState<DeskOrder[] | null>(null);
  const [chosen, setChosen] = useState<DeskOrder | null>(null);
  const [searched, setSearched] = useState("");
  const [lookupError, setLookupError] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);
  // Each lookup starts a fresh handover (the same order found again forgets the last outcome).
  const [lookups, setLookups] = useState(0);
  const documentInput = useRef<HTMLInputElement>(null);

  const find = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = code.trim();
    if (!wanted) return;
    setLooking(true);
    const result = await client.query(PickupSearchQuery, { search: wanted }, { requestPolicy: "network-only" }).toPromise();
    setLooking(false);
    setLookups((count) => count + 1);
    setSearched(wanted);
    setLookupError(result.error ? requestErrorText(i18n, result.error) : null);
    const found = result.data?.hubOrders.nodes ?? [];
    // The exact code first: a shorter code is the start of many others.
    const exact = found.find((order) => order.code === wanted);
    setMatches(found);
    setChosen(exact ?? (found.length === 1 ? found[0] : null));
  };

  return (
    <Paper p="md" component="section" aria-labelledby="hub-desk-heading" data-testid="pickup-desk">
      <SectionHeader id="hub-desk-heading" title={t("hub.desk.title")} description={t("hub.desk.description")} />
      <form onSubmit={(event) => void find(event)} role="search" aria-label={t("hub.desk.title")}>
        <Group align="flex-end" gap="xs">
          <TextInput
            label={t("hub.desk.code")}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            inputMode="numeric"
            autoComplete="off"
            style={{ flex: 1 }}
            data-testid="desk-code"
          />
          <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />} loading={looking} data-testid="desk-find">
            {t("hub.desk.find")}
          </Button>
        </Group>
      </form>
      <div aria-live="polite">
        {lookupError && (
          <Alert mt="sm" color="red" variant="light" role="alert">
            {lookupError}
          </Alert>
        )}
        {matches && !lookupError && matches.length === 0 && (
          <Text mt="sm" size="sm" data-testid="desk-not-found">
            {t("hub.desk.notFound", { code: searched })}
          </Text>
        )}
        {matches && matches.length > 1 && !chosen && (
          <Stack mt="sm" gap={4}>
            <Text size="sm">{t("hub.desk.choose", { code: searched })}</Text>
            <Group gap="xs">
              {matches.map((order) => (
                <Button key={order.id} size="xs" variant="default" onClick={() => setChosen(order)} data-testid="desk-choice">
                  {order.code}
                </Button>
              ))}
            </Group>
          </Stack>
        )}
      </div>
      {chosen && <Handover key={`${lookups}-${chosen.id}`} order={chosen} documentInput={documentInput} onDone={(order) => setChosen(order)} />}
    </Paper>
  );
}

function Handover({
  order,
  documentInput,
  onDone,
}: {
  order: DeskOrder;
  documentInput: RefObject<HTMLInputElement | null>;
  onDone: (order: DeskOrder) => void;
}) {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  const [receiverDocument, setReceiverDocument] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [{ fetching }, confirm] = useMutation(ConfirmPickupMutation);
  const shelves = order.volumes.map((volume) => volume.position).filter(Boolean).join(", ");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!receiverDocument.trim()) {
      setOutcome({ ok: false, text: t("hub.error.confirm.INVALID"), code: "INVALID" });
      return;
    }
    const result = await confirm({ id: order.id, receiverDocument: receiverDocument.trim() });
    const payload = result.data?.confirmPickup;
    const text = hubErrorText(i18n, "confirm", payload?.errors, result.error);
    if (text || !payload?.order) {
      setOutcome({ ok: false, text: text ?? t("integrations.error.generic"), code: firstCode(payload?.errors, result.error) });
      documentInput.current?.focus();
      return;
    }
    setOutcome({ ok: true, text: t("hub.desk.done", { code: order.code }) });
    setReceiverDocument("");
    onDone({ ...order, status: payload.order.status, pickedUpAt: payload.order.pickedUpAt });
  };

  return (
    <Stack mt="md" gap="sm" data-testid="desk-order" data-code={order.code} data-status={order.status}>
      <Group gap="xs">
        <Text fw={700} ff="monospace">
          {order.code}
        </Text>
        <ToneBadge tone={STATUS_TONE[order.status]}>{label("hub.status.", order.status)}</ToneBadge>
      </Group>
      <Text size="sm" fw={600} data-testid="desk-recipient">
        {t("hub.desk.recipient", { name: order.recipient.name || t("hub.card.noRecipient") })}
      </Text>
      <Group gap={6} wrap="nowrap" align="flex-start">
        <IconId size={18} aria-hidden style={{ flexShrink: 0 }} />
        <Text size="sm" data-testid="desk-expected-document">
          {order.recipient.document ? t("hub.desk.expectedDocument", { document: order.recipient.document }) : t("hub.desk.noDocument")}
        </Text>
      </Group>
      {shelves && (
        <Text size="sm" data-testid="desk-shelves">
          {t("hub.desk.shelves", { shelves })}
        </Text>
      )}
      {order.status === "RECEBIDO" && (
        <Alert color="orange" variant="light" p="xs">
          {t("hub.desk.notReady", { status: label("hub.status.", order.status) })}
        </Alert>
      )}
      {order.status === "RETIRADO" ? (
        !outcome?.ok && (
          <Text size="sm" data-testid="desk-already">
            {t("hub.desk.alreadyPickedUp", { when: dateTime(order.pickedUpAt) })}
          </Text>
        )
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Group align="flex-end" gap="xs">
            <TextInput
              ref={documentInput}
              autoFocus
              label={t("hub.desk.document")}
              description={t("hub.desk.documentHint")}
              value={receiverDocument}
              onChange={(event) => setReceiverDocument(event.currentTarget.value)}
              autoComplete="off"
              style={{ flex: 1 }}
              data-testid="desk-document"
            />
            <Button type="submit" color="green" leftSection={<IconUserCheck size={16} aria-hidden />} loading={fetching} data-testid="desk-confirm">
              {t("hub.desk.confirm")}
            </Button>
          </Group>
        </form>
      )}
      <div aria-live="assertive">
        {outcome && (
          <Alert
            color={outcome.ok ? "green" : "red"}
            variant="light"
            icon={outcome.ok ? <IconCircleCheck aria-hidden /> : <IconAlertTriangle aria-hidden />}
            role={outcome.ok ? "status" : "alert"}
            data-testid="desk-outcome"
            data-ok={outcome.ok}
            data-code={outcome.ok ? "" : (outcome.code ?? "")}
          >
            {outcome.text}
          </Alert>
        )}
      </div>
    </Stack>
  );
}
