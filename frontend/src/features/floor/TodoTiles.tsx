"use client";

import { Anchor, Group, SimpleGrid, Skeleton } from "@mantine/core";
import {
  IconAlertTriangle,
  IconArrowRight,
  IconMessageQuestion,
  IconPackageOff,
  IconTruckDelivery,
  IconTruckReturn,
} from "@tabler/icons-react";
import Link from "next/link";
import { StatTile } from "@/components/data/StatTile";
import { useNow } from "@/components/data/Time";
import type { FloorFiguresQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";

type Exceptions = FloorFiguresQuery["floor"]["shipmentExceptions"];
const EXCEPTION_LINKS = [
  ["NOT_DELIVERED", "notDelivered"],
  ["RETURNING", "returning"],
  ["CANCELLED_AFTER_LABEL", "cancelledAfterLabel"],
] as const;

/** Shipments gone wrong after dispatch (late ones have their own tile), each kind a link to /pedidos. */
function ExceptionsTile({ exceptions }: { exceptions: Exceptions }) {
  const { t, number } = useI18n();
  const total = exceptions.notDelivered + exceptions.returning + exceptions.cancelledAfterLabel;
  return (
    <StatTile
      testId="floor-shipment-exceptions"
      label={t("floor.exceptions.label")}
      value={number(total)}
      hint={total > 0 ? t("floor.exceptions.some") : t("floor.exceptions.none")}
      icon={<IconTruckReturn size={18} />}
      tone={total > 0 ? "danger" : "success"}
    >
      {EXCEPTION_LINKS.filter(([, field]) => exceptions[field] > 0).map(([code, field]) => (
        <Anchor key={code} component={Link} href={`/pedidos/?excecao=${code}`} size="xs" fw={500} data-testid={`floor-exception-${code}`}>
          <Group gap={4} component="span" wrap="nowrap">
            {t(`floor.exceptions.${code}`, { count: number(exceptions[field]) })}
            <IconArrowRight size={12} aria-hidden />
          </Group>
        </Anchor>
      ))}
    </StatTile>
  );
}

/** What needs doing now: shipments due today and late, unanswered questions, listings out of stock. */
export function TodoTiles({ floor, across }: { floor: FloorFiguresQuery["floor"] | undefined; across: 2 | 4 }) {
  const { t, number, relative, dateTime } = useI18n();
  const now = useNow(30_000);
  if (!floor) {
    return (
      <SimpleGrid cols={{ base: 1, xs: 2, lg: across }} spacing="md">
        {[0, 1, 2, 3, 4].map((key) => (
          <Skeleton key={key} h={112} radius="lg" />
        ))}
      </SimpleGrid>
    );
  }
  const oldest = floor.oldestUnansweredQuestionAt;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, lg: across }} spacing="md">
      <StatTile
        testId="floor-shipments-today"
        label={t("floor.shipmentsToday.label")}
        value={number(floor.shipmentsToDispatchToday)}
        hint={floor.shipmentsToDispatchToday > 0 ? t("floor.shipmentsToday.some") : t("floor.shipmentsToday.none")}
        icon={<IconTruckDelivery size={18} />}
        tone={floor.shipmentsToDispatchToday > 0 ? "info" : "neutral"}
      />
      <StatTile
        testId="floor-shipments-late"
        label={t("floor.shipmentsLate.label")}
        value={number(floor.shipmentsLate)}
        hint={floor.shipmentsLate > 0 ? t("floor.shipmentsLate.some") : t("floor.shipmentsLate.none")}
        icon={<IconAlertTriangle size={18} />}
        tone={floor.shipmentsLate > 0 ? "danger" : "success"}
      >
        {floor.shipmentsLate > 0 && (
          <Anchor component={Link} href="/pedidos/?excecao=LATE_TO_DISPATCH" size="xs" fw={500} data-testid="floor-shipments-late-link">
            <Group gap={4} component="span" wrap="nowrap">
              {t("floor.exceptions.LATE_TO_DISPATCH")}
              <IconArrowRight size={12} aria-hidden />
            </Group>
          </Anchor>
        )}
      </StatTile>
      <StatTile
        testId="floor-unanswered"
        label={t("floor.unanswered.label")}
        value={number(floor.unansweredQuestions)}
        hint={
          floor.unansweredQuestions > 0 && oldest ? (
            <time dateTime={oldest} title={dateTime(oldest)} data-testid="floor-unanswered-oldest">
              {t("floor.unanswered.oldest", { when: relative(oldest, now) })}
            </time>
          ) : (
            t("floor.unanswered.none")
          )
        }
        icon={<IconMessageQuestion size={18} />}
        tone={floor.unansweredQuestions > 0 ? "warning" : "success"}
      >
        <Anchor component={Link} href="/perguntas/" size="xs" fw={500} data-testid="floor-unanswered-link">
          <Group gap={4} component="span" wrap="nowrap">
            {t("nav.questions")}
            <IconArrowRight size={12} aria-hidden />
          </Group>
        </Anchor>
      </StatTile>
      <StatTile
        testId="floor-out-of-stock"
        label={t("floor.outOfStock.label")}
        value={number(floor.listingsOutOfStock)}
        hint={floor.listingsOutOfStock > 0 ? t("floor.outOfStock.some") : t("floor.outOfStock.none")}
        icon={<IconPackageOff size={18} />}
        tone={floor.listingsOutOfStock > 0 ? "warning" : "success"}
      />
      <ExceptionsTile exceptions={floor.shipmentExceptions} />
    </SimpleGrid>
  );
}
