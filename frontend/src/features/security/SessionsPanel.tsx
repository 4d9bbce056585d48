"use client";

import { Button, Paper, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconLogout } from "@tabler/icons-react";
import { useState } from "react";
import { useMutation } from "urql";
import { SectionHeader } from "@/components/data/ConnectionTable";
import { LoadError, Loading } from "@/components/data/QueryState";
import { RelativeTime } from "@/components/data/Time";
import { ToneBadge } from "@/components/data/ToneBadge";
import { useI18n, type MessageKey } from "@/i18n/I18nProvider";
import { useLiveQuery } from "@/lib/useLive";
import { securityError } from "./MfaPanel";
import { MySessionsQuery, RevokeSessionMutation } from "./queries";

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/OPR\//, "Opera"],
  [/Firefox\//, "Firefox"],
  [/Chrom(e|ium)\//, "Chrome"],
  [/Safari\//, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad/, "iOS"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];

/** "Chrome · Linux" from a user agent; the raw text when neither is recognised. */
export function deviceOf(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  return browser || system ? [browser, system].filter(Boolean).join(" · ") : userAgent.slice(0, 60);
}

export function SessionsPanel() {
  const { t, dateTime } = useI18n();
  const [result, refetch] = useLiveQuery({ query: MySessionsQuery, requestPolicy: "network-only" });
  const [{ fetching }, revoke] = useMutation(RevokeSessionMutation);
  const [error, setError] = useState<MessageKey | null>(null);
  const sessions = result.data?.mySessions;

  const end = async (id: string) => {
    setError(null);
    const payload = (await revoke({ id })).data?.revokeSession;
    if (payload?.ok) {
      notifications.show({ closeButtonProps: { "aria-label": t("common.close") }, color: "green", message: t("security.sessions.revoked") });
      refetch();
    } else setError(securityError(payload?.errors[0]?.code));
  };

  return (
    <Paper p="lg" component="section" aria-labelledby="security-sessions-title">
      <SectionHeader id="security-sessions-title" title={t("security.sessions.title")} description={t("security.sessions.description")} />
      {result.error && !sessions ? (
        <LoadError error={result.error} onRetry={refetch} />
      ) : !sessions ? (
        <Loading />
      ) : (
        <Stack gap="sm">
          {error && (
            <Text size="sm" c="red.9" role="alert">
              {t(error)}
            </Text>
          )}
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" data-testid="sessions-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("security.sessions.device")}</Table.Th>
                  <Table.Th>{t("security.sessions.ip")}</Table.Th>
                  <Table.Th>{t("security.sessions.created")}</Table.Th>
                  <Table.Th>{t("security.sessions.lastUsed")}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t("security.sessions.revoke")}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sessions.map((session) => {
                  const device = deviceOf(session.userAgent) ?? t("security.sessions.unknownDevice");
                  return (
                    <Table.Tr key={session.id} data-testid="session-row" data-current={session.current}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {device}
                        </Text>
                        {session.current && (
                          <ToneBadge tone="info" size="sm" mt={4}>
                            {t("security.sessions.current")}
                          </ToneBadge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{session.ip ?? "—"}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{dateTime(session.createdAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          <RelativeTime iso={session.lastUsedAt} />
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        {!session.current && (
                          <Button
                            size="compact-sm"
                            variant="default"
                            c="red.9"
                            loading={fetching}
                            leftSection={<IconLogout size={14} aria-hidden />}
                            aria-label={t("security.sessions.revokeOf", { device })}
                            onClick={() => end(session.id)}
                            data-testid="session-revoke"
                          >
                            {t("security.sessions.revoke")}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {sessions.every((session) => session.current) && (
            <Text size="sm" c="dimmed">
              {t("security.sessions.none")}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
