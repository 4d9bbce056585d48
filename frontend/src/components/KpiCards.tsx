"use client";

import { useI18n } from "@/i18n/I18nProvider";
import { sumByCurrency } from "@/lib/format";
import type { MeliAccount, Money, Order } from "@/lib/types";

const HOME_CURRENCY = "BRL";

interface Kpi {
  id: string;
  label: string;
  value: string;
  hint: string;
}

export function KpiCards({ orders, accounts }: { orders: Order[]; accounts: MeliAccount[] }) {
  const i18n = useI18n();
  const { t } = i18n;

  const paid = orders.filter((order) => order.status === "paid");
  const totals = sumByCurrency(paid.map((order) => order.totalAmount).filter((money): money is Money => !!money));
  if (totals.size === 0) totals.set(HOME_CURRENCY, 0n);
  // The home currency is the headline; other sites' currencies are listed under it.
  const [headline, ...others] = [...totals.entries()]
    .sort(([a], [b]) => (a === HOME_CURRENCY ? -1 : b === HOME_CURRENCY ? 1 : a.localeCompare(b)))
    .map(([currency, cents]) => i18n.moneyOf(cents, currency));
  const revenueHint = others.length ? t("kpi.revenueOther", { amounts: others.join(" · ") }) : t("kpi.revenueHint");
  const active = accounts.filter((account) => account.status === "ACTIVE").length;

  const kpis: Kpi[] = [
    { id: "orders", label: t("kpi.orders"), value: String(orders.length), hint: t("kpi.ordersHint") },
    {
      id: "paid",
      label: t("kpi.paid"),
      value: String(paid.length),
      hint: t("kpi.paidHint", { percent: i18n.percent(orders.length ? paid.length / orders.length : 0) }),
    },
    { id: "revenue", label: t("kpi.revenue"), value: headline ?? "—", hint: revenueHint },
    {
      id: "accounts",
      label: t("kpi.accounts"),
      value: String(active),
      hint: t("kpi.accountsHint", { total: accounts.length }),
    },
  ];

  return (
    <section className="kpi-grid" aria-label={t("dashboard.title")}>
      {kpis.map((kpi) => (
        <div key={kpi.id} className={`kpi-card kpi-${kpi.id}`} data-testid={`kpi-${kpi.id}`}>
          <p className="kpi-label">{kpi.label}</p>
          <p className="kpi-value" title={kpi.value}>
            {kpi.value}
          </p>
          <p className="kpi-hint" title={kpi.hint}>
            {kpi.hint}
          </p>
        </div>
      ))}
    </section>
  );
}
