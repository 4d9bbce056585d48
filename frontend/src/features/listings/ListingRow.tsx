"use client";

import { ActionIcon, Anchor, Avatar, Button, Group, Stack, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { IconChevronDown, IconChevronRight, IconExternalLink, IconHistory, IconPhoto } from "@tabler/icons-react";
import { RelativeTime } from "@/components/data/Time";
import { ToneBadge } from "@/components/data/ToneBadge";
import { useI18n } from "@/i18n/I18nProvider";
import type { Tone } from "@/theme";
import { EMPTY_DRAFT, editOf, priceText, type Draft, type Listing } from "./edits";
import { ScoreBadge } from "./score/ScoreBadge";
import { VariationsPanel } from "./VariationsPanel";

export const COLUMNS = 9;
const STATUS_TONE: Record<string, Tone> = { active: "success", paused: "warning", closed: "neutral", under_review: "info" };

export interface RowProps {
  listing: Listing;
  accountName: string;
  canEdit: boolean;
  expanded: boolean;
  draft: Draft | undefined;
  errors: Record<string, string> | undefined;
  saving: boolean;
  onToggle: () => void;
  onDraft: (change: (draft: Draft) => Draft) => void;
  onSave: () => void;
  onUndo: () => void;
  onStatus: (status: string) => void;
  onHistory: () => void;
  onScore: () => void;
}

function StatusCell({ listing, canEdit, saving, onStatus }: Pick<RowProps, "listing" | "canEdit" | "saving" | "onStatus">) {
  const { t, label } = useI18n();
  const next = listing.status === "active" ? "paused" : listing.status === "paused" ? "active" : null;
  return (
    <Stack gap={4} align="flex-start">
      <ToneBadge tone={STATUS_TONE[listing.status] ?? "neutral"} data-testid={`listing-status-${listing.mlId}`}>
        {label("listings.status.", listing.status)}
      </ToneBadge>
      {listing.status === "closed" ? (
        <Text size="xs" c="dimmed">
          {t("listings.closedNote")}
        </Text>
      ) : canEdit && next ? (
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray.8"
          disabled={saving}
          onClick={() => onStatus(next)}
          aria-label={t(next === "paused" ? "listings.pauseFor" : "listings.activateFor", { title: listing.title })}
          data-testid={`listing-status-action-${listing.mlId}`}
        >
          {t(next === "paused" ? "listings.pause" : "listings.activate")}
        </Button>
      ) : null}
    </Stack>
  );
}

function TitleCell({ listing, accountName }: { listing: Listing; accountName: string }) {
  const i18n = useI18n();
  const count = listing.variations.length;
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      {/* A picture Mercado Livre's CDN no longer serves falls back to an icon, not a broken image. */}
      <Avatar src={listing.thumbnail} alt="" size={40} radius="sm" color="gray">
        <IconPhoto size={18} aria-hidden />
      </Avatar>
      <div style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} lineClamp={2}>
          {listing.title}
        </Text>
        <Text size="xs" c="dimmed">
          {listing.mlId} · {accountName}
          {listing.sku ? ` · ${listing.sku}` : ""}
          {count > 0 ? ` · ${i18n.plural("listings.variations", count)}` : ""}
        </Text>
      </div>
    </Group>
  );
}

interface EditCellProps {
  listing: Listing;
  draft: Draft;
  errors: Record<string, string>;
  editable: boolean;
  onDraft: RowProps["onDraft"];
}

/** A listing without variations: its price typed here; with variations, the one price shown (set below). */
function PriceCell({ listing, draft, errors, editable, onDraft }: EditCellProps) {
  const i18n = useI18n();
  const currency = listing.price?.currency ?? "BRL";
  if (!editable || listing.variations.length > 0) {
    return (
      <Text size="sm" data-testid={`listing-price-text-${listing.mlId}`}>
        {i18n.money(listing.price)}
      </Text>
    );
  }
  return (
    <TextInput
      size="xs"
      w={112}
      inputMode="decimal"
      value={draft.price ?? priceText(listing.price?.amount, i18n.locale)}
      onChange={(event) => {
        const value = event.currentTarget.value;
        onDraft((old) => ({ ...old, price: value }));
      }}
      leftSection={<Text size="xs">{currency === "BRL" ? "R$" : currency}</Text>}
      aria-label={i18n.t("listings.priceFor", { title: listing.title })}
      error={errors.price}
      data-testid={`listing-price-${listing.mlId}`}
    />
  );
}

/** A listing without variations: its stock typed here; with variations, their sum (each set below). */
function StockCell({ listing, draft, errors, editable, onDraft }: EditCellProps) {
  const { t } = useI18n();
  const hasVariations = listing.variations.length > 0;
  if (!editable || hasVariations) {
    return (
      <Stack gap={0}>
        <Text size="sm" fw={500} data-testid={`listing-stock-text-${listing.mlId}`}>
          {listing.availableQuantity}
        </Text>
        {hasVariations ? (
          <Text size="xs" c="dimmed">
            {t("listings.stockSum")}
          </Text>
        ) : null}
      </Stack>
    );
  }
  return (
    <TextInput
      size="xs"
      w={80}
      inputMode="numeric"
      value={draft.stock ?? String(listing.availableQuantity)}
      onChange={(event) => {
        const value = event.currentTarget.value;
        onDraft((old) => ({ ...old, stock: value }));
      }}
      aria-label={t("listings.stockFor", { title: listing.title })}
      error={errors.availableQuantity}
      data-testid={`listing-stock-${listing.mlId}`}
    />
  );
}

function ActionsCell({ listing, unsaved, props }: { listing: Listing; unsaved: boolean; props: RowProps }) {
  const { t } = useI18n();
  const history = t("listings.historyFor", { title: listing.title });
  return (
    <Group gap={4} wrap="nowrap">
      {unsaved ? (
        <>
          <Button
            size="compact-sm"
            onClick={props.onSave}
            loading={props.saving}
            aria-label={t("listings.saveFor", { title: listing.title })}
            data-testid={`listing-save-${listing.mlId}`}
          >
            {t("listings.save")}
          </Button>
          <Button size="compact-sm" variant="default" onClick={props.onUndo} disabled={props.saving}>
            {t("listings.undo")}
          </Button>
        </>
      ) : null}
      <Tooltip label={history}>
        <ActionIcon variant="subtle" color="gray.8" onClick={props.onHistory} aria-label={history} data-testid={`listing-history-${listing.mlId}`}>
          <IconHistory size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
      {listing.permalink ? (
        <Tooltip label={t("listings.open")}>
          <Anchor href={listing.permalink} target="_blank" rel="noreferrer" aria-label={`${t("listings.open")}: ${listing.title}`} c="gray.8">
            <IconExternalLink size={18} aria-hidden style={{ verticalAlign: "middle" }} />
          </Anchor>
        </Tooltip>
      ) : null}
    </Group>
  );
}

/** One listing: its own fields editable in place (or its variations, expanded below it). */
export function ListingRow(props: RowProps) {
  const { t } = useI18n();
  const { listing, canEdit, expanded, saving } = props;
  const draft = props.draft ?? EMPTY_DRAFT;
  const errors = props.errors ?? {};
  const hasVariations = listing.variations.length > 0;
  const { edit, invalid } = editOf(listing, draft);
  const dirty = edit !== null || invalid.length > 0;
  const editable = canEdit && listing.status !== "closed";
  const cell = { listing, draft, errors, editable, onDraft: props.onDraft };

  return (
    <>
      <Table.Tr
        data-testid={`listing-${listing.mlId}`}
        data-id={listing.id}
        data-updated-at={listing.updatedAt}
        data-stock={listing.availableQuantity}
        data-price={listing.price?.amount ?? ""}
        bg={dirty ? "yellow.0" : undefined}
      >
        <Table.Td w={40}>
          {hasVariations ? (
            <ActionIcon
              variant="subtle"
              color="gray.8"
              onClick={props.onToggle}
              aria-expanded={expanded}
              aria-label={t(expanded ? "listings.collapse" : "listings.expand", { title: listing.title })}
              data-testid={`listing-expand-${listing.mlId}`}
            >
              {expanded ? <IconChevronDown size={18} aria-hidden /> : <IconChevronRight size={18} aria-hidden />}
            </ActionIcon>
          ) : null}
        </Table.Td>
        <Table.Td>
          <TitleCell listing={listing} accountName={props.accountName} />
        </Table.Td>
        <Table.Td ta="center">
          <ScoreBadge score={listing.score} title={listing.title} onOpen={props.onScore} testId={`listing-score-${listing.mlId}`} />
        </Table.Td>
        <Table.Td>
          <StatusCell listing={listing} canEdit={canEdit} saving={saving} onStatus={props.onStatus} />
        </Table.Td>
        <Table.Td>
          <PriceCell {...cell} />
        </Table.Td>
        <Table.Td>
          <StockCell {...cell} />
        </Table.Td>
        <Table.Td>
          <Text size="sm">{listing.soldQuantity}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm" style={{ whiteSpace: "nowrap" }}>
            <RelativeTime iso={listing.updatedAt} />
          </Text>
        </Table.Td>
        <Table.Td>
          <ActionsCell listing={listing} unsaved={dirty && !hasVariations} props={props} />
        </Table.Td>
      </Table.Tr>
      {hasVariations && expanded ? (
        <Table.Tr data-testid={`listing-variations-${listing.mlId}`}>
          <Table.Td colSpan={COLUMNS} bg="gray.0" p="md">
            <VariationsPanel
              listing={listing}
              draft={draft}
              errors={errors}
              editable={editable}
              dirty={dirty}
              saving={saving}
              onDraft={props.onDraft}
              onSave={props.onSave}
              onUndo={props.onUndo}
            />
          </Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
}
