"use client";

import { useT } from "@/i18n/I18nProvider";
import type { Me } from "@/lib/types";
import { BrandMark } from "./BrandMark";
import { LanguageSwitch } from "./LanguageSwitch";

export function Header({ me, onLogout }: { me: Me; onLogout: () => void }) {
  const t = useT();
  const email = me.user?.email;
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <div className="brand">
          <BrandMark />
          <span className="brand-name">melihub</span>
        </div>
        <span className="brand-divider" aria-hidden="true" />
        <span className="tenant-name" data-testid="tenant-name">
          <span className="visually-hidden">{t("header.tenant")}: </span>
          {me.tenant.name}
        </span>
        <div className="header-actions">
          {email && (
            <span className="user-email" title={`${t("header.signedInAs")} ${email}`} data-testid="user-email">
              {email}
            </span>
          )}
          <LanguageSwitch />
          <button type="button" className="button-ghost" onClick={onLogout} data-testid="logout">
            {t("header.logout")}
          </button>
        </div>
      </div>
    </header>
  );
}
