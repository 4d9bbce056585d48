"use client";

import { ActionIcon, Alert, Button, Checkbox, Group, Paper, Stack, Table, Tabs, Text, TextInput, Title } from "@mantine/core";
import { modals } from "@mantine/modals";
import { IconAlertTriangle, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { SectionHeader } from "@/components/data/ConnectionTable";
import { LoadError, Loading } from "@/components/data/QueryState";
import { RelativeTime } from "@/components/data/Time";
import { notify } from "@/features/integrations/notify";
import { useI18n } from "@/i18n/I18nProvider";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import type { HubMappingsQuery as Mappings } from "./gql/graphql";
import { firstCode, hubErrorText } from "./errors";
import { DeleteSkuMappingMutation, HubMappingsQuery, HubOrderChangedSubscription, SetStatusMappingMutation } from "./queries";
import type { SkuDraft } from "./SkuMappingModal";

const TRIGGERS = [liveTrigger(HubOrderChangedSubscription)];

/** The SKU and status mappings, with the SKUs that hold orders today offered first ("mapear"). */
export function MappingsEditor({
  waitingSkus,
  canOperate,
  onEdit,
}: {
  waitingSkus: readonly string[];
  canOperate: boolean;
  onEdit: (draft: SkuDraft) => void;
}) {
  const { t } = useI18n();
  // A mapping changed elsewhere moves orders, so the board's live signal also refreshes this list.
  const [result, refetch] = useLiveQuery({ query: HubMappingsQuery }, TRIGGERS, 2_000);
  const mappings = useKept(result);
  return (
    <Paper p="md" component="section" aria-labelledby="hub-mappings-heading" data-testid="hub-mappings">
      <SectionHeader
        id="hub-mappings-heading"
        title={t("hub.mappings.title")}
        description={t("hub.mappings.description")}
        action={
          canOperate ? (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onEdit({ externalSku: "", internalSku: "" })} data-testid="sku-mapping-new">
              {t("hub.mappings.new")}
            </Button>
          ) : undefined
        }
      />
      {result.error && !mappings ? (
        <LoadError error={result.error} onRetry={refetch} />
      ) : !mappings ? (
        <Loading />
      ) : (
        <Tabs defaultValue="sku" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="sku">{t("hub.mappings.tabSku")}</Tabs.Tab>
            <Tabs.Tab value="status">{t("hub.mappings.tabStatus")}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="sku" pt="sm">
            <WaitingSkus skus={waitingSkus} canOperate={canOperate} onMap={(sku) => onEdit({ externalSku: sku, internalSku: "" })} />
            <SkuTable rows={mappings.skuMappings} canOperate={canOperate} onEdit={onEdit} onDeleted={refetch} />
          </Tabs.Panel>
          <Tabs.Panel value="status" pt="sm">
            <StatusTable rows={mappings.statusMappings} />
            {canOperate && <StatusForm onSaved={refetch} />}
          </Tabs.Panel>
        </Tabs>
      )}
    </Paper>
  );
}

function WaitingSkus({ skus, canOperate, onMap }: { skus: readonly string[]; canOperate: boolean; onMap: (sku: string) => void }) {
  const { t } = useI18n();
  return (
    <Stack gap={4} mb="sm" data-testid="hub-waiting-skus">
      <Title order={3} size="h6">
        {t("hub.mappings.waiting")}
      </Title>
      {skus.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("hub.mappings.noneWaiting")}
        </Text>
      ) : (
        <Group gap="xs">
          {skus.map((sku) =>
            canOperate ? (
              <Button key={sku} size="xs" variant="light" onClick={() => onMap(sku)} data-testid="hub-waiting-sku" data-sku={sku}>
                {t("hub.card.map", { sku })}
              </Button>
            ) : (
              <Text key={sku} size="sm" ff="monospace" data-testid="hub-waiting-sku" data-sku={sku}>
                {sku}
              </Text>
            ),
          )}
        </Group>
      )}
    </Stack>
  );
}

function SkuTable({
  rows,
  canOperate,
  onEdit,
  onDeleted,
}: {
  rows: Mappings["skuMappings"];
  canOperate: boolean;
  onEdit: (draft: SkuDraft) => void;
  onDeleted: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [, remove] = useMutation(DeleteSkuMappingMutation);
  const confirmDelete = (row: Mappings["skuMappings"][number]) =>
    modals.openConfirmModal({
      title: t("hub.mappings.deleteTitle", { sku: row.externalSku }),
      children: <Text size="sm">{t("hub.mappings.deleteBody")}</Text>,
      labels: { confirm: t("hub.mappings.deleteConfirm"), cancel: t("common.cancel") },
      confirmProps: { color: "red.9", "data-testid": "sku-mapping-delete-confirm" } as Record<string, unknown>,
      closeButtonProps: { "aria-label": t("common.close") },
      onConfirm: async () => {
        const result = await remove({ id: row.id });
        const text = hubErrorText(i18n, "mapping", result.data?.deleteSkuMapping.errors, result.error);
        notify({
          color: text ? "red" : "green",
          title: text ? t("hub.mappings.deleteFailed", { sku: row.externalSku }) : t("hub.mappings.deleted", { sku: row.externalSku }),
          message: text ?? "",
          closeLabel: t("common.close"),
        });
        onDeleted();
      },
    });
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("hub.mappings.skuEmpty")}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={420} type="native">
      <Table verticalSpacing={4} fz="sm" data-testid="sku-mappings">
        <Table.Caption>{t("hub.mappings.skuCaption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("hub.mappings.col.externalSku")}</Table.Th>
            <Table.Th>{t("hub.mappings.col.internalSku")}</Table.Th>
            <Table.Th>{t("hub.mappings.col.updated")}</Table.Th>
            {canOperate && <Table.Th ta="end">{t("hub.mappings.col.actions")}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} data-testid="sku-mapping" data-external={row.externalSku} data-internal={row.internalSku}>
              <Table.Td ff="monospace">{row.externalSku}</Table.Td>
              <Table.Td ff="monospace" fw={600}>
                {row.internalSku}
              </Table.Td>
              <Table.Td>
                <RelativeTime iso={row.updatedAt} />
              </Table.Td>
              {canOperate && (
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <ActionIcon variant="subtle" color="gray" onClick={() => onEdit({ externalSku: row.externalSku, internalSku: row.internalSku })} aria-label={t("hub.mappings.edit", { sku: row.externalSku })}>
                      <IconPencil size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="red" onClick={() => confirmDelete(row)} aria-label={t("hub.mappings.delete", { sku: row.externalSku })} data-testid="sku-mapping-delete">
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function StatusTable({ rows }: { rows: Mappings["statusMappings"] }) {
  const { t } = useI18n();
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" mb="sm">
        {t("hub.mappings.statusEmpty")}
      </Text>
    );
  }
  return (
    <Table verticalSpacing={4} fz="sm" mb="sm" data-testid="status-mappings">
      <Table.Caption>{t("hub.mappings.statusCaption")}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("hub.mappings.col.externalStatus")}</Table.Th>
          <Table.Th>{t("hub.mappings.col.internalStatus")}</Table.Th>
          <Table.Th>{t("hub.mappings.col.terminal")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.id} data-testid="status-mapping" data-external={row.externalStatus}>
            <Table.Td ff="monospace">{row.externalStatus}</Table.Td>
            <Table.Td fw={600}>{row.internalStatus}</Table.Td>
            <Table.Td>{row.terminal ? t("hub.mappings.yes") : t("hub.mappings.no")}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Adds or changes a status mapping (the same channel status again changes it). */
function StatusForm({ onSaved }: { onSaved: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [externalStatus, setExternalStatus] = useState("");
  const [internalStatus, setInternalStatus] = useState("");
  const [terminal, setTerminal] = useState(false);
  const [error, setError] = useState<{ text: string; code: string | null } | null>(null);
  const [{ fetching }, save] = useMutation(SetStatusMappingMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!externalStatus.trim() || !internalStatus.trim()) {
      setError({ text: t("hub.error.mapping.INVALID"), code: "INVALID" });
      return;
    }
    const input = { externalStatus: externalStatus.trim(), internalStatus: internalStatus.trim(), terminal, channel: "ML" };
    const result = await save({ input });
    const payload = result.data?.setStatusMapping;
    const text = hubErrorText(i18n, "mapping", payload?.errors, result.error);
    if (text || !payload?.mapping) {
      setError({ text: text ?? t("integrations.error.generic"), code: firstCode(payload?.errors, result.error) });
      return;
    }
    setError(null);
    setExternalStatus("");
    setInternalStatus("");
    setTerminal(false);
    notify({ color: "green", title: t("hub.mappings.statusSaved", { status: payload.mapping.externalStatus }), message: "", closeLabel: t("common.close") });
    onSaved();
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="status-mapping-form">
      <Stack gap="xs">
        <Title order={3} size="h6">
          {t("hub.mappings.statusFormTitle")}
        </Title>
        <Group align="flex-end" gap="xs" wrap="wrap">
          <TextInput label={t("hub.mappings.col.externalStatus")} placeholder="cancelled" value={externalStatus} onChange={(event) => setExternalStatus(event.currentTarget.value)} autoComplete="off" style={{ flex: 1, minWidth: 140 }} />
          <TextInput label={t("hub.mappings.col.internalStatus")} value={internalStatus} onChange={(event) => setInternalStatus(event.currentTarget.value)} autoComplete="off" style={{ flex: 1, minWidth: 140 }} />
        </Group>
        <Checkbox label={t("hub.mappings.col.terminal")} description={t("hub.mappings.terminalHint")} checked={terminal} onChange={(event) => setTerminal(event.currentTarget.checked)} />
        {error && (
          <Alert color="red" variant="light" p="xs" icon={<IconAlertTriangle size={16} aria-hidden />} role="alert" data-code={error.code ?? ""}>
            {error.text}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" size="sm" variant="light" loading={fetching}>
            {t("hub.mappings.statusSave")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
