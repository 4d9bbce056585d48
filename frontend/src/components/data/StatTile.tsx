import { Group, Paper, Stack, Text, ThemeIcon } from "@mantine/core";
import type { ReactNode } from "react";
import { TONE_COLOR, type Tone } from "@/theme";

interface StatTileProps {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  icon?: ReactNode;
  tone?: Tone;
  testId?: string;
  children?: ReactNode;
}

/** One figure of the floor: what it counts, the number, and a line of context. */
export function StatTile({ label, value, hint, icon, tone = "neutral", testId, children }: StatTileProps) {
  return (
    <Paper p="md" data-testid={testId} aria-label={label} component="section">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm" c="dimmed" fw={500}>
            {label}
          </Text>
          {icon && (
            <ThemeIcon variant="light" color={TONE_COLOR[tone]} size="md" radius="md" aria-hidden>
              {icon}
            </ThemeIcon>
          )}
        </Group>
        <Text fz={28} fw={700} lh={1.1} data-testid={testId ? `${testId}-value` : undefined}>
          {value}
        </Text>
        {hint && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )}
        {children}
      </Stack>
    </Paper>
  );
}
