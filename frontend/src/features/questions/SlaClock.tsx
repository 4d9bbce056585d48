"use client";

import { Badge, VisuallyHidden } from "@mantine/core";
import type { QuestionSlaState } from "@/gql/graphql";
import { useNow } from "@/components/data/Time";
import { useI18n } from "@/i18n/I18nProvider";
import { clockText, slaNow, type SlaFacts, type SlaNow } from "./sla";

// Solid fills for the states that need someone (white text at AA: the theme darkens orange and red),
// a quiet outline while there is time.
const LOOK: Record<QuestionSlaState, { variant: string; color: string }> = {
  OK: { variant: "outline", color: "#237a37" }, // Mantine's green.9 text is below AA on white
  WARNING: { variant: "filled", color: "orange" },
  BREACHED: { variant: "filled", color: "red" },
  ANSWERED: { variant: "light", color: "gray" },
};

/** The time left to answer (or how late the answer is), in the SLA state's colour. */
export function SlaClock({ sla, testId }: { sla: SlaNow; testId?: string }) {
  const { t } = useI18n();
  const look = LOOK[sla.state];
  const text =
    sla.leftMs === null
      ? t(sla.state === "ANSWERED" ? "questions.sla.answered" : "questions.sla.noDue")
      : sla.leftMs >= 0
        ? clockText(sla.leftMs)
        : `+${clockText(sla.leftMs)}`;
  const spoken =
    sla.leftMs === null
      ? text
      : sla.leftMs >= 0
        ? t("questions.sla.left", { time: clockText(sla.leftMs) })
        : t("questions.sla.late", { time: clockText(sla.leftMs) });
  return (
    <Badge
      variant={look.variant}
      color={look.color}
      radius="sm"
      size="lg"
      tt="none"
      w={118} // one width for every clock, so the questions beside them line up
      ff="monospace"
      fw={700}
      title={spoken}
      data-testid={testId}
      data-sla-state={sla.state}
      style={{ fontVariantNumeric: "tabular-nums" }}
    >
      <span aria-hidden>{text}</span>
      <VisuallyHidden>{spoken}</VisuallyHidden>
    </Badge>
  );
}

/** A clock of its own, ticking every second (the rest of the pane need not re-render with it). */
export function TickingSlaClock({ question, testId }: { question: SlaFacts; testId?: string }) {
  const now = useNow(1000);
  return <SlaClock sla={slaNow(question, now)} testId={testId} />;
}
