"use client";

import { Alert, Paper, Stack, Title } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { useQuery } from "urql";
import { DataTable } from "@/components/data/DataTable";
import { PageHeader } from "@/components/data/PageHeader";
import { Pager, useCursorPages } from "@/components/data/Pager";
import { LoadError, Loading } from "@/components/data/QueryState";
import { useSession } from "@/components/session/SessionProvider";
import { capabilitiesOf } from "@/features/integrations/permissions";
import { useI18n } from "@/i18n/I18nProvider";
import { useKept } from "@/lib/useLive";
import { ActionResultPanel } from "./ActionResultPanel";
import { OrderDrawer } from "./OrderDrawer";
import { OrderFilters } from "./OrderFilters";
import { PickListModal } from "./PickListModal";
import { OrdersAccountsQuery } from "./queries";
import { ScanBench } from "./ScanBench";
import { BenchButton, SelectionBar } from "./SelectionBar";
import { useUnitColumns, useUnitName } from "./unitColumns";
import { idsOf, type Unit } from "./units";
import { useFulfilmentActions } from "./useFulfilmentActions";
import { useOrdersData } from "./useOrdersData";
import { isFiltered, useOrdersQuery } from "./useOrdersQuery";

// 25 a page: each unit brings its pack's orders, and a live refetch spends the query-cost budget.
const PAGE_SIZE = 25;

export function OrdersScreen() {
  return (
    <Suspense fallback={<Loading />}>
      <Orders />
    </Suspense>
  );
}

function Orders() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const canOperate = capabilitiesOf(me.role, me.authMethod).operate;
  const { filters, openId, bench, write } = useOrdersQuery();
  const pages = useCursorPages(PAGE_SIZE);
  const filterKey = JSON.stringify(filters);
  const { reset } = pages;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [pickListIds, setPickListIds] = useState<string[] | null>(null);
  // Another filter is another list: it starts on its first page, with nothing selected.
  useEffect(() => {
    reset();
    setSelected(new Set());
  }, [filterKey, reset]);

  const stableFilters = useMemo(() => JSON.parse(filterKey) as typeof filters, [filterKey]);
  const data = useOrdersData(stableFilters, pages.variables, i18n.timeZone);
  const units = data.units;
  const [accountsResult] = useQuery({ query: OrdersAccountsQuery });
  const accounts = useKept(accountsResult)?.meliAccounts.nodes ?? [];
  const accountName = useCallback((id: string) => accounts.find((a) => a.id === id)?.nickname ?? t("common.none"), [accounts, t]);
  const actions = useFulfilmentActions(i18n, data.refetch);
  const unitName = useUnitName();

  const chosen = useMemo(() => (units ?? []).filter((unit) => selected.has(unit.key)), [units, selected]);
  const toggle = useCallback(
    (key: string) =>
      setSelected((current) => {
        const next = new Set(current);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );
  const allSelected = Boolean(units?.length) && chosen.length === units?.length;
  const toggleAll = useCallback(
    () => setSelected(allSelected ? new Set() : new Set((units ?? []).map((unit) => unit.key))),
    [allSelected, units],
  );
  const columns = useUnitColumns({
    selectable: true,
    selected,
    allSelected,
    someSelected: chosen.length > 0,
    onToggle: toggle,
    onToggleAll: toggleAll,
    onView: (id) => write({ pedido: id }),
    accountName,
    showAccount: accounts.length > 1,
  });

  // An id in a per-id error is a shipment or an order: said as its unit's name.
  const nameOf = useCallback(
    (id: string) => {
      const unit = (units ?? []).find((u: Unit) => u.shipment?.id === id || u.orders.some((order) => order.id === id));
      return unit ? unitName(unit) : id;
    },
    [units, unitName],
  );
  const shipmentIds = chosen.flatMap((unit) => (unit.shipment ? [unit.shipment.id] : []));
  const meliAccountIds = stableFilters.conta ? [stableFilters.conta] : null;

  return (
    <>
      <PageHeader
        title={t("ordersPage.title")}
        description={t("ordersPage.description")}
        actions={canOperate ? <BenchButton active={bench} onClick={() => write({ bancada: bench ? null : "1" })} /> : undefined}
      />
      <Stack gap="lg">
        {!canOperate && (
          <Alert color="gray" variant="light" icon={<IconLock aria-hidden />} data-testid="orders-read-only">
            {t("ordersPage.readOnly", { role: i18n.label("integrations.role.", me.role) })}
          </Alert>
        )}
        {bench && canOperate && (
          <ScanBench meliAccountIds={meliAccountIds} mark={(target, ids) => actions.mark(target, ids, true)} onClose={() => write({ bancada: null })} />
        )}
        <OrderFilters filters={filters} accounts={accounts} write={write} />
        <SelectionBar
          count={chosen.length}
          canOperate={canOperate}
          busy={actions.busy}
          onPickList={() => setPickListIds(shipmentIds)}
          onPrint={(format) => void actions.print(format, shipmentIds)}
          onMark={(target) => void actions.mark(target, chosen.flatMap(idsOf))}
          onClear={() => setSelected(new Set())}
        />
        {actions.result && <ActionResultPanel result={actions.result} nameOf={nameOf} onClose={actions.clear} />}
        <Paper p="md" component="section" aria-labelledby="orders-heading">
          <Title order={2} size="h4" id="orders-heading" mb={4}>
            {t("ordersPage.list.title")}
          </Title>
          {data.error && !units ? (
            <LoadError error={data.error} onRetry={data.refetch} />
          ) : !units ? (
            <Loading />
          ) : (
            <>
              <DataTable
                data={units}
                columns={columns}
                getRowId={(unit) => unit.key}
                caption={i18n.plural("ordersPage.table.caption", data.totalCount)}
                empty={isFiltered(filters) ? t("ordersPage.table.emptyFiltered") : t("ordersPage.table.empty")}
                testId="orders-table"
                minWidth={960}
                rowProps={(row) => ({
                  "data-testid": "unit",
                  "data-unit": row.original.key,
                  "data-pack": row.original.packId ?? undefined,
                  "data-state": row.original.state,
                  "data-shipment": row.original.shipment?.mlId ?? undefined,
                  "data-orders": row.original.orders.map((order) => order.mlId).join(" "),
                  bg: selected.has(row.original.key) ? "meliBlue.0" : undefined,
                })}
              />
              <Pager
                page={pages.page}
                hasNextPage={data.hasNextPage}
                totalCount={data.totalCount}
                onNext={() => pages.next(data.endCursor)}
                onPrevious={pages.previous}
              />
            </>
          )}
        </Paper>
      </Stack>
      <PickListModal shipmentIds={pickListIds} onClose={() => setPickListIds(null)} />
      <OrderDrawer orderId={openId} onClose={() => write({ pedido: null })} />
    </>
  );
}
