"use client";

import { Alert, Badge, Group, Paper, RingProgress, Stack, Text, Title } from "@mantine/core";
import { useMemo } from "react";
import { RelativeTime } from "@/components/data/Time";
import { ToneBadge } from "@/components/data/ToneBadge";
import { useI18n } from "@/i18n/I18nProvider";
import { languageContext } from "@/lib/urql";
import type { ListingsScoreQuery } from "../gql/graphql";
import { ListingDrawerFrame, useLiveListing } from "../ListingDrawer";
import { AnalysisPanel } from "./AnalysisPanel";
import { LEVEL_COLOR, LEVEL_FILL, SEVERITY_TONE } from "./levels";
import { ScoreHistory } from "./ScoreHistory";
import { ListingScoreQuery } from "./queries";

export type ScoredListing = NonNullable<ListingsScoreQuery["listing"]>;
type Score = NonNullable<ScoredListing["score"]>;

function Summary({ score }: { score: Score }) {
  const { t, label } = useI18n();
  return (
    <Group gap="lg" wrap="nowrap" data-testid="score-summary" data-score={score.value} data-level={score.level}>
      <RingProgress
        size={104}
        thickness={10}
        roundCaps
        sections={[{ value: score.value, color: LEVEL_FILL[score.level] }]}
        label={
          <Stack gap={0} align="center">
            <Text fz={28} fw={700} lh={1}>
              {score.value}
            </Text>
            <Text size="xs" c="dimmed">
              {t("score.outOf")}
            </Text>
          </Stack>
        }
        aria-hidden
      />
      <Stack gap={6}>
        <Badge variant="filled" color={LEVEL_COLOR[score.level]} autoContrast size="lg" w="fit-content" tt="none">
          {label("score.level.", score.level)}
        </Badge>
        <Text size="sm" c="dimmed">
          {t("score.computedAt")} <RelativeTime iso={score.computedAt} />
        </Text>
      </Stack>
    </Group>
  );
}

function Findings({ findings }: { findings: Score["findings"] }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  return (
    <Stack gap="xs" component="section" aria-labelledby="score-findings-heading">
      <Title order={3} size="h5" id="score-findings-heading">
        {t("score.findings.title")}
      </Title>
      {findings.length === 0 ? (
        <Text size="sm">{t("score.findings.none")}</Text>
      ) : (
        findings.map((finding) => (
          <Paper key={finding.rule} p="sm" radius="md" data-testid="score-finding" data-rule={finding.rule} data-severity={finding.severity}>
            <Group justify="space-between" wrap="nowrap" gap="sm" mb={4}>
              <Group gap="xs" wrap="nowrap">
                <ToneBadge tone={SEVERITY_TONE[finding.severity]}>{label("score.severity.", finding.severity)}</ToneBadge>
                <Text size="sm" fw={600}>
                  {label("score.rule.", finding.rule)}
                </Text>
              </Group>
              <Text size="sm" fw={600} c="red.9" style={{ whiteSpace: "nowrap" }} data-testid="score-finding-points">
                {t("score.finding.points", { points: i18n.number(Math.round(finding.pointsLost * 10) / 10) })}
              </Text>
            </Group>
            <Text size="sm">{finding.message}</Text>
            <Text size="sm" mt={2} data-testid="score-finding-recommendation">
              <Text span fw={600} inherit>
                {t("score.finding.howTo")}
              </Text>{" "}
              {finding.recommendation}
            </Text>
          </Paper>
        ))
      )}
    </Stack>
  );
}

/** A listing's score: its level, what costs it points and what to do, how it moved, and the LLM's review. */
export function ScoreDrawer({ listingId, canEdit, onClose }: { listingId: string | null; canEdit: boolean; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const context = useMemo(() => languageContext(i18n.locale), [i18n.locale]);
  const live = useLiveListing(ListingScoreQuery, { id: listingId ?? "" }, listingId, context);
  const { listing, refetch } = live;

  return (
    <ListingDrawerFrame
      live={live}
      opened={listingId !== null}
      onClose={onClose}
      title={listing ? t("score.drawer.title", { title: listing.title }) : t("score.drawer.loading")}
      notFound={t("score.drawer.notFound")}
    >
      {(listing) => (
        <Stack gap="lg" data-testid="score-detail" data-ml-id={listing.mlId}>
          {listing.score ? (
            <>
              <Summary score={listing.score} />
              <Findings findings={listing.score.findings} />
            </>
          ) : (
            <Alert color="gray" data-testid="score-not-yet">
              {t("score.notYet")}
            </Alert>
          )}
          {listing.scoreHistory.length > 0 ? <ScoreHistory points={listing.scoreHistory} /> : null}
          <AnalysisPanel key={listing.id} listing={listing} canEdit={canEdit} onChanged={refetch} />
        </Stack>
      )}
    </ListingDrawerFrame>
  );
}
