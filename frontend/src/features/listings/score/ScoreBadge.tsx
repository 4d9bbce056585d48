"use client";

import { Badge, Stack, Text, Tooltip, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { useI18n } from "@/i18n/I18nProvider";
import type { ScoreLevel } from "../gql/graphql";
import { LEVEL_COLOR } from "./levels";

interface Props {
  score: { value: number; level: ScoreLevel } | null | undefined;
  title: string;
  onOpen: () => void;
  testId: string;
}

/** The listing's score in a solid badge coloured by level (text at AA), "—" until scored; opens the detail. */
export function ScoreBadge({ score, title, onOpen, testId }: Props) {
  const { t, label } = useI18n();
  if (!score) {
    return (
      <Tooltip label={t("score.unscored")}>
        <UnstyledButton onClick={onOpen} data-testid={testId} data-score="" px={6}>
          <Text size="sm" c="dimmed" fw={600} aria-hidden>
            —
          </Text>
          <VisuallyHidden>{t("score.unscoredFor", { title })}</VisuallyHidden>
        </UnstyledButton>
      </Tooltip>
    );
  }
  const level = label("score.level.", score.level);
  return (
    // Named by what it shows ("Nota 66 de 100 Satisfatório"), then where it leads.
    <UnstyledButton
      onClick={onOpen}
      data-testid={testId}
      data-score={score.value}
      data-level={score.level}
    >
      <Stack gap={2} align="center">
        <VisuallyHidden>{t("score.col")}</VisuallyHidden>
        <Badge variant="filled" color={LEVEL_COLOR[score.level]} autoContrast size="lg" miw={44} style={{ cursor: "pointer" }}>
          {score.value}
        </Badge>
        <VisuallyHidden>{t("score.outOf")}</VisuallyHidden>
        <Text size="xs" c="dimmed">
          {level}
        </Text>
        <VisuallyHidden>{t("score.detailsOf", { title })}</VisuallyHidden>
      </Stack>
    </UnstyledButton>
  );
}
