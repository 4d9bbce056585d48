"use client";

import { Stack } from "@mantine/core";
import { PageHeader } from "@/components/data/PageHeader";
import { useT } from "@/i18n/I18nProvider";
import { MfaPanel } from "./MfaPanel";
import { SessionsPanel } from "./SessionsPanel";

/** The signed-in person's own security: their second factor and their logins (every role has one). */
export function SecurityScreen() {
  const t = useT();
  return (
    <>
      <PageHeader title={t("security.title")} description={t("security.description")} />
      <Stack gap="lg">
        <MfaPanel />
        <SessionsPanel />
      </Stack>
    </>
  );
}
