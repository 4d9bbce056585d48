"use client";

import { Alert, Button, Group, List, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconAlertTriangle, IconMail, IconMapPin, IconSend } from "@tabler/icons-react";
import { useEffect, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { ToneBadge } from "@/components/data/ToneBadge";
import { notify } from "@/features/integrations/notify";
import { useI18n } from "@/i18n/I18nProvider";
import { firstCode, hubErrorText } from "./errors";
import { NotificationBadge } from "./HubCard";
import { ReceiveVolumeMutation, ResendNotificationMutation, SetRecipientEmailMutation } from "./queries";
import type { HubCard } from "./useHubBoard";

type Volume = HubCard["volumes"][number];

function ErrorLine({ text, code, testId }: { text: string | null; code: string | null; testId: string }) {
  if (!text) return null;
  return (
    <Alert color="red" variant="light" p="xs" icon={<IconAlertTriangle size={16} aria-hidden />} role="alert" data-testid={testId} data-code={code ?? ""}>
      {text}
    </Alert>
  );
}

/** Puts a volume on a shelf, or moves it to another one (the order becomes ready by itself once it may). */
export function ShelfForm({ volume, canOperate }: { volume: Volume; canOperate: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [position, setPosition] = useState(volume.position ?? "");
  const [error, setError] = useState<{ text: string | null; code: string | null }>({ text: null, code: null });
  const [{ fetching }, receive] = useMutation(ReceiveVolumeMutation);
  useEffect(() => setPosition(volume.position ?? ""), [volume.position]);
  const meta = t("hub.drawer.volumeMeta", {
    weight: volume.weightGrams != null ? `${i18n.number(volume.weightGrams)} g` : t("common.none"),
    dimensions: volume.dimensions ?? t("common.none"),
    label: volume.externalLabel ?? t("common.none"),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const shelf = position.trim();
    if (!shelf) {
      setError({ text: t("hub.error.receive.INVALID"), code: "INVALID" });
      return;
    }
    const result = await receive({ id: volume.id, position: shelf });
    const payload = result.data?.receiveHubVolume;
    const text = hubErrorText(i18n, "receive", payload?.errors, result.error);
    setError({ text, code: firstCode(payload?.errors, result.error) });
    if (!text) {
      notify({ color: "green", title: t("hub.drawer.shelfSaved", { number: volume.number, position: shelf }), message: "", closeLabel: t("common.close") });
    }
  };

  return (
    <Stack gap={4} data-testid="hub-volume" data-number={volume.number} data-position={volume.position ?? ""}>
      <Group gap={6}>
        <IconMapPin size={16} aria-hidden />
        <Text size="sm" fw={600}>
          {t("hub.card.volume", { number: volume.number })}
        </Text>
        <Text size="sm">{volume.position ? t("hub.card.shelf", { position: volume.position }) : t("hub.card.noShelf")}</Text>
      </Group>
      <Text size="xs" c="dimmed">
        {meta}
      </Text>
      {canOperate && (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Group align="flex-end" gap="xs">
            <TextInput
              label={t("hub.drawer.shelfLabel", { number: volume.number })}
              placeholder={t("hub.drawer.shelfPlaceholder")}
              value={position}
              onChange={(event) => setPosition(event.currentTarget.value)}
              autoComplete="off"
              size="sm"
              style={{ flex: 1 }}
              data-testid="hub-shelf-input"
            />
            <Button type="submit" size="sm" loading={fetching} data-testid="hub-shelf-save">
              {volume.position ? t("hub.drawer.shelfMove") : t("hub.drawer.shelfSave")}
            </Button>
          </Group>
        </form>
      )}
      <ErrorLine text={error.text} code={error.code} testId="hub-shelf-error" />
    </Stack>
  );
}

/** The address for the ready e-mail: Mercado Livre shares none, so the desk asks and types it. */
export function RecipientEmailForm({ order }: { order: HubCard }) {
  const i18n = useI18n();
  const { t } = i18n;
  const current = order.recipient.masked ? "" : (order.recipient.email ?? "");
  const [email, setEmail] = useState(current);
  const [error, setError] = useState<{ text: string | null; code: string | null }>({ text: null, code: null });
  const [{ fetching }, save] = useMutation(SetRecipientEmailMutation);
  useEffect(() => setEmail(current), [current]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await save({ id: order.id, email: email.trim() || null });
    const payload = result.data?.setHubRecipientEmail;
    const text = hubErrorText(i18n, "email", payload?.errors, result.error);
    setError({ text, code: firstCode(payload?.errors, result.error) });
    if (!text) notify({ color: "green", title: t("hub.drawer.emailSaved"), message: "", closeLabel: t("common.close") });
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="hub-email-form">
      <Stack gap={4}>
        <Group align="flex-end" gap="xs">
          <TextInput
            type="email"
            label={t("hub.drawer.emailLabel")}
            description={t("hub.drawer.emailHint")}
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            leftSection={<IconMail size={16} aria-hidden />}
            autoComplete="off"
            style={{ flex: 1 }}
            data-testid="hub-email-input"
          />
          <Button type="submit" variant="light" loading={fetching} data-testid="hub-email-save">
            {t("hub.drawer.emailSave")}
          </Button>
        </Group>
        <ErrorLine text={error.text} code={error.code} testId="hub-email-error" />
      </Stack>
    </form>
  );
}

/** Every ready notice of the order and how its delivery went; "resend" while the order is ready. */
export function NotificationsSection({ order, canOperate }: { order: HubCard; canOperate: boolean }) {
  const i18n = useI18n();
  const { t, label, dateTime, plural } = i18n;
  const [error, setError] = useState<{ text: string | null; code: string | null }>({ text: null, code: null });
  const [{ fetching }, resend] = useMutation(ResendNotificationMutation);

  const again = async () => {
    const result = await resend({ orderId: order.id });
    const payload = result.data?.resendReadyNotification;
    const text = hubErrorText(i18n, "resend", payload?.errors, result.error);
    setError({ text, code: firstCode(payload?.errors, result.error) });
    if (!text) notify({ color: "green", title: t("hub.drawer.resent"), message: "", closeLabel: t("common.close") });
  };

  return (
    <Stack gap="xs" component="section" data-testid="hub-notifications">
      <Group justify="space-between" gap="xs">
        <Title order={3} size="h5">
          {t("hub.drawer.notifications")}
        </Title>
        <NotificationBadge card={order} />
      </Group>
      {order.notifications.length === 0 ? (
        <Text size="sm">{t("hub.drawer.noNotifications")}</Text>
      ) : (
        <List size="sm" spacing={4} listStyleType="none" p={0}>
          {order.notifications.map((notice) => (
            <List.Item key={notice.id} data-testid="hub-notification" data-status={notice.status}>
              <Group gap={6} wrap="wrap">
                <ToneBadge tone={notice.status === "SENT" ? "success" : notice.status === "FAILED" ? "danger" : "info"}>
                  {label("hub.notification.", notice.status)}
                </ToneBadge>
                <Text size="sm">
                  {label("hub.reason.", notice.reason)} · {notice.channel ? label("hub.channel.", notice.channel.toLowerCase()) : t("common.none")}
                  {notice.destination ? ` · ${notice.destination}` : ""} · {plural("hub.drawer.attempts", notice.attempts)} ·{" "}
                  {dateTime(notice.sentAt ?? notice.createdAt)}
                </Text>
              </Group>
              {notice.lastError && (
                <Text size="xs" c="red.9">
                  {notice.lastError}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
      {canOperate && (
        <Group gap="xs">
          <Button
            variant="light"
            leftSection={<IconSend size={16} aria-hidden />}
            onClick={() => void again()}
            loading={fetching}
            disabled={order.status !== "PRONTO"}
            data-testid="hub-resend"
          >
            {t("hub.drawer.resend")}
          </Button>
          {order.status !== "PRONTO" && (
            <Text size="xs" c="dimmed">
              {t("hub.drawer.resendOnlyReady")}
            </Text>
          )}
        </Group>
      )}
      <ErrorLine text={error.text} code={error.code} testId="hub-resend-error" />
    </Stack>
  );
}
