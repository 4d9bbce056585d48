"use client";

import { Button, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { ToneBadge } from "@/components/data/ToneBadge";
import type { ListingsHistoryQuery } from "./gql/graphql";
import { useI18n, type I18n } from "@/i18n/I18nProvider";
import { variationName } from "./edits";
import { ListingDrawerFrame, useLiveListing } from "./ListingDrawer";
import { ListingHistoryQuery } from "./queries";

const PAGE = 50;

type Shown = NonNullable<ListingsHistoryQuery["listing"]>;
type Change = Shown["changes"]["nodes"][number];

/** "Estoque · Cor: Preto" from "variation:<mlId>.availableQuantity". */
function fieldName(i18n: I18n, listing: Shown, field: string): string {
  const match = /^variation:(\d+)(?:\.(\w+))?$/.exec(field);
  if (!match) {
    const key = `field.${field}`;
    return i18n.has(key) ? i18n.t(key) : field;
  }
  const variation = listing.variations.find((v) => v.mlId === match[1]);
  const name = variation ? variationName({ ...variation, sku: null }) : match[1];
  if (match[2] === "price") return i18n.t("field.variationPrice", { variation: name });
  if (match[2] === "availableQuantity") return i18n.t("field.variationStock", { variation: name });
  return i18n.t("field.variationAdded", { variation: name });
}

function valueText(i18n: I18n, field: string, value: string | null | undefined): string {
  if (value == null) return i18n.t("common.none");
  if (field.endsWith("status")) return i18n.label("listings.status.", value);
  if (field.endsWith("price")) return i18n.moneyOf(value, "BRL");
  return value;
}

function actorText(i18n: I18n, change: Change): string {
  if (!change.actor) return change.source === "MERCADO_LIVRE" ? i18n.t("history.source.MERCADO_LIVRE") : i18n.t("common.none");
  if (change.actor.kind === "API_TOKEN") return i18n.t("history.apiToken");
  return change.actor.user?.name || change.actor.user?.email || i18n.t("history.formerMember");
}

/** A listing's changes, newest first: through melihub (who) or seen from Mercado Livre. */
export function HistoryDrawer({ listingId, onClose }: { listingId: string | null; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [first, setFirst] = useState(PAGE);
  const live = useLiveListing(ListingHistoryQuery, { id: listingId ?? "", first }, listingId);
  const { listing } = live;

  return (
    <ListingDrawerFrame
      live={live}
      opened={listingId !== null}
      onClose={onClose}
      title={listing ? t("history.title", { title: listing.title }) : t("history.loading")}
      notFound={t("history.notFound")}
    >
      {(listing) => (
        <Stack gap="sm" data-testid="listing-history" data-ml-id={listing.mlId}>
          {listing.changes.nodes.length === 0 ? (
            <Text size="sm">{t("history.empty")}</Text>
          ) : (
            <Table striped withTableBorder verticalSpacing={6}>
              <caption style={{ captionSide: "top", textAlign: "left" }}>
                <Text size="sm" c="dimmed">
                  {i18n.plural("history.caption", listing.changes.totalCount)}
                </Text>
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("history.col.at")}</Table.Th>
                  <Table.Th>{t("history.col.field")}</Table.Th>
                  <Table.Th>{t("history.col.change")}</Table.Th>
                  <Table.Th>{t("history.col.source")}</Table.Th>
                  <Table.Th>{t("history.col.actor")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {listing.changes.nodes.map((change, index) => (
                  <Table.Tr
                    key={`${change.at}-${change.field}-${index}`}
                    data-testid="history-change"
                    data-field={change.field}
                    data-from={change.from ?? ""}
                    data-to={change.to ?? ""}
                    data-source={change.source}
                  >
                    <Table.Td>
                      <Text size="sm">{i18n.dateTime(change.at)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{fieldName(i18n, listing, change.field)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {valueText(i18n, change.field, change.from)} → <b>{valueText(i18n, change.field, change.to)}</b>
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <ToneBadge tone={change.source === "MELIHUB" ? "info" : "neutral"}>
                        {t(`history.source.${change.source}`)}
                      </ToneBadge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{actorText(i18n, change)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {listing.changes.pageInfo.hasNextPage ? (
            <Button variant="default" onClick={() => setFirst((n) => n + PAGE)} loading={live.fetching}>
              {t("history.more")}
            </Button>
          ) : null}
        </Stack>
      )}
    </ListingDrawerFrame>
  );
}
