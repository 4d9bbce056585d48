"use client";

import { Anchor, Avatar, Badge, Box, Group, Text, Title, VisuallyHidden } from "@mantine/core";
import Link from "next/link";
import { ToneBadge } from "@/components/data/ToneBadge";
import type { IntegrationsAccountFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { ACCOUNT_TONE, HEALTH_TONE } from "@/lib/tones";
import type { Capabilities } from "./permissions";

interface Props {
  account: IntegrationsAccountFragment;
  name: string;
  caps: Capabilities;
  disabled: boolean;
  needsReauth: boolean;
}

/** Who the account is (name, site, Mercado Livre id, linked since) and its status and health. */
export function AccountHeader({ account, name, caps, disabled, needsReauth }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const { id, health } = account;
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
      <Group gap="sm" wrap="nowrap" miw={0}>
        <Avatar color={disabled ? "gray" : "meliBlue"} radius="md" aria-hidden>
          {name.slice(0, 1).toUpperCase()}
        </Avatar>
        <Box miw={0}>
          <Group gap={6} wrap="nowrap">
            <Title order={3} size="h4" id={`account-name-${id}`} lineClamp={1}>
              {name}
            </Title>
            <Badge color="gray.7" variant="outline" size="sm">
              {account.siteId}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {t("integrations.account.meta", {
              id: account.mlUserId,
              date: i18n.dateTime(account.createdAt, "date"),
            })}
            {caps.viewEvents && (
              <>
                {" · "}
                <Anchor
                  component={Link}
                  href={`/integracoes/eventos/?account=${encodeURIComponent(id)}`}
                  size="xs"
                  underline="always"
                  aria-label={t("integrations.account.eventsFor", { account: name })}
                >
                  {t("integrations.account.events")}
                </Anchor>
              </>
            )}
          </Text>
        </Box>
      </Group>
      <Group gap={6} justify="flex-end">
        {/* A status the health already says (re-authorization) is said once. */}
        {account.status !== "ACTIVE" && !(needsReauth && health.state === "REAUTH_REQUIRED") && (
          <ToneBadge tone={ACCOUNT_TONE[account.status]} data-testid={`account-status-${id}`}>
            {i18n.label("accountStatus.", account.status)}
          </ToneBadge>
        )}
        {!disabled && (
          <ToneBadge
            tone={HEALTH_TONE[health.state]}
            urgent={health.state === "FAILING" || health.state === "REAUTH_REQUIRED"}
            data-testid={`account-health-${id}`}
            data-state={health.state}
          >
            <VisuallyHidden>{t("health.label")}: </VisuallyHidden>
            {health.state === "REAUTH_REQUIRED"
              ? t("accountStatus.REAUTH_REQUIRED")
              : i18n.label("health.", health.state)}
          </ToneBadge>
        )}
      </Group>
    </Group>
  );
}
