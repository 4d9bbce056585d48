"use client";

import { Alert, Center, Stack, Text } from "@mantine/core";
import { IconLock, IconMessages } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { LoadError, Loading } from "@/components/data/QueryState";
import type { Role } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { useKept, useLiveEvents, useLiveQuery } from "@/lib/useLive";
import { buyerName } from "./names";
import { OrderContext } from "./OrderContext";
import { ConversationChangedSubscription, ThreadQuery } from "./queries";
import { ReplyBox } from "./ReplyBox";
import { ThreadHeader } from "./ThreadHeader";
import { ThreadMessages } from "./ThreadMessages";
import { useThreadActions } from "./useThreadActions";

/**
 * The newest messages shown, still oldest first (the API's most per page); a longer thread says how
 * many older ones it leaves out.
 */
const THREAD_MESSAGES = 100;

interface ConversationThreadProps {
  conversationId: string;
  accountName: (id: string) => string;
  /** May reply and mark read (not analysts). */
  canAnswer: boolean;
  role: Role;
  /** Called after a send or mark-read changed the conversation, so the list follows at once. */
  onChanged: () => void;
}

/** The inbox's right pane: who and what it is about, the thread, and the reply. */
export function ConversationThread({ conversationId, accountName, canAnswer, role, onChanged }: ConversationThreadProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const variables = { id: conversationId, last: THREAD_MESSAGES };
  const [result, refetch] = useLiveQuery({ query: ThreadQuery, variables });
  // Only this conversation's changes refetch it (the list listens to every conversation).
  useLiveEvents(ConversationChangedSubscription, { meliAccountIds: null }, (data) => {
    if (data.conversationChanged.id === conversationId) refetch();
  });
  const data = useKept(result, variables);
  const actions = useThreadActions(conversationId, refetch, onChanged);

  // A refused read comes back as `conversation: null` with an error: say the error, not "not found".
  if (result.error && !data?.conversation) return <LoadError error={result.error} onRetry={refetch} />;
  if (!data) return <Loading />;
  const conversation = data.conversation;
  if (!conversation) {
    return (
      <Center h="100%" p="xl">
        <Text c="dimmed" size="sm" data-testid="thread-not-found">
          {t("messagesPage.thread.notFound")}
        </Text>
      </Center>
    );
  }

  const blockedText = (substatus: string | null | undefined) =>
    t("messagesPage.reply.blocked") + (substatus ? ` ${t("messagesPage.reply.blockedReason", { reason: substatus })}` : "");
  const buyer = buyerName(i18n, conversation);
  const shown = conversation.messages.nodes;
  const hidden = conversation.messages.totalCount - shown.length;
  return (
    <Stack
      gap={0}
      h="100%"
      component="section"
      aria-labelledby="thread-heading"
      data-testid="thread"
      data-conversation-id={conversation.id}
      data-unread={conversation.unreadCount}
    >
      <ThreadHeader
        conversation={conversation}
        account={accountName(conversation.meliAccountId)}
        canMarkRead={canAnswer}
        marking={actions.marking}
        onMarkRead={() => void actions.markAsRead()}
      />
      <OrderContext orders={conversation.orders} />
      {hidden > 0 && (
        <Text size="xs" c="dimmed" ta="center" py={4}>
          {i18n.plural("messagesPage.thread.olderHidden", hidden)}
        </Text>
      )}
      <ThreadMessages messages={shown} buyer={buyer} />
      {canAnswer ? (
        <ReplyBox
          key={conversation.id}
          maxLength={conversation.sellerMaxMessageLength}
          blocked={conversation.canSend ? null : blockedText(conversation.substatus)}
          sending={actions.sending}
          onSend={actions.send}
        />
      ) : (
        <ThreadNote testId="reply-read-only">
          {t("messagesPage.reply.readOnly", { role: i18n.label("integrations.role.", role) })}
        </ThreadNote>
      )}
    </Stack>
  );
}

function ThreadNote({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <Alert color="gray" variant="light" icon={<IconLock aria-hidden />} radius={0} data-testid={testId}>
      <Text size="sm">{children}</Text>
    </Alert>
  );
}

/** The right pane before a conversation is picked. */
export function NoThread() {
  const { t } = useI18n();
  return (
    <Center h="100%" p="xl">
      <Stack align="center" gap="xs">
        <IconMessages size={40} stroke={1.4} color="var(--mantine-color-gray-5)" aria-hidden />
        <Text c="dimmed" size="sm" ta="center" maw={320}>
          {t("messagesPage.thread.none")}
        </Text>
      </Stack>
    </Center>
  );
}
