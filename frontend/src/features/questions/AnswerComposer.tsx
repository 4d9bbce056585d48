"use client";

import { Alert, Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { IconAlertTriangle, IconSend, IconSettings } from "@tabler/icons-react";
import { useState, type RefObject } from "react";
import { useI18n } from "@/i18n/I18nProvider";
import { TemplatePicker, type Template } from "./TemplatePicker";
import {
  charactersOf,
  focusAnswer,
  MAX_ANSWER,
  useSend,
  useTemplateFill,
  type AnsweredQuestion,
  type Filled,
  type Problem,
} from "./useAnswer";

export type { AnsweredQuestion } from "./useAnswer";

interface ComposerProps {
  questionId: string;
  draft: string;
  onDraft: (text: string) => void;
  templates: readonly Template[];
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  pickerRef: RefObject<HTMLInputElement | null>;
  onLeave: () => void;
  onSent: (question: AnsweredQuestion) => void;
  onManageTemplates: () => void;
}

function TemplateWarning({ filled }: { filled: Filled }) {
  const i18n = useI18n();
  const { t, number, list } = i18n;
  if (filled.missing.length === 0 && !filled.tooLong) return null;
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} p="xs" data-testid="template-warning">
      <Stack gap={2}>
        {filled.missing.length > 0 && (
          <Text size="sm">
            {t("questions.templates.missing", {
              name: filled.name,
              fields: list(filled.missing.map((name) => i18n.label("questions.placeholder.", name))),
            })}
          </Text>
        )}
        {filled.tooLong && <Text size="sm">{t("questions.templates.tooLong", { max: number(MAX_ANSWER) })}</Text>}
      </Stack>
    </Alert>
  );
}

function AnswerProblem({ problem }: { problem: Problem }) {
  const { t } = useI18n();
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert" data-testid="answer-error">
      <Stack gap={4}>
        <Text size="sm">{problem.text}</Text>
        {problem.winner && (
          <Text size="sm" data-testid="answer-error-winner">
            {t(problem.by ? "questions.answer.winnerBy" : "questions.answer.winner", { name: problem.by ?? "" })}{" "}
            <q>{problem.winner}</q>
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** The answer: a template filled for this question, edited, sent with Enter (Shift+Enter: a new line). */
export function AnswerComposer(props: ComposerProps) {
  const { questionId, draft, onDraft, templates, textareaRef, pickerRef, onLeave, onSent, onManageTemplates } = props;
  const { t, number } = useI18n();
  const [problem, setProblem] = useState<Problem | null>(null);
  const fill = useTemplateFill({ questionId, draft, onDraft, textareaRef, onProblem: setProblem });
  const { sending, send } = useSend({ questionId, draft, onSent, onProblem: setProblem });
  const count = charactersOf(draft);
  const tooLong = count > MAX_ANSWER;

  return (
    <Stack gap="xs" data-testid="answer-box">
      <Group gap="xs" wrap="nowrap">
        <TemplatePicker
          templates={templates}
          inputRef={pickerRef}
          busy={fill.rendering}
          onPick={(template) => void fill.pick(template)}
          onLeave={() => focusAnswer(textareaRef)}
        />
        <Button
          variant="default"
          leftSection={<IconSettings size={16} aria-hidden />}
          onClick={onManageTemplates}
          data-testid="question-templates-manage"
          style={{ flexShrink: 0 }}
        >
          {t("questions.templates.manage")}
        </Button>
      </Group>
      {fill.filled && <TemplateWarning filled={fill.filled} />}
      <Textarea
        ref={textareaRef}
        label={t("questions.answer.label")}
        description={t("questions.answer.hint")}
        value={draft}
        onChange={(event) => onDraft(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            void send();
          } else if (event.key === "Escape") {
            event.preventDefault();
            onLeave();
          }
        }}
        autosize
        minRows={4}
        maxRows={10}
        error={tooLong ? t("questions.answer.tooLong", { max: number(MAX_ANSWER) }) : undefined}
        data-testid="answer-text"
      />
      {problem && <AnswerProblem problem={problem} />}
      <Group justify="space-between">
        <Text size="xs" c={tooLong ? "red.9" : "dimmed"} data-testid="answer-count">
          {t("questions.answer.count", { count: number(count), max: number(MAX_ANSWER) })}
        </Text>
        <Button
          leftSection={<IconSend size={16} aria-hidden />}
          onClick={() => void send()}
          loading={sending}
          disabled={!draft.trim() || tooLong}
          data-testid="answer-send"
        >
          {t("questions.answer.send")}
        </Button>
      </Group>
    </Stack>
  );
}
