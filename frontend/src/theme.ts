import {
  createTheme,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type VariantColorsResolver,
} from "@mantine/core";

// melihub's colours: a deep ink for the frame, Mercado Livre's yellow for the brand accent, and a
// blue for actions. Shade 7 of the blue carries white text at AA contrast.
const meliBlue: MantineColorsTuple = [
  "#eaf2ff",
  "#d4e4fe",
  "#a9c8fd",
  "#7caafb",
  "#5796fa",
  "#3483fa",
  "#2a6ad1",
  "#2258b0",
  "#18407f",
  "#0f2a56",
];

const meliYellow: MantineColorsTuple = [
  "#fffde0",
  "#fff9b8",
  "#fff38a",
  "#ffed5c",
  "#ffe92e",
  "#ffe600",
  "#e6cf00",
  "#b3a100",
  "#807300",
  "#4d4500",
];

const ink: MantineColorsTuple = [
  "#f4f5f7",
  "#e3e6eb",
  "#cfd4dc",
  "#aab2bf",
  "#8a93a2",
  "#5a6474",
  "#4b5565",
  "#333b49",
  "#1f2937",
  "#111827",
];

// Fills for white text at AA (≥ 4.5:1): Mantine's shade 9 for red/teal/cyan, darker greens and
// oranges than Mantine has.
const BRIGHT_FILLS: Record<string, { fill: string; hover: string }> = {
  red: { fill: "var(--mantine-color-red-9)", hover: "#b02525" },
  green: { fill: "#237a37", hover: "#1f7032" },
  orange: { fill: "#c2410c", hover: "#a63a0a" },
  teal: { fill: "var(--mantine-color-teal-9)", hover: "#066b4d" },
  cyan: { fill: "var(--mantine-color-cyan-9)", hover: "#095f70" },
};

/**
 * Light and subtle variants (badges, alerts, light buttons) write their text in the colour's
 * darkest shade: Mantine's default (shade 6 on a pale tint) misses AA contrast for most colours.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const resolved = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return resolved;
  // Filled reds, greens and oranges at the primary shade leave white text below AA: go darker.
  const bright = BRIGHT_FILLS[parsed.color];
  if (input.variant === "filled" && parsed.shade === undefined && bright) {
    return { ...resolved, background: bright.fill, hover: bright.hover, color: "#fff" };
  }
  if (input.variant !== "light" && input.variant !== "subtle") return resolved;
  const ink = `var(--mantine-color-${parsed.color}-9)`;
  return { ...resolved, color: ink, hoverColor: ink };
};

export const theme = createTheme({
  variantColorResolver,
  primaryColor: "meliBlue",
  primaryShade: 7,
  colors: { meliBlue, meliYellow, ink },
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: "650" },
  defaultRadius: "md",
  cursorType: "pointer",
  focusRing: "auto",
  components: {
    Paper: { defaultProps: { withBorder: true, radius: "lg" } },
    Card: { defaultProps: { withBorder: true, radius: "lg" } },
    Badge: { defaultProps: { variant: "light", radius: "sm" } },
    Tooltip: { defaultProps: { withArrow: true } },
    NavLink: { styles: { root: { borderRadius: "var(--mantine-radius-md)" } } },
  },
});

/** Status tones, one vocabulary for every badge and highlight. */
export const TONE_COLOR = {
  success: "green",
  warning: "orange",
  danger: "red",
  info: "meliBlue",
  neutral: "gray",
} as const;

export type Tone = keyof typeof TONE_COLOR;

/** Secondary text dark enough for AA contrast on white and on the grey page (Mantine's gray.6 is not). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
  },
  dark: {},
});
