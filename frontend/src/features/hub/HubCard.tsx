"use client";

import { Button, Card, Group, Stack, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconArrowRight, IconLock, IconMapPin } from "@tabler/icons-react";
import { RelativeTime } from "@/components/data/Time";
import { ToneBadge } from "@/components/data/ToneBadge";
import { useI18n, type I18n } from "@/i18n/I18nProvider";
import type { Tone } from "@/theme";
import { lastNotification, type HubCard as Card_ } from "./useHubBoard";

const NOTIFICATION_TONE: Record<string, Tone> = {
  PENDING: "info",
  SENDING: "info",
  SENT: "success",
  RETRYING: "warning",
  FAILED: "danger",
};

/** "Aviso enviado por e-mail", or where it stands; null before the order is ready. */
export function notificationText(i18n: I18n, card: Card_): string | null {
  const last = lastNotification(card);
  if (!last) return card.status === "RECEBIDO" ? null : i18n.t("hub.notification.none");
  const status = i18n.label("hub.notification.", last.status);
  if (!last.channel) return status;
  return i18n.t("hub.notification.via", { status, channel: i18n.label("hub.channel.", last.channel.toLowerCase()) });
}

export function NotificationBadge({ card }: { card: Card_ }) {
  const i18n = useI18n();
  const text = notificationText(i18n, card);
  const last = lastNotification(card);
  if (!text) return null;
  return (
    <ToneBadge tone={NOTIFICATION_TONE[last?.status ?? ""] ?? "neutral"} data-testid="hub-card-notification" data-status={last?.status ?? "NONE"}>
      {text}
    </ToneBadge>
  );
}

/** One order on the board: who picks it up, what it holds, where it is shelved and what it still waits for. */
export function HubCard({
  card,
  canOperate,
  onOpen,
  onMap,
}: {
  card: Card_;
  canOperate: boolean;
  onOpen: (id: string) => void;
  onMap: (sku: string) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const headingId = `hub-card-${card.id}`;
  const shelves = card.volumes.map((volume) => volume.position ?? "").join(",");
  return (
    <Card
      component="article"
      padding="sm"
      radius="md"
      shadow="xs"
      aria-labelledby={headingId}
      data-testid="hub-card"
      data-code={card.code}
      data-status={card.status}
      data-blockers={card.blockers.join(",")}
      data-shelves={shelves}
      data-notification={lastNotification(card)?.status ?? "NONE"}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap={4} wrap="wrap">
          <Text fw={700} size="sm" id={headingId} ff="monospace">
            <VisuallyHidden>{t("hub.card.order")} </VisuallyHidden>
            {card.code}
          </Text>
          {card.status === "PRONTO" && card.readyAt && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
              <RelativeTime iso={card.readyAt} />
            </Text>
          )}
          {card.status === "RETIRADO" && card.pickedUpAt && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
              <RelativeTime iso={card.pickedUpAt} />
            </Text>
          )}
        </Group>
        <Group gap={4} wrap="nowrap">
          {card.recipient.masked && (
            <Tooltip label={t("hub.masked")}>
              <IconLock size={14} aria-label={t("hub.card.maskedName")} role="img" />
            </Tooltip>
          )}
          <Text size="sm" truncate data-testid="hub-card-recipient" data-masked={card.recipient.masked}>
            {card.recipient.name || t("hub.card.noRecipient")}
          </Text>
        </Group>
        <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: "none" }} aria-label={t("hub.card.lines")}>
          {card.lines.map((line, index) => (
            // A column is narrow: a long SKU wraps rather than hiding its end (where SKUs differ).
            <Group component="li" key={`${line.orderMlId}-${index}`} gap={4} wrap="wrap" data-testid="hub-card-line">
              <Text size="xs" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                {t("hub.card.line", { quantity: line.quantity, sku: line.externalSku ?? "?" })}
              </Text>
              <IconArrowRight size={12} aria-hidden style={{ flexShrink: 0 }} />
              {line.internalSku ? (
                <Text size="xs" ff="monospace" fw={600} style={{ overflowWrap: "anywhere" }}>
                  {line.internalSku}
                </Text>
              ) : canOperate && line.externalSku ? (
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => onMap(line.externalSku ?? "")}
                  aria-label={t("hub.card.map", { sku: line.externalSku })}
                  data-testid="hub-card-map"
                >
                  {t("hub.card.mapShort")}
                </Button>
              ) : (
                <Text size="xs" c="red.9" fw={600}>
                  {t("hub.card.unmapped")}
                </Text>
              )}
            </Group>
          ))}
        </Stack>
        {card.volumes.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t("hub.card.noVolumes")}
          </Text>
        ) : (
          card.volumes.map((volume) => (
            <Group key={volume.id} gap={4} wrap="nowrap" data-testid="hub-card-volume">
              <IconMapPin size={14} aria-hidden style={{ flexShrink: 0 }} />
              <Text size="xs">
                {t("hub.card.volume", { number: volume.number })} ·{" "}
                {volume.position ? (
                  <Text span fw={700} size="xs">
                    {t("hub.card.shelf", { position: volume.position })}
                  </Text>
                ) : (
                  t("hub.card.noShelf")
                )}
              </Text>
            </Group>
          ))
        )}
        {card.status === "RECEBIDO" && card.blockers.length > 0 && (
          <Group gap={4} aria-label={t("hub.card.blockers")} role="group">
            {card.blockers.map((blocker) => (
              <ToneBadge key={blocker} tone="warning" size="sm" data-testid="hub-card-blocker" data-blocker={blocker}>
                {i18n.label("hub.blocker.", blocker)}
              </ToneBadge>
            ))}
          </Group>
        )}
        <Group justify="space-between" gap={4} wrap="wrap" align="center">
          <NotificationBadge card={card} />
          <Button
            size="compact-xs"
            variant="subtle"
            ml="auto"
            onClick={() => onOpen(card.id)}
            aria-label={t(canOperate ? "hub.card.manageLabel" : "hub.card.detailsLabel", { code: card.code })}
            data-testid="hub-card-open"
          >
            {canOperate ? t("hub.card.manage") : t("hub.card.details")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
