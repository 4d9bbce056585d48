"use client";

import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useT, type MessageKey } from "@/i18n/I18nProvider";
import { login, type Me } from "@/lib/session";
import { BrandMark } from "@/components/shell/BrandMark";
import { LanguageSwitch } from "@/components/shell/LanguageSwitch";

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
    setErrorKey(KNOWN_ERRORS[result.errorCode] ?? "login.error.generic");
  }

  return (
    <Box mih="100vh" bg="ink.8">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Paper w="100%" maw={420} p="xl" shadow="md" component="main">
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
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
