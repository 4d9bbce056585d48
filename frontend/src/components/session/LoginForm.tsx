"use client";

import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { lazy, Suspense, useCallback, useState, type FormEvent } from "react";
import { useT, type MessageKey } from "@/i18n/I18nProvider";
import { login, type Me } from "@/lib/session";
import { BrandMark } from "@/components/shell/BrandMark";
import { LanguageSwitch } from "@/components/shell/LanguageSwitch";

// Loaded only when a second step is due: the QR code library stays out of every screen's first load.
const VerifyStep = lazy(() => import("./MfaStep").then((step) => ({ default: step.VerifyStep })));
const EnrolStep = lazy(() => import("./MfaStep").then((step) => ({ default: step.EnrolStep })));
// Single sign-on asks the API whether a provider is set up: it loads after the form, on its own.
const SsoSignIn = lazy(() => import("@/features/sso/SsoSignIn").then((sso) => ({ default: sso.SsoSignIn })));

const KNOWN_ERRORS: Partial<Record<string, MessageKey>> = {
  INVALID_CREDENTIALS: "login.error.INVALID_CREDENTIALS",
  RATE_LIMITED: "login.error.RATE_LIMITED",
  NETWORK: "login.error.NETWORK",
};

export function LoginForm({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const t = useT();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [errorKey, setErrorKey] = useState<MessageKey | null>(null);
  // The password was right and a second step is due: a code, or enrolling (the company requires it).
  const [second, setSecond] = useState<{ mfa: "verify" | "enrol"; ticket: string } | null>(null);
  const restart = useCallback((reason?: MessageKey) => {
    setSecond(null);
    setPassword("");
    setErrorKey(reason ?? null);
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setErrorKey(null);
    const result = await login(email.trim(), password);
    if ("me" in result) {
      onSignedIn(result.me);
      return;
    }
    setSubmitting(false);
    if ("mfa" in result) {
      setSecond(result);
      return;
    }
    setErrorKey(KNOWN_ERRORS[result.errorCode] ?? "login.error.generic");
  }

  return (
    <Box mih="100vh" bg="ink.8">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Paper w="100%" maw={second?.mfa === "enrol" ? 540 : 420} p="xl" shadow="md" component="main">
          <Stack gap="lg">
            <Group gap="sm">
              <BrandMark size={36} />
              <Text fw={700} size="xl">
                melihub
              </Text>
            </Group>
            <div>
              <Title order={1} size="h2">
                {t("login.title")}
              </Title>
              <Text c="dimmed" size="sm" mt={4}>
                {t("login.subtitle")}
              </Text>
            </div>
            <Suspense>
              {second?.mfa === "verify" && <VerifyStep ticket={second.ticket} onSignedIn={onSignedIn} onRestart={restart} />}
              {second?.mfa === "enrol" && <EnrolStep ticket={second.ticket} onSignedIn={onSignedIn} onRestart={restart} />}
            </Suspense>
            {!second && (
            <form onSubmit={submit} noValidate data-testid="login-form">
              <Stack gap="md">
                <TextInput
                  label={t("login.email")}
                  type="email"
                  autoComplete="username"
                  required
                  value={email}
                  onChange={(event) => setEmail(event.currentTarget.value)}
                  name="email"
                />
                <PasswordInput
                  label={t("login.password")}
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  name="password"
                />
                {errorKey && (
                  <Alert color="red" role="alert" data-testid="login-error">
                    {t(errorKey)}
                  </Alert>
                )}
                <Button type="submit" loading={submitting} fullWidth>
                  {submitting ? t("login.submitting") : t("login.submit")}
                </Button>
              </Stack>
            </form>
            )}
            {!second && (
              <Suspense>
                <SsoSignIn />
              </Suspense>
            )}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
