"use client";

import { Badge, Button, Code, Paper, Stack, Text } from "@mantine/core";
import { modals } from "@mantine/modals";
import { notifications } from "@mantine/notifications";
import { IconBan, IconPlus } from "@tabler/icons-react";
import { useCallback, useMemo, useState } from "react";
import { useMutation } from "urql";
import { ConnectionTable, SectionHeader } from "@/components/data/ConnectionTable";
import { byText, instant, type ColumnDef, type SortingState } from "@/components/data/DataTable";
import { useCursorPages } from "@/components/data/Pager";
import { RelativeTime, useNow } from "@/components/data/Time";
import type { AdminApiTokenFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { useLiveQuery } from "@/lib/useLive";
import { TONE_COLOR, type Tone } from "@/theme";
import { CreateTokenModal, type CreatedToken } from "./CreateTokenModal";
import { useErrorText } from "./errors";
import { AdminTokensQuery, RevokeApiTokenMutation } from "./queries";
import { ROLES } from "./roles";
import { TokenSecretNotice } from "./TokenSecretNotice";

const PAGE_SIZE = 50;

type TokenState = "active" | "expired" | "revoked";

function stateOf(token: AdminApiTokenFragment, now: number): TokenState {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return "expired";
  return "active";
}

const STATE_TONE: Record<TokenState, Tone> = { active: "success", expired: "warning", revoked: "neutral" };

// Newest tokens first. Dates sort newest first, except the expiry (soonest first, "never" last);
// a token never used counts as used longest ago.
const INITIAL_SORTING: SortingState = [{ id: "created", desc: true }];

export function TokensPanel() {
  const { t, label, dateTime, plural } = useI18n();
  const now = useNow(60_000);
  const pages = useCursorPages(PAGE_SIZE);
  const [tokens, refresh] = useLiveQuery({ query: AdminTokensQuery, variables: pages.variables });
  const [, revoke] = useMutation(RevokeApiTokenMutation);
  const errorText = useErrorText();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const confirmRevoke = useCallback(
    (token: AdminApiTokenFragment) =>
      modals.openConfirmModal({
        title: t("admin.tokens.revokeTitle", { name: token.name }),
        children: <Text size="sm">{t("admin.tokens.revokeBody", { prefix: token.prefix })}</Text>,
        labels: { confirm: t("admin.tokens.revokeConfirm"), cancel: t("common.cancel") },
        confirmProps: { color: "red.9", "data-testid": "revoke-confirm" } as Record<string, unknown>,
        closeButtonProps: { "aria-label": t("common.close") },
        onConfirm: async () => {
          const result = await revoke({ id: token.id });
          const error = result.data?.revokeApiToken.errors[0];
          if (error || result.error) {
            notifications.show({
              closeButtonProps: { "aria-label": t("common.close") },
              color: "red",
              title: t("admin.tokens.revokeFailed", { name: token.name }),
              message: error ? errorText(error) : t("admin.error.network"),
            });
            return;
          }
          notifications.show({
            closeButtonProps: { "aria-label": t("common.close") },
            color: "green",
            message: t("admin.tokens.revoked", { name: token.name }),
          });
          refresh();
        },
      }),
    [t, revoke, errorText, refresh],
  );

  const columns = useMemo<ColumnDef<AdminApiTokenFragment, unknown>[]>(
    () => [
      {
        id: "name",
        accessorFn: (token) => token.name,
        sortingFn: byText,
        sortDescFirst: false,
        header: t("admin.tokens.col.name"),
        cell: ({ row }) => (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {row.original.name}
            </Text>
            <Code fz="xs" w="fit-content" data-testid="token-prefix">
              {row.original.prefix}…
            </Code>
          </Stack>
        ),
      },
      {
        id: "role",
        accessorFn: (token) => ROLES.indexOf(token.role),
        sortDescFirst: false,
        header: t("admin.tokens.col.role"),
        cell: ({ row }) => (
          <Badge color="gray" variant="light" tt="none" miw="max-content">
            {label("admin.role.", row.original.role)}
          </Badge>
        ),
      },
      {
        id: "created",
        accessorFn: (token) => instant(token.createdAt, 0),
        sortDescFirst: true,
        header: t("admin.tokens.col.created"),
        cell: ({ row }) => (
          <Text size="sm" style={{ whiteSpace: "nowrap" }}>
            {dateTime(row.original.createdAt, "date")}
          </Text>
        ),
      },
      {
        id: "validity",
        accessorFn: (token) => instant(token.expiresAt, Number.POSITIVE_INFINITY),
        sortDescFirst: false,
        header: t("admin.tokens.col.validity"),
        cell: ({ row }) => (
          <Text size="sm" style={{ whiteSpace: "nowrap" }}>
            {row.original.expiresAt
              ? t("admin.tokens.expiresOn", { date: dateTime(row.original.expiresAt, "date") })
              : t("admin.tokens.never")}
          </Text>
        ),
      },
      {
        id: "lastUsed",
        accessorFn: (token) => instant(token.lastUsedAt, 0),
        sortDescFirst: true,
        header: t("admin.tokens.col.lastUsed"),
        cell: ({ row }) => (
          <Text size="sm" c={row.original.lastUsedAt ? undefined : "dimmed"} style={{ whiteSpace: "nowrap" }}>
            {row.original.lastUsedAt ? <RelativeTime iso={row.original.lastUsedAt} /> : t("admin.tokens.neverUsed")}
          </Text>
        ),
      },
      {
        id: "state",
        header: t("admin.tokens.col.state"),
        cell: ({ row }) => {
          const state = stateOf(row.original, now);
          return (
            <Stack gap={0}>
              <Badge
                color={TONE_COLOR[STATE_TONE[state]]}
                variant="dot"
                tt="none"
                miw="max-content"
                fw={500}
                data-testid={`token-state-${row.original.id}`}
              >
                {t(`admin.tokens.state.${state}`)}
              </Badge>
              {row.original.revokedAt && (
                <Text size="xs" c="dimmed">
                  {dateTime(row.original.revokedAt, "date")}
                </Text>
              )}
            </Stack>
          );
        },
      },
      {
        id: "actions",
        header: () => <span>{t("admin.tokens.col.actions")}</span>,
        cell: ({ row }) =>
          row.original.revokedAt ? null : (
            <Button
              size="compact-sm"
              variant="default"
              c="red.9"
              leftSection={<IconBan size={14} aria-hidden />}
              onClick={() => confirmRevoke(row.original)}
              aria-label={t("admin.tokens.revokeNamed", { name: row.original.name })}
              data-testid={`revoke-token-${row.original.id}`}
            >
              {t("admin.tokens.revoke")}
            </Button>
          ),
      },
    ],
    [t, label, dateTime, now, confirmRevoke],
  );

  const connection = tokens.data?.apiTokens;
  return (
    <Paper p="lg" component="section" aria-labelledby="admin-tokens-title">
      <SectionHeader
        id="admin-tokens-title"
        title={t("admin.tokens.title")}
        description={t("admin.tokens.description")}
        action={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)} data-testid="create-token">
            {t("admin.tokens.create")}
          </Button>
        }
      />
      {created && <TokenSecretNotice created={created} onDone={() => setCreated(null)} />}
      <ConnectionTable
        connection={connection}
        error={tokens.error}
        onRetry={refresh}
        pages={pages}
        columns={columns}
        getRowId={(token) => token.id}
        // Sorted here while the whole list is on screen (the API does not sort tokens).
        sortWholeList
        initialSorting={INITIAL_SORTING}
        caption={(count) => plural("admin.tokens.caption", count)}
        rowProps={(row) => ({ "data-testid": `token-${row.original.id}` })}
        testId="tokens-table"
        minWidth={720}
        empty={t("admin.tokens.empty")}
      />
      <CreateTokenModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setCreated(token);
          refresh();
        }}
      />
    </Paper>
  );
}
