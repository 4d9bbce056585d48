"use client";

import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconLock, IconRobotOff, IconSparkles } from "@tabler/icons-react";
import { useQuery } from "urql";
import { RelativeTime } from "@/components/data/Time";
import { useI18n } from "@/i18n/I18nProvider";
import { AnalysisResult } from "./AnalysisResult";
import { AiStatusQuery } from "./queries";
import type { ScoredListing } from "./ScoreDrawer";
import { useAnalysis } from "./useAnalysis";

interface Props {
  listing: ScoredListing;
  canEdit: boolean;
  onChanged: () => void;
}

/** The LLM's review of the listing: off when no LLM is configured; else asked for, followed, shown. */
export function AnalysisPanel({ listing, canEdit, onChanged }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [statusResult, reexecuteStatus] = useQuery({ query: AiStatusQuery });
  const status = statusResult.data?.aiStatus;
  const review = useAnalysis(listing, () => {
    onChanged();
    reexecuteStatus({ requestPolicy: "network-only" }); // the budget spent
  });
  const { analysis, running } = review;
  const configured = status?.configured ?? false;
  const budget = status?.budget;

  return (
    <Paper p="md" component="section" aria-labelledby="ai-heading" data-testid="ai-panel" data-configured={String(configured)}>
      <Stack gap="sm">
        <Title order={3} size="h5" id="ai-heading">
          {t("ai.title")}
        </Title>
        {!status ? (
          <Loader size="sm" aria-label={t("common.loading")} />
        ) : !configured ? (
          <Alert color="gray" icon={<IconRobotOff aria-hidden />} title={t("ai.off")} data-testid="ai-off">
            {t("ai.offBody")}
          </Alert>
        ) : !status.reachable ? (
          <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />} data-testid="ai-unreachable">
            {t("ai.unreachable", { error: status.error ? ` (${status.error})` : "" })}
          </Alert>
        ) : null}
        {status && !canEdit ? (
          <Text size="sm" c="dimmed">
            <IconLock size={14} aria-hidden style={{ verticalAlign: "-2px" }} /> {t("ai.readOnly")}
          </Text>
        ) : null}
        <Group gap="md" align="center">
          <Button
            leftSection={<IconSparkles size={16} aria-hidden />}
            onClick={() => void review.start()}
            loading={review.sending}
            disabled={!status || !configured || !canEdit || running}
            data-testid="ai-generate"
          >
            {analysis?.status === "DONE" ? t("ai.generateAgain") : t("ai.generate")}
          </Button>
          {budget ? (
            <Text size="sm" c="dimmed" data-testid="ai-budget" data-left={budget.leftTokens}>
              {t("ai.budget", { left: i18n.number(budget.leftTokens), monthly: i18n.number(budget.monthlyTokens) })}
            </Text>
          ) : null}
        </Group>
        {running && analysis ? (
          <Group gap="xs" role="status" data-testid="ai-progress" data-status={analysis.status}>
            <Loader size="xs" aria-hidden />
            <Text size="sm" fw={500}>
              {t(analysis.status === "QUEUED" ? "ai.status.QUEUED" : "ai.status.RUNNING")}
            </Text>
          </Group>
        ) : null}
        {review.errors.length > 0 ? (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t("ai.errorTitle")} role="alert" data-testid="ai-error" data-code={review.errors[0].code}>
            {[...new Set(review.errors.map((error) => review.errorText(error.code, error.message)))].join(" ")}
          </Alert>
        ) : null}
        {analysis?.status === "FAILED" ? (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t("ai.failed")} data-testid="ai-failed" data-code={analysis.errorCode ?? ""}>
            <Stack gap={4}>
              <Text size="sm">{review.errorText(analysis.errorCode, analysis.error)}</Text>
              {analysis.retryAt ? (
                <Text size="sm">
                  {t("ai.retryAt", { when: i18n.dateTime(analysis.retryAt) })}
                </Text>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        {analysis?.status === "DONE" && analysis.result ? (
          <>
            <AnalysisResult
              analysis={analysis}
              result={analysis.result}
              canApply={canEdit}
              applying={review.applying}
              applyError={review.applyError}
              onApply={(index) => void review.apply(index)}
            />
            <Text size="xs" c="dimmed">
              {t("ai.generatedAt")} <RelativeTime iso={analysis.finishedAt ?? analysis.createdAt} />
            </Text>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
