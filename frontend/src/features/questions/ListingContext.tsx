"use client";

import { Anchor, Group, Image, Stack, Table, Text } from "@mantine/core";
import { IconExternalLink } from "@tabler/icons-react";
import type { QuestionsContextQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";

type Listing = NonNullable<NonNullable<QuestionsContextQuery["question"]>["listing"]>;

// Shown while the picture loads and where Mercado Livre's image host cannot be reached.
const NO_PICTURE =
  "data:image/svg+xml;utf8," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">' +
      '<rect width="96" height="96" rx="12" fill="#f1f3f5"/>' +
      '<path d="M28 64l14-18 10 12 7-8 9 14z" fill="#adb5bd"/><circle cx="60" cy="36" r="6" fill="#adb5bd"/></svg>',
  );

/** Mercado Livre's thumbnails come as http://; its image host serves the same picture over https. */
function secure(url: string | null | undefined): string | null {
  return url ? url.replace(/^http:\/\//, "https://") : null;
}

/** What the buyer is looking at: picture, title, price, stock, and each variation's stock. */
export function ListingContext({ listing, itemMlId }: { listing: Listing | null | undefined; itemMlId: string }) {
  const { t, money, number, label } = useI18n();
  if (!listing) {
    return (
      <Text size="sm" c="dimmed" data-testid="question-listing-missing">
        {t("questions.listing.missing", { id: itemMlId })}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="question-listing">
      <Group gap="md" wrap="nowrap" align="flex-start">
        <Image
          src={secure(listing.thumbnail) ?? NO_PICTURE}
          fallbackSrc={NO_PICTURE}
          alt={t("questions.listing.picture", { title: listing.title })}
          w={88}
          h={88}
          radius="md"
          fit="contain"
          style={{ flexShrink: 0 }}
        />
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text fw={600} lineClamp={2} data-testid="question-listing-title">
            {listing.title}
          </Text>
          <Group gap="lg">
            <Text size="lg" fw={700} data-testid="question-listing-price">
              {money(listing.price)}
            </Text>
            <Text size="sm" data-testid="question-listing-stock">
              {t("questions.listing.stock", { count: number(listing.availableQuantity) })}
            </Text>
            <Text size="sm" c="dimmed">
              {t("questions.listing.sold", { count: number(listing.soldQuantity) })}
            </Text>
          </Group>
          <Group gap="md">
            <Text size="xs" c="dimmed">
              {listing.mlId} · {label("questions.listingStatus.", listing.status)}
            </Text>
            {listing.permalink && (
              <Anchor href={listing.permalink} target="_blank" rel="noreferrer" size="xs" data-testid="question-listing-link">
                <Group gap={4} component="span" wrap="nowrap">
                  {t("questions.listing.open")}
                  <IconExternalLink size={12} aria-hidden />
                </Group>
              </Anchor>
            )}
          </Group>
        </Stack>
      </Group>
      {listing.variations.length > 0 && (
        <Table
          withTableBorder
          verticalSpacing={4}
          fz="xs"
          data-testid="question-listing-variations"
          aria-label={t("questions.listing.variations")}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("questions.listing.variation")}</Table.Th>
              <Table.Th ta="right">{t("questions.listing.price")}</Table.Th>
              <Table.Th ta="right">{t("questions.listing.available")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {listing.variations.map((variation) => (
              <Table.Tr key={variation.id} c={variation.availableQuantity === 0 ? "red.9" : undefined}>
                <Table.Td>
                  {variation.attributes.map((attribute) => `${attribute.name}: ${attribute.value ?? "—"}`).join(" · ")}
                </Table.Td>
                <Table.Td ta="right">{money(variation.price ?? listing.price)}</Table.Td>
                <Table.Td ta="right">{number(variation.availableQuantity)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
