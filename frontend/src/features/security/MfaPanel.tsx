"use client";

import { Alert, Button, Group, Paper, Stack, Switch, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconShieldCheck, IconShieldOff } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { SectionHeader } from "@/components/data/ConnectionTable";
import { LoadError, Loading } from "@/components/data/QueryState";
import { ToneBadge } from "@/components/data/ToneBadge";
import { OtpauthQr, RecoveryCodes } from "@/components/session/MfaParts";
import type { SecurityOverviewQuery as Overview } from "./gql/graphql";
import { useI18n, type MessageKey } from "@/i18n/I18nProvider";
import { ConfirmMfaMutation, DisableMfaMutation, EnableMfaMutation } from "./mfa";
import { useLiveQuery } from "@/lib/useLive";
import { RequireMfaMutation, SecurityOverviewQuery } from "./queries";

const KNOWN = ["INVALID_MFA_CODE", "TOO_MANY_ATTEMPTS", "MFA_REQUIRED_BY_TENANT", "NOT_FOUND"];

export function securityError(code: string | undefined): MessageKey {
  return code && KNOWN.includes(code) ? (`security.error.${code}` as MessageKey) : "security.error.generic";
}

function saved(message: string, close: string) {
  notifications.show({ closeButtonProps: { "aria-label": close }, color: "green", message });
}

/** Turning it on: the QR code and key, a first code, then the recovery codes shown once. */
function Enrol({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const { t } = useI18n();
  const [started, setStarted] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<MessageKey | null>(null);
  const [{ fetching: starting }, enable] = useMutation(EnableMfaMutation);
  const [{ fetching: confirming }, confirm] = useMutation(ConfirmMfaMutation);

  const start = async () => {
    const payload = (await enable({ ticket: null })).data?.enableMfa;
    if (payload?.secret && payload.otpauthUri) setStarted({ secret: payload.secret, otpauthUri: payload.otpauthUri });
    else setError(securityError(payload?.errors[0]?.code));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const payload = (await confirm({ code: code.trim(), ticket: null })).data?.confirmMfa;
    if (payload?.recoveryCodes) onEnabled(payload.recoveryCodes);
    else setError(securityError(payload?.errors[0]?.code));
  };

  if (!started) {
    return (
      <Stack gap="sm" align="flex-start">
        {error && <Alert color="red" role="alert">{t(error)}</Alert>}
        <Button onClick={start} loading={starting} leftSection={<IconShieldCheck size={16} aria-hidden />} data-testid="mfa-enable">
          {t("security.mfa.enable")}
        </Button>
      </Stack>
    );
  }
  return (
    <form onSubmit={submit} noValidate data-testid="mfa-enrol-form">
      <Stack gap="md" maw={640}>
        <OtpauthQr uri={started.otpauthUri} secret={started.secret} />
        <TextInput
          label={t("mfa.field.code")}
          description={t("mfa.field.codeHint")}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={6}
          required
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={error ? t(error) : undefined}
          maw={280}
          data-testid="mfa-code"
        />
        <Group gap="sm">
          <Button type="submit" loading={confirming} data-testid="mfa-confirm">{t("security.mfa.confirm")}</Button>
          <Button variant="default" onClick={() => setStarted(null)}>{t("security.mfa.cancel")}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Turning it off takes a current code (or a recovery code). */
function Disable({ onDone, locked }: { onDone: () => void; locked: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState("");
  const [error, setError] = useState<MessageKey | null>(null);
  const [{ fetching }, disable] = useMutation(DisableMfaMutation);
  if (locked) return <Text size="sm" c="dimmed">{t("security.mfa.requiredByTenant")}</Text>;
  if (!open) {
    return (
      <Group>
        <Button variant="default" c="red.9" leftSection={<IconShieldOff size={16} aria-hidden />} onClick={() => setOpen(true)} data-testid="mfa-disable">
          {t("security.mfa.disable")}
        </Button>
      </Group>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payload = (await disable({ code: code.trim() })).data?.disableMfa;
    if (payload?.ok) {
      saved(t("security.mfa.disabled"), t("common.close"));
      onDone();
    } else setError(securityError(payload?.errors[0]?.code));
  };
  return (
    <form onSubmit={submit} noValidate data-testid="mfa-disable-form">
      <Stack gap="sm" maw={420}>
        <Text size="sm">{t("security.mfa.disableBody")}</Text>
        <TextInput label={t("mfa.field.code")} autoComplete="one-time-code" required value={code} onChange={(event) => setCode(event.currentTarget.value)} error={error ? t(error) : undefined} data-testid="mfa-disable-code" />
        <Group gap="sm">
          <Button type="submit" color="red.9" loading={fetching} data-testid="mfa-disable-confirm">{t("security.mfa.disable")}</Button>
          <Button variant="default" onClick={() => setOpen(false)}>{t("security.mfa.cancel")}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function TenantRequirement({ overview, onChange }: { overview: Overview; onChange: () => void }) {
  const { t } = useI18n();
  const [{ fetching }, update] = useMutation(RequireMfaMutation);
  const [error, setError] = useState<MessageKey | null>(null);
  const toggle = async (required: boolean) => {
    const payload = (await update({ required })).data?.updateTenantSettings;
    if (payload?.tenant && !payload.errors.length) {
      saved(t("security.tenant.saved"), t("common.close"));
      onChange();
    } else setError(securityError(payload?.errors[0]?.code));
  };
  return (
    <Stack gap={4} mt="md">
      <Text fw={600} size="sm">{t("security.tenant.title")}</Text>
      <Switch checked={overview.tenant.mfaRequired} disabled={fetching} onChange={(event) => toggle(event.currentTarget.checked)} label={t("security.tenant.switch")} description={t("security.tenant.hint")} data-testid="mfa-tenant-required" />
      {error && <Text size="sm" c="red.9" role="alert">{t(error)}</Text>}
    </Stack>
  );
}

export function MfaPanel() {
  const { t } = useI18n();
  const [result, refetch] = useLiveQuery({ query: SecurityOverviewQuery });
  const overview = result.data;
  // Shown here, above the query's state, so a refetch meanwhile cannot hide the codes before they are kept.
  const [codes, setCodes] = useState<string[] | null>(null);
  const canRequire = overview ? ["OWNER", "ADMIN"].includes(overview.me.role) : false;
  return (
    <Paper p="lg" component="section" aria-labelledby="security-mfa-title">
      <SectionHeader id="security-mfa-title" title={t("security.mfa.title")} description={t("security.mfa.description")} />
      {result.error && !overview ? (
        <LoadError error={result.error} onRetry={refetch} />
      ) : !overview ? (
        <Loading />
      ) : codes ? (
        <Stack gap="md" maw={560}>
          <Alert color="green" variant="light">
            {t("security.mfa.enabled")}
          </Alert>
          <RecoveryCodes codes={codes} />
          <Group>
            <Button
              onClick={() => {
                setCodes(null);
                refetch();
              }}
              data-testid="mfa-done"
            >
              {t("security.mfa.done")}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Group gap="sm">
            <ToneBadge tone={overview.me.mfaEnabled ? "success" : "neutral"} data-testid="mfa-state" data-enabled={overview.me.mfaEnabled}>
              {overview.me.mfaEnabled ? t("security.mfa.on") : t("security.mfa.off")}
            </ToneBadge>
            {overview.me.mfaEnabled && (
              <Text size="sm" c="dimmed">{t("security.mfa.codesLeft", { count: overview.me.recoveryCodesLeft })}</Text>
            )}
          </Group>
          {overview.me.mfaEnabled ? (
            <Disable onDone={refetch} locked={overview.tenant.mfaRequired} />
          ) : (
            <Enrol onEnabled={setCodes} />
          )}
          {canRequire && <TenantRequirement overview={overview} onChange={refetch} />}
        </Stack>
      )}
    </Paper>
  );
}
