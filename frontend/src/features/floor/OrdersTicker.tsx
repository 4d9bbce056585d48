"use client";

import { Badge, Box, Group, Skeleton, Table, Text, VisuallyHidden } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { EmptyState } from "@/components/data/QueryState";
import { useNow } from "@/components/data/Time";
import type { FloorRecentOrdersQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { orderTone } from "@/lib/tones";
import { FloorPanel } from "./shared";
import { ToneBadge } from "@/components/data/ToneBadge";

type Order = FloorRecentOrdersQuery["orders"]["nodes"][number];

// How long an order that arrived while the page was open stays marked "new".
const NEW_FOR_MS = 60_000;

/** Orders that were not on screen before, with when they showed up (the first load marks none). */
function useArrivals(orders: readonly Order[] | undefined): Map<string, number> {
  const known = useRef<Set<string> | null>(null);
  const [arrivals, setArrivals] = useState<Map<string, number>>(() => new Map());
  useEffect(() => {
    if (!orders) return;
    if (known.current === null) {
      known.current = new Set(orders.map((order) => order.id));
      return;
    }
    const fresh = orders.filter((order) => !known.current?.has(order.id));
    if (fresh.length === 0) return;
    fresh.forEach((order) => known.current?.add(order.id));
    const at = Date.now();
    setArrivals((current) => new Map([...current, ...fresh.map((order) => [order.id, at] as const)]));
  }, [orders]);
  return arrivals;
}

function itemsSummary(order: Order, t: ReturnType<typeof useI18n>["t"]): string {
  const [first, ...rest] = order.items;
  if (!first) return t("orders.noItems");
  const quantity = first.quantity > 1 ? `${first.quantity}× ` : "";
  const more = rest.length ? ` ${t("orders.moreItems", { count: rest.length })}` : "";
  return `${quantity}${first.title}${more}`;
}

/** The latest orders (a fixed 8: no sorting or paging, so a plain table, not DataTable's model). */
export function OrdersTicker({
  orders,
  accountNames,
}: {
  orders: readonly Order[] | undefined;
  /** Nickname per account id; the account column shows only when there is more than one. */
  accountNames: Map<string, string>;
}) {
  const { t, money, dateTime, label } = useI18n();
  const now = useNow(15_000);
  const arrivals = useArrivals(orders);
  const today = dateTime(new Date(now).toISOString(), "date");
  const showAccount = accountNames.size > 1;

  return (
    <FloorPanel title={t("floor.orders.title")} testId="floor-recent-orders">
      {orders ? (
        <Box style={{ overflowX: "auto" }} tabIndex={0} role="region" aria-label={t("floor.orders.caption")}>
          <Table verticalSpacing={6} horizontalSpacing="xs" highlightOnHover layout="fixed" miw={540}>
            <Table.Caption style={{ captionSide: "top", textAlign: "start" }}>
              <Text span size="sm" c="dimmed">
                {t("floor.orders.caption")}
              </Text>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w="33%">
                  {t("orders.col.number")} · {t("orders.col.buyer")}
                </Table.Th>
                <Table.Th scope="col">{t("orders.col.items")}</Table.Th>
                <Table.Th scope="col" ta="right" w={150}>
                  {t("orders.col.total")} · {t("orders.col.status")}
                </Table.Th>
                <Table.Th scope="col" w={64}>
                  {t("floor.orders.time")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {orders.map((order) => {
                const arrived = arrivals.get(order.id);
                const fresh = arrived !== undefined && now - arrived < NEW_FOR_MS;
                const created = order.dateCreated;
                return (
                  <Table.Tr
                    key={order.id}
                    data-testid={`floor-order-${order.mlId}`}
                    data-new={fresh ? "true" : undefined}
                    bg={fresh ? "var(--mantine-color-meliBlue-0)" : undefined}
                  >
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" fw={500} style={{ fontVariantNumeric: "tabular-nums" }}>
                          #{order.mlId}
                        </Text>
                        {fresh && (
                          <Badge size="xs" color="meliBlue.7" variant="filled" miw="max-content">
                            {t("floor.orders.new")}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed" truncate>
                        <VisuallyHidden>{t("orders.col.buyer")}: </VisuallyHidden>
                        {order.buyer?.nickname ?? t("orders.noBuyer")}
                        {showAccount && ` · ${accountNames.get(order.meliAccountId) ?? ""}`}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" truncate title={order.items.map((item) => item.title).join("\n")}>
                        {itemsSummary(order, t)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" fw={500} style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
                        {money(order.totalAmount)}
                      </Text>
                      <ToneBadge
                        tone={orderTone(order.status)}
                        data-status={order.status}
                        size="sm"
                        miw="max-content"
                        data-testid="floor-order-status"
                      >
                        {label("orderStatus.", order.status)}
                      </ToneBadge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {created ? (
                        <Text size="sm" c="dimmed" span>
                          <time dateTime={created} title={dateTime(created)}>
                            {dateTime(created, dateTime(created, "date") === today ? "time" : "dayMonth")}
                          </time>
                        </Text>
                      ) : (
                        t("common.none")
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
              {orders.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <EmptyState>{t("orders.empty")}</EmptyState>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Box>
      ) : (
        <Skeleton h={320} radius="md" />
      )}
    </FloorPanel>
  );
}
