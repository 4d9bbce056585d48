"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useCursorPages } from "@/components/data/Pager";
import { writeQueryString } from "@/lib/queryString";
import { useKept, useLiveEvents, useLiveQuery } from "@/lib/useLive";
import { QuestionChangedSubscription, QuestionsQueueQuery } from "./queries";

const PAGE_SIZE = 50;
const ACCOUNT_PARAM = "conta";
const REFETCH_EVERY_MS = 500;

/** The account in view (`?conta=<id>`, empty: all), kept in the link so a reload shows the same queue. */
export function useAccountParam(): [string, (value: string) => void] {
  const account = useSearchParams().get(ACCOUNT_PARAM) ?? "";
  const write = useCallback((value: string) => writeQueryString({ [ACCOUNT_PARAM]: value }), []);
  return [account, write];
}

/**
 * The unanswered questions of the accounts in view, the first due on top, live: one `questionChanged`
 * subscription drops an answered question at once (before the refetch it triggers lands) and calls
 * `onChanged` with the changed question's id (the open pane refetches when it is its own).
 */
export function useQueue(account: string, onChanged: (id: string) => void) {
  const pages = useCursorPages(PAGE_SIZE);
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const filter = useMemo(() => ({ status: ["UNANSWERED"], meliAccountIds: account ? [account] : null }), [account]);
  const variables = { filter, first: pages.variables.first, after: pages.variables.after };
  const [result, refetch] = useLiveQuery({ query: QuestionsQueueQuery, variables }, [], REFETCH_EVERY_MS);

  useLiveEvents(QuestionChangedSubscription, { meliAccountIds: filter.meliAccountIds }, (data) => {
    const changed = data.questionChanged;
    if (changed.status !== "UNANSWERED") setGone((current) => new Set(current).add(changed.id));
    refetch();
    onChanged(changed.id);
  });

  const { reset } = pages;
  useEffect(() => reset(), [account, reset]);

  const shown = useKept(result, variables)?.questions;
  const rows = useMemo(() => (shown?.nodes ?? []).filter((row) => !gone.has(row.id)), [shown, gone]);
  const drop = useCallback((id: string) => setGone((current) => new Set(current).add(id)), []);
  // The count without the questions dropped here before the server's count caught up.
  const total = shown ? Math.max(0, shown.totalCount - (shown.nodes.length - rows.length)) : null;
  return { result, shown, rows, total, pages, refetch, drop };
}

export type Queue = ReturnType<typeof useQueue>;
