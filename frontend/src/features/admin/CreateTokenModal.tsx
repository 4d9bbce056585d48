"use client";

import { Alert, Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { useSession } from "@/components/session/SessionProvider";
import type { AdminApiTokenFragment, Role } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { READABLE_ERRORS_MODAL } from "./contrast";
import { useFieldErrors, type FieldErrors } from "./errors";
import { CreateApiTokenMutation } from "./queries";
import { tokenRolesFor } from "./roles";

const FIELDS = ["name", "role", "expiresAt"] as const;
// How long a new token lives; "never" sends no expiry.
const LIFETIMES = ["30", "90", "365", "never"] as const;
type Lifetime = (typeof LIFETIMES)[number];

function expiryOf(lifetime: Lifetime): string | null {
  if (lifetime === "never") return null;
  return new Date(Date.now() + Number(lifetime) * 86_400_000).toISOString();
}

export interface CreatedToken {
  token: AdminApiTokenFragment;
  secret: string;
}

function TokenForm({ onCreated }: { onCreated: (created: CreatedToken) => void }) {
  const { t, label, dateTime } = useI18n();
  const { me } = useSession();
  const roles = tokenRolesFor(me.role);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>(roles.includes("INTEGRATOR") ? "INTEGRATOR" : roles[0]);
  const [lifetime, setLifetime] = useState<Lifetime>("90");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [{ fetching }, create] = useMutation(CreateApiTokenMutation);
  const sortErrors = useFieldErrors(FIELDS, { unfielded: "role" });
  const expiresAt = expiryOf(lifetime);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ name: t("admin.error.name.INVALID") });
      return;
    }
    setErrors({});
    const result = await create({ name: name.trim(), role, expiresAt: expiryOf(lifetime) });
    const payload = result.data?.createApiToken;
    if (payload?.apiToken && payload.secret && !payload.errors.length) {
      onCreated({ token: payload.apiToken, secret: payload.secret });
      return;
    }
    const found = sortErrors(payload?.errors, result.error);
    setErrors(Object.keys(found).length ? found : { form: t("admin.error.generic") });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="token-form">
      <Stack gap="md">
        {errors.form && (
          <Alert color="red" icon={<IconAlertTriangle size={18} aria-hidden />} role="alert">
            {errors.form}
          </Alert>
        )}
        <TextInput
          label={t("admin.tokens.form.name")}
          description={t("admin.tokens.form.nameHint")}
          placeholder={t("admin.tokens.form.namePlaceholder")}
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          autoComplete="off"
          data-autofocus
        />
        <Select
          label={t("admin.tokens.form.role")}
          data={roles.map((value) => ({ value, label: label("admin.role.", value) }))}
          value={role}
          onChange={(value) => value && setRole(value as Role)}
          allowDeselect={false}
          description={t(`admin.roleHint.${role}`)}
          error={errors.role}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t("admin.tokens.form.expires")}
          data={LIFETIMES.map((value) => ({ value, label: t(`admin.tokens.lifetime.${value}`) }))}
          value={lifetime}
          onChange={(value) => value && setLifetime(value as Lifetime)}
          allowDeselect={false}
          description={
            expiresAt
              ? t("admin.tokens.form.expiresOn", { date: dateTime(expiresAt, "date") })
              : t("admin.tokens.form.neverHint")
          }
          error={errors.expiresAt}
          comboboxProps={{ withinPortal: true }}
        />
        <Group justify="flex-end" gap="sm">
          <Button type="submit" loading={fetching} data-testid="create-token-submit">
            {t("admin.tokens.form.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A new API token: its name, role and lifetime; the secret is shown by the list, above it. */
export function CreateTokenModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (created: CreatedToken) => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("admin.tokens.createTitle")}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
      styles={READABLE_ERRORS_MODAL}
    >
      {opened && <TokenForm onCreated={onCreated} />}
    </Modal>
  );
}
