"use client";

import { Alert, Button, CloseButton, Paper, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconLock, IconSearch, IconSettings } from "@tabler/icons-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense, useEffect, useMemo, useState } from "react";
import { useQuery } from "urql";
import { PageHeader } from "@/components/data/PageHeader";
import { LoadError, Loading } from "@/components/data/QueryState";
import { useSession } from "@/components/session/SessionProvider";
import { capabilitiesOf } from "@/features/integrations/permissions";
import type { Role } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { useQueryStringWriter } from "@/lib/queryString";
import { useKept } from "@/lib/useLive";
import { FlagsNotice, HUB_FLAGS } from "./FlagsNotice";
import { HubBoard } from "./HubBoard";
import { HubOrderDrawer } from "./HubOrderDrawer";
import { MappingsEditor } from "./MappingsEditor";
import { PickupDesk } from "./PickupDesk";
import { HubFlagsQuery } from "./queries";
import { SkuMappingModal, type SkuDraft } from "./SkuMappingModal";
import { MANAGE_ROLES } from "./status";
import { useHubBoard } from "./useHubBoard";

type QueryChanges = { q?: string | null; pedido?: string | null };

export function HubScreen() {
  return (
    <Suspense fallback={<Loading />}>
      <Hub />
    </Suspense>
  );
}

function Hub() {
  const { t } = useI18n();
  const { me } = useSession();
  const canOperate = capabilitiesOf(me.role, me.authMethod).operate;
  const canManage = (MANAGE_ROLES as readonly Role[]).includes(me.role);
  const [flagsResult, refetchFlags] = useQuery({ query: HubFlagsQuery });
  const flags = useKept(flagsResult)?.featureFlags;
  const off = flags ? HUB_FLAGS.filter((key) => !flags.find((flag) => flag.key === key)?.enabled) : null;
  return (
    <>
      <PageHeader
        title={t("hub.title")}
        description={t("hub.description")}
        actions={
          <Button component={Link} href="/hub/configuracoes/" variant="default" leftSection={<IconSettings size={16} aria-hidden />} data-testid="hub-settings-link">
            {t("hub.settingsLink")}
          </Button>
        }
      />
      {flagsResult.error && !flags ? (
        <LoadError error={flagsResult.error} onRetry={() => refetchFlags({ requestPolicy: "network-only" })} />
      ) : !off ? (
        <Loading />
      ) : off.length > 0 ? (
        <FlagsNotice off={off} canManage={canManage} onTurnedOn={() => refetchFlags({ requestPolicy: "network-only" })} />
      ) : (
        <HubWorkspace canOperate={canOperate} />
      )}
    </>
  );
}

/** The board with its search, the pickup desk and the mappings; the open order (?pedido=) in a drawer. */
function HubWorkspace({ canOperate }: { canOperate: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const params = useSearchParams();
  const write = useQueryStringWriter<QueryChanges>();
  const search = params.get("q") ?? "";
  const openId = params.get("pedido");
  const [typed, setTyped] = useState(search);
  const writeSearch = useDebouncedCallback((value: string) => write({ q: value.trim() }), 300);
  // A link (or "clear") changes the query string: the box follows it.
  useEffect(() => setTyped(search), [search]);
  const [draft, setDraft] = useState<SkuDraft | null>(null);
  const board = useHubBoard(search);
  const waitingSkus = useMemo(() => {
    const waiting = board.columns?.find((column) => column.key === "waiting")?.cards ?? [];
    return [...new Set(waiting.flatMap((card) => card.unmappedSkus))].sort();
  }, [board.columns]);

  return (
    <Stack gap="md">
      {!canOperate && (
        <Alert color="gray" variant="light" icon={<IconLock aria-hidden />} data-testid="hub-read-only">
          {t("hub.readOnly", { role: i18n.label("integrations.role.", me.role) })} {t("hub.masked")}
        </Alert>
      )}
      <Paper p="sm" component="section" aria-label={t("hub.search.section")}>
        <TextInput
          label={t("hub.search.label")}
          placeholder={t("hub.search.placeholder")}
          value={typed}
          onChange={(event) => {
            setTyped(event.currentTarget.value);
            writeSearch(event.currentTarget.value);
          }}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={
            typed ? (
              <CloseButton
                size="sm"
                aria-label={t("hub.search.clear")}
                onClick={() => {
                  setTyped("");
                  write({ q: null });
                }}
              />
            ) : null
          }
          type="search"
          autoComplete="off"
          maw={520}
          data-testid="hub-search"
        />
      </Paper>
      {board.error && !board.columns ? (
        <LoadError error={board.error} onRetry={board.refetch} />
      ) : !board.columns ? (
        <Loading />
      ) : (
        <HubBoard
          columns={board.columns}
          searching={Boolean(search)}
          canOperate={canOperate}
          onOpen={(id) => write({ pedido: id })}
          onMap={(sku) => setDraft({ externalSku: sku, internalSku: "" })}
        />
      )}
      <SimpleGrid cols={{ base: 1, lg: canOperate ? 2 : 1 }} spacing="md">
        {canOperate && <PickupDesk />}
        <MappingsEditor waitingSkus={waitingSkus} canOperate={canOperate} onEdit={setDraft} />
      </SimpleGrid>
      <HubOrderDrawer orderId={openId} canOperate={canOperate} onClose={() => write({ pedido: null })} />
      <SkuMappingModal draft={draft} onClose={() => setDraft(null)} />
    </Stack>
  );
}
