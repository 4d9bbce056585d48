"use client";

import { useMemo } from "react";
import type { CombinedError } from "urql";
import type { CursorPage } from "@/components/data/Pager";
import type { OrdersByIdsQuery } from "@/gql/graphql";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import {
  ExceptionShipmentsQuery,
  OrderChangedSubscription,
  OrdersByIdQuery,
  OrdersQuery,
  ShipmentChangedSubscription,
} from "./queries";
import { exceptionOf, orderFilter, type Filters } from "./useOrdersQuery";
import { unitsOf, type Unit } from "./units";

type ById = NonNullable<OrdersByIdsQuery["nodes"][number]>;
type ListedOrder = Extract<ById, { mlId: string }>;

function isOrder(node: ById | null): node is ListedOrder {
  return node !== null && "mlId" in node;
}

export interface OrdersData {
  units: Unit[] | undefined;
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null | undefined;
  error: CombinedError | undefined;
  refetch: () => void;
}

/**
 * The listed units, live. With an exception filter the list starts from the shipments that have it
 * (the orders filter has none) and fetches their orders by id: up to 100 shipments, one page.
 */
export function useOrdersData(filters: Filters, page: CursorPage): OrdersData {
  const exception = exceptionOf(filters);
  const filter = useMemo(() => orderFilter(filters), [filters]);
  const accountIds = filter.meliAccountIds ?? null;
  const triggers = useMemo(
    () => [
      liveTrigger(OrderChangedSubscription, { meliAccountIds: accountIds }),
      liveTrigger(ShipmentChangedSubscription, { meliAccountIds: accountIds }),
    ],
    [accountIds],
  );
  const listVariables = { filter, first: page.first, after: page.after };
  const [list, refetchList] = useLiveQuery({ query: OrdersQuery, variables: listVariables, pause: exception !== null }, triggers);
  const [withException, refetchShipments] = useLiveQuery(
    {
      query: ExceptionShipmentsQuery,
      variables: { filter: { exception: exception ? [exception] : null, meliAccountIds: accountIds } },
      pause: exception === null,
    },
    triggers,
  );
  const shipments = useKept(withException)?.shipments;
  const ids = useMemo(() => [...new Set((shipments?.nodes ?? []).flatMap((node) => node.orderIds))].slice(0, 100), [shipments]);
  const [byId, refetchById] = useLiveQuery(
    { query: OrdersByIdQuery, variables: { ids }, pause: exception === null || !shipments || ids.length === 0 },
    triggers,
  );

  const listed = useKept(list, exception === null ? listVariables : "off");
  const fetched = useKept(byId, { ids });
  return useMemo<OrdersData>(() => {
    if (exception !== null) {
      const rows = ids.length === 0 ? [] : fetched?.nodes.filter(isOrder);
      const wanted = rows?.filter(
        (row) =>
          (!filter.status || filter.status.includes(row.status)) &&
          (!filter.fulfilmentState || filter.fulfilmentState.includes(row.fulfilment.state)),
      );
      return {
        units: shipments ? (wanted ? unitsOf(wanted) : undefined) : undefined,
        totalCount: wanted?.length ?? 0,
        hasNextPage: false,
        endCursor: null,
        error: withException.error ?? byId.error,
        refetch: () => {
          refetchShipments();
          refetchById();
        },
      };
    }
    return {
      units: listed ? unitsOf(listed.orders.nodes) : undefined,
      totalCount: listed?.orders.totalCount ?? 0,
      hasNextPage: listed?.orders.pageInfo.hasNextPage ?? false,
      endCursor: listed?.orders.pageInfo.endCursor,
      error: list.error,
      refetch: refetchList,
    };
  }, [exception, ids, fetched, filter, shipments, withException.error, byId.error, listed, list.error, refetchList, refetchShipments, refetchById]);
}
