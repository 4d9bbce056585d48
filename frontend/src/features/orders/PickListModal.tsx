"use client";

import { Avatar, Button, Group, Modal, Stack, Table, Text } from "@mantine/core";
import { IconFileTypePdf, IconPhoto } from "@tabler/icons-react";
import { useQuery } from "urql";
import { LoadError, Loading } from "@/components/data/QueryState";
import { useI18n } from "@/i18n/I18nProvider";
import { PickListQuery } from "./queries";

/** The selection's pick list: one line per listing, variation and SKU, and its printable PDF. */
export function PickListModal({ shipmentIds, onClose }: { shipmentIds: string[] | null; onClose: () => void }) {
  const { t } = useI18n();
  const opened = shipmentIds !== null;
  return (
    <Modal opened={opened} onClose={onClose} title={t("ordersPage.pickList.title")} size="xl" closeButtonProps={{ "aria-label": t("common.close") }}>
      {shipmentIds && shipmentIds.length === 0 && <Text size="sm">{t("ordersPage.pickList.noShipment")}</Text>}
      {shipmentIds && shipmentIds.length > 0 && <PickListBody shipmentIds={shipmentIds} />}
    </Modal>
  );
}

function PickListBody({ shipmentIds: ids }: { shipmentIds: string[] }) {
    const { t, number } = useI18n();
    const [result, refetch] = useQuery({ query: PickListQuery, variables: { shipmentIds: ids }, requestPolicy: "network-only" });
    const pickList = result.data?.pickList;
    if (result.error && !pickList) return <LoadError error={result.error} onRetry={() => refetch()} />;
    if (!pickList) return <Loading />;
    return (
      <Stack gap="sm" data-testid="pick-list">
        <Group justify="space-between">
          <Text size="sm" c="gray.8" data-testid="pick-list-summary">
            {t(pickList.shipments.length === 1 ? "ordersPage.pickList.summary.one" : "ordersPage.pickList.summary.other", {
              count: number(pickList.shipments.length),
              units: number(pickList.totalUnits),
            })}
          </Text>
          <Button
            component="a"
            href={pickList.download.url}
            target="_blank"
            rel="noopener"
            size="xs"
            color="meliBlue.8"
            leftSection={<IconFileTypePdf size={14} aria-hidden />}
            data-testid="pick-list-pdf"
          >
            {t("ordersPage.pickList.pdf")}
          </Button>
        </Group>
        <Table verticalSpacing="xs" data-testid="pick-list-table">
          <Table.Caption style={{ captionSide: "top", textAlign: "start" }}>{t("ordersPage.pickList.caption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("ordersPage.pickList.col.item")}</Table.Th>
              <Table.Th scope="col">{t("ordersPage.pickList.col.sku")}</Table.Th>
              <Table.Th scope="col" ta="end">
                {t("ordersPage.pickList.col.quantity")}
              </Table.Th>
              <Table.Th scope="col">{t("ordersPage.pickList.col.orders")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pickList.lines.map((line) => (
              <Table.Tr
                key={`${line.itemMlId}-${line.variationMlId ?? ""}-${line.sku ?? ""}`}
                data-testid="pick-line"
                data-sku={line.sku ?? ""}
                data-quantity={line.quantity}
              >
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <Avatar src={line.thumbnail} alt="" radius="sm" size={40}>
                      <IconPhoto size={18} aria-hidden />
                    </Avatar>
                    <Stack gap={0}>
                      <Text size="sm">{line.title}</Text>
                      {line.variationLabel && (
                        <Text size="xs" c="dimmed">
                          {line.variationLabel}
                        </Text>
                      )}
                    </Stack>
                  </Group>
                </Table.Td>
                <Table.Td ff="monospace">{line.sku ?? t("ordersPage.pickList.noSku")}</Table.Td>
                <Table.Td ta="end" fw={700}>
                  {number(line.quantity)}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{line.orders.map((order) => `#${order.mlId}`).join(", ")}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    );
  }
