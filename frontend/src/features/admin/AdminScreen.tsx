"use client";

import { Box, Button, Paper, Stack, Tabs, Text, ThemeIcon, Title } from "@mantine/core";
import { IconHistory, IconKey, IconLock, IconSettings, IconUsers } from "@tabler/icons-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { PageHeader } from "@/components/data/PageHeader";
import { Loading } from "@/components/data/QueryState";
import { useSession } from "@/components/session/SessionProvider";
import { useT } from "@/i18n/I18nProvider";
import { ActivityPanel } from "./ActivityPanel";
import { READABLE_ERRORS } from "./contrast";
import { MembersPanel } from "./MembersPanel";
import { canAdminister } from "./roles";
import { SettingsPanel } from "./SettingsPanel";
import { TokensPanel } from "./TokensPanel";

// The tab is in the address (/admin/?aba=tokens), so a reload or a shared link opens the same one.
const TABS = ["membros", "tokens", "configuracoes", "atividade"] as const;
type Tab = (typeof TABS)[number];

function NoAccess() {
  const t = useT();
  return (
    <Paper p="xl" maw={560} data-testid="admin-no-access" role="status">
      <Stack gap="sm" align="flex-start">
        <ThemeIcon variant="light" color="gray" size="xl" radius="xl" aria-hidden>
          <IconLock size={22} />
        </ThemeIcon>
        <Title order={2} size="h4">
          {t("admin.noAccess.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("admin.noAccess.body")}
        </Text>
        <Button component={Link} href="/" variant="light">
          {t("admin.noAccess.back")}
        </Button>
      </Stack>
    </Paper>
  );
}

function AdminTabs() {
  const t = useT();
  const router = useRouter();
  const pathname = usePathname() ?? "/admin/";
  const params = useSearchParams();
  const asked = params.get("aba");
  const tab: Tab = TABS.find((value) => value === asked) ?? "membros";

  const select = (value: string | null) => {
    if (!value || value === tab) return;
    router.replace(value === "membros" ? pathname : `${pathname}?aba=${value}`, { scroll: false });
  };

  return (
    <Tabs value={tab} onChange={select} keepMounted={false} variant="outline" radius="md">
      <Tabs.List mb="md" aria-label={t("admin.tabs.label")}>
        <Tabs.Tab value="membros" leftSection={<IconUsers size={16} aria-hidden />} data-testid="admin-tab-members">
          {t("admin.tabs.members")}
        </Tabs.Tab>
        <Tabs.Tab value="tokens" leftSection={<IconKey size={16} aria-hidden />} data-testid="admin-tab-tokens">
          {t("admin.tabs.tokens")}
        </Tabs.Tab>
        <Tabs.Tab
          value="configuracoes"
          leftSection={<IconSettings size={16} aria-hidden />}
          data-testid="admin-tab-settings"
        >
          {t("admin.tabs.settings")}
        </Tabs.Tab>
        <Tabs.Tab value="atividade" leftSection={<IconHistory size={16} aria-hidden />} data-testid="admin-tab-activity">
          {t("admin.tabs.activity")}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="membros">
        <MembersPanel />
      </Tabs.Panel>
      <Tabs.Panel value="tokens">
        <TokensPanel />
      </Tabs.Panel>
      <Tabs.Panel value="configuracoes">
        <SettingsPanel />
      </Tabs.Panel>
      <Tabs.Panel value="atividade">
        <ActivityPanel />
      </Tabs.Panel>
    </Tabs>
  );
}

/** Members, API tokens, the company's settings and recent admin actions: owners and admins only. */
export function AdminScreen() {
  const t = useT();
  const { me } = useSession();
  const allowed = canAdminister(me.role);
  return (
    <Box style={READABLE_ERRORS}>
      <PageHeader title={t("admin.title")} description={t("admin.description")} />
      {allowed ? (
        <Suspense fallback={<Loading />}>
          <AdminTabs />
        </Suspense>
      ) : (
        <NoAccess />
      )}
    </Box>
  );
}
