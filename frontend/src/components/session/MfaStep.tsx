"use client";

import { Alert, Anchor, Button, Loader, Stack, Text, TextInput } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { useT, type MessageKey } from "@/i18n/I18nProvider";
import { finishEnrolment, startEnrolment, verifyMfa } from "@/features/security/mfa";
import type { Me } from "@/lib/session";
import { OtpauthQr, RecoveryCodes } from "./MfaParts";

const ERRORS: Partial<Record<string, MessageKey>> = {
  INVALID_MFA_CODE: "mfa.error.INVALID_MFA_CODE",
  MFA_TICKET_INVALID: "mfa.error.MFA_TICKET_INVALID",
  INVALID_CREDENTIALS: "login.error.INVALID_CREDENTIALS",
  NETWORK: "login.error.NETWORK",
};

export function errorKeyOf(code: string): MessageKey {
  return ERRORS[code] ?? "login.error.generic";
}

interface StepProps {
  ticket: string;
  onSignedIn: (me: Me) => void;
  /** Back to the password (the ticket expired, or the person chose to). */
  onRestart: (reason?: MessageKey) => void;
}

/** A code field: the authenticator's 6 digits, or (switched) a recovery code. */
function CodeField({ recovery, value, onChange }: { recovery: boolean; value: string; onChange: (v: string) => void }) {
  const t = useT();
  return (
    <TextInput
      label={recovery ? t("mfa.field.recovery") : t("mfa.field.code")}
      description={recovery ? t("mfa.field.recoveryHint") : t("mfa.field.codeHint")}
      autoComplete="one-time-code"
      inputMode={recovery ? "text" : "numeric"}
      maxLength={recovery ? 24 : 6}
      required
      autoFocus
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      name="code"
      data-testid="mfa-code"
    />
  );
}

/** The second sign-in step: a code of the person's authenticator, or one of their recovery codes. */
export function VerifyStep({ ticket, onSignedIn, onRestart }: StepProps) {
  const t = useT();
  const [code, setCode] = useState("");
  const [recovery, setRecovery] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errorKey, setErrorKey] = useState<MessageKey | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setErrorKey(null);
    const result = await verifyMfa(ticket, code.trim());
    if ("me" in result) return onSignedIn(result.me);
    setBusy(false);
    if (result.errorCode === "MFA_TICKET_INVALID" || result.errorCode === "INVALID_CREDENTIALS") {
      return onRestart(errorKeyOf(result.errorCode));
    }
    setErrorKey(errorKeyOf(result.errorCode));
  }

  return (
    <form onSubmit={submit} noValidate data-testid="mfa-form">
      <Stack gap="md">
        <Text size="sm">{recovery ? t("mfa.verify.recoveryIntro") : t("mfa.verify.intro")}</Text>
        <CodeField recovery={recovery} value={code} onChange={setCode} />
        {errorKey && (
          <Alert color="red" role="alert" data-testid="mfa-error">
            {t(errorKey)}
          </Alert>
        )}
        <Button type="submit" loading={busy} fullWidth data-testid="mfa-submit">
          {t("mfa.verify.submit")}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={() => { setRecovery(!recovery); setCode(""); }} data-testid="mfa-toggle-recovery">
          {recovery ? t("mfa.verify.useApp") : t("mfa.verify.useRecovery")}
        </Anchor>
        <Anchor component="button" type="button" size="sm" c="dimmed" onClick={() => onRestart()}>
          {t("mfa.back")}
        </Anchor>
      </Stack>
    </form>
  );
}

/** The company requires a second factor and this person has none: enrol now, then the session starts. */
export function EnrolStep({ ticket, onSignedIn, onRestart }: StepProps) {
  const t = useT();
  const [started, setStarted] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [done, setDone] = useState<{ me: Me; recoveryCodes: string[] } | null>(null);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [errorKey, setErrorKey] = useState<MessageKey | null>(null);

  useEffect(() => {
    let live = true;
    startEnrolment(ticket).then((result) => {
      if (!live) return;
      if ("secret" in result) setStarted(result);
      else onRestart(errorKeyOf(result.errorCode));
    });
    return () => {
      live = false;
    };
  }, [ticket, onRestart]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setErrorKey(null);
    const result = await finishEnrolment(ticket, code.trim());
    setBusy(false);
    if ("me" in result) return setDone(result);
    if (result.errorCode === "MFA_TICKET_INVALID") return onRestart(errorKeyOf(result.errorCode));
    setErrorKey(errorKeyOf(result.errorCode));
  }

  if (done) {
    return (
      <Stack gap="md">
        <RecoveryCodes codes={done.recoveryCodes} />
        <Button onClick={() => onSignedIn(done.me)} data-testid="mfa-continue">
          {t("mfa.enrol.continue")}
        </Button>
      </Stack>
    );
  }
  if (!started) return <Loader size="sm" aria-label={t("common.loading")} />;
  return (
    <form onSubmit={submit} noValidate data-testid="mfa-enrol-form">
      <Stack gap="md">
        <Alert color="blue" variant="light">
          {t("mfa.enrol.required")}
        </Alert>
        <OtpauthQr uri={started.otpauthUri} secret={started.secret} />
        <CodeField recovery={false} value={code} onChange={setCode} />
        {errorKey && (
          <Alert color="red" role="alert" data-testid="mfa-error">
            {t(errorKey)}
          </Alert>
        )}
        <Button type="submit" loading={busy} fullWidth data-testid="mfa-submit">
          {t("mfa.enrol.submit")}
        </Button>
      </Stack>
    </form>
  );
}
