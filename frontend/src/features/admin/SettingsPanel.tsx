"use client";

import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconClock } from "@tabler/icons-react";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { SectionHeader } from "@/components/data/ConnectionTable";
import { LoadError, Loading } from "@/components/data/QueryState";
import { useNow } from "@/components/data/Time";
import { useSession } from "@/components/session/SessionProvider";
import type { AdminTenantQuery as AdminTenant } from "@/gql/graphql";
import { DEFAULT_TIME_ZONE, useI18n } from "@/i18n/I18nProvider";
import { formatDateTime } from "@/lib/format";
import { useLiveQuery } from "@/lib/useLive";
import { useFieldErrors, type FieldErrors } from "./errors";
import { AdminTenantQuery, UpdateTenantSettingsMutation } from "./queries";

const FIELDS = ["name", "timeZone"] as const;

/** "GMT-03:00" for a zone, now (zones move with daylight saving time). */
function offsetOf(zone: string, at: Date): string {
  try {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(at);
    return parts.find((part) => part.type === "timeZoneName")?.value ?? "";
  } catch {
    return "";
  }
}

/** Every IANA zone the browser knows, grouped by region, with its current UTC offset. */
function useTimeZoneOptions(current: string) {
  return useMemo(() => {
    const now = new Date();
    const zones = new Set(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []);
    zones.add(DEFAULT_TIME_ZONE);
    zones.add("UTC");
    if (current) zones.add(current);
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const zone of [...zones].sort()) {
      const region = zone.includes("/") ? zone.split("/")[0] : "UTC";
      const offset = offsetOf(zone, now);
      const item = { value: zone, label: `${zone.replaceAll("_", " ")} (${offset})` };
      groups.set(region, [...(groups.get(region) ?? []), item]);
    }
    return [...groups].map(([group, items]) => ({ group, items }));
  }, [current]);
}

function SettingsForm({ tenant }: { tenant: AdminTenant["tenant"] }) {
  const { t, locale } = useI18n();
  const { reload } = useSession();
  const now = useNow(30_000);
  const [name, setName] = useState(tenant.name);
  const [timeZone, setTimeZone] = useState<string>(tenant.timeZone || DEFAULT_TIME_ZONE);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [{ fetching }, update] = useMutation(UpdateTenantSettingsMutation);
  const sortErrors = useFieldErrors(FIELDS);
  const options = useTimeZoneOptions(tenant.timeZone);
  const changed = name.trim() !== tenant.name || timeZone !== tenant.timeZone;

  // A save elsewhere (another tab, another admin) shows here once the query brings it.
  useEffect(() => {
    setName(tenant.name);
    setTimeZone(tenant.timeZone || DEFAULT_TIME_ZONE);
  }, [tenant.name, tenant.timeZone]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ name: t("admin.error.name.INVALID") });
      return;
    }
    setErrors({});
    const input = {
      name: name.trim() !== tenant.name ? name.trim() : null,
      timeZone: timeZone !== tenant.timeZone ? timeZone : null,
    };
    const result = await update({ input });
    const payload = result.data?.updateTenantSettings;
    if (payload?.tenant && !payload.errors.length) {
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        color: "green",
        message: t("admin.settings.saved"),
      });
      reload(); // every time on screen now reads in the new zone, and the header shows the new name
      return;
    }
    const found = sortErrors(payload?.errors, result.error);
    setErrors(Object.keys(found).length ? found : { form: t("admin.error.generic") });
  };

  const preview = formatDateTime(locale, new Date(now).toISOString(), timeZone, "dateTime");
  return (
    <form onSubmit={submit} noValidate data-testid="settings-form">
      <Stack gap="md" maw={560}>
        {errors.form && (
          <Alert color="red" icon={<IconAlertTriangle size={18} aria-hidden />} role="alert">
            {errors.form}
          </Alert>
        )}
        <TextInput
          label={t("admin.settings.name")}
          description={t("admin.settings.nameHint")}
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          autoComplete="organization"
          data-testid="settings-name"
        />
        <TextInput
          label={t("admin.settings.slug")}
          description={t("admin.settings.slugHint")}
          value={tenant.slug}
          readOnly
          variant="filled"
          data-testid="settings-slug"
        />
        <Select
          label={t("admin.settings.timeZone")}
          description={t("admin.settings.timeZoneHint")}
          data={options}
          value={timeZone}
          onChange={(value) => value && setTimeZone(value)}
          searchable
          allowDeselect={false}
          nothingFoundMessage={t("admin.settings.noZone")}
          maxDropdownHeight={320}
          error={errors.timeZone}
          comboboxProps={{ withinPortal: true }}
          data-testid="settings-time-zone"
        />
        <Group gap={6} wrap="nowrap">
          <IconClock size={16} aria-hidden />
          <Text size="sm" c="dimmed" data-testid="settings-zone-preview">
            {t("admin.settings.preview", { time: preview })}
          </Text>
        </Group>
        <Group gap="sm">
          <Button type="submit" loading={fetching} disabled={!changed} data-testid="settings-save">
            {t("common.save")}
          </Button>
          {changed && (
            <Button
              variant="default"
              onClick={() => {
                setName(tenant.name);
                setTimeZone(tenant.timeZone);
                setErrors({});
              }}
            >
              {t("admin.settings.discard")}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

export function SettingsPanel() {
  const { t } = useI18n();
  const [result, refetch] = useLiveQuery({ query: AdminTenantQuery });
  const tenant = result.data?.tenant;
  return (
    <Paper p="lg" component="section" aria-labelledby="admin-settings-title">
      <SectionHeader id="admin-settings-title" title={t("admin.settings.title")} description={t("admin.settings.description")} />
      {result.error && !tenant ? (
        <LoadError error={result.error} onRetry={refetch} />
      ) : !tenant ? (
        <Loading />
      ) : (
        <SettingsForm tenant={tenant} />
      )}
    </Paper>
  );
}
