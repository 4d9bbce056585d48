"use client";

import { useState, type RefObject } from "react";
import { useClient, useMutation } from "urql";
import type { QuestionsAnswerMutation } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { answerErrorText, requestErrorText } from "./errors";
import { AnswerQuestionMutation, RenderTemplateQuery } from "./queries";
import type { Template } from "./TemplatePicker";

export const MAX_ANSWER = 2000; // Mercado Livre's limit, counted as the API counts (code points, trimmed)

export type AnsweredQuestion = NonNullable<QuestionsAnswerMutation["answerQuestion"]["question"]>;

/** Why the answer did not go out, and (ALREADY_ANSWERED) the answer that did, and whose. */
export interface Problem {
  text: string;
  winner?: string | null;
  by?: string | null;
}

/** The template last filled in, and what it could not fill. */
export interface Filled {
  name: string;
  missing: readonly string[];
  tooLong: boolean;
}

export function charactersOf(text: string): number {
  return [...text.trim()].length;
}

/** Puts the cursor in the answer box, at `caret` (default: the end), once the new text is in. */
export function focusAnswer(textareaRef: RefObject<HTMLTextAreaElement | null>, caret?: number): void {
  requestAnimationFrame(() => {
    const area = textareaRef.current;
    if (!area) return;
    area.focus();
    const at = caret ?? area.value.length;
    area.setSelectionRange(at, at);
  });
}

interface FillArgs {
  questionId: string;
  draft: string;
  onDraft: (text: string) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  onProblem: (problem: Problem | null) => void;
}

/** A template rendered for the question on the server (its placeholders filled), put into the answer. */
export function useTemplateFill({ questionId, draft, onDraft, textareaRef, onProblem }: FillArgs) {
  const i18n = useI18n();
  const client = useClient();
  const [rendering, setRendering] = useState(false);
  const [filled, setFilled] = useState<Filled | null>(null);
  const pick = async (template: Template) => {
    setRendering(true);
    const result = await client
      .query(RenderTemplateQuery, { templateId: template.id, questionId }, { requestPolicy: "network-only" })
      .toPromise();
    setRendering(false);
    const rendered = result.data?.renderQuestionTemplate;
    if (!rendered) {
      onProblem({ text: result.error ? requestErrorText(i18n, result.error) : i18n.t("questions.error.RENDER") });
      return;
    }
    // Into an empty answer it is the answer; into a started one it goes where the cursor was.
    const area = textareaRef.current;
    const blank = draft.trim() === "";
    const start = blank ? 0 : (area?.selectionStart ?? draft.length);
    const end = blank ? draft.length : (area?.selectionEnd ?? draft.length);
    onDraft(draft.slice(0, start) + rendered.text + draft.slice(end));
    setFilled({ name: template.name, missing: rendered.missing, tooLong: rendered.tooLong });
    onProblem(null);
    focusAnswer(textareaRef, start + rendered.text.length);
  };
  return { rendering, filled, pick };
}

interface SendArgs {
  questionId: string;
  draft: string;
  onSent: (question: AnsweredQuestion) => void;
  onProblem: (problem: Problem | null) => void;
}

/** answerQuestion with the trimmed draft; a refusal becomes a Problem in the operator's language. */
export function useSend({ questionId, draft, onSent, onProblem }: SendArgs) {
  const i18n = useI18n();
  const [state, answer] = useMutation(AnswerQuestionMutation);
  const send = async () => {
    const text = draft.trim();
    if (!text || charactersOf(text) > MAX_ANSWER || state.fetching) return;
    onProblem(null);
    const result = await answer({ questionId, text });
    const payload = result.data?.answerQuestion;
    if (result.error || !payload) {
      onProblem({ text: result.error ? requestErrorText(i18n, result.error) : i18n.t("questions.error.NETWORK") });
      return;
    }
    if (payload.errors.length > 0) {
      const already = payload.errors.some((error) => error.code === "ALREADY_ANSWERED");
      onProblem({
        text: answerErrorText(i18n, payload.errors),
        winner: already ? payload.question?.answer : null,
        by: already ? payload.question?.answeredBy?.name : null,
      });
      return;
    }
    if (payload.question) onSent(payload.question);
  };
  return { sending: state.fetching, send };
}
