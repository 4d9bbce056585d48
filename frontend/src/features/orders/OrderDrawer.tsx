"use client";

import { Avatar, Drawer, Group, Stack, Table, Text, Timeline, Title } from "@mantine/core";
import { IconCircleCheck, IconCircleDashed, IconPhoto } from "@tabler/icons-react";
import { useMemo, type ReactNode } from "react";
import { LoadError, Loading } from "@/components/data/QueryState";
import { ToneBadge } from "@/components/data/ToneBadge";
import { BuyerPrivacyActions } from "@/features/privacy/BuyerPrivacyActions";
import type { OrdersDetailQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import { OrderChangedSubscription, OrderDetailQuery, ShipmentChangedSubscription } from "./queries";
import { STATE_TONE } from "./unitColumns";

type Order = NonNullable<OrdersDetailQuery["order"]>;

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

/** One order in full: its lines, payments, where its shipment is, and who bought it. Live. */
export function OrderDrawer({ orderId, onClose }: { orderId: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const triggers = useMemo(() => [liveTrigger(OrderChangedSubscription, {}), liveTrigger(ShipmentChangedSubscription, {})], []);
  const [result, refetch] = useLiveQuery(
    { query: OrderDetailQuery, variables: { id: orderId ?? "" }, pause: !orderId },
    triggers,
  );
  const data = useKept(result, { id: orderId ?? "" });
  const order = data?.order;
  return (
    <Drawer
      opened={orderId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={order ? t("ordersPage.detail.title", { id: order.mlId }) : t("ordersPage.col.order")}
      closeButtonProps={{ "aria-label": t("ordersPage.detail.close") }}
    >
      {result.error && !data ? (
        <LoadError error={result.error} onRetry={refetch} />
      ) : !data ? (
        <Loading />
      ) : !order ? (
        <Text size="sm">{t("ordersPage.detail.notFound")}</Text>
      ) : (
        <OrderDetail order={order} onChanged={refetch} />
      )}
    </Drawer>
  );
}

function OrderDetail({ order, onChanged }: { order: Order; onChanged: () => void }) {
  const { t, label, money, dateTime } = useI18n();
  return (
    <Stack gap="lg" data-testid="order-detail" data-order={order.mlId} data-state={order.fulfilment.state}>
      <Group gap="xs">
        <ToneBadge tone={STATE_TONE[order.fulfilment.state]}>{label("ordersPage.state.", order.fulfilment.state)}</ToneBadge>
        <Text size="sm" c="gray.8">
          {label("ordersPage.status.", order.status)} · {money(order.totalAmount)} · {dateTime(order.dateCreated)}
        </Text>
      </Group>
      {order.packId && (
        <Text size="sm" c="meliBlue.8">
          {t("ordersPage.detail.pack", {
            id: order.packId,
            orders: order.packOrders.map((other) => `#${other.mlId}`).join(", ") || t("common.none"),
          })}
        </Text>
      )}
      <Section title={t("ordersPage.detail.lines")}>
        <Stack gap="xs">
          {order.items.map((item) => (
            <Group key={item.lineNo} gap="sm" wrap="nowrap" align="flex-start">
              <Avatar src={item.listing?.thumbnail} alt="" radius="sm" size={48}>
                <IconPhoto size={20} aria-hidden />
              </Avatar>
              <Stack gap={0} style={{ flex: 1 }}>
                <Text size="sm">{item.title}</Text>
                <Text size="xs" c="dimmed">
                  {item.sku ?? t("ordersPage.pickList.noSku")} · {item.itemMlId}
                </Text>
              </Stack>
              <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                {t("ordersPage.detail.unitPrice", { quantity: item.quantity, price: money(item.unitPrice) })}
              </Text>
            </Group>
          ))}
        </Stack>
      </Section>
      <Section title={t("ordersPage.detail.payments")}>
        {order.payments.length === 0 ? (
          <Text size="sm">{t("ordersPage.detail.noPayments")}</Text>
        ) : (
          <Table verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {order.payments.map((payment) => (
                <Table.Tr key={payment.id}>
                  <Table.Td>{payment.status}</Table.Td>
                  <Table.Td>
                    {payment.paymentMethodId ?? payment.paymentType ?? t("common.none")}
                    {payment.installments ? ` · ${t("ordersPage.detail.installments", { count: payment.installments })}` : ""}
                  </Table.Td>
                  <Table.Td>{dateTime(payment.dateApproved ?? payment.dateCreated)}</Table.Td>
                  <Table.Td ta="end">{money(payment.amount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      <Section title={t("ordersPage.detail.shipment")}>
        <ShipmentTimeline order={order} />
      </Section>
      <Section title={t("ordersPage.detail.buyer")}>
        <Stack gap={2}>
          <Text size="sm" fw={600} data-testid="buyer-nickname">
            {order.buyer?.nickname ?? t("ordersPage.noBuyer")}
          </Text>
          {order.buyer && (
            <Text size="xs" c="dimmed">
              {t("ordersPage.detail.buyerId", { id: order.buyer.mlUserId })}
              {order.buyer.firstOrderAt ? ` · ${t("ordersPage.detail.firstOrder", { time: dateTime(order.buyer.firstOrderAt) })}` : ""}
            </Text>
          )}
          {order.buyer && <BuyerPrivacyActions buyer={order.buyer} onErased={onChanged} />}
        </Stack>
      </Section>
    </Stack>
  );
}

interface Step {
  key: string;
  title: string;
  at: string | null | undefined;
  note?: string;
}

/**
 * Where the shipment is. The API keeps no history of shipment statuses, so the steps are the dates
 * melihub holds (created, marks, label, deadlines) and the status now.
 */
function ShipmentTimeline({ order }: { order: Order }) {
  const { t, label, dateTime } = useI18n();
  const shipment = order.shipment;
  if (!shipment) return <Text size="sm">{t("ordersPage.noShipment")}</Text>;
  const { fulfilment } = order;
  const by = (user: { name: string; email: string } | null | undefined) =>
    user ? t("ordersPage.timeline.by", { name: user.name || user.email }) : undefined;
  const steps: Step[] = [
    { key: "created", title: t("ordersPage.timeline.created"), at: shipment.dateCreated },
    { key: "picked", title: t("ordersPage.timeline.picked"), at: fulfilment.pickedAt, note: by(fulfilment.pickedBy) },
    { key: "packed", title: t("ordersPage.timeline.packed"), at: fulfilment.packedAt, note: by(fulfilment.packedBy) },
    { key: "label", title: t("ordersPage.timeline.label"), at: shipment.labelPrintedAt },
  ];
  const done = steps.filter((step) => step.at).sort((a, b) => String(a.at).localeCompare(String(b.at)));
  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed" ff="monospace">
        {shipment.mlId}
        {shipment.trackingNumber ? ` · ${t("ordersPage.detail.tracking", { code: shipment.trackingNumber })}` : ""}
      </Text>
      <Timeline active={done.length} bulletSize={18} lineWidth={2} color="meliBlue" data-testid="shipment-timeline">
        {done.map((step) => (
          <Timeline.Item key={step.key} bullet={<IconCircleCheck size={12} aria-hidden />} title={step.title}>
            <Text size="xs" c="gray.8">
              {dateTime(step.at)}
              {step.note ? ` · ${step.note}` : ""}
            </Text>
          </Timeline.Item>
        ))}
        <Timeline.Item bullet={<IconCircleDashed size={12} aria-hidden />} title={t("ordersPage.timeline.now", { status: label("ordersPage.shipment.", shipment.status) })}>
          <Text size="xs" c="gray.8">
            {shipment.substatus ?? ""}
            {shipment.exception ? ` · ${label("ordersPage.exception.", shipment.exception)}` : ""}
          </Text>
          {shipment.handlingLimit && (
            <Text size="xs" c="gray.8">
              {t("ordersPage.timeline.dispatchBy")}: {dateTime(shipment.handlingLimit)}
            </Text>
          )}
          {shipment.estimatedDeliveryLimit && (
            <Text size="xs" c="gray.8">
              {t("ordersPage.timeline.deliveryBy")}: {dateTime(shipment.estimatedDeliveryLimit)}
            </Text>
          )}
        </Timeline.Item>
      </Timeline>
    </Stack>
  );
}
