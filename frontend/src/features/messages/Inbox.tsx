"use client";

import { ActionIcon, Box, Group, Paper, Stack, Switch, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconArrowLeft } from "@tabler/icons-react";
import { useCallback, useEffect, useMemo } from "react";
import { Pager, useCursorPages } from "@/components/data/Pager";
import { LoadError, Loading } from "@/components/data/QueryState";
import type { Role } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import { ConversationList } from "./ConversationList";
import { ConversationThread, NoThread } from "./ConversationThread";
import { ConversationChangedSubscription, InboxQuery } from "./queries";

const PAGE_SIZE = 20;
/** The two panes fill the window below the page's title and tabs; the thread scrolls inside. */
const PANES_HEIGHT = "max(480px, calc(100dvh - 238px))";
const DIVIDER = "1px solid var(--mantine-color-gray-3)";

interface InboxProps {
  accountIds: string[] | null;
  unreadOnly: boolean;
  onUnreadOnly: (value: boolean) => void;
  conversationId: string | null;
  onOpen: (id: string | null) => void;
  accountName: (id: string) => string;
  canAnswer: boolean;
  role: Role;
  /** A send or mark-read happened: what counts conversations elsewhere (the tab's badge) follows. */
  onChanged: () => void;
}

/** The conversations of the accounts in view, unread first, then the latest; live, paged. */
function useConversations(accountIds: string[] | null, unreadOnly: boolean) {
  const pages = useCursorPages(PAGE_SIZE);
  const { reset } = pages;
  const accountsKey = JSON.stringify(accountIds);
  // Another filter is another list: it starts on its first page.
  useEffect(() => reset(), [unreadOnly, accountsKey, reset]);
  const filter = useMemo(
    () => ({ meliAccountIds: JSON.parse(accountsKey) as string[] | null, unread: unreadOnly ? true : null }),
    [accountsKey, unreadOnly],
  );
  const triggers = useMemo(
    () => [liveTrigger(ConversationChangedSubscription, { meliAccountIds: filter.meliAccountIds })],
    [filter],
  );
  const variables = { filter, first: pages.variables.first, after: pages.variables.after };
  const [result, refetch] = useLiveQuery({ query: InboxQuery, variables }, triggers);
  const connection = useKept(result, variables)?.conversations;
  return { connection, error: result.error, refetch, pages };
}

/** The conversations tab: the list beside the open thread (one at a time on narrow screens). */
export function Inbox(props: InboxProps) {
  const { conversationId, onOpen, onChanged } = props;
  const { t } = useI18n();
  const conversations = useConversations(props.accountIds, props.unreadOnly);
  const { refetch } = conversations;
  const wide = useMediaQuery("(min-width: 62em)", true);
  const changed = useCallback(() => {
    refetch();
    onChanged();
  }, [refetch, onChanged]);

  const list = <ListPane {...props} conversations={conversations} divided={wide} />;
  const thread = conversationId ? (
    <ConversationThread
      conversationId={conversationId}
      accountName={props.accountName}
      canAnswer={props.canAnswer}
      role={props.role}
      onChanged={changed}
    />
  ) : (
    <NoThread />
  );

  if (!wide) {
    return (
      <Paper p={0} h={PANES_HEIGHT} style={{ overflow: "hidden", display: "flex", flexDirection: "column" }}>
        {conversationId ? (
          <>
            <Group px="xs" pt="xs">
              <ActionIcon variant="subtle" color="gray" c="gray.8" onClick={() => onOpen(null)} aria-label={t("messagesPage.list.back")}>
                <IconArrowLeft size={18} aria-hidden />
              </ActionIcon>
            </Group>
            <Box style={{ flex: 1, minHeight: 0 }}>{thread}</Box>
          </>
        ) : (
          list
        )}
      </Paper>
    );
  }
  return (
    <Paper
      p={0}
      h={PANES_HEIGHT}
      style={{ overflow: "hidden", display: "grid", gridTemplateColumns: "minmax(300px, 360px) minmax(0, 1fr)" }}
      data-testid="inbox"
    >
      {list}
      <Box style={{ minHeight: 0, minWidth: 0 }}>{thread}</Box>
    </Paper>
  );
}

/** The left pane: how many, "Só não lidas", the conversations, and paging when there is more than a page. */
function ListPane(props: InboxProps & { conversations: ReturnType<typeof useConversations>; divided: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { connection, error, refetch, pages } = props.conversations;
  const empty = props.unreadOnly
    ? t("messagesPage.list.emptyUnread")
    : props.accountIds
      ? t("messagesPage.list.emptyFiltered")
      : t("messagesPage.list.empty");
  return (
    <Stack gap={0} h="100%" style={{ minHeight: 0, borderRight: props.divided ? DIVIDER : undefined }}>
      <Group justify="space-between" px="md" py="xs" wrap="nowrap" style={{ borderBottom: DIVIDER }}>
        <Text size="xs" c="dimmed">
          {connection ? i18n.plural("messagesPage.list.caption", connection.totalCount) : ""}
        </Text>
        <Switch
          size="xs"
          label={t("messagesPage.filter.unread")}
          checked={props.unreadOnly}
          onChange={(event) => props.onUnreadOnly(event.currentTarget.checked)}
          data-testid="filter-unread"
        />
      </Group>
      {error && !connection ? (
        <Box p="md">
          <LoadError error={error} onRetry={refetch} />
        </Box>
      ) : !connection ? (
        <Loading />
      ) : (
        <>
          <ConversationList
            rows={connection.nodes}
            selectedId={props.conversationId}
            onSelect={props.onOpen}
            accountName={props.accountName}
            empty={empty}
          />
          {(pages.page > 1 || connection.pageInfo.hasNextPage) && (
            <Box px="md" pb="xs">
              <Pager
                page={pages.page}
                hasNextPage={connection.pageInfo.hasNextPage}
                onNext={() => pages.next(connection.pageInfo.endCursor)}
                onPrevious={pages.previous}
              />
            </Box>
          )}
        </>
      )}
    </Stack>
  );
}
