import { Stack, Text, Title } from "@mantine/core";

/** A section's h2 and what it is for (ConnectionTable's SectionHeader, without its table's weight). */
export function SectionTitle({ id, title, description }: { id: string; title: string; description?: string }) {
  return (
    <Stack gap={2} mb="xs">
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      )}
    </Stack>
  );
}
