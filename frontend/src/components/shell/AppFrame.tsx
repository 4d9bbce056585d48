"use client";

import { AppShell, Burger, Group, Menu, NavLink, Text, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconChevronDown, IconLogout, IconShieldLock } from "@tabler/icons-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { useT } from "@/i18n/I18nProvider";
import { useSession } from "@/components/session/SessionProvider";
import { BrandMark } from "./BrandMark";
import { LanguageSwitch } from "./LanguageSwitch";
import { LiveIndicator, ReconnectingBanner } from "./LiveStatus";
import { NAV_ITEMS, activeHref } from "./navigation";

function UserMenu() {
  const t = useT();
  const { me, signOut } = useSession();
  const name = me.user?.name || me.user?.email || t("header.menu");
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`${t("header.menu")}: ${name}`} data-testid="user-menu">
          <Group gap={4} wrap="nowrap">
            <Text size="sm" fw={500} truncate maw={180} visibleFrom="sm">
              {name}
            </Text>
            <IconChevronDown size={16} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.user?.email ?? me.tenant.name}</Menu.Label>
        <Menu.Item
          component={Link}
          href="/conta/seguranca/"
          leftSection={<IconShieldLock size={16} aria-hidden />}
          data-testid="account-security"
        >
          {t("header.security")}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={signOut} data-testid="logout">
          {t("header.logout")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The frame of every screen: header (brand, company, live state, language, user), navigation, page. */
export function AppFrame({ children }: { children: ReactNode }) {
  const t = useT();
  const { me } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const active = activeHref(usePathname() ?? "/");
  const items = NAV_ITEMS.filter((item) => !item.roles || item.roles.includes(me.role));

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: "md", collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t("nav.toggle")} />
            <BrandMark size={28} />
            <Text fw={700} size="lg">
              melihub
            </Text>
            <Text c="dimmed" size="sm" truncate maw={220} visibleFrom="sm" data-testid="tenant-name">
              <VisuallyHidden>{t("header.tenant")}: </VisuallyHidden>
              {me.tenant.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LiveIndicator />
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t("nav.label")}>
        {items.map((item) => (
          <NavLink
            key={item.href}
            component={Link}
            href={item.href}
            label={t(item.label)}
            leftSection={<item.icon size={18} aria-hidden />}
            active={item.href === active}
            aria-current={item.href === active ? "page" : undefined}
            onClick={close}
            variant="light"
            mb={4}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <ReconnectingBanner />
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
