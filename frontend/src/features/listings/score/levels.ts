// How a score reads at a glance: one colour per level, one tone per finding's weight, the rules in order.
import type { Tone } from "@/theme";
import type { FindingSeverity, ScoreLevel, ScoreRule } from "../gql/graphql";

export const LEVEL_TONE: Record<ScoreLevel, Tone> = { BASIC: "danger", SATISFACTORY: "warning", PROFESSIONAL: "success" };

/**
 * A score's solid badge, traffic-light style: red, yellow, green. Filled red and green carry white text at AA
 * (the theme's fills); yellow carries dark text (the badge's autoContrast).
 */
export const LEVEL_COLOR: Record<ScoreLevel, string> = { BASIC: "red", SATISFACTORY: "yellow.4", PROFESSIONAL: "green" };

/** The same levels as bars and rings (graphics only: no text on them). */
export const LEVEL_FILL: Record<ScoreLevel, string> = { BASIC: "red.8", SATISFACTORY: "yellow.5", PROFESSIONAL: "green.8" };

export function levelOf(value: number): ScoreLevel {
  return value >= 80 ? "PROFESSIONAL" : value >= 50 ? "SATISFACTORY" : "BASIC";
}

export const SEVERITY_TONE: Record<FindingSeverity, Tone> = { HIGH: "danger", MEDIUM: "warning", LOW: "neutral" };

/** Every rule of the score, in the order the filter offers them (docs/insights.md). */
export const RULES: readonly ScoreRule[] = [
  "TITLE_LENGTH",
  "TITLE_REPEATED_WORDS",
  "TITLE_BANNED_WORDS",
  "TITLE_KEY_ATTRIBUTES",
  "PICTURES_COUNT",
  "PICTURES_RESOLUTION",
  "ATTRIBUTES_COMPLETE",
  "DESCRIPTION",
  "FREE_SHIPPING",
  "LOGISTIC_TYPE",
  "LISTING_TYPE",
  "VARIATION_PRICES",
  "STOCK_COVERAGE",
  "UNANSWERED_QUESTIONS",
  "MELI_QUALITY",
];

/** The thresholds "Nota abaixo de" offers. */
export const SCORE_BELOW = ["50", "70", "80"] as const;
