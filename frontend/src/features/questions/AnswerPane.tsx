"use client";

import { Alert, Button, Divider, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconLock, IconUser } from "@tabler/icons-react";
import type { ReactNode, RefObject } from "react";
import { Loading } from "@/components/data/QueryState";
import type { QuestionsContextQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { AnswerComposer, type AnsweredQuestion } from "./AnswerComposer";
import { BuyerHistory } from "./BuyerHistory";
import { ListingContext } from "./ListingContext";
import { TickingSlaClock } from "./SlaClock";
import type { Template } from "./TemplatePicker";

type Context = QuestionsContextQuery;

interface PaneProps {
  context: Context | undefined;
  accountName: (id: string) => string;
  canAnswer: boolean;
  draft: string;
  onDraft: (text: string) => void;
  templates: readonly Template[];
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  pickerRef: RefObject<HTMLInputElement | null>;
  onLeave: () => void;
  onSent: (question: AnsweredQuestion) => void;
  onNext: () => void;
  onManageTemplates: () => void;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={3} size="h6" c="dimmed" tt="uppercase" style={{ letterSpacing: 0.4 }}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** Someone answered it while it was open here: what they said, and the way on. */
function AnsweredElsewhere({ question, onNext }: { question: NonNullable<Context["question"]>; onNext: () => void }) {
  const { t, label } = useI18n();
  const answered = question.status === "ANSWERED";
  return (
    <Alert
      color={answered ? "green" : "gray"}
      variant="light"
      icon={<IconCircleCheck aria-hidden />}
      // The title in the body's ink: Mantine's green title on the green tint is below AA.
      styles={{ title: { color: "var(--mantine-color-text)" } }}
      title={
        answered
          ? question.answeredBy
            ? t("questions.done.by", { name: question.answeredBy.name || question.answeredBy.email })
            : t("questions.done.elsewhere")
          : t("questions.done.closed", { status: label("questions.status.", question.status) })
      }
      data-testid="question-done"
      data-status={question.status}
    >
      <Stack gap="xs" align="flex-start">
        {question.answer && <Text size="sm">{question.answer}</Text>}
        <Button size="xs" variant="light" onClick={onNext} data-testid="question-next">
          {t("questions.done.next")}
        </Button>
      </Stack>
    </Alert>
  );
}

/** The selected question: what was asked, by whom, on which listing; the answer box; the asker's history. */
export function AnswerPane(props: PaneProps) {
  const { context, accountName, canAnswer, onNext } = props;
  const { t, dateTime } = useI18n();
  const question = context?.question;
  if (!context) return <Loading />;
  if (!question) {
    return (
      <Text c="dimmed" size="sm" data-testid="question-gone">
        {t("questions.pane.gone")}
      </Text>
    );
  }
  const open = question.status === "UNANSWERED";
  const buyer = question.buyer?.nickname ?? (question.buyerMlId ? t("questions.buyer.id", { id: question.buyerMlId }) : t("questions.buyer.unknown"));
  return (
    <Stack gap="md" data-testid="question-pane" data-question-id={question.id} data-status={question.status}>
      <Paper p="md">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Title order={2} size="h4" data-testid="question-text" style={{ overflowWrap: "anywhere" }}>
              {question.text}
            </Title>
            <TickingSlaClock question={question} testId="question-pane-sla" />
          </Group>
          <Group gap="md">
            <Group gap={4} wrap="nowrap">
              <IconUser size={14} aria-hidden />
              <Text size="sm" data-testid="question-buyer">
                {buyer}
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              {accountName(question.meliAccountId)}
            </Text>
            <Text size="sm" c="dimmed">
              <time dateTime={question.dateCreated ?? undefined}>
                {t("questions.pane.asked", { when: dateTime(question.dateCreated) })}
              </time>
            </Text>
          </Group>
          <Divider />
          <ListingContext listing={question.listing} itemMlId={question.itemMlId} />
        </Stack>
      </Paper>

      <Paper p="md">
        {!open ? (
          <AnsweredElsewhere question={question} onNext={onNext} />
        ) : canAnswer ? (
          <AnswerComposer
            key={question.id}
            questionId={question.id}
            draft={props.draft}
            onDraft={props.onDraft}
            templates={props.templates}
            textareaRef={props.textareaRef}
            pickerRef={props.pickerRef}
            onLeave={props.onLeave}
            onSent={props.onSent}
            onManageTemplates={props.onManageTemplates}
          />
        ) : (
          <Alert color="gray" variant="light" icon={<IconLock aria-hidden />} data-testid="answer-forbidden">
            {t("questions.answer.forbidden")}
          </Alert>
        )}
      </Paper>

      <Paper p="md">
        <Section title={t("questions.history.title")}>
          <BuyerHistory questions={context.earlier?.nodes} currentId={question.id} />
          {!question.buyerMlId && (
            <Text size="sm" c="dimmed">
              {t("questions.history.noBuyer")}
            </Text>
          )}
        </Section>
      </Paper>
    </Stack>
  );
}
