"use client";

import { Stack, Text, Timeline } from "@mantine/core";
import type { QuestionsContextQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";

type Earlier = NonNullable<QuestionsContextQuery["earlier"]>["nodes"][number];

const SHOWN = 10;

/** The asker's other questions on the tenant's listings, newest first, each with the answer it got. */
export function BuyerHistory({ questions, currentId }: { questions: readonly Earlier[] | undefined; currentId: string }) {
  const { t, dateTime, label } = useI18n();
  const others = (questions ?? []).filter((question) => question.id !== currentId).slice(0, SHOWN);
  if (questions === undefined) return null;
  if (others.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="question-history-empty">
        {t("questions.history.none")}
      </Text>
    );
  }
  return (
    <Timeline bulletSize={10} lineWidth={2} data-testid="question-history">
      {others.map((question) => (
        <Timeline.Item key={question.id} data-testid={`question-history-${question.id}`}>
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              <time dateTime={question.dateCreated ?? undefined}>{dateTime(question.dateCreated)}</time>
              {" · "}
              {question.listing?.title ?? question.itemMlId}
            </Text>
            <Text size="sm">{question.text}</Text>
            {question.answer ? (
              <Text size="sm" c="dimmed" pl="sm" style={{ borderLeft: "2px solid var(--mantine-color-gray-3)" }}>
                {question.answer}
              </Text>
            ) : (
              <Text size="xs" c="dimmed" fs="italic">
                {label("questions.status.", question.status)}
              </Text>
            )}
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
