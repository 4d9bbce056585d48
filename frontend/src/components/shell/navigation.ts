import {
  IconActivity,
  IconBuildingWarehouse,
  IconChartBar,
  IconGauge,
  IconMessageCircleQuestion,
  IconMessages,
  IconPackage,
  IconPlugConnected,
  IconSettings,
  IconTag,
  type Icon,
} from "@tabler/icons-react";
import type { MessageKey } from "@/i18n/I18nProvider";
import type { Role } from "@/gql/graphql";

export interface NavItem {
  href: string;
  label: MessageKey;
  icon: Icon;
  /** Roles that see the entry; none listed: everyone. */
  roles?: readonly Role[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "nav.floor", icon: IconGauge },
  { href: "/perguntas/", label: "nav.questions", icon: IconMessageCircleQuestion },
  { href: "/mensagens/", label: "nav.messages", icon: IconMessages },
  { href: "/pedidos/", label: "nav.orders", icon: IconPackage },
  { href: "/anuncios/", label: "nav.listings", icon: IconTag },
  { href: "/relatorios/", label: "nav.reports", icon: IconChartBar },
  { href: "/hub/", label: "nav.hub", icon: IconBuildingWarehouse },
  { href: "/integracoes/", label: "nav.integrations", icon: IconPlugConnected },
  // The timeline is the API's to refuse to support and analyst roles (payloads hold buyer data).
  { href: "/integracoes/eventos/", label: "nav.events", icon: IconActivity, roles: ["OWNER", "ADMIN", "OPERATOR", "INTEGRATOR"] },
  { href: "/admin/", label: "nav.admin", icon: IconSettings, roles: ["OWNER", "ADMIN"] },
];

/** The entry whose route holds this path: the longest matching prefix. */
export function activeHref(pathname: string): string {
  const path = pathname.endsWith("/") ? pathname : `${pathname}/`;
  const matches = NAV_ITEMS.filter((item) => path === item.href || (item.href !== "/" && path.startsWith(item.href)));
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? "/";
}
