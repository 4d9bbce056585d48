"use client";

import { useMemo } from "react";
import type { CombinedError } from "urql";
import type { CursorPage } from "@/components/data/Pager";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import { OrderChangedSubscription, OrdersQuery, ShipmentChangedSubscription } from "./queries";
import { orderFilter, type Filters } from "./useOrdersQuery";
import { unitsOf, type Unit } from "./units";

export interface OrdersData {
  units: Unit[] | undefined;
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null | undefined;
  error: CombinedError | undefined;
  refetch: () => void;
}

/** The listed units, live: every filter is the server's, so paging and counts hold for each. */
export function useOrdersData(filters: Filters, page: CursorPage, timeZone: string): OrdersData {
  const filter = useMemo(() => orderFilter(filters, timeZone), [filters, timeZone]);
  const accountIds = filter.meliAccountIds ?? null;
  const triggers = useMemo(
    () => [
      liveTrigger(OrderChangedSubscription, { meliAccountIds: accountIds }),
      liveTrigger(ShipmentChangedSubscription, { meliAccountIds: accountIds }),
    ],
    [accountIds],
  );
  const variables = { filter, first: page.first, after: page.after };
  const [list, refetch] = useLiveQuery({ query: OrdersQuery, variables }, triggers);
  const listed = useKept(list, variables);
  return useMemo<OrdersData>(
    () => ({
      units: listed ? unitsOf(listed.orders.nodes) : undefined,
      totalCount: listed?.orders.totalCount ?? 0,
      hasNextPage: listed?.orders.pageInfo.hasNextPage ?? false,
      endCursor: listed?.orders.pageInfo.endCursor,
      error: list.error,
      refetch,
    }),
    [listed, list.error, refetch],
  );
}
