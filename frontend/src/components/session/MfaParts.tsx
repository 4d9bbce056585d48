"use client";

import { Alert, Button, Code, CopyButton, Group, List, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconCopy } from "@tabler/icons-react";
import { QRCodeSVG } from "qrcode.react";
import { useId } from "react";
import { registerMessages } from "@/i18n/catalog";
import { useT } from "@/i18n/I18nProvider";
import { mfaMessages } from "./mfaMessages";

// Every screen that shows a second-factor step imports this module: its words come with it.
registerMessages(mfaMessages);

/** The new TOTP secret as a QR code for the authenticator app, and as text for typing it in. */
export function OtpauthQr({ uri, secret }: { uri: string; secret: string }) {
  const t = useT();
  const secretId = useId();
  return (
    <Group align="flex-start" gap="lg" wrap="wrap">
      <Paper withBorder p="xs" radius="md" bg="white">
        <QRCodeSVG value={uri} size={176} level="M" title={t("mfa.qr.title")} data-testid="mfa-qr" />
      </Paper>
      <Stack gap="xs" flex={1} miw={220}>
        <List size="sm" spacing={4} type="ordered">
          <List.Item>{t("mfa.qr.step1")}</List.Item>
          <List.Item>{t("mfa.qr.step2")}</List.Item>
          <List.Item>{t("mfa.qr.step3")}</List.Item>
        </List>
        <Text size="sm" fw={600} id={secretId} mt="xs">
          {t("mfa.qr.secret")}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code fz="sm" aria-labelledby={secretId} data-testid="mfa-secret" style={{ wordBreak: "break-all" }}>
            {secret}
          </Code>
          <CopyButton value={secret} timeout={2500}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant="light" onClick={copy} aria-label={`${t("common.copy")}: ${t("mfa.qr.secret")}`}>
                {copied ? t("common.copied") : t("common.copy")}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Group>
  );
}

/** The ten recovery codes, shown once, to copy or write down. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useT();
  const titleId = useId();
  return (
    <Stack gap="sm" data-testid="mfa-recovery-codes">
      <Text fw={600} id={titleId}>
        {t("mfa.recovery.title")}
      </Text>
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={4} component="ul" aria-labelledby={titleId} p={0} m={0} style={{ listStyle: "none" }}>
        {codes.map((code) => (
          <li key={code}>
            <Code fz="sm" data-testid="mfa-recovery-code">
              {code}
            </Code>
          </li>
        ))}
      </SimpleGrid>
      <Group>
        <CopyButton value={codes.join("\n")} timeout={2500}>
          {({ copied, copy }) => (
            <Button
              size="sm"
              variant={copied ? "filled" : "light"}
              color={copied ? "green.8" : undefined}
              onClick={copy}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            >
              {copied ? t("common.copied") : t("mfa.recovery.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} p="sm">
        <Text size="sm" c="var(--mantine-color-text)">
          {t("mfa.recovery.warning")}
        </Text>
      </Alert>
    </Stack>
  );
}
