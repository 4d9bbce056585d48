import { Badge, type BadgeProps } from "@mantine/core";
import type { ReactNode } from "react";
import { TONE_COLOR, type Tone } from "@/theme";

/**
 * A status in a word with its tone as a dot (dark text on white, AA contrast); a
 * state that needs someone now (`urgent`) is a solid dark red instead, white text at AA contrast.
 */
export function ToneBadge({
  tone,
  urgent = false,
  children,
  ...props
}: { tone: Tone; urgent?: boolean; children: ReactNode } & BadgeProps & Record<`data-${string}`, string | boolean | undefined>) {
  return urgent ? (
    <Badge variant="filled" color="red.9" tt="none" fw={600} miw="max-content" {...props}>
      {children}
    </Badge>
  ) : (
    <Badge variant="dot" color={TONE_COLOR[tone]} tt="none" fw={500} miw="max-content" {...props}>
      {children}
    </Badge>
  );
}
