"use client";

import { Badge, Select, Tabs } from "@mantine/core";
import { IconAlertOctagon, IconMessages } from "@tabler/icons-react";
import { Suspense, useCallback, useMemo } from "react";
import { useQuery } from "urql";
import { PageHeader } from "@/components/data/PageHeader";
import { Loading } from "@/components/data/QueryState";
import { useSession } from "@/components/session/SessionProvider";
import { useI18n } from "@/i18n/I18nProvider";
import { liveTrigger, useKept, useLiveQuery } from "@/lib/useLive";
import { ClaimsPanel } from "./ClaimsPanel";
import { Inbox } from "./Inbox";
import { canAnswer } from "./permissions";
import { ClaimChangedSubscription, ConversationChangedSubscription, InboxAccountsQuery, InboxCountsQuery } from "./queries";
import { CLAIMS_TAB, useInboxQuery, type Tab } from "./useInboxQuery";

/** The linked accounts (for the filter and the rows' account names). */
function useAccounts() {
  const { t } = useI18n();
  const [result] = useQuery({ query: InboxAccountsQuery });
  const accounts = useKept(result)?.meliAccounts.nodes ?? [];
  const accountName = useCallback(
    (id: string) => accounts.find((account) => account.id === id)?.nickname ?? t("common.none"),
    [accounts, t],
  );
  return { accounts, accountName };
}

/** What the tabs announce (unread conversations, open claims), live. */
function useTabCounts(accountIds: string[] | null) {
  const triggers = useMemo(
    () => [
      liveTrigger(ConversationChangedSubscription, { meliAccountIds: accountIds }),
      liveTrigger(ClaimChangedSubscription, { meliAccountIds: accountIds }),
    ],
    [accountIds],
  );
  const variables = { unread: { meliAccountIds: accountIds, unread: true }, open: { meliAccountIds: accountIds, status: "opened" } };
  const [result, refetch] = useLiveQuery({ query: InboxCountsQuery, variables }, triggers);
  return { data: useKept(result), refetch };
}

export function MessagesScreen() {
  return (
    <Suspense fallback={<Loading />}>
      <Messages />
    </Suspense>
  );
}

function Messages() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const { state, write } = useInboxQuery();
  const accountIds = useMemo(() => (state.account ? [state.account] : null), [state.account]);

  const { accounts, accountName } = useAccounts();
  const counts = useTabCounts(accountIds);
  const unread = counts.data?.unread.totalCount ?? 0;
  const open = counts.data?.open.totalCount ?? 0;

  return (
    <>
      <PageHeader
        title={t("messagesPage.title")}
        description={t("messagesPage.description")}
        actions={
          accounts.length > 1 || state.account ? (
            <Select
              label={t("messagesPage.filter.account")}
              placeholder={t("messagesPage.filter.allAccounts")}
              data={accounts.map((account) => ({ value: account.id, label: `${account.nickname} (${account.siteId})` }))}
              value={state.account || null}
              onChange={(value) => write({ account: value ?? "", c: null })}
              clearable
              size="xs"
              w={240}
              data-testid="filter-account"
            />
          ) : undefined
        }
      />
      <Tabs
        value={state.tab}
        onChange={(value) => write({ tab: (value as Tab | null) ?? "conversas" })}
        keepMounted={false}
        variant="outline"
      >
        <TabList unread={unread} open={open} />
        <Tabs.Panel value="conversas">
          <Inbox
            accountIds={accountIds}
            unreadOnly={state.unreadOnly}
            onUnreadOnly={(value) => write({ unread: value })}
            conversationId={state.conversationId}
            onOpen={(id) => write({ c: id })}
            accountName={accountName}
            canAnswer={canAnswer(me.role)}
            role={me.role}
            onChanged={counts.refetch}
          />
        </Tabs.Panel>
        <Tabs.Panel value={CLAIMS_TAB}>
          <ClaimsPanel
            shown={state.claims}
            onShow={(claims) => write({ claims })}
            accountIds={accountIds}
            accountName={accountName}
          />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

/** The two tabs, each with what waits in it: unread conversations, open claims. */
function TabList({ unread, open }: { unread: number; open: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Tabs.List aria-label={t("messagesPage.tabs")} mb="md">
      <Tabs.Tab
        value="conversas"
        leftSection={<IconMessages size={16} aria-hidden />}
        rightSection={
          unread > 0 ? (
            <Badge size="sm" variant="filled" color="meliBlue" tt="none" data-testid="tab-unread">
              {i18n.plural("messagesPage.tab.unread", unread)}
            </Badge>
          ) : undefined
        }
        data-testid="tab-conversations"
      >
        {t("messagesPage.tab.conversations")}
      </Tabs.Tab>
      <Tabs.Tab
        value={CLAIMS_TAB}
        leftSection={<IconAlertOctagon size={16} aria-hidden />}
        rightSection={
          open > 0 ? (
            <Badge size="sm" variant="filled" color="orange" tt="none" data-testid="tab-open-claims">
              {i18n.plural("messagesPage.tab.open", open)}
            </Badge>
          ) : undefined
        }
        data-testid="tab-claims"
      >
        {t("messagesPage.tab.claims")}
      </Tabs.Tab>
    </Tabs.List>
  );
}
