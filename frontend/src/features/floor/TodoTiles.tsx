"use client";

import { SimpleGrid, Skeleton } from "@mantine/core";
import { IconAlertTriangle, IconMessageQuestion, IconPackageOff, IconTruckDelivery } from "@tabler/icons-react";
import { StatTile } from "@/components/data/StatTile";
import { useNow } from "@/components/data/Time";
import type { FloorFiguresQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";

/** What needs doing now: shipments due today and late, unanswered questions, listings out of stock. */
export function TodoTiles({ floor, across }: { floor: FloorFiguresQuery["floor"] | undefined; across: 2 | 4 }) {
  const { t, number, relative, dateTime } = useI18n();
  const now = useNow(30_000);
  if (!floor) {
    return (
      <SimpleGrid cols={{ base: 1, xs: 2, lg: across }} spacing="md">
        {[0, 1, 2, 3].map((key) => (
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
      />
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
      />
      <StatTile
        testId="floor-out-of-stock"
        label={t("floor.outOfStock.label")}
        value={number(floor.listingsOutOfStock)}
        hint={floor.listingsOutOfStock > 0 ? t("floor.outOfStock.some") : t("floor.outOfStock.none")}
        icon={<IconPackageOff size={18} />}
        tone={floor.listingsOutOfStock > 0 ? "warning" : "success"}
      />
    </SimpleGrid>
  );
}
