"use client";

import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";
import { useI18n, type I18n } from "@/i18n/I18nProvider";
import type { Analysis } from "./useAnalysis";

type Result = NonNullable<Analysis["result"]>;
type Reasoned = Result["hacks"][number];

interface Props {
  analysis: Analysis;
  result: Result;
  canApply: boolean;
  applying: number | null;
  applyError: { index: number; text: string } | null;
  onApply: (index: number) => void;
}

/** USD estimates are fractions of a cent: up to 4 decimals. */
function costText(i18n: I18n, amount: string, currency: string): string {
  try {
    return new Intl.NumberFormat(i18n.locale, { style: "currency", currency, maximumFractionDigits: 4 }).format(Number(amount));
  } catch {
    return `${currency} ${amount}`;
  }
}

function Reasons({ heading, items, testId }: { heading: string; items: readonly Reasoned[]; testId: string }) {
  const { t } = useI18n();
  return (
    <Stack gap={4} data-testid={testId}>
      <Title order={4} size="h6">
        {heading}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("ai.nothing")}
        </Text>
      ) : (
        <List size="sm" spacing={4}>
          {items.map((item, index) => (
            <List.Item key={`${index}-${item.text}`}>
              <Text span size="sm" fw={600}>
                {item.text}
              </Text>
              <Text size="sm" c="dimmed">
                {item.reason}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/** The review: titles to apply, keywords, tips, critique and risks, each with its reason; what it cost. */
export function AnalysisResult({ analysis, result, canApply, applying, applyError, onApply }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const tokens = analysis.promptTokens + analysis.completionTokens;
  return (
    <Stack gap="md" data-testid="ai-result">
      <Stack gap={6}>
        <Title order={4} size="h6">
          {t("ai.titles")}
        </Title>
        {result.seo.titleSuggestions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("ai.nothing")}
          </Text>
        ) : null}
        {result.seo.titleSuggestions.map((suggestion, index) => {
          const applied = analysis.appliedTitles.includes(suggestion.text);
          return (
            <Paper key={`${index}-${suggestion.text}`} p="sm" radius="md" data-testid="ai-title" data-applied={String(applied)}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600}>
                    {suggestion.text}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t("ai.chars", { count: suggestion.text.length })} · {suggestion.reason}
                  </Text>
                </Stack>
                {applied ? (
                  <Badge color="green" variant="light" leftSection={<IconCheck size={12} aria-hidden />} tt="none">
                    {t("ai.applied")}
                  </Badge>
                ) : (
                  <Button
                    size="compact-sm"
                    variant="light"
                    onClick={() => onApply(index)}
                    loading={applying === index}
                    disabled={!canApply || (applying !== null && applying !== index)}
                    aria-label={t("ai.applyFor", { text: suggestion.text })}
                    data-testid={`ai-apply-${index}`}
                  >
                    {t("ai.apply")}
                  </Button>
                )}
              </Group>
              {applyError?.index === index ? (
                <Alert color="red" mt="xs" p="xs" role="alert" data-testid="ai-apply-error">
                  <Text size="sm">{applyError.text}</Text>
                </Alert>
              ) : null}
            </Paper>
          );
        })}
      </Stack>
      <Reasons heading={t("ai.keywords")} items={result.seo.keywords} testId="ai-keywords" />
      <Reasons heading={t("ai.hacks")} items={result.hacks} testId="ai-hacks" />
      <Reasons heading={t("ai.critique")} items={result.critique} testId="ai-critique" />
      <Reasons heading={t("ai.risks")} items={result.risks} testId="ai-risks" />
      <Text size="xs" c="dimmed" data-testid="ai-meta">
        {t("ai.meta", {
          model: analysis.model,
          tokens: i18n.number(tokens),
          prompt: i18n.number(analysis.promptTokens),
          completion: i18n.number(analysis.completionTokens),
          cost: costText(i18n, analysis.costEstimate.amount, analysis.costEstimate.currency),
          latency: analysis.latencyMs != null ? `${i18n.number(Math.round(analysis.latencyMs / 100) / 10)} s` : "—",
        })}
      </Text>
    </Stack>
  );
}
