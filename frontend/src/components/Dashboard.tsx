"use client";

import { useDashboardData } from "@/hooks/useDashboardData";
import { useT } from "@/i18n/I18nProvider";
import { canSync } from "@/lib/sync";
import type { Me } from "@/lib/types";
import { AccountsList } from "./AccountsList";
import { EventsFeed } from "./EventsFeed";
import { Header } from "./Header";
import { KpiCards } from "./KpiCards";
import { LiveStatus } from "./LiveStatus";
import { OrdersTable } from "./OrdersTable";

export function Dashboard({ me, onLogout }: { me: Me; onLogout: () => void }) {
  const t = useT();
  const data = useDashboardData();

  return (
    <div className="app-shell">
      <Header me={me} onLogout={onLogout} />
      <main className="dashboard" aria-busy={data.status === "loading"}>
        <div className="page-title-row">
          <h1 className="page-title">{t("dashboard.title")}</h1>
          <LiveStatus />
        </div>
        {data.status === "error" && (
          <div className="alert" role="alert">
            <span>{t("dashboard.loadError")}</span>
            <button type="button" className="button-secondary" onClick={data.reload}>
              {t("app.retry")}
            </button>
          </div>
        )}
        <KpiCards orders={data.orders} accounts={data.accounts} />
        <div className="dashboard-grid">
          <OrdersTable orders={data.orders} flashes={data.flashes} onFlashEnd={data.flashEnded} />
          <aside className="dashboard-side">
            <AccountsList
              accounts={data.accounts}
              syncRuns={data.syncRuns}
              canSync={canSync(me.role)}
              onSyncNow={data.syncNow}
              flashes={data.flashes}
              onFlashEnd={data.flashEnded}
            />
            <EventsFeed events={data.events} flashes={data.flashes} onFlashEnd={data.flashEnded} />
          </aside>
        </div>
      </main>
    </div>
  );
}
