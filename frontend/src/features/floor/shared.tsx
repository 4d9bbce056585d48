"use client";

import { Anchor, Group, Paper, Title } from "@mantine/core";
import Link from "next/link";
import { useId, type ReactNode } from "react";

/** One block of the floor: a titled panel (h2) with an optional link to the screen that owns it. */
export function FloorPanel({
  title,
  action,
  testId,
  children,
}: {
  title: string;
  action?: { href: string; label: string };
  testId: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <Paper p="md" component="section" aria-labelledby={headingId} data-testid={testId} h="100%">
      <Group justify="space-between" align="baseline" mb="sm" gap="xs">
        <Title order={2} size="h4" id={headingId}>
          {title}
        </Title>
        {action && (
          <Anchor component={Link} href={action.href} size="sm" fw={500}>
            {action.label}
          </Anchor>
        )}
      </Group>
      {children}
    </Paper>
  );
}
