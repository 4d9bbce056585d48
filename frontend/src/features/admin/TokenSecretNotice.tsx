"use client";

import { Button, Code, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { useEffect, useRef } from "react";
import { useI18n } from "@/i18n/I18nProvider";
import type { CreatedToken } from "./CreateTokenModal";
import { SecretReveal } from "./SecretReveal";

/**
 * A token just created, above the list (as GitHub does): the secret, shown this once, until the
 * person says they copied it. It takes the focus, so a keyboard or screen reader lands on it.
 */
export function TokenSecretNotice({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [created.token.id]);
  return (
    <Paper p="md" mb="md" bg="var(--mantine-color-green-0)" bd="1px solid var(--mantine-color-green-3)" data-testid="token-created">
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <IconCircleCheck size={20} color="var(--mantine-color-green-8)" aria-hidden />
          <Title order={3} size="h5" ref={heading} tabIndex={-1}>
            {t("admin.tokens.createdTitle")}
          </Title>
        </Group>
        <SecretReveal
          label={t("admin.tokens.secretLabel", { name: created.token.name })}
          value={created.secret}
          warning={t("admin.tokens.shownOnce")}
          testId="token-secret"
        />
        <Group justify="space-between" align="flex-end" gap="sm">
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t("admin.tokens.howToUse")}
            </Text>
            <Code fz="xs">{"Authorization: Bearer <token>"}</Code>
          </Stack>
          <Button variant="default" onClick={onDone} data-testid="token-done">
            {t("admin.tokens.finish")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
