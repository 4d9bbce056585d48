"use client";

import { Alert, Button, Fieldset, Grid, Group, Paper, SimpleGrid, Stack, Text, TextInput, type TextInputProps } from "@mantine/core";
import { IconAlertTriangle, IconBrandWhatsapp, IconDeviceFloppy, IconMail, IconMessage } from "@tabler/icons-react";
import { useEffect, useMemo, useState, type ChangeEvent, type FormEvent, type ReactNode } from "react";
import { useMutation } from "urql";
import { SectionTitle } from "./SectionTitle";
import { notify } from "@/features/integrations/notify";
import { useI18n } from "@/i18n/I18nProvider";
import type { HubSettingsFieldsFragment as Settings } from "../gql/graphql";
import { UpdateHubSettingsMutation } from "../queries";
import { draftOf, fieldErrorsOf, inputOf, secretIsSet, type FieldErrors, type PlainField, type SecretField as Secret } from "./draft";
import { SecretField } from "./SecretField";

type FieldProps = (field: PlainField) => TextInputProps & { "data-testid": string };
type SecretProps = (field: Secret) => Omit<Parameters<typeof SecretField>[0], "label">;

/** The hub's details: what the ready notice tells the buyer. */
function DetailsSection({ fieldProps }: { fieldProps: FieldProps }) {
  const { t } = useI18n();
  return (
    <Paper p="lg" h="100%" component="section" aria-labelledby="hub-settings-details-title">
      <SectionTitle id="hub-settings-details-title" title={t("hub.settings.details")} description={t("hub.settings.detailsHint")} />
      <Stack gap="sm" mt="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label={t("hub.settings.name")} placeholder={t("hub.settings.namePlaceholder")} {...fieldProps("name")} />
          <TextInput
            label={t("hub.settings.pickupHours")}
            placeholder={t("hub.settings.pickupHoursPlaceholder")}
            {...fieldProps("pickupHours")}
          />
        </SimpleGrid>
        <TextInput
          label={t("hub.settings.address")}
          placeholder={t("hub.settings.addressPlaceholder")}
          autoComplete="street-address"
          {...fieldProps("address")}
        />
      </Stack>
    </Paper>
  );
}

function Provider({ legend, icon: Icon, children }: { legend: string; icon: typeof IconMail; children: ReactNode }) {
  return (
    <Fieldset
      variant="unstyled"
      p={0}
      legend={
        <Group gap={6} wrap="nowrap" mb={4}>
          <Icon size={18} aria-hidden />
          <Text span fw={600} size="sm">
            {legend}
          </Text>
        </Group>
      }
    >
      <Stack gap="sm">{children}</Stack>
    </Fieldset>
  );
}

/** The company's own providers: each URL in plain, each secret write-only. */
function NotificationsSection({ fieldProps, secretProps }: { fieldProps: FieldProps; secretProps: SecretProps }) {
  const { t } = useI18n();
  const url = t("hub.settings.urlPlaceholder");
  return (
    <Paper p="lg" component="section" aria-labelledby="hub-settings-notifications-title">
      <SectionTitle
        id="hub-settings-notifications-title"
        title={t("hub.settings.notifications")}
        description={t("hub.settings.notificationsHint")}
      />
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg" verticalSpacing="lg" mt="sm">
        <Provider legend={t("hub.settings.email")} icon={IconMail}>
          <SecretField label={t("hub.settings.smtpUrl")} placeholder={t("hub.settings.smtpUrlHint")} {...secretProps("smtpUrl")} />
          <TextInput
            label={t("hub.settings.smtpFrom")}
            placeholder={t("hub.settings.smtpFromPlaceholder")}
            {...fieldProps("smtpFrom")}
          />
        </Provider>
        <Provider legend={t("hub.settings.sms")} icon={IconMessage}>
          <TextInput label={t("hub.settings.smsUrl")} placeholder={url} type="url" {...fieldProps("smsUrl")} />
          <SecretField label={t("hub.settings.smsToken")} {...secretProps("smsToken")} />
        </Provider>
        <Provider legend={t("hub.settings.whatsapp")} icon={IconBrandWhatsapp}>
          <TextInput label={t("hub.settings.whatsappUrl")} placeholder={url} type="url" {...fieldProps("whatsappUrl")} />
          <SecretField label={t("hub.settings.whatsappToken")} {...secretProps("whatsappToken")} />
        </Provider>
      </SimpleGrid>
    </Paper>
  );
}

/**
 * One form for the details and the providers: only what changed is sent; on an error nothing typed is
 * lost and each message sits on its field; on success the form shows what the API stored.
 */
export function HubSettingsForm({ settings, canManage, flow }: { settings: Settings; canManage: boolean; flow: ReactNode }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [stored, setStored] = useState(settings);
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [{ fetching }, update] = useMutation(UpdateHubSettingsMutation);
  // A save made elsewhere (another tab, another admin) shows here once the query brings it; our own is
  // already `stored`, so what is being typed stays.
  const signature = JSON.stringify(settings);
  useEffect(() => {
    if (JSON.stringify(stored) === signature) return;
    setStored(settings);
    setDraft(draftOf(settings));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the signature stands for settings
  }, [signature]);
  const input = useMemo(() => inputOf(draft, stored), [draft, stored]);
  const changed = Object.keys(input).length > 0;
  const readOnly = !canManage;

  // An edit takes its field's error away, and the form's "fix what is marked" once nothing is marked.
  const clearError = (field: PlainField | Secret) =>
    setErrors(({ [field]: _, ...rest }) => {
      const marked = Object.keys(rest).some((key) => key !== "form");
      return marked || rest.form !== t("hub.settings.failed") ? rest : {};
    });
  const fieldProps: FieldProps = (field) => ({
    value: draft.plain[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setDraft((current) => ({ ...current, plain: { ...current.plain, [field]: value } }));
      clearError(field);
    },
    error: errors[field],
    readOnly,
    variant: readOnly ? "filled" : "default",
    spellCheck: false,
    "data-testid": `hub-settings-${field}`,
  });
  const secretProps: SecretProps = (field) => ({
    set: secretIsSet(stored, field),
    value: draft.secrets[field],
    onChange: (value) => {
      setDraft((current) => ({ ...current, secrets: { ...current.secrets, [field]: value } }));
      clearError(field);
    },
    error: errors[field],
    readOnly,
    testId: `hub-settings-${field}`,
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!changed || fetching || readOnly) return;
    setErrors({});
    const result = await update({ input });
    const payload = result.data?.updateHubSettings;
    if (payload?.settings && !payload.errors.length) {
      setStored(payload.settings);
      setDraft(draftOf(payload.settings));
      notify({
        color: "green",
        title: t("hub.settings.saved"),
        message: t("hub.settings.savedBody"),
        closeLabel: t("common.close"),
        testId: "hub-settings-saved",
      });
      return;
    }
    const found = fieldErrorsOf(i18n, payload?.errors, result.error);
    setErrors({ ...found, form: found.form ?? t("hub.settings.failed") });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="hub-settings-form" data-saving={fetching ? "true" : "false"}>
      <Stack gap="md">
        {/* The flow switches sit beside the details (they save on their own, not with this form). */}
        <Grid gap="md" align="stretch">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <DetailsSection fieldProps={fieldProps} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>{flow}</Grid.Col>
        </Grid>
        <NotificationsSection fieldProps={fieldProps} secretProps={secretProps} />
        {errors.form && (
          <Alert color="red" icon={<IconAlertTriangle size={18} aria-hidden />} role="alert" data-testid="hub-settings-error">
            {errors.form}
          </Alert>
        )}
        {canManage && (
          <Group gap="sm">
            <Button
              type="submit"
              loading={fetching}
              disabled={!changed || fetching}
              leftSection={<IconDeviceFloppy size={18} aria-hidden />}
              data-testid="hub-settings-save"
            >
              {t("hub.settings.save")}
            </Button>
            {changed && (
              <Button
                variant="default"
                disabled={fetching}
                onClick={() => {
                  setDraft(draftOf(stored));
                  setErrors({});
                }}
              >
                {t("hub.settings.discard")}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </form>
  );
}
