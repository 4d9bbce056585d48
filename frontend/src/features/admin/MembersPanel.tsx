"use client";

import { Badge, Button, Group, Paper, Select, Stack, Text, Tooltip } from "@mantine/core";
import { IconAdjustments, IconUserPlus } from "@tabler/icons-react";
import { useEffect, useMemo, useState } from "react";
import { useMutation } from "urql";
import { ConnectionTable, SectionHeader } from "@/components/data/ConnectionTable";
import { byText, instant, type ColumnDef, type SortingState } from "@/components/data/DataTable";
import { useCursorPages } from "@/components/data/Pager";
import { useSession } from "@/components/session/SessionProvider";
import type { AdminAccountsQuery, AdminMemberFragment, Role } from "@/gql/graphql";
import { graphql } from "@/gql";
import { useI18n } from "@/i18n/I18nProvider";
import { liveTrigger, useLiveQuery } from "@/lib/useLive";
import { useFieldErrors } from "./errors";
import { InviteMemberModal } from "./InviteMemberModal";
import { MemberAccountsModal } from "./MemberAccountsModal";
import { AdminAccountsQuery as AccountsDocument, AdminMembersQuery, SetUserRoleMutation } from "./queries";
import { memberRolesFor, ROLES } from "./roles";

export type AccountOption = AdminAccountsQuery["meliAccounts"]["nodes"][number];

const PAGE_SIZE = 50;

// An account linked, renamed or unlinked meanwhile shows in the limits' choices.
const AccountChangedSubscription = graphql(`
  subscription AdminAccountChanged {
    meliAccountChanged {
      id
    }
  }
`);
const ACCOUNT_TRIGGERS = [liveTrigger(AccountChangedSubscription)];

// Members by name at first; the role sorts most powerful first, "member since" newest first.
const INITIAL_SORTING: SortingState = [{ id: "member", desc: false }];

/** The member's role, changed in place; a refusal (the last owner, say) shows under the select. */
function RoleCell({ member, onChanged }: { member: AdminMemberFragment; onChanged: () => void }) {
  const { t, label } = useI18n();
  const { me } = useSession();
  const [{ fetching }, setRole] = useMutation(SetUserRoleMutation);
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState<Role | null>(null);
  const sortErrors = useFieldErrors(["role"], { aliases: { userId: "role" }, unfielded: "role" });
  useEffect(() => {
    if (pending && member.role === pending) setPending(null);
  }, [pending, member.role]);
  const callerIsOwner = me.role === "OWNER";
  const grantable = memberRolesFor(me.role);
  const current = member.role ?? "OPERATOR";
  // An admin sees an owner's role but cannot change it (only owners touch the owner role).
  const locked = current === "OWNER" && !callerIsOwner;
  const data = (locked ? [current] : grantable).map((role) => ({ value: role, label: label("admin.role.", role) }));
  const who = member.name || member.email;

  const change = async (value: string | null) => {
    if (!value || value === current) return;
    setError(undefined);
    setPending(value as Role);
    const result = await setRole({ userId: member.id, role: value as Role });
    const errors = sortErrors(result.data?.setUserRole.errors, result.error);
    const text = errors.role ?? errors.form;
    if (text) {
      setPending(null);
      setError(text);
    } else {
      onChanged(); // the pending role shows until the refreshed list carries it
    }
  };

  return (
    <Select
      aria-label={t("admin.members.roleOf", { name: who })}
      data={data}
      value={pending ?? current}
      onChange={change}
      allowDeselect={false}
      disabled={locked || fetching}
      error={error}
      size="xs"
      w={160}
      comboboxProps={{ withinPortal: true }}
      data-testid={`member-role-${member.email}`}
    />
  );
}

/** Which accounts the member sees, and the control that changes it. */
function AccountsCell({
  member,
  accounts,
  onEdit,
}: {
  member: AdminMemberFragment;
  accounts: readonly AccountOption[];
  onEdit: (member: AdminMemberFragment) => void;
}) {
  const { t } = useI18n();
  const who = member.name || member.email;
  if (member.role === "OWNER") {
    return (
      <Text size="sm" c="dimmed">
        {t("admin.members.accounts.ownerAll")}
      </Text>
    );
  }
  const limited = member.meliAccountIds;
  const names = new Map(accounts.map((account) => [account.id, account.nickname]));
  return (
    <Group gap={6} wrap="wrap">
      {limited == null ? (
        <Badge color="gray" variant="light" tt="none" data-testid={`member-limit-${member.email}`}>
          {t("admin.members.accounts.all")}
        </Badge>
      ) : (
        <Group gap={4} data-testid={`member-limit-${member.email}`}>
          {limited.map((id) => (
            <Badge key={id} color="meliBlue" variant="light" tt="none" miw="max-content">
              {names.get(id) ?? t("admin.members.accounts.unknown")}
            </Badge>
          ))}
        </Group>
      )}
      <Tooltip label={t("admin.members.accounts.edit")}>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconAdjustments size={14} aria-hidden />}
          onClick={() => onEdit(member)}
          aria-label={t("admin.members.accounts.editFor", { name: who })}
          data-testid={`member-accounts-${member.id}`}
        >
          {t("admin.members.accounts.change")}
        </Button>
      </Tooltip>
    </Group>
  );
}

export function MembersPanel() {
  const { t, dateTime, plural } = useI18n();
  const { me } = useSession();
  const pages = useCursorPages(PAGE_SIZE);
  // No subscription tells of member changes; a reconnect still re-reads them (useLiveQuery).
  const [members, refresh] = useLiveQuery({ query: AdminMembersQuery, variables: pages.variables });
  const [accountsResult] = useLiveQuery({ query: AccountsDocument }, ACCOUNT_TRIGGERS);
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<AdminMemberFragment | null>(null);
  const accounts = useMemo(() => accountsResult.data?.meliAccounts.nodes ?? [], [accountsResult.data]);

  const columns = useMemo<ColumnDef<AdminMemberFragment, unknown>[]>(
    () => [
      {
        id: "member",
        accessorFn: (member) => member.name || member.email,
        sortingFn: byText,
        sortDescFirst: false,
        header: t("admin.members.col.member"),
        cell: ({ row }) => (
          <Stack gap={0}>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" fw={600}>
                {row.original.name || row.original.email}
              </Text>
              {row.original.id === me.user?.id && (
                <Badge size="xs" color="meliBlue" variant="outline" miw="max-content">
                  {t("admin.members.you")}
                </Badge>
              )}
            </Group>
            {row.original.name && (
              <Text size="xs" c="dimmed">
                {row.original.email}
              </Text>
            )}
          </Stack>
        ),
      },
      {
        id: "role",
        accessorFn: (member) => ROLES.indexOf(member.role ?? "OPERATOR"),
        sortDescFirst: false,
        header: t("admin.members.col.role"),
        cell: ({ row }) => <RoleCell member={row.original} onChanged={refresh} />,
      },
      {
        id: "accounts",
        header: t("admin.members.col.accounts"),
        cell: ({ row }) => <AccountsCell member={row.original} accounts={accounts} onEdit={setEditing} />,
      },
      {
        id: "memberSince",
        accessorFn: (member) => instant(member.memberSince, 0),
        sortDescFirst: true,
        header: t("admin.members.col.since"),
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {dateTime(row.original.memberSince, "date")}
          </Text>
        ),
      },
    ],
    [t, dateTime, me.user?.id, accounts, refresh],
  );

  const connection = members.data?.users;
  return (
    <Paper p="lg" component="section" aria-labelledby="admin-members-title">
      <SectionHeader
        id="admin-members-title"
        title={t("admin.members.title")}
        description={t("admin.members.description")}
        action={
          <Button
            leftSection={<IconUserPlus size={16} aria-hidden />}
            onClick={() => setInviting(true)}
            data-testid="invite-member"
          >
            {t("admin.members.invite")}
          </Button>
        }
      />
      <ConnectionTable
        connection={connection}
        error={members.error}
        onRetry={refresh}
        pages={pages}
        columns={columns}
        getRowId={(member) => member.id}
        // Sorted here while the whole list is on screen (the API does not sort members).
        sortWholeList
        initialSorting={INITIAL_SORTING}
        caption={(count) => plural("admin.members.caption", count)}
        rowProps={(row) => ({ "data-testid": `member-${row.original.email}` })}
        testId="members-table"
        minWidth={660}
      />
      <InviteMemberModal
        opened={inviting}
        onClose={() => setInviting(false)}
        onInvited={refresh}
        onLimitAccounts={(member) => {
          setInviting(false);
          setEditing(member);
        }}
      />
      <MemberAccountsModal
        member={editing}
        accounts={accounts}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          refresh();
        }}
      />
    </Paper>
  );
}
