"use client";

import { Alert, Button, Group, NativeSelect, PasswordInput, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconDeviceFloppy, IconPlugConnected, IconStethoscope, IconTrash } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { ToneBadge } from "@/components/data/ToneBadge";
import { useI18n } from "@/i18n/I18nProvider";
import { SITES } from "../ConnectAccountModal";
import type { IntegrationsApplicationFragment } from "./gql/graphql";
import { useApplicationActions, type ApplicationValues } from "./useApplicationActions";

type Application = IntegrationsApplicationFragment;

interface Props {
  application: Application | null;
  onChanged: (reauthorize: number) => void;
}

function valuesOf(application: Application | null): ApplicationValues {
  return {
    clientId: application?.clientId ?? "",
    clientSecret: "", // never shown back: empty keeps the stored one
    siteId: application?.siteId ?? "MLB",
    storeName: application?.storeName ?? "",
  };
}

function SecretLabel({ set }: { set: boolean }) {
  const { t } = useI18n();
  return (
    <Group gap={6} component="span" display="inline-flex">
      {t("integrations.app.clientSecret")}
      <ToneBadge tone={set ? "success" : "neutral"} size="xs" data-testid="application-secret-state" data-set={set}>
        {set ? t("integrations.app.secretSet") : t("integrations.app.secretMissing")}
      </ToneBadge>
    </Group>
  );
}

/** Sets or changes the company's application (the secret is write-only), tests it, removes it. */
export function ApplicationForm({ application, onChanged }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [values, setValues] = useState<ApplicationValues>(() => valuesOf(application));
  const actions = useApplicationActions({ application, onChanged });
  const { errors, testResult } = actions;
  const saved = valuesOf(application);
  const changed = (Object.keys(values) as (keyof ApplicationValues)[]).some((key) => values[key].trim() !== saved[key]);
  const newId = application !== null && values.clientId.trim() !== application.clientId;
  const keepsSecret = application?.secretSet === true && !newId;

  const field = (name: keyof ApplicationValues) => ({
    value: values[name],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [name]: value }));
    },
    error: errors[name],
    "data-testid": `application-${name}`,
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await actions.submit(values);
    if (result) setValues(valuesOf(result));
  };

  return (
    <form onSubmit={submit} noValidate data-testid="application-form" aria-label={t("integrations.app.title")}>
      <Stack gap="md">
        {errors.form && (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} data-testid="application-error">
            <Text size="sm">{errors.form}</Text>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
          <TextInput
            label={t("integrations.app.clientId")}
            description={t("integrations.app.clientIdHint")}
            inputMode="numeric"
            autoComplete="off"
            required
            {...field("clientId")}
          />
          <PasswordInput
            label={<SecretLabel set={application?.secretSet === true} />}
            description={t("integrations.app.clientSecretHint")}
            placeholder={keepsSecret ? t("integrations.app.clientSecretKeep") : undefined}
            autoComplete="new-password"
            required={!keepsSecret}
            visibilityToggleButtonProps={{ "aria-label": t("integrations.app.clientSecretShow") }}
            {...field("clientSecret")}
          />
          <NativeSelect
            label={t("integrations.app.site")}
            description={t("integrations.app.siteHint")}
            data={SITES.map((value) => ({ value, label: `${value} · ${i18n.label("integrations.site.", value)}` }))}
            {...field("siteId")}
          />
          <TextInput
            label={t("integrations.app.store")}
            description={t("integrations.app.storeHint")}
            autoComplete="organization"
            {...field("storeName")}
          />
        </SimpleGrid>
        {newId && application.linkedAccounts > 0 && (
          <Group gap={6} wrap="nowrap" align="flex-start" data-testid="application-change-warning">
            <IconAlertTriangle size={16} color="var(--mantine-color-orange-8)" aria-hidden style={{ flexShrink: 0 }} />
            <Text size="sm">{i18n.plural("integrations.app.changeWarning", application.linkedAccounts)}</Text>
          </Group>
        )}
        {testResult && (
          <Alert
            color={testResult.ok ? "green" : "red"}
            variant="light"
            icon={testResult.ok ? <IconPlugConnected aria-hidden /> : <IconAlertTriangle aria-hidden />}
            withCloseButton
            closeButtonLabel={t("common.close")}
            onClose={actions.clearTestResult}
            role="status"
            data-testid="application-test-result"
            data-ok={testResult.ok}
          >
            <Text size="sm">{testResult.text}</Text>
          </Alert>
        )}
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Button
              type="submit"
              leftSection={<IconDeviceFloppy size={16} aria-hidden />}
              loading={actions.saving}
              disabled={application !== null && !changed}
              data-testid="application-save"
            >
              {t("integrations.app.save")}
            </Button>
            {application && (
              <Button
                variant="default"
                leftSection={<IconStethoscope size={16} aria-hidden />}
                loading={actions.testing}
                onClick={actions.runTest}
                data-testid="application-test"
              >
                {t("integrations.app.test.action")}
              </Button>
            )}
          </Group>
          {application && (
            <Button
              variant="subtle"
              color="red"
              c="red.9"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={actions.confirmRemove}
              data-testid="application-remove"
            >
              {t("integrations.app.remove.action")}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
