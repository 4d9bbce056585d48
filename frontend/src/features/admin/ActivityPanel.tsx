"use client";

import { Paper, Text } from "@mantine/core";
import { useMemo } from "react";
import { DataTable, type ColumnDef } from "@/components/data/DataTable";
import { SectionHeader } from "@/components/data/ConnectionTable";
import { LoadError, Loading } from "@/components/data/QueryState";
import { RelativeTime } from "@/components/data/Time";
import type { AdminActivityQuery as Activity, AdminAuditEntryFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { useLiveQuery } from "@/lib/useLive";
import { AdminActivityQuery } from "./queries";

const SHOWN = 25;

type Json = Record<string, unknown>;

function fields(value: unknown): Json {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** What changed, in a line: "ana@… · Operador → Administrador", "Integração ERP (mhk_…)". */
function useDescribe(data: Activity | undefined) {
  const { t, label, list } = useI18n();
  return useMemo(() => {
    const users = new Map((data?.users.nodes ?? []).map((user) => [user.id, user.name || user.email]));
    const tokens = new Map((data?.apiTokens.nodes ?? []).map((token) => [token.id, token.name]));
    const accounts = new Map((data?.meliAccounts.nodes ?? []).map((account) => [account.id, account.nickname]));
    // The log keeps roles as stored (lower case); the API's enum is upper case.
    const role = (value: unknown) => (text(value) ? label("admin.role.", text(value).toUpperCase()) : t("common.none"));
    const limit = (value: unknown) =>
      Array.isArray(value)
        ? list(value.map((id) => accounts.get(String(id)) ?? t("admin.members.accounts.unknown")))
        : t("admin.members.accounts.all");
    return (entry: AdminAuditEntryFragment): string => {
      const before = fields(entry.before);
      const after = fields(entry.after);
      const target = entry.targetId ?? "";
      switch (entry.action) {
        case "inviteUser":
          return `${text(after.email) || users.get(target) || ""} · ${role(after.role)}`;
        case "setUserRole":
          return `${users.get(target) ?? ""} · ${role(before.role)} → ${role(after.role)}`;
        case "setMemberAccounts":
          return `${users.get(target) ?? ""} · ${limit(before.meliAccountIds)} → ${limit(after.meliAccountIds)}`;
        case "createApiToken":
          return `${text(after.name)} · ${role(after.role)}`;
        case "revokeApiToken":
          return tokens.get(target) ?? "";
        case "updateTenantSettings":
          return Object.keys(after)
            .map((key) => `${t(key === "timeZone" ? "admin.settings.timeZone" : "admin.settings.name")}: ${text(before[key])} → ${text(after[key])}`)
            .join(" · ");
        default:
          return "";
      }
    };
  }, [data, t, label, list]);
}

/** What this screen changes: the audit log's actions it shows. */
const ADMIN_ACTIONS = [
  "inviteUser",
  "setUserRole",
  "setMemberAccounts",
  "createApiToken",
  "revokeApiToken",
  "updateTenantSettings",
];

/** The last changes made on this screen (owners and admins), newest first, from the audit log. */
export function ActivityPanel() {
  const { t, plural, label } = useI18n();
  const [result, refetch] = useLiveQuery({ query: AdminActivityQuery, variables: { actions: ADMIN_ACTIONS } });
  const describe = useDescribe(result.data);
  const entries = useMemo(() => {
    // The log is newest first; the query asks for SHOWN entries.
    return result.data ? result.data.auditLog.nodes.slice(0, SHOWN) : null;
  }, [result.data]);

  const columns = useMemo<ColumnDef<AdminAuditEntryFragment, unknown>[]>(
    () => [
      {
        id: "when",
        header: t("admin.activity.col.when"),
        cell: ({ row }) => (
          <Text size="sm" style={{ whiteSpace: "nowrap" }}>
            <RelativeTime iso={row.original.createdAt} />
          </Text>
        ),
      },
      {
        id: "who",
        header: t("admin.activity.col.who"),
        cell: ({ row }) => {
          const actor = row.original.actor;
          const who =
            actor.kind === "USER"
              ? actor.name || actor.email || t("common.none")
              : t(actor.kind === "API_TOKEN" ? "admin.activity.actor.token" : "admin.activity.actor.system");
          return <Text size="sm">{who}</Text>;
        },
      },
      {
        id: "what",
        header: t("admin.activity.col.what"),
        cell: ({ row }) => (
          <Text size="sm" fw={600} style={{ whiteSpace: "nowrap" }}>
            {label("admin.activity.action.", row.original.action)}
          </Text>
        ),
      },
      {
        id: "detail",
        header: t("admin.activity.col.detail"),
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {describe(row.original)}
          </Text>
        ),
      },
    ],
    [t, label, describe],
  );

  return (
    <Paper p="lg" component="section" aria-labelledby="admin-activity-title">
      <SectionHeader id="admin-activity-title" title={t("admin.activity.title")} description={t("admin.activity.description")} />
      {result.error && !entries ? (
        <LoadError error={result.error} onRetry={refetch} />
      ) : !entries ? (
        <Loading />
      ) : (
        <DataTable
          data={entries}
          columns={columns}
          getRowId={(entry) => entry.id}
          caption={plural("admin.activity.caption", entries.length)}
          testId="activity-table"
          empty={t("admin.activity.empty")}
          minWidth={640}
        />
      )}
    </Paper>
  );
}
