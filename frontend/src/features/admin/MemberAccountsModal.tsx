"use client";

import { Alert, Button, Group, Modal, MultiSelect, Stack, Switch, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useEffect, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import type { AdminMemberFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";
import { READABLE_ERRORS_MODAL } from "./contrast";
import { useFieldErrors, type FieldErrors } from "./errors";
import type { AccountOption } from "./MembersPanel";
import { SetMemberAccountsMutation } from "./queries";

interface MemberAccountsModalProps {
  member: AdminMemberFragment | null;
  accounts: readonly AccountOption[];
  onClose: () => void;
  onSaved: () => void;
}

const FIELDS = ["meliAccountIds"] as const;

function AccountsForm({
  member,
  accounts,
  onCancel,
  onSaved,
}: {
  member: AdminMemberFragment;
  accounts: readonly AccountOption[];
  onCancel: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [all, setAll] = useState(member.meliAccountIds == null);
  const [selected, setSelected] = useState<string[]>(member.meliAccountIds ?? []);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [{ fetching }, save] = useMutation(SetMemberAccountsMutation);
  const sortErrors = useFieldErrors(FIELDS, { aliases: { userId: "form" }, unfielded: "meliAccountIds" });
  const options = accounts.map((account) => ({
    value: account.id,
    label: `${account.nickname} · ${account.siteId}`,
  }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!all && selected.length === 0) {
      setErrors({ meliAccountIds: t("admin.error.meliAccountIds.EMPTY") });
      return;
    }
    setErrors({});
    const result = await save({ userId: member.id, meliAccountIds: all ? null : selected });
    const found = sortErrors(result.data?.setMemberAccounts.errors, result.error);
    if (result.data?.setMemberAccounts.user && !Object.keys(found).length) onSaved();
    else setErrors(Object.keys(found).length ? found : { form: t("admin.error.generic") });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="member-accounts-form">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t("admin.accounts.description")}
        </Text>
        {errors.form && (
          <Alert color="red" icon={<IconAlertTriangle size={18} aria-hidden />} role="alert">
            {errors.form}
          </Alert>
        )}
        <Switch
          label={t("admin.accounts.all")}
          description={t("admin.accounts.allHint")}
          checked={all}
          onChange={(event) => setAll(event.currentTarget.checked)}
          data-testid="member-accounts-all"
        />
        <MultiSelect
          label={t("admin.accounts.select")}
          placeholder={selected.length ? undefined : t("admin.accounts.selectPlaceholder")}
          data={options}
          value={all ? [] : selected}
          onChange={setSelected}
          disabled={all}
          searchable
          clearable
          nothingFoundMessage={t("admin.accounts.noMatch")}
          error={errors.meliAccountIds}
          comboboxProps={{ withinPortal: true }}
          data-testid="member-accounts-select"
        />
        <Text size="xs" c="dimmed">
          {t("admin.accounts.appliesNext")}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={fetching} data-testid="member-accounts-save">
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Limit a member to some Mercado Livre accounts, or give back all of them (null). */
export function MemberAccountsModal({ member, accounts, onClose, onSaved }: MemberAccountsModalProps) {
  const { t } = useI18n();
  // The last member shown stays while the dialog animates closed.
  const [shown, setShown] = useState(member);
  useEffect(() => {
    if (member) setShown(member);
  }, [member]);
  const who = shown ? shown.name || shown.email : "";
  return (
    <Modal
      opened={member !== null}
      onClose={onClose}
      title={t("admin.accounts.title", { name: who })}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
      styles={READABLE_ERRORS_MODAL}
    >
      {member && <AccountsForm key={member.id} member={member} accounts={accounts} onCancel={onClose} onSaved={onSaved} />}
    </Modal>
  );
}
