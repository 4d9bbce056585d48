"use client";

import { Anchor, Checkbox, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconPackages } from "@tabler/icons-react";
import { useMemo } from "react";
import type { ColumnDef } from "@/components/data/DataTable";
import { ToneBadge } from "@/components/data/ToneBadge";
import type { FulfilmentState } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import type { Tone } from "@/theme";
import type { Unit } from "./units";

export const STATE_TONE: Record<FulfilmentState, Tone> = {
  TO_PICK: "warning",
  PICKED: "info",
  PACKED: "success",
  SHIPPED: "neutral",
  DELIVERED: "neutral",
  CANCELLED: "danger",
};

interface Options {
  selectable: boolean;
  selected: ReadonlySet<string>;
  allSelected: boolean;
  someSelected: boolean;
  onToggle: (key: string) => void;
  onToggleAll: () => void;
  onView: (orderId: string) => void;
  accountName: (id: string) => string;
  showAccount: boolean;
}

/** What the unit sold: its orders' totals added up (a pack's orders share one currency). */
function unitTotal(unit: Unit): { amount: string; currency: string } | null {
  const amounts = unit.orders.flatMap((order) => (order.totalAmount ? [order.totalAmount] : []));
  if (amounts.length === 0) return null;
  const cents = amounts.reduce((sum, money) => sum + Math.round(Number(money.amount) * 100), 0);
  return { amount: (cents / 100).toFixed(2), currency: amounts[0]?.currency ?? "BRL" };
}

/** A unit's name on screen: its pack, else its one order. */
export function useUnitName() {
  const { t } = useI18n();
  return (unit: Unit) =>
    unit.packId ? t("ordersPage.pack", { id: unit.packId }) : t("ordersPage.order", { id: unit.orders[0]?.mlId ?? "" });
}

export function useUnitColumns(options: Options): ColumnDef<Unit, unknown>[] {
  const i18n = useI18n();
  const { t, plural, label, money, dateTime } = i18n;
  const nameOf = useUnitName();
  return useMemo<ColumnDef<Unit, unknown>[]>(() => {
    const columns: ColumnDef<Unit, unknown>[] = [];
    if (options.selectable) {
      columns.push({
        id: "select",
        header: () => (
          <Checkbox
            aria-label={t("ordersPage.selectAll")}
            checked={options.allSelected}
            indeterminate={options.someSelected && !options.allSelected}
            onChange={options.onToggleAll}
            data-testid="select-all"
          />
        ),
        cell: ({ row }) => (
          <Checkbox
            aria-label={t("ordersPage.selectUnit", { name: nameOf(row.original) })}
            checked={options.selected.has(row.original.key)}
            onChange={() => options.onToggle(row.original.key)}
            data-testid="select-unit"
          />
        ),
      });
    }
    columns.push(
      {
        id: "order",
        header: t("ordersPage.col.orderBuyer"),
        cell: ({ row }) => {
          const unit = row.original;
          return (
            <Stack gap={2}>
              {unit.packId && (
                <Group gap={4} wrap="nowrap" data-testid="unit-pack">
                  <IconPackages size={16} aria-hidden color="var(--mantine-color-meliBlue-8)" />
                  <Stack gap={0}>
                    <Text size="xs" fw={700} c="meliBlue.8" style={{ whiteSpace: "nowrap" }}>
                      {t("ordersPage.pack", { id: unit.packId })}
                    </Text>
                    <Text size="xs" c="gray.8">
                      {plural("ordersPage.packOrders", unit.orders.length)}
                    </Text>
                  </Stack>
                </Group>
              )}
              {unit.orders.map((order) => (
                <Anchor
                  key={order.id}
                  component="button"
                  type="button"
                  size="sm"
                  ta="start"
                  onClick={() => options.onView(order.id)}
                  aria-label={`${t("ordersPage.view")}: ${t("ordersPage.order", { id: order.mlId })}`}
                  data-testid="order-link"
                  data-order={order.mlId}
                  data-state={order.fulfilment.state}
                  c={order.fulfilment.state === "CANCELLED" ? "red.9" : "meliBlue.8"}
                  td={order.fulfilment.state === "CANCELLED" ? "line-through" : undefined}
                >
                  #{order.mlId}
                </Anchor>
              ))}
              <Text size="xs" c="gray.8" data-testid="unit-buyer">
                {unit.orders[0]?.buyer?.nickname ?? t("ordersPage.noBuyer")}
                {options.showAccount ? ` · ${options.accountName(unit.orders[0]?.meliAccountId ?? "")}` : ""}
              </Text>
            </Stack>
          );
        },
      },
      {
        id: "items",
        header: t("ordersPage.col.items"),
        cell: ({ row }) => (
          <Stack gap={2} miw={220} maw={340}>
            {row.original.orders.flatMap((order) =>
              order.items.map((item) => (
                <Text key={`${order.id}-${item.lineNo}`} size="sm" lineClamp={1}>
                  <Text span fw={600}>
                    {item.quantity}×
                  </Text>{" "}
                  {item.title}
                  {item.sku && (
                    <Text span size="xs" c="dimmed" ff="monospace">
                      {" "}
                      {item.sku}
                    </Text>
                  )}
                </Text>
              )),
            )}
          </Stack>
        ),
      },
      {
        id: "state",
        header: t("ordersPage.col.state"),
        cell: ({ row }) => (
          <ToneBadge tone={STATE_TONE[row.original.state]} data-testid="unit-state" data-state={row.original.state}>
            {label("ordersPage.state.", row.original.state)}
          </ToneBadge>
        ),
      },
      {
        id: "shipment",
        header: t("ordersPage.col.shipment"),
        cell: ({ row }) => {
          const shipment = row.original.shipment;
          if (!shipment) return <Text size="sm" c="dimmed">{t("ordersPage.noShipment")}</Text>;
          return (
            <Stack gap={2}>
              <Text size="sm">{label("ordersPage.shipment.", shipment.status)}</Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {shipment.mlId}
                {shipment.substatus ? ` · ${shipment.substatus}` : ""}
              </Text>
              {shipment.exception && (
                <Group gap={4} wrap="nowrap">
                  <IconAlertTriangle size={14} aria-hidden color="var(--mantine-color-red-9)" />
                  <Text size="xs" fw={600} c="red.9" data-testid="unit-exception">
                    {label("ordersPage.exception.", shipment.exception)}
                  </Text>
                </Group>
              )}
            </Stack>
          );
        },
      },
      {
        id: "dispatchBy",
        header: t("ordersPage.col.dispatchBy"),
        cell: ({ row }) => {
          const limit = row.original.shipment?.handlingLimit;
          return limit ? (
            <time dateTime={limit} title={dateTime(limit)} style={{ whiteSpace: "nowrap" }}>
              {dateTime(limit, "dayMonth")} {dateTime(limit, "time")}
            </time>
          ) : (
            t("common.none")
          );
        },
      },
      {
        id: "total",
        header: t("ordersPage.col.total"),
        cell: ({ row }) => (
          <Text size="sm" ta="end" style={{ whiteSpace: "nowrap" }}>
            {money(unitTotal(row.original))}
          </Text>
        ),
      },
    );
    return columns;
  }, [options, t, plural, label, money, dateTime, nameOf]);
}
