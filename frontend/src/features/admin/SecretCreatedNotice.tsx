"use client";

import { Button, Group, Paper, Stack, Title } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { useEffect, useRef, type ReactNode } from "react";
import { SecretReveal } from "./SecretReveal";

/**
 * Something just created with a secret (an API token, a webhook's signing secret), above its list as GitHub
 * does: the secret, shown this once, until the person says they copied it. It takes the focus, so a keyboard
 * or screen reader lands on it.
 */
export function SecretCreatedNotice({
  createdId,
  title,
  secretLabel,
  secret,
  warning,
  doneLabel,
  onDone,
  testId,
  hint,
}: {
  createdId: string;
  title: string;
  secretLabel: string;
  secret: string;
  warning: string;
  doneLabel: string;
  onDone: () => void;
  testId: { notice: string; secret: string; done: string };
  hint?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [createdId]);
  return (
    <Paper p="md" mb="md" bg="var(--mantine-color-green-0)" bd="1px solid var(--mantine-color-green-3)" data-testid={testId.notice}>
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <IconCircleCheck size={20} color="var(--mantine-color-green-8)" aria-hidden />
          <Title order={3} size="h5" ref={heading} tabIndex={-1}>
            {title}
          </Title>
        </Group>
        <SecretReveal label={secretLabel} value={secret} warning={warning} testId={testId.secret} />
        <Group justify={hint ? "space-between" : "flex-end"} align="flex-end" gap="sm">
          {hint}
          <Button variant="default" onClick={onDone} data-testid={testId.done}>
            {doneLabel}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
