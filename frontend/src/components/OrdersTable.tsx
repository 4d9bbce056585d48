"use client";

import { useI18n } from "@/i18n/I18nProvider";
import type { Order } from "@/lib/types";
import { flashClass, whenOwnAnimationEnds } from "./flash";
import { StatusBadge } from "./StatusBadge";
import { orderTone } from "./statusTones";

interface Props {
  orders: Order[];
  flashes: Record<string, number>;
  onFlashEnd: (id: string) => void;
}

export function OrdersTable({ orders, flashes, onFlashEnd }: Props) {
  const i18n = useI18n();
  const { t } = i18n;

  const statusLabel = (status: string) => {
    const key = `orderStatus.${status}`;
    return i18n.has(key) ? t(key) : status;
  };
  const itemsSummary = (order: Order) => {
    const [first, ...rest] = order.items;
    if (!first) return t("orders.noItems");
    const quantity = first.quantity > 1 ? `${first.quantity}× ` : "";
    return rest.length ? `${quantity}${first.title} ${t("orders.moreItems", { count: rest.length })}` : `${quantity}${first.title}`;
  };

  return (
    <section className="panel panel-orders" aria-labelledby="orders-heading">
      <div className="panel-header">
        <h2 id="orders-heading" data-testid="orders-heading">
          {t("orders.title")}
        </h2>
        <span className="panel-count">{orders.length}</span>
      </div>
      <div className="table-scroll">
        <table className="orders-table" data-testid="orders-table">
          <caption className="visually-hidden">{t("orders.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("orders.col.number")}</th>
              <th scope="col">{t("orders.col.buyer")}</th>
              <th scope="col">{t("orders.col.items")}</th>
              <th scope="col">{t("orders.col.status")}</th>
              <th scope="col" className="numeric">
                {t("orders.col.total")}
              </th>
              <th scope="col">{t("orders.col.created")}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr
                key={order.id}
                className={`order-row${flashClass(flashes, order.id)}`}
                data-testid={`order-row-${order.mlId}`}
                onAnimationEnd={whenOwnAnimationEnds(() => onFlashEnd(order.id))}
              >
                <th scope="row" className="order-number" data-label={t("orders.col.number")}>
                  #{order.mlId}
                </th>
                <td className="order-buyer" data-label={t("orders.col.buyer")}>
                  {order.buyer?.nickname ?? t("orders.noBuyer")}
                </td>
                <td className="order-items" data-label={t("orders.col.items")} title={order.items.map((item) => item.title).join("\n")}>
                  {itemsSummary(order)}
                </td>
                <td className="order-status" data-label={t("orders.col.status")}>
                  <StatusBadge tone={orderTone(order.status)}>{statusLabel(order.status)}</StatusBadge>
                </td>
                <td className="order-total numeric" data-label={t("orders.col.total")}>
                  {i18n.money(order.totalAmount)}
                </td>
                <td className="order-created" data-label={t("orders.col.created")}>
                  {order.dateCreated ? (
                    <time dateTime={order.dateCreated}>{i18n.dateTime(order.dateCreated)}</time>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {orders.length === 0 && (
          <p className="empty-state" data-testid="orders-empty">
            {t("orders.empty")}
          </p>
        )}
      </div>
    </section>
  );
}
