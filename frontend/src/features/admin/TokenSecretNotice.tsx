"use client";

import { Code, Stack, Text } from "@mantine/core";
import { useI18n } from "@/i18n/I18nProvider";
import type { CreatedToken } from "./CreateTokenModal";
import { SecretCreatedNotice } from "./SecretCreatedNotice";

/** An API token just created: its secret once, and how to send it. */
export function TokenSecretNotice({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <SecretCreatedNotice
      createdId={created.token.id}
      title={t("admin.tokens.createdTitle")}
      secretLabel={t("admin.tokens.secretLabel", { name: created.token.name })}
      secret={created.secret}
      warning={t("admin.tokens.shownOnce")}
      doneLabel={t("admin.tokens.finish")}
      onDone={onDone}
      testId={{ notice: "token-created", secret: "token-secret", done: "token-done" }}
      hint={
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            {t("admin.tokens.howToUse")}
          </Text>
          <Code fz="xs">{"Authorization: Bearer <token>"}</Code>
        </Stack>
      }
    />
  );
}
