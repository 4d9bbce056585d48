"use client";

import { Alert, Button, Code, CopyButton, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconCopy } from "@tabler/icons-react";
import { useId } from "react";
import { useT } from "@/i18n/I18nProvider";

interface SecretRevealProps {
  label: string;
  value: string;
  /** Why it matters to copy it now: it is never shown again. */
  warning: string;
  testId: string;
}

/** A secret shown exactly once (a temporary password, an API token), with a copy button. */
export function SecretReveal({ label, value, warning, testId }: SecretRevealProps) {
  const t = useT();
  const labelId = useId();
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600} id={labelId}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="stretch">
        <Code
          block
          fz="md"
          flex={1}
          py={8}
          aria-labelledby={labelId}
          data-testid={testId}
          style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }}
        >
          {value}
        </Code>
        <CopyButton value={value} timeout={2500}>
          {({ copied, copy }) => (
            <Button
              onClick={copy}
              variant={copied ? "filled" : "light"}
              color={copied ? "green.8" : undefined}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              h="auto"
              miw={110}
              aria-label={`${copied ? t("common.copied") : t("common.copy")}: ${label}`}
            >
              {copied ? t("common.copied") : t("common.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} p="sm">
        <Text size="sm" c="var(--mantine-color-text)">
          {warning}
        </Text>
      </Alert>
    </Stack>
  );
}
