"use client";

import { Button, Grid, Group, Paper, Select, SimpleGrid, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconPlugConnected } from "@tabler/icons-react";
import Link from "next/link";
import { useEffect, useId, useMemo, useState } from "react";
import { PageHeader } from "@/components/data/PageHeader";
import { LoadError } from "@/components/data/QueryState";
import { todayIn } from "@/features/reports/today";
import { useI18n } from "@/i18n/I18nProvider";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import { AccountsHealth } from "./AccountsHealth";
import {
  FloorAccountChanged,
  FloorAccountsQuery,
  FloorEventChanged,
  FloorEventsQuery,
  FloorFiguresQuery,
  FloorListingChanged,
  FloorOrderChanged,
  FloorQuestionChanged,
  FloorRecentOrdersQuery,
  FloorSalesKpisQuery,
  FloorShipmentChanged,
  FloorSyncProgress,
} from "./documents";
import { EventsTicker } from "./EventsTicker";
import { OrdersTicker } from "./OrdersTicker";
import { currenciesOf, SalesTiles } from "./SalesTiles";
import { TodoTiles } from "./TodoTiles";

const ALL = "all";
const FIGURES_EVERY_MS = 60_000;
// A sale shows in the tiles this soon after its orderChanged (a burst of changes is read once more at its end).
const SALES_THROTTLE_MS = 300;

function Onboarding() {
  const { t } = useI18n();
  return (
    <Paper p="xl" data-testid="floor-onboarding">
      <Stack align="center" gap="sm" maw={520} mx="auto" ta="center">
        <ThemeIcon size={48} radius="xl" variant="light" color="meliBlue" aria-hidden>
          <IconPlugConnected size={26} />
        </ThemeIcon>
        <Title order={2} size="h3">
          {t("floor.onboarding.title")}
        </Title>
        <Text c="dimmed">{t("floor.onboarding.body")}</Text>
        <Button component={Link} href="/integracoes/">
          {t("floor.onboarding.action")}
        </Button>
      </Stack>
    </Paper>
  );
}

function SectionTitle({ id, children }: { id: string; children: string }) {
  return (
    <Title order={2} size="h4" id={id} mb="sm">
      {children}
    </Title>
  );
}

/** The floor (`/`): today's sales and what needs doing now, across the accounts in view, live. */
export function FloorScreen() {
  const { t, dateTime, timeZone } = useI18n();
  const salesHeading = useId();
  const todoHeading = useId();
  const [scope, setScope] = useState<string>(ALL);
  const meliAccountIds = scope === ALL ? null : [scope];
  const accountVariables = { meliAccountIds };
  const listVariables = { filter: meliAccountIds ? { meliAccountIds } : null };

  // Each block refetches (throttled) when a change it shows arrives, and after every reconnect.
  const [figures, refetchFigures] = useLiveQuery({ query: FloorFiguresQuery, variables: accountVariables }, [
    liveTrigger(FloorOrderChanged, accountVariables),
    liveTrigger(FloorShipmentChanged, accountVariables),
    liveTrigger(FloorQuestionChanged, accountVariables),
    liveTrigger(FloorListingChanged, accountVariables),
  ]);
  // Today in the tenant's zone; read again with the figures, so the tiles start a new day at midnight.
  const [today, setToday] = useState(() => todayIn(timeZone));
  const salesVariables = { range: { from: today, to: today }, meliAccountIds };
  const [salesKpis, refetchSales] = useLiveQuery(
    { query: FloorSalesKpisQuery, variables: salesVariables },
    [liveTrigger(FloorOrderChanged, accountVariables)],
    SALES_THROTTLE_MS,
  );
  const [recent] = useLiveQuery(
    { query: FloorRecentOrdersQuery, variables: listVariables },
    [liveTrigger(FloorOrderChanged, accountVariables)],
  );
  const [accounts] = useLiveQuery(
    { query: FloorAccountsQuery },
    [liveTrigger(FloorAccountChanged, {}), liveTrigger(FloorSyncProgress, {})],
    2_000, // syncProgress ticks about once a second per running account; the bar moves on its own
  );
  const [events] = useLiveQuery(
    { query: FloorEventsQuery, variables: listVariables },
    [liveTrigger(FloorEventChanged, accountVariables)],
  );

  // The same-hour comparison moves with the clock (and today ends at midnight): read it again now and then.
  useEffect(() => {
    const timer = setInterval(() => {
      refetchFigures();
      refetchSales();
      setToday(todayIn(timeZone));
    }, FIGURES_EVERY_MS);
    return () => clearInterval(timer);
  }, [refetchFigures, refetchSales, timeZone]);
  useEffect(() => setToday(todayIn(timeZone)), [timeZone]);

  const floor = useKept(figures, accountVariables)?.floor;
  const sales = useKept(salesKpis, salesVariables)?.kpis;
  const recentOrders = useKept(recent, listVariables)?.orders.nodes;
  const accountList = useKept(accounts)?.meliAccounts.nodes;
  const eventList = useKept(events, listVariables)?.integrationEvents.nodes;

  // An account that left (unlinked, or no longer the member's) takes the view back to every account.
  useEffect(() => {
    if (scope !== ALL && accountList && !accountList.some((account) => account.id === scope)) setScope(ALL);
  }, [scope, accountList]);

  const accountNames = useMemo(
    () => new Map((accountList ?? []).map((account) => [account.id, account.nickname])),
    [accountList],
  );
  const scopeOptions = useMemo(
    () => [
      { value: ALL, label: t("floor.scope.all") },
      ...(accountList ?? []).map((account) => ({ value: account.id, label: account.nickname })),
    ],
    [accountList, t],
  );

  const actions = (
    <Group gap="md" wrap="nowrap">
      {floor && (accountList?.length ?? 0) > 0 && (
        <Text size="xs" c="dimmed" data-testid="floor-updated">
          <time dateTime={floor.generatedAt}>{t("floor.updatedAt", { time: dateTime(floor.generatedAt, "time") })}</time>
        </Text>
      )}
      {(accountList?.length ?? 0) > 1 && (
        <Select
          size="sm"
          w={220}
          data={scopeOptions}
          value={scope}
          onChange={(value) => setScope(value ?? ALL)}
          allowDeselect={false}
          aria-label={t("floor.scope.label")}
          data-testid="floor-scope"
        />
      )}
    </Group>
  );

  const oneCurrency = (sales ? currenciesOf(sales).length : 1) <= 1;
  const noAccounts = accountList !== undefined && accountList.length === 0;
  const figuresError = (!floor && figures.error) || (!sales && salesKpis.error);

  return (
    <>
      <PageHeader title={t("floor.title")} description={t("floor.description")} actions={actions} />
      {noAccounts ? (
        <Onboarding />
      ) : (
        <Stack gap="lg">
          {figuresError && (
            <LoadError
              error={figuresError}
              onRetry={() => {
                refetchFigures();
                refetchSales();
              }}
            />
          )}
          <Grid gap="lg">
            {/* One currency: its card beside the four tiles; more: a row of cards, then the tiles. */}
            <Grid.Col span={{ base: 12, lg: oneCurrency ? 7 : 12 }}>
              <Stack component="section" gap={0} h="100%" aria-labelledby={salesHeading} data-testid="floor-orders-today">
                <SectionTitle id={salesHeading}>{t("floor.sales.title")}</SectionTitle>
                <SalesTiles report={sales} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: oneCurrency ? 5 : 12 }}>
              <section aria-labelledby={todoHeading} data-testid="floor-todo">
                <SectionTitle id={todoHeading}>{t("floor.todo.title")}</SectionTitle>
                <TodoTiles floor={floor} across={oneCurrency ? 2 : 4} />
              </section>
            </Grid.Col>
          </Grid>
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <OrdersTicker key={scope} orders={recentOrders} accountNames={scope === ALL ? accountNames : new Map()} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 1 }} spacing="lg">
                <AccountsHealth accounts={accountList} />
                <EventsTicker events={eventList} />
              </SimpleGrid>
            </Grid.Col>
          </Grid>
        </Stack>
      )}
    </>
  );
}
