"use client";

import { Button, Group, Input, PasswordInput, Stack } from "@mantine/core";
import { useId } from "react";
import { ToneBadge } from "@/components/data/ToneBadge";
import { useI18n } from "@/i18n/I18nProvider";

interface SecretFieldProps {
  label: string;
  /** The company set one already (its value is never shown, nor prefilled). */
  set: boolean;
  /** null: keep the stored one; a string: the one being typed to replace it. */
  value: string | null;
  onChange: (value: string | null) => void;
  readOnly: boolean;
  testId: string;
  placeholder?: string;
  error?: string;
}

function StoredState({ set }: { set: boolean }) {
  const { t } = useI18n();
  return (
    <ToneBadge tone={set ? "success" : "neutral"} size="lg" radius="sm" data-testid="secret-state">
      {t(set ? "hub.settings.secret.set" : "hub.settings.secret.unset")}
    </ToneBadge>
  );
}

/** A write-only secret: "definido" with a way to replace it, or the input for a new one. */
export function SecretField({ label, set, value, onChange, readOnly, testId, placeholder, error }: SecretFieldProps) {
  const { t } = useI18n();
  const labelId = useId();
  const state = value !== null ? "replacing" : set ? "set" : "unset";

  if (readOnly || (set && value === null)) {
    return (
      <Stack gap={4} role="group" aria-labelledby={labelId} data-testid={testId} data-state={state}>
        <Input.Label labelElement="div" id={labelId}>
          {label}
        </Input.Label>
        <Group gap="sm" wrap="nowrap">
          <StoredState set={set} />
          {!readOnly && (
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => onChange("")}
              aria-label={t("hub.settings.secret.replaceLabel", { field: label })}
              data-testid={`${testId}-replace`}
            >
              {t("hub.settings.secret.replace")}
            </Button>
          )}
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap={4} data-testid={testId} data-state={state}>
      <PasswordInput
        label={label}
        description={set ? t("hub.settings.secret.replaceHint") : undefined}
        placeholder={placeholder}
        value={value ?? ""}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
        // Mantine's PasswordInput does not mark its inner input itself.
        aria-invalid={error ? true : undefined}
        // Not the sign-in password: no browser fills or saves it here.
        autoComplete="new-password"
        spellCheck={false}
        autoFocus={set}
        data-testid={`${testId}-input`}
      />
      {set && (
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          c="var(--mantine-color-text)"
          style={{ alignSelf: "flex-start" }}
          onClick={() => onChange(null)}
          aria-label={t("hub.settings.secret.keepLabel", { field: label })}
          data-testid={`${testId}-keep`}
        >
          {t("hub.settings.secret.keep")}
        </Button>
      )}
    </Stack>
  );
}
