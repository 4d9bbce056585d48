"use client";

import { Group, Stack, Text } from "@mantine/core";
import { IconPackage, IconTruckDelivery } from "@tabler/icons-react";
import { ToneBadge } from "@/components/data/ToneBadge";
import type { ThreadOrderFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { orderTone } from "@/lib/tones";
import type { Tone } from "@/theme";

type Shipment = NonNullable<ThreadOrderFragment["shipment"]>;

const SHIPMENT_TONE: Record<string, Tone> = {
  pending: "neutral",
  handling: "warning",
  ready_to_ship: "warning",
  shipped: "info",
  delivered: "success",
  not_delivered: "danger",
  cancelled: "danger",
};

const ICON = { size: 16, "aria-hidden": true, color: "var(--mantine-color-gray-7)", style: { flexShrink: 0 } } as const;

/** The orders' shipments, each once: a pack's orders travel in one shipment. */
function shipmentsOf(orders: readonly ThreadOrderFragment[]): Shipment[] {
  const seen = new Map<string, Shipment>();
  for (const order of orders) if (order.shipment) seen.set(order.shipment.id, order.shipment);
  return [...seen.values()];
}

/** What the conversation is about, a line each: every order of the pack (items, total), then its shipment. */
export function OrderContext({ orders }: { orders: readonly ThreadOrderFragment[] }) {
  const { t } = useI18n();
  const shipments = shipmentsOf(orders);
  return (
    <Stack
      gap={4}
      px="md"
      py="xs"
      component="section"
      aria-label={orders.length > 1 ? t("messagesPage.orders.titleMany") : t("messagesPage.orders.title")}
      style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}
      data-testid="thread-orders"
    >
      {orders.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t("messagesPage.orders.none")}
        </Text>
      ) : (
        <>
          {orders.map((order) => (
            <OrderLine key={order.id} order={order} />
          ))}
          {shipments.length === 0 ? (
            <Group gap={6} wrap="nowrap">
              <IconTruckDelivery {...ICON} />
              <Text size="xs" c="dimmed">
                {t("messagesPage.orders.noShipment")}
              </Text>
            </Group>
          ) : (
            shipments.map((shipment) => <ShipmentLine key={shipment.id} shipment={shipment} />)
          )}
        </>
      )}
    </Stack>
  );
}

function OrderLine({ order }: { order: ThreadOrderFragment }) {
  const i18n = useI18n();
  const { t } = i18n;
  const items = order.items.map((item) => `${t("messagesPage.orders.quantity", { quantity: item.quantity })} ${item.title}`);
  return (
    <Group gap={6} wrap="nowrap" data-testid={`thread-order-${order.mlId}`}>
      <IconPackage {...ICON} />
      <Text size="sm" fw={600} style={{ whiteSpace: "nowrap" }}>
        {t("messagesPage.thread.order", { id: order.mlId })}
      </Text>
      <ToneBadge tone={orderTone(order.status)} size="sm">
        {i18n.label("orderStatus.", order.status)}
      </ToneBadge>
      <Text size="sm" style={{ whiteSpace: "nowrap" }}>
        {i18n.money(order.totalAmount)}
      </Text>
      <Text size="xs" c="dimmed" truncate title={items.join(" · ")} style={{ minWidth: 0 }}>
        {items.join(" · ")}
      </Text>
    </Group>
  );
}

function ShipmentLine({ shipment }: { shipment: Shipment }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Group gap={6} wrap="nowrap">
      <IconTruckDelivery {...ICON} />
      <ToneBadge tone={SHIPMENT_TONE[shipment.status] ?? "neutral"} size="sm" data-testid={`thread-shipment-${shipment.mlId}`}>
        {t("messagesPage.orders.shipment")}: {i18n.label("messagesPage.shipment.", shipment.status)}
      </ToneBadge>
      {shipment.trackingNumber && (
        <Text size="xs" c="dimmed" truncate>
          {t("messagesPage.orders.tracking", { code: shipment.trackingNumber })}
        </Text>
      )}
    </Group>
  );
}
