"use client";

import { Code, List, Stack, Text } from "@mantine/core";
import { useMemo } from "react";
import type { ColumnDef } from "@/components/data/DataTable";
import { RelativeTime, useNow } from "@/components/data/Time";
import { ToneBadge } from "@/components/data/ToneBadge";
import type { ClaimRowFragment } from "@/gql/graphql";
import { useI18n, type I18n } from "@/i18n/I18nProvider";

const DAY_MS = 24 * 60 * 60 * 1000;

export type Urgency = "overdue" | "soon" | "later" | "none";

/** How close the seller's deadline is: past it, within 24 h, later, or none (or the claim is closed). */
export function urgencyOf(claim: Pick<ClaimRowFragment, "dueDate" | "status">, now: number): Urgency {
  if (!claim.dueDate || claim.status !== "opened") return "none";
  const left = new Date(claim.dueDate).getTime() - now;
  return left < 0 ? "overdue" : left <= DAY_MS ? "soon" : "later";
}

/**
 * Mercado Livre's reason ids are a family prefix and a number (PDD9939): PDD "producto diferente o
 * defectuoso", PNR "producto no recibido", CS a cancellation. The families come from ML's public
 * claim docs, not from our reference (unsure): an unknown one shows as its code alone.
 */
export function reasonLabel(i18n: I18n, reasonId: string | null | undefined): string | null {
  const family = /^[A-Z]+/.exec(reasonId ?? "")?.[0];
  const key = `claimReason.${family ?? ""}`;
  return family && i18n.has(key) ? i18n.t(key) : null;
}

function DueDate({ claim }: { claim: ClaimRowFragment }) {
  const i18n = useI18n();
  const { t } = i18n;
  const now = useNow(30_000);
  const urgency = urgencyOf(claim, now);
  if (!claim.dueDate) {
    return (
      <Text size="sm" c="dimmed">
        {t("claimsTab.noDue")}
      </Text>
    );
  }
  const exact = i18n.dateTime(claim.dueDate);
  const left = (new Date(claim.dueDate).getTime() - now) / 1000;
  return (
    <Stack gap={2} align="flex-start">
      {urgency === "overdue" ? (
        <ToneBadge tone="danger" urgent data-testid={`claim-due-${claim.mlId}`} data-urgency={urgency}>
          {t("claimsTab.overdue", { when: i18n.relative(claim.dueDate, now) })}
        </ToneBadge>
      ) : urgency === "soon" ? (
        <ToneBadge tone="warning" data-testid={`claim-due-${claim.mlId}`} data-urgency={urgency}>
          {t("claimsTab.dueSoon", { duration: i18n.duration(left) })}
        </ToneBadge>
      ) : (
        <Text size="sm" data-testid={`claim-due-${claim.mlId}`} data-urgency={urgency}>
          {urgency === "later" ? t("claimsTab.dueLater", { date: exact }) : exact}
        </Text>
      )}
      {urgency !== "later" && urgency !== "none" && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
          {exact}
        </Text>
      )}
    </Stack>
  );
}

function SellerActions({ claim }: { claim: ClaimRowFragment }) {
  const i18n = useI18n();
  if (claim.sellerActions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {i18n.t("claimsTab.noActions")}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={2} listStyleType="none" p={0}>
      {claim.sellerActions.map((action) => (
        <List.Item key={action.action}>
          {i18n.label("claimAction.", action.action)}
          {action.mandatory && (
            <Text span size="xs" c="red.9" fw={600}>
              {" "}
              ({i18n.t("claimsTab.mandatory")})
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}

/** The claims table: claim, status and stage, reason, deadline (urgency coloured), actions, order, account. */
export function useClaimColumns(accountName: (id: string) => string): ColumnDef<ClaimRowFragment, unknown>[] {
  const i18n = useI18n();
  const { t } = i18n;
  return useMemo<ColumnDef<ClaimRowFragment, unknown>[]>(
    () => [
      {
        id: "claim",
        header: t("claimsTab.col.claim"),
        cell: ({ row }) => (
          <Stack gap={2} align="flex-start">
            <Code fz="xs">{row.original.mlId}</Code>
            <Text size="sm">{row.original.type ? i18n.label("claimType.", row.original.type) : t("common.none")}</Text>
            <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
              <RelativeTime iso={row.original.dateCreated} />
            </Text>
          </Stack>
        ),
      },
      {
        id: "status",
        header: t("claimsTab.col.status"),
        cell: ({ row }) => (
          <Stack gap={2} align="flex-start">
            <ToneBadge tone={row.original.status === "opened" ? "warning" : "neutral"} data-testid={`claim-status-${row.original.mlId}`}>
              {i18n.label("claimStatus.", row.original.status)}
            </ToneBadge>
            {row.original.stage && (
              <Text size="xs" c="dimmed">
                {i18n.label("claimStage.", row.original.stage)}
              </Text>
            )}
          </Stack>
        ),
      },
      {
        id: "reason",
        header: t("claimsTab.col.reason"),
        cell: ({ row }) => {
          const label = reasonLabel(i18n, row.original.reasonId);
          return (
            <Stack gap={2} align="flex-start" maw={200}>
              {label && <Text size="sm">{label}</Text>}
              <Text size="xs" c="dimmed" ff="monospace">
                {row.original.reasonId ?? t("common.none")}
              </Text>
            </Stack>
          );
        },
      },
      { id: "due", header: t("claimsTab.col.due"), cell: ({ row }) => <DueDate claim={row.original} /> },
      { id: "actions", header: t("claimsTab.col.actions"), cell: ({ row }) => <SellerActions claim={row.original} /> },
      {
        id: "order",
        header: t("claimsTab.col.order"),
        // No link yet: the orders screen comes later.
        cell: ({ row }) => (
          <Text size="sm" ff="monospace" data-testid={`claim-order-${row.original.mlId}`}>
            {row.original.order?.mlId ?? row.original.resourceId ?? t("common.none")}
          </Text>
        ),
      },
      {
        id: "account",
        header: t("claimsTab.col.account"),
        cell: ({ row }) => <Text size="sm">{accountName(row.original.meliAccountId)}</Text>,
      },
    ],
    [t, i18n, accountName],
  );
}
