"use client";

import { Alert, Button, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { useI18n } from "@/i18n/I18nProvider";
import { priceText, quantityOf, variationName, type Draft, type Listing } from "./edits";

interface Props {
  listing: Listing;
  draft: Draft;
  errors: Record<string, string>;
  editable: boolean;
  dirty: boolean;
  saving: boolean;
  onDraft: (change: (draft: Draft) => Draft) => void;
  onSave: () => void;
  onUndo: () => void;
}

/** A listing's variations: each one's stock, and the one price Mercado Livre keeps for all of them. */
export function VariationsPanel({ listing, draft, errors, editable, dirty, saving, onDraft, onSave, onUndo }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const headingId = `variations-heading-${listing.mlId}`;
  const stockOf = (id: string, fallback: number) => draft.variationStock[id] ?? String(fallback);
  // The listing's stock as it will be once saved: the sum of its variations' (as typed).
  const total = listing.variations.reduce(
    (sum, variation) => sum + (quantityOf(stockOf(variation.id, variation.availableQuantity)) ?? variation.availableQuantity),
    0,
  );
  const currency = listing.price?.currency ?? "BRL";

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={3} size="h5" id={headingId}>
        {t("listings.var.title", { title: listing.title })}
      </Title>
      <Alert color="meliBlue" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs">
        <Text size="sm">{t("listings.var.rule")}</Text>
      </Alert>
      <Group align="flex-end" gap="md">
        {editable ? (
          <TextInput
            size="xs"
            w={180}
            inputMode="decimal"
            label={t("listings.var.price")}
            value={draft.price ?? priceText(listing.price?.amount, i18n.locale)}
            onChange={(event) => {
              const value = event.currentTarget.value;
              onDraft((old) => ({ ...old, price: value }));
            }}
            leftSection={<Text size="xs">{currency === "BRL" ? "R$" : currency}</Text>}
            error={errors.price}
            data-testid={`variations-price-${listing.mlId}`}
          />
        ) : (
          <Text size="sm">
            {t("listings.var.price")}: {i18n.money(listing.price)}
          </Text>
        )}
        <Text size="sm" fw={600} data-testid={`variations-total-${listing.mlId}`}>
          {t("listings.var.total", { count: total })}
        </Text>
      </Group>
      <Table withTableBorder bg="white" verticalSpacing={6} data-testid={`variations-table-${listing.mlId}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("listings.var.col.variation")}</Table.Th>
            <Table.Th>{t("listings.var.col.sku")}</Table.Th>
            <Table.Th>{t("listings.var.col.sold")}</Table.Th>
            <Table.Th>{t("listings.var.col.stock")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {listing.variations.map((variation) => {
            const name = variationName(variation);
            return (
              <Table.Tr key={variation.id} data-testid={`variation-${variation.mlId}`} data-stock={variation.availableQuantity}>
                <Table.Td>
                  <Text size="sm">{name}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{variation.sku ?? t("common.none")}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{variation.soldQuantity}</Text>
                </Table.Td>
                <Table.Td>
                  {editable ? (
                    <TextInput
                      size="xs"
                      w={90}
                      inputMode="numeric"
                      value={stockOf(variation.id, variation.availableQuantity)}
                      onChange={(event) => {
                        const value = event.currentTarget.value;
                        onDraft((old) => ({ ...old, variationStock: { ...old.variationStock, [variation.id]: value } }));
                      }}
                      aria-label={t("listings.var.stockFor", { variation: name })}
                      error={errors[`stock:${variation.id}`]}
                      data-testid={`variation-stock-${variation.mlId}`}
                    />
                  ) : (
                    <Text size="sm">{variation.availableQuantity}</Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {editable && dirty ? (
        <Group gap="xs">
          <Button
            size="xs"
            onClick={onSave}
            loading={saving}
            aria-label={t("listings.saveFor", { title: listing.title })}
            data-testid={`variations-save-${listing.mlId}`}
          >
            {t("listings.save")}
          </Button>
          <Button size="xs" variant="default" onClick={onUndo} disabled={saving}>
            {t("listings.undo")}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
