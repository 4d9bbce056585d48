"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useClient, useMutation } from "urql";
import { requestErrorText, type UserErrorLike } from "@/features/integrations/errors";
import { notify } from "@/features/integrations/notify";
import { useI18n } from "@/i18n/I18nProvider";
import { languageContext } from "@/lib/urql";
import type { ScoreAnalysisFragment } from "../gql/graphql";
import { AnalysisNodeQuery, AnalyzeListingMutation, ApplyTitleMutation } from "./queries";

export type Analysis = ScoreAnalysisFragment;

// How often a queued or running review is asked for again.
const POLL_MS = 1_500;

export function isRunning(analysis: Analysis | null | undefined): boolean {
  return analysis?.status === "QUEUED" || analysis?.status === "RUNNING";
}

interface Listing {
  id: string;
  mlId: string;
  updatedAt: string;
  analysis?: Analysis | null;
}

/**
 * The listing's LLM review: the stored one, or the one just asked for, followed with node(id) every 1.5 s
 * while QUEUED/RUNNING; a suggested title applied on the version of the listing the user saw.
 * `onChanged` refetches the listing (a review finished, a title applied or refused on a newer version).
 */
export function useAnalysis(listing: Listing, onChanged: () => void) {
  const i18n = useI18n();
  const { t } = i18n;
  const client = useClient();
  const context = useMemo(() => languageContext(i18n.locale), [i18n.locale]);
  const [, analyze] = useMutation(AnalyzeListingMutation);
  const [, applyTitle] = useMutation(ApplyTitleMutation);
  const [own, setOwn] = useState<Analysis | null>(null);
  const [errors, setErrors] = useState<UserErrorLike[]>([]);
  const [sending, setSending] = useState(false);
  const [applying, setApplying] = useState<number | null>(null);
  const [applyError, setApplyError] = useState<{ index: number; text: string } | null>(null);
  const changed = useRef(onChanged);
  changed.current = onChanged;

  const stored = listing.analysis ?? null;
  // The one asked here is newer, unless the listing's refetch brought the same one back, settled.
  const analysis = !own ? stored : stored && stored.id === own.id && !isRunning(stored) ? stored : own;
  const running = isRunning(analysis);
  const analysisId = analysis?.id;

  useEffect(() => {
    if (!analysisId || !running) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const answer = await client.query(AnalysisNodeQuery, { id: analysisId }, { ...context, requestPolicy: "network-only" }).toPromise();
      if (stopped) return;
      const node = answer.data?.node;
      if (node?.__typename === "ListingAnalysis") {
        setOwn(node);
        if (!isRunning(node)) {
          changed.current();
          return;
        }
      }
      timer = setTimeout(poll, POLL_MS); // a failed poll (the API restarting) is tried again
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [analysisId, running, client, context]);

  const start = useCallback(async () => {
    setSending(true);
    setErrors([]);
    setApplyError(null);
    const answer = await analyze({ listingId: listing.id }, context);
    setSending(false);
    const payload = answer.data?.analyzeListing;
    if (answer.error || !payload) {
      setErrors([{ code: "REQUEST", message: answer.error ? requestErrorText(i18n, answer.error) : t("ai.errorTitle") }]);
      return;
    }
    if (payload.errors.length > 0) {
      setErrors(payload.errors);
      return;
    }
    if (payload.analysis) {
      setOwn(payload.analysis);
      if (!isRunning(payload.analysis)) changed.current();
    }
  }, [analyze, listing.id, context, i18n, t]);

  const apply = useCallback(
    async (index: number) => {
      if (!analysis) return;
      setApplying(index);
      setApplyError(null);
      const answer = await applyTitle({ analysisId: analysis.id, index, expectedUpdatedAt: listing.updatedAt }, context);
      setApplying(null);
      const payload = answer.data?.applyTitleSuggestion;
      if (answer.error || !payload) {
        setApplyError({ index, text: answer.error ? requestErrorText(i18n, answer.error) : t("ai.applyFailed") });
        return;
      }
      if (payload.errors.length > 0) {
        // A newer version (Mercado Livre's or a colleague's): the listing is read again, nothing was sent.
        const conflict = payload.errors.some((error) => error.code === "CONFLICT");
        setApplyError({ index, text: conflict ? t("ai.conflict") : [...new Set(payload.errors.map((e) => e.message))].join(" ") });
        if (conflict) changed.current();
        return;
      }
      const applied = payload.analysis?.appliedTitles;
      if (applied) setOwn((old) => (old && old.id === analysis.id ? { ...old, appliedTitles: applied } : old));
      notify({
        color: "meliBlue",
        title: t("ai.appliedTitle"),
        message: t("ai.appliedBody", { mlId: listing.mlId }),
        closeLabel: t("common.close"),
        testId: "ai-title-applied",
      });
      changed.current();
    },
    [analysis, applyTitle, listing.updatedAt, listing.mlId, context, i18n, t],
  );

  /** A code we know reads as our text (LLM_NOT_CONFIGURED, BUDGET_EXCEEDED…), else the API's own words. */
  const errorText = useCallback(
    (code: string | null | undefined, message: string | null | undefined) => {
      const key = `ai.error.${code ?? ""}`;
      return code && i18n.has(key) ? i18n.t(key) : (message ?? t("ai.failed"));
    },
    [i18n, t],
  );

  return { analysis, running, sending, errors, start, apply, applying, applyError, errorText };
}
