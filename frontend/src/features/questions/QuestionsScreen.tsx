"use client";

import { Grid, Paper, Select, Text } from "@mantine/core";
import { Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useQuery } from "urql";
import { PageHeader } from "@/components/data/PageHeader";
import { Loading } from "@/components/data/QueryState";
import { useSession } from "@/components/session/SessionProvider";
import { useI18n } from "@/i18n/I18nProvider";
import { useKept, useLiveQuery } from "@/lib/useLive";
import { notify } from "@/features/integrations/notify";
import type { AnsweredQuestion } from "./useAnswer";
import { AnswerPane } from "./AnswerPane";
import { QuestionContextQuery, QuestionsAccountsQuery, QuestionTemplatesQuery } from "./queries";
import { optionId } from "./QuestionQueue";
import { QueuePanel } from "./QueuePanel";
import { TemplatesModal } from "./TemplatesModal";
import { useShortcuts } from "./useShortcuts";
import { useAccountParam, useQueue } from "./useQueue";

export function QuestionsScreen() {
  return (
    <Suspense fallback={<Loading />}>
      <Questions />
    </Suspense>
  );
}

interface Selection {
  id: string;
  buyerMlId: string | null;
}

/** The open question with its listing and the asker's other questions, refetched when it changes. */
function useOpenQuestion(selected: Selection | null) {
  const variables = { id: selected?.id ?? "", buyerMlId: selected?.buyerMlId ?? null, hasBuyer: Boolean(selected?.buyerMlId) };
  const [result, refetch] = useLiveQuery({ query: QuestionContextQuery, variables, pause: !selected }, [], 500);
  return { context: useKept(result, variables), refetch };
}

function useAccounts() {
  const { t } = useI18n();
  const [result] = useQuery({ query: QuestionsAccountsQuery });
  const accounts = useKept(result)?.meliAccounts.nodes ?? [];
  const nameOf = useCallback(
    (id: string) => accounts.find((entry) => entry.id === id)?.nickname ?? t("common.none"),
    [accounts, t],
  );
  return { accounts, nameOf };
}

function Questions() {
  const { t } = useI18n();
  const { me } = useSession();
  const canAnswer = me.role !== "ANALYST"; // answerQuestion's roles (docs/graphql.md, "Answering questions")
  const [account, setAccount] = useAccountParam();
  const [selected, setSelected] = useState<Selection | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [managing, setManaging] = useState(false);
  const queueRef = useRef<HTMLDivElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const pickerRef = useRef<HTMLInputElement>(null);
  const open = useOpenQuestion(selected);
  const queue = useQueue(account, (id) => (id === selected?.id ? open.refetch() : undefined));
  const { rows } = queue;
  const [templatesResult, refetchTemplates] = useQuery({ query: QuestionTemplatesQuery });
  const templates = useKept(templatesResult)?.questionTemplates.nodes ?? [];
  const { accounts, nameOf } = useAccounts();

  const select = useCallback((row: { id: string; buyerMlId?: string | null } | undefined) => {
    setSelected(row ? { id: row.id, buyerMlId: row.buyerMlId ?? null } : null);
    if (row) requestAnimationFrame(() => document.getElementById(optionId(row.id))?.scrollIntoView({ block: "nearest" }));
  }, []);
  useEffect(() => setSelected(null), [account]);
  // The most urgent question is open from the start; one answered elsewhere stays open (it says so).
  useEffect(() => {
    if (!selected && rows.length > 0) select(rows[0]);
  }, [selected, rows, select]);

  const move = (step: number) => {
    const index = rows.findIndex((row) => row.id === selected?.id);
    select(rows[index < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, index + step))]);
  };
  const answerable = canAnswer && open.context?.question?.status === "UNANSWERED";
  const reply = () => (answerable ? textareaRef.current?.focus() : undefined);
  const pickTemplate = () => (answerable ? pickerRef.current?.focus() : undefined);
  useShortcuts({ next: () => move(1), previous: () => move(-1), reply, template: pickTemplate }, !managing);

  const sent = (question: AnsweredQuestion) => {
    const index = rows.findIndex((row) => row.id === question.id);
    const rest = rows.filter((row) => row.id !== question.id);
    queue.drop(question.id);
    setDrafts(({ [question.id]: _, ...others }) => others);
    select(rest[Math.min(Math.max(index, 0), rest.length - 1)]);
    queueRef.current?.focus();
    notify({
      color: "green",
      title: t("questions.sent.title"),
      message: t("questions.sent.body"),
      closeLabel: t("common.close"),
      testId: "answer-sent",
      autoClose: 3_000,
    });
  };

  const accountOptions = [
    { value: "", label: t("questions.accounts.all") },
    ...accounts.map((entry) => ({ value: entry.id, label: entry.nickname })),
  ];
  const accountPicker = accounts.length > 1 && (
    <Select
      size="sm"
      w={240}
      data={accountOptions}
      value={account}
      onChange={(value) => setAccount(value ?? "")}
      allowDeselect={false}
      aria-label={t("questions.accounts.label")}
      data-testid="questions-account"
    />
  );

  return (
    <>
      <PageHeader title={t("questions.title")} description={t("questions.description")} actions={accountPicker} />
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <QueuePanel
            queue={queue}
            queueRef={queueRef}
            selectedId={selected?.id ?? null}
            accountName={nameOf}
            onSelect={(id) => select(rows.find((row) => row.id === id))}
            onMove={move}
            onReply={reply}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {selected ? (
            <AnswerPane
              context={open.context}
              accountName={nameOf}
              canAnswer={canAnswer}
              draft={drafts[selected.id] ?? ""}
              onDraft={(text) => setDrafts((current) => ({ ...current, [selected.id]: text }))}
              templates={templates}
              textareaRef={textareaRef}
              pickerRef={pickerRef}
              onLeave={() => queueRef.current?.focus()}
              onSent={sent}
              onNext={() => move(1)}
              onManageTemplates={() => setManaging(true)}
            />
          ) : (
            queue.shown && (
              <Paper p="xl">
                <Text c="dimmed" ta="center" size="sm">
                  {rows.length ? t("questions.pane.pick") : t("questions.pane.allDone")}
                </Text>
              </Paper>
            )
          )}
        </Grid.Col>
      </Grid>
      <TemplatesModal
        opened={managing}
        templates={templates}
        onClose={() => setManaging(false)}
        onChanged={() => refetchTemplates({ requestPolicy: "network-only" })}
      />
    </>
  );
}
