"use client";

import { Button, Group, Modal, Stack, Table, Text } from "@mantine/core";
import { useI18n } from "@/i18n/I18nProvider";
import { conflictFields, variationName, type FieldValue } from "./edits";
import type { Conflict } from "./useListingSaves";

interface Props {
  conflict: Conflict | null;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

/**
 * The edit met a newer version (Mercado Livre's or a colleague's): nothing was sent. The user sees
 * what they saw, what they typed and what is there now, and chooses; closing is taking theirs.
 */
export function ConflictDialog({ conflict, onKeepMine, onTakeTheirs }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const fields = conflict ? conflictFields(conflict.edit, conflict.seen, conflict.current) : [];
  const currency = conflict?.current.price?.currency ?? "BRL";

  const nameOf = (field: FieldValue) => {
    if (field.key === "price") return t("field.price");
    if (field.key === "availableQuantity") return t("field.availableQuantity");
    if (field.key === "status") return t("field.status");
    const variation = conflict?.current.variations.find((v) => v.id === field.variationId);
    return t("field.variationStock", { variation: variation ? variationName(variation) : "?" });
  };
  const valueOf = (field: FieldValue, value: string) => {
    if (value === "") return t("common.none");
    if (field.key === "price") return i18n.moneyOf(value, currency);
    if (field.key === "status") return i18n.label("listings.status.", value);
    return value;
  };

  return (
    <Modal
      opened={conflict !== null}
      onClose={onTakeTheirs}
      title={t("conflict.title")}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
      data-testid="listing-conflict"
    >
      {conflict ? (
        <Stack gap="md" data-testid="listing-conflict-body" data-updated-at={conflict.current.updatedAt}>
          <Text size="sm">{t("conflict.body", { title: conflict.current.title })}</Text>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("conflict.col.field")}</Table.Th>
                <Table.Th>{t("conflict.col.seen")}</Table.Th>
                <Table.Th>{t("conflict.col.mine")}</Table.Th>
                <Table.Th>{t("conflict.col.theirs")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.map((field) => (
                <Table.Tr key={field.key} data-testid={`conflict-field-${field.key}`}>
                  <Table.Td>{nameOf(field)}</Table.Td>
                  <Table.Td>{valueOf(field, field.seen)}</Table.Td>
                  <Table.Td fw={600} data-testid={`conflict-mine-${field.key}`}>
                    {valueOf(field, field.mine)}
                  </Table.Td>
                  <Table.Td fw={600} data-testid={`conflict-theirs-${field.key}`} data-value={field.theirs}>
                    {valueOf(field, field.theirs)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onTakeTheirs} data-testid="conflict-take-theirs">
              {t("conflict.takeTheirs")}
            </Button>
            <Button onClick={onKeepMine} data-testid="conflict-keep-mine">
              {t("conflict.keepMine")}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
