"use client";

import { Button, Checkbox, Group, Modal, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useMutation } from "urql";
import { useI18n } from "@/i18n/I18nProvider";
import { webhookErrorText } from "./errors";
import type { WebhookEvent, WebhookSubscriptionRowFragment } from "./gql/graphql";
import { CreateWebhookSubscriptionMutation } from "./queries";

export const EVENTS: readonly WebhookEvent[] = [
  "ORDER_CHANGED",
  "SHIPMENT_CHANGED",
  "LISTING_CHANGED",
  "QUESTION_CHANGED",
  "MESSAGE_CHANGED",
  "CLAIM_CHANGED",
  "MELI_ACCOUNT_CHANGED",
];

export interface CreatedWebhook {
  subscription: WebhookSubscriptionRowFragment;
  secret: string;
}

interface Props {
  opened: boolean;
  onClose: () => void;
  onCreated: (created: CreatedWebhook) => void;
}

/** URL, events and a note; the API's refusals (a bad URL, no event) show under their field. */
export function CreateWebhookModal({ opened, onClose, onCreated }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(["ORDER_CHANGED"]);
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, create] = useMutation(CreateWebhookSubscriptionMutation);

  const submit = async () => {
    const result = await create({ url, events: events as WebhookEvent[], description: description || null });
    const payload = result.data?.createWebhookSubscription;
    if (result.error || !payload) {
      setErrors({ form: result.error?.message ?? t("webhooks.failed") });
      return;
    }
    if (payload.errors.length || !payload.webhookSubscription || !payload.secret) {
      const byField: Record<string, string> = {};
      for (const error of payload.errors) byField[error.field ?? "form"] = webhookErrorText(i18n, [error]);
      setErrors(byField);
      return;
    }
    setErrors({});
    setUrl("");
    setDescription("");
    onCreated({ subscription: payload.webhookSubscription, secret: payload.secret });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t("webhooks.create.title")} closeButtonProps={{ "aria-label": t("common.close") }} size="lg">
      <Stack gap="md">
        <TextInput
          label={t("webhooks.create.url")}
          description={t("webhooks.create.urlHint")}
          placeholder="https://erp.example.com/melihub"
          value={url}
          onChange={(event) => setUrl(event.currentTarget.value)}
          error={errors.url}
          required
          data-testid="webhook-url"
        />
        <Checkbox.Group label={t("webhooks.create.events")} value={events} onChange={setEvents} error={errors.events} required>
          <SimpleGrid cols={2} mt="xs" spacing="xs">
            {EVENTS.map((event) => (
              <Checkbox key={event} value={event} label={t(`webhooks.event.${event}`)} data-testid={`webhook-event-${event}`} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <TextInput
          label={t("webhooks.create.description")}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={errors.description}
        />
        {errors.form && (
          <Text size="sm" c="red.9" role="alert">
            {errors.form}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={submit} loading={state.fetching} data-testid="webhook-submit">
            {t("webhooks.create.submit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
