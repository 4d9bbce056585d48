"use client";

import { Alert, Drawer, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useMemo, type ReactNode } from "react";
import { LoadError, Loading } from "@/components/data/QueryState";
import { ToneBadge } from "@/components/data/ToneBadge";
import { useI18n } from "@/i18n/I18nProvider";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import { NotificationsSection, RecipientEmailForm, ShelfForm } from "./OrderActions";
import { HubOrderChangedSubscription, HubOrderQuery } from "./queries";
import { STATUS_TONE } from "./status";
import type { HubCard } from "./useHubBoard";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Title order={3} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** One hub order in full, live: recipient, items, shelves and notices, and what the desk may do with it. */
export function HubOrderDrawer({ orderId, canOperate, onClose }: { orderId: string | null; canOperate: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const triggers = useMemo(() => [liveTrigger(HubOrderChangedSubscription)], []);
  const variables = { id: orderId ?? "" };
  const [result, refetch] = useLiveQuery({ query: HubOrderQuery, variables, pause: !orderId }, triggers);
  const data = useKept(result, variables);
  const order = data?.hubOrder;
  return (
    <Drawer
      opened={orderId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={order ? t("hub.drawer.title", { code: order.code }) : t("hub.card.order")}
      closeButtonProps={{ "aria-label": t("hub.drawer.close") }}
    >
      {result.error && !data ? (
        <LoadError error={result.error} onRetry={refetch} />
      ) : !data ? (
        <Loading />
      ) : !order ? (
        <Text size="sm">{t("hub.drawer.notFound")}</Text>
      ) : (
        <OrderDetail order={order} canOperate={canOperate} />
      )}
    </Drawer>
  );
}

function Field({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </Stack>
  );
}

function OrderDetail({ order, canOperate }: { order: HubCard; canOperate: boolean }) {
  const i18n = useI18n();
  const { t, label, dateTime } = i18n;
  const recipient = order.recipient;
  const none = t("hub.drawer.notGiven");
  return (
    <Stack gap="lg" data-testid="hub-order-detail" data-code={order.code} data-status={order.status} data-email={recipient.email ?? ""}>
      <Group gap="xs">
        <ToneBadge tone={STATUS_TONE[order.status]}>{label("hub.status.", order.status)}</ToneBadge>
        {order.status === "RECEBIDO" &&
          order.blockers.map((blocker) => (
            <ToneBadge key={blocker} tone="warning">
              {label("hub.blocker.", blocker)}
            </ToneBadge>
          ))}
      </Group>
      <Text size="sm" c="gray.8">
        {t("hub.drawer.createdAt", { when: dateTime(order.createdAt) })}
        {order.readyAt ? ` · ${t("hub.card.readyAt", { when: dateTime(order.readyAt) })}` : ""}
        {order.pickedUpAt ? ` · ${t("hub.card.pickedUpAt", { when: dateTime(order.pickedUpAt) })}` : ""}
      </Text>
      <Section title={t("hub.drawer.recipient")}>
        {recipient.masked && (
          <Alert color="gray" variant="light" p="xs">
            {t("hub.masked")}
          </Alert>
        )}
        <SimpleGrid cols={2} spacing="xs">
          <Field label={t("hub.drawer.name")} value={recipient.name || none} />
          <Field label={t("hub.drawer.document")} value={recipient.document || t("hub.drawer.noDocument")} />
          <Field label={t("hub.drawer.phone")} value={recipient.phone || none} />
          <Field label={t("hub.drawer.email")} value={recipient.email || none} />
        </SimpleGrid>
        {canOperate && order.status !== "RETIRADO" && <RecipientEmailForm order={order} />}
      </Section>
      <Section title={t("hub.drawer.lines")}>
        <Table verticalSpacing={4} fz="sm" withRowBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("hub.drawer.lineSku")}</Table.Th>
              <Table.Th>{t("hub.drawer.lineInternal")}</Table.Th>
              <Table.Th>{t("hub.drawer.lineTitle")}</Table.Th>
              <Table.Th ta="end">{t("hub.drawer.lineQuantity")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.lines.map((line, index) => (
              <Table.Tr key={`${line.orderMlId}-${index}`}>
                <Table.Td ff="monospace">{line.externalSku ?? none}</Table.Td>
                <Table.Td ff="monospace">
                  {line.internalSku ?? (
                    <Text span c="red.9" fw={600} size="sm">
                      <IconAlertTriangle size={14} aria-hidden /> {t("hub.card.unmapped")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{line.title}</Table.Td>
                <Table.Td ta="end">{line.quantity}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
      <Section title={t("hub.drawer.volumes")}>
        {order.volumes.length === 0 ? (
          <Text size="sm">{t("hub.card.noVolumes")}</Text>
        ) : (
          order.volumes.map((volume) => (
            <ShelfForm key={volume.id} volume={volume} canOperate={canOperate && order.status !== "RETIRADO"} />
          ))
        )}
      </Section>
      <NotificationsSection order={order} canOperate={canOperate} />
    </Stack>
  );
}
