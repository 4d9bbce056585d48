"use client";

import { Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";

interface Notice {
  color: string;
  title: string;
  message: string;
  closeLabel: string;
  testId?: string;
  autoClose?: number;
}

/**
 * A toast whose text reads at AA contrast: the title leads the message in bold (Mantine greys a
 * description under a title with gray.6), and the close button has a name.
 */
export function notify({ color, title, message, closeLabel, testId, autoClose = 6_000 }: Notice): void {
  notifications.show({
    color,
    autoClose,
    message: (
      <Text size="sm" c="var(--mantine-color-text)">
        <Text span fw={600} inherit>
          {title}.
        </Text>{" "}
        {message}
      </Text>
    ),
    closeButtonProps: { "aria-label": closeLabel },
    ...(testId ? { "data-testid": testId } : {}),
  });
}
