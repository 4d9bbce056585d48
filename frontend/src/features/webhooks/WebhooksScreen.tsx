"use client";

import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { modals } from "@mantine/modals";
import { IconArrowLeft, IconHistory, IconLock, IconPlayerPause, IconPlayerPlay, IconPlus, IconTrash } from "@tabler/icons-react";
import Link from "next/link";
import { Suspense, useCallback, useMemo, useState } from "react";
import { useMutation } from "urql";
import { DataTable, type ColumnDef } from "@/components/data/DataTable";
import { PageHeader } from "@/components/data/PageHeader";
import { LoadError, Loading } from "@/components/data/QueryState";
import { useSession } from "@/components/session/SessionProvider";
import { useI18n } from "@/i18n/I18nProvider";
import { useLiveQuery } from "@/lib/useLive";
import { TONE_COLOR, type Tone } from "@/theme";
import { SecretCreatedNotice } from "@/features/admin/SecretCreatedNotice";
import { requestErrorText } from "@/features/integrations/errors";
import { webhookErrorText } from "./errors";
import { notify } from "@/features/integrations/notify";
import { CreateWebhookModal, type CreatedWebhook } from "./CreateWebhookModal";
import { DeliveryLog } from "./DeliveryLog";
import type { WebhookSubscriptionRowFragment, WebhookSubscriptionStatus } from "./gql/graphql";
import { DeleteWebhookSubscriptionMutation, UpdateWebhookSubscriptionMutation, WebhookSubscriptionsQuery } from "./queries";

// docs/graphql.md: VIEW_INTEGRATION reads; MANAGE_WEBHOOKS (owners, admins) changes and replays.
const VIEW = ["OWNER", "ADMIN", "OPERATOR", "INTEGRATOR"];
const MANAGE = ["OWNER", "ADMIN"];
const TONE: Record<WebhookSubscriptionStatus, Tone> = { ACTIVE: "success", PAUSED: "neutral", DISABLED: "danger" };

export function WebhooksScreen() {
  return (
    <Suspense fallback={<Loading />}>
      <Webhooks />
    </Suspense>
  );
}

function Webhooks() {
  const { t } = useI18n();
  const { me } = useSession();
  const canView = VIEW.includes(me.role);
  const canManage = MANAGE.includes(me.role);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [result, refresh] = useLiveQuery({ query: WebhookSubscriptionsQuery, pause: !canView });
  const subscriptions = result.data?.webhookSubscriptions;
  const open = subscriptions?.find((row) => row.id === openId) ?? null;

  return (
    <>
      <PageHeader
        title={t("webhooks.title")}
        description={t("webhooks.description")}
        actions={
          <>
            <Button component={Link} href="/integracoes/" variant="default" leftSection={<IconArrowLeft size={16} aria-hidden />}>
              {t("webhooks.back")}
            </Button>
            {canManage && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="create-webhook">
                {t("webhooks.create")}
              </Button>
            )}
          </>
        }
      />
      {!canView ? (
        <Alert color="gray" icon={<IconLock size={18} aria-hidden />}>
          {t("webhooks.forbidden", { role: me.role })}
        </Alert>
      ) : (
        <Stack gap="lg">
          {!canManage && <Text size="sm">{t("webhooks.readOnly")}</Text>}
          <Paper p="lg" component="section" aria-labelledby="webhooks-list-title">
            <Title order={2} size="h4" id="webhooks-list-title" mb="xs">
              {t("webhooks.list.title")}
            </Title>
            {created && <SecretNotice created={created} onDone={() => setCreated(null)} />}
            {result.error && !subscriptions ? (
              <LoadError error={result.error} onRetry={refresh} />
            ) : !subscriptions ? (
              <Loading />
            ) : (
              <SubscriptionsTable rows={subscriptions} canManage={canManage} openId={openId} onOpen={setOpenId} onChanged={refresh} />
            )}
            <Text size="xs" c="dimmed" mt="sm">
              {t("webhooks.docs")}
            </Text>
          </Paper>
          {open && <DeliveryLog key={open.id} subscription={open} canReplay={canManage} onClose={() => setOpenId(null)} />}
        </Stack>
      )}
      <CreateWebhookModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(done) => {
          setCreating(false);
          setCreated(done);
          refresh();
        }}
      />
    </>
  );
}

/** The secret of a webhook just created, shown this once, until the person says they copied it. */
function SecretNotice({ created, onDone }: { created: CreatedWebhook; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <SecretCreatedNotice
      createdId={created.subscription.id}
      title={t("webhooks.created.title")}
      secretLabel={t("webhooks.created.secretLabel", { url: created.subscription.url })}
      secret={created.secret}
      warning={t("webhooks.created.shownOnce")}
      doneLabel={t("webhooks.created.done")}
      onDone={onDone}
      testId={{ notice: "webhook-created", secret: "webhook-secret", done: "webhook-secret-done" }}
    />
  );
}

interface TableProps {
  rows: readonly WebhookSubscriptionRowFragment[];
  canManage: boolean;
  openId: string | null;
  onOpen: (id: string | null) => void;
  onChanged: () => void;
}

function SubscriptionsTable({ rows, canManage, openId, onOpen, onChanged }: TableProps) {
  const i18n = useI18n();
  const { t, label, plural } = i18n;
  const [, update] = useMutation(UpdateWebhookSubscriptionMutation);
  const [, remove] = useMutation(DeleteWebhookSubscriptionMutation);

  const report = useCallback(
    (error: Parameters<typeof requestErrorText>[1] | undefined, errors: Parameters<typeof webhookErrorText>[1]) => {
      if (!error && !errors.length) return true;
      const message = error ? requestErrorText(i18n, error) : webhookErrorText(i18n, errors);
      notify({ color: "red", title: t("webhooks.failed"), message, closeLabel: t("common.close") });
      return false;
    },
    [i18n, t],
  );

  const toggle = useCallback(
    async (row: WebhookSubscriptionRowFragment) => {
      const answer = await update({ id: row.id, active: row.status !== "ACTIVE" });
      if (report(answer.error, answer.data?.updateWebhookSubscription.errors ?? [])) onChanged();
    },
    [update, report, onChanged],
  );

  const confirmDelete = useCallback(
    (row: WebhookSubscriptionRowFragment) =>
      modals.openConfirmModal({
        title: t("webhooks.delete.title"),
        children: <Text size="sm">{t("webhooks.delete.body", { url: row.url })}</Text>,
        labels: { confirm: t("webhooks.delete"), cancel: t("common.cancel") },
        confirmProps: { color: "red.9" },
        closeButtonProps: { "aria-label": t("common.close") },
        onConfirm: async () => {
          const answer = await remove({ id: row.id });
          if (report(answer.error, answer.data?.deleteWebhookSubscription.errors ?? [])) {
            if (openId === row.id) onOpen(null);
            onChanged();
          }
        },
      }),
    [t, remove, report, onChanged, onOpen, openId],
  );

  const columns = useMemo<ColumnDef<WebhookSubscriptionRowFragment, unknown>[]>(
    () => [
      {
        id: "url",
        header: t("webhooks.col.url"),
        cell: ({ row }) => (
          <Stack gap={0} maw={380}>
            <Text size="sm" fw={600} style={{ wordBreak: "break-all" }}>
              {row.original.url}
            </Text>
            {row.original.description && (
              <Text size="xs" c="dimmed">
                {row.original.description}
              </Text>
            )}
          </Stack>
        ),
      },
      {
        id: "events",
        header: t("webhooks.col.events"),
        cell: ({ row }) => (
          <Group gap={4} maw={300}>
            {row.original.events.map((event) => (
              <Badge key={event} size="sm" variant="light" color="gray" tt="none">
                {label("webhooks.event.", event)}
              </Badge>
            ))}
          </Group>
        ),
      },
      {
        id: "status",
        header: t("webhooks.col.status"),
        cell: ({ row }) => (
          <Stack gap={0}>
            <Badge color={TONE_COLOR[TONE[row.original.status]]} variant="dot" tt="none" fw={500} miw="max-content" data-testid={`webhook-status-${row.original.id}`}>
              {label("webhooks.status.", row.original.status)}
            </Badge>
            {row.original.consecutiveFailures > 0 && (
              <Text size="xs" c="dimmed">
                {t("webhooks.failures", { count: row.original.consecutiveFailures })}
              </Text>
            )}
          </Stack>
        ),
      },
      {
        id: "actions",
        header: () => <span>{t("webhooks.col.actions")}</span>,
        cell: ({ row }) => (
          <Group gap={6} wrap="nowrap">
            <Button
              size="compact-sm"
              variant={openId === row.original.id ? "light" : "default"}
              leftSection={<IconHistory size={14} aria-hidden />}
              onClick={() => onOpen(openId === row.original.id ? null : row.original.id)}
              aria-label={t("webhooks.logNamed", { url: row.original.url })}
              aria-pressed={openId === row.original.id}
              data-testid={`webhook-log-${row.original.id}`}
            >
              {t("webhooks.log")}
            </Button>
            {canManage && (
              <>
                <Button
                  size="compact-sm"
                  variant="default"
                  leftSection={row.original.status === "ACTIVE" ? <IconPlayerPause size={14} aria-hidden /> : <IconPlayerPlay size={14} aria-hidden />}
                  onClick={() => toggle(row.original)}
                  data-testid={`webhook-toggle-${row.original.id}`}
                >
                  {row.original.status === "ACTIVE" ? t("webhooks.pause") : t("webhooks.resume")}
                </Button>
                <Button
                  size="compact-sm"
                  variant="default"
                  c="red.9"
                  leftSection={<IconTrash size={14} aria-hidden />}
                  onClick={() => confirmDelete(row.original)}
                  aria-label={t("webhooks.deleteNamed", { url: row.original.url })}
                >
                  {t("webhooks.delete")}
                </Button>
              </>
            )}
          </Group>
        ),
      },
    ],
    [t, label, canManage, openId, onOpen, toggle, confirmDelete],
  );

  return (
    <DataTable
      data={rows}
      columns={columns}
      getRowId={(row) => row.id}
      caption={plural("webhooks.list.caption", rows.length)}
      rowProps={(row) => ({ "data-testid": `webhook-${row.original.id}` })}
      testId="webhooks-table"
      minWidth={820}
      empty={t("webhooks.list.empty")}
    />
  );
}
