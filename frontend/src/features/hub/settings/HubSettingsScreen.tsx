"use client";

import { Alert, Button, Stack } from "@mantine/core";
import { IconArrowLeft, IconLock } from "@tabler/icons-react";
import Link from "next/link";
import { useQuery } from "urql";
import { PageHeader } from "@/components/data/PageHeader";
import { LoadError, Loading } from "@/components/data/QueryState";
import { useSession } from "@/components/session/SessionProvider";
import type { Role } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { useKept } from "@/lib/useLive";
import { HubSettingsQuery } from "../queries";
import { MANAGE_ROLES } from "../status";
import { FlowSwitches } from "./FlowSwitches";
import { HubSettingsForm } from "./HubSettingsForm";

/** /hub/configuracoes/: the hub's details, the company's providers and the hub's switches. Everyone signed
 * in reads them; owners and admins (MANAGE_TENANT) change them, the others see them read-only. */
export function HubSettingsScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const canManage = (MANAGE_ROLES as readonly Role[]).includes(me.role);
  const [result, refetch] = useQuery({ query: HubSettingsQuery });
  const settings = useKept(result)?.hubSettings;

  return (
    <>
      <PageHeader
        title={t("hub.settings.title")}
        description={t("hub.settings.description")}
        actions={
          <Button component={Link} href="/hub/" variant="default" leftSection={<IconArrowLeft size={16} aria-hidden />} data-testid="hub-settings-back">
            {t("hub.settings.back")}
          </Button>
        }
      />
      <Stack gap="md" data-testid="hub-settings" data-can-manage={canManage ? "true" : "false"}>
        {!canManage && (
          <Alert color="gray" variant="light" icon={<IconLock aria-hidden />} data-testid="hub-settings-read-only">
            {t("hub.settings.readOnly", { role: i18n.label("integrations.role.", me.role) })}
          </Alert>
        )}
        {result.error && !settings ? (
          <LoadError error={result.error} onRetry={() => refetch({ requestPolicy: "network-only" })} />
        ) : !settings ? (
          <Loading />
        ) : (
          <HubSettingsForm settings={settings} canManage={canManage} flow={<FlowSwitches canManage={canManage} />} />
        )}
      </Stack>
    </>
  );
}
