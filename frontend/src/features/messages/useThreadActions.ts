"use client";

import { useCallback } from "react";
import { useMutation } from "urql";
import { notify } from "@/features/integrations/notify";
import { useI18n } from "@/i18n/I18nProvider";
import { mutationProblem } from "./errors";
import { MarkReadMutation, SendMessageMutation } from "./queries";

/**
 * Reply and mark read on one conversation. Each success refetches the thread and calls `onChanged`
 * (the list and the tab's count follow at once, not only when the subscription says so).
 */
export function useThreadActions(conversationId: string, refetch: () => void, onChanged: () => void) {
  const i18n = useI18n();
  const { t } = i18n;
  const [sendState, sendMessage] = useMutation(SendMessageMutation);
  const [markState, markRead] = useMutation(MarkReadMutation);

  /** Resolves with the refusal to show next to the reply, or null once it went through. */
  const send = useCallback(
    async (text: string): Promise<string | null> => {
      const answer = await sendMessage({ conversationId, text });
      const problem = mutationProblem(i18n, answer.error, answer.data?.sendMessage.errors);
      // A refusal refetches too: Mercado Livre may have blocked the conversation meanwhile.
      refetch();
      if (!problem) onChanged();
      return problem;
    },
    [sendMessage, conversationId, i18n, refetch, onChanged],
  );

  const markAsRead = useCallback(async () => {
    const answer = await markRead({ conversationId });
    const problem = mutationProblem(i18n, answer.error, answer.data?.markConversationRead.errors);
    if (problem) {
      notify({ color: "red", title: t("messagesPage.markRead.failed"), message: problem, closeLabel: t("common.close") });
      return;
    }
    refetch();
    onChanged();
  }, [markRead, conversationId, i18n, t, refetch, onChanged]);

  return { send, sending: sendState.fetching, markAsRead, marking: markState.fetching };
}
