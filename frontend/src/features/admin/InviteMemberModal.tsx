"use client";

import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { useSession } from "@/components/session/SessionProvider";
import type { AdminMemberFragment, Role } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { READABLE_ERRORS_MODAL } from "./contrast";
import { useFieldErrors, type FieldErrors } from "./errors";
import { InviteUserMutation } from "./queries";
import { memberRolesFor } from "./roles";
import { SecretReveal } from "./SecretReveal";

interface Invited {
  member: AdminMemberFragment;
  temporaryPassword: string | null;
}

interface InviteMemberModalProps {
  opened: boolean;
  onClose: () => void;
  onInvited: () => void;
  /** Straight on to the new member's account limits. */
  onLimitAccounts: (member: AdminMemberFragment) => void;
}

const FIELDS = ["email", "name", "role"] as const;

function InviteForm({ onInvited }: { onInvited: (invited: Invited) => void }) {
  const { t, label } = useI18n();
  const { me } = useSession();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("OPERATOR");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [{ fetching }, invite] = useMutation(InviteUserMutation);
  const sortErrors = useFieldErrors(FIELDS, { unfielded: "role" });
  const roles = memberRolesFor(me.role).map((value) => ({ value, label: label("admin.role.", value) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) {
      setErrors({ email: t("admin.error.email.REQUIRED") });
      return;
    }
    setErrors({});
    const result = await invite({ email: email.trim(), name: name.trim(), role });
    const payload = result.data?.inviteUser;
    const found = sortErrors(payload?.errors, result.error);
    if (payload?.user && !payload.errors.length) {
      onInvited({ member: payload.user, temporaryPassword: payload.temporaryPassword ?? null });
    } else {
      setErrors(Object.keys(found).length ? found : { form: t("admin.error.generic") });
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="invite-form">
      <Stack gap="md">
        {errors.form && (
          <Alert color="red" icon={<IconAlertTriangle size={18} aria-hidden />} role="alert">
            {errors.form}
          </Alert>
        )}
        <TextInput
          label={t("admin.invite.email")}
          placeholder="nome@empresa.com.br"
          type="email"
          required
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={errors.email}
          autoComplete="off"
          data-autofocus
        />
        <TextInput
          label={t("admin.invite.name")}
          placeholder={t("admin.invite.namePlaceholder")}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          autoComplete="off"
        />
        <Select
          label={t("admin.invite.role")}
          data={roles}
          value={role}
          onChange={(value) => value && setRole(value as Role)}
          allowDeselect={false}
          description={t(`admin.roleHint.${role}`)}
          error={errors.role}
          comboboxProps={{ withinPortal: true }}
        />
        <Text size="xs" c="dimmed">
          {t("admin.invite.accountsHint")}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button type="submit" loading={fetching} data-testid="invite-submit">
            {t("admin.invite.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function InviteResult({
  invited,
  onDone,
  onLimitAccounts,
}: {
  invited: Invited;
  onDone: () => void;
  onLimitAccounts: () => void;
}) {
  const { t, label } = useI18n();
  const who = invited.member.name || invited.member.email;
  return (
    <Stack gap="md" data-testid="invite-result">
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <IconCircleCheck size={20} color="var(--mantine-color-green-8)" aria-hidden />
        <Text size="sm">
          {t("admin.invite.done", { name: who, role: label("admin.role.", invited.member.role ?? "") })}
        </Text>
      </Group>
      {invited.temporaryPassword ? (
        <>
          <SecretReveal
            label={t("admin.invite.temporaryPassword", { email: invited.member.email })}
            value={invited.temporaryPassword}
            warning={t("admin.invite.shownOnce")}
            testId="invite-temporary-password"
          />
          <Text size="xs" c="dimmed">
            {t("admin.invite.howToSignIn")}
          </Text>
        </>
      ) : (
        <Alert color="meliBlue" variant="light" data-testid="invite-existing-user">
          <Text size="sm">{t("admin.invite.existingUser", { email: invited.member.email })}</Text>
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        {invited.member.role !== "OWNER" && (
          <Button variant="default" onClick={onLimitAccounts} data-testid="invite-limit-accounts">
            {t("admin.invite.limitAccounts")}
          </Button>
        )}
        <Button onClick={onDone} data-testid="invite-done">
          {t("admin.invite.finish")}
        </Button>
      </Group>
    </Stack>
  );
}

/** Invite a person: the form, then (once) the temporary password the new member signs in with. */
export function InviteMemberModal({ opened, onClose, onInvited, onLimitAccounts }: InviteMemberModalProps) {
  const t = useI18n().t;
  const [invited, setInvited] = useState<Invited | null>(null);
  // The password is gone for good once the dialog closes: it lives only in this state.
  const close = () => {
    setInvited(null);
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={invited ? t("admin.invite.resultTitle") : t("admin.invite.title")}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
      styles={READABLE_ERRORS_MODAL}
      // A click beside the dialog must not throw away a password that is shown only once.
      closeOnClickOutside={!invited}
    >
      {invited ? (
        <InviteResult
          invited={invited}
          onDone={close}
          onLimitAccounts={() => {
            const member = invited.member;
            setInvited(null);
            onLimitAccounts(member);
          }}
        />
      ) : (
        opened && (
          <InviteForm
            onInvited={(result) => {
              setInvited(result);
              onInvited();
            }}
          />
        )
      )}
    </Modal>
  );
}
