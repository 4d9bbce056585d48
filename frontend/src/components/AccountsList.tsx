"use client";

import { useI18n } from "@/i18n/I18nProvider";
import type { MeliAccount } from "@/lib/types";
import { flashClass, whenOwnAnimationEnds } from "./flash";
import { StatusBadge } from "./StatusBadge";
import { ACCOUNT_TONES } from "./statusTones";

interface Props {
  accounts: MeliAccount[];
  flashes: Record<string, number>;
  onFlashEnd: (id: string) => void;
}

export function AccountsList({ accounts, flashes, onFlashEnd }: Props) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="accounts-heading" data-testid="accounts-list">
      <div className="panel-header">
        <h2 id="accounts-heading">{t("accounts.title")}</h2>
        <span className="panel-count">{accounts.length}</span>
      </div>
      {accounts.length === 0 ? (
        <p className="empty-state">{t("accounts.empty")}</p>
      ) : (
        <ul className="account-list">
          {accounts.map((account) => (
            <li
              key={account.id}
              className={`account-item${flashClass(flashes, account.id)}`}
              onAnimationEnd={whenOwnAnimationEnds(() => onFlashEnd(account.id))}
              data-testid={`account-${account.id}`}
            >
              <span className="account-avatar" aria-hidden="true">
                {account.nickname.slice(0, 1).toUpperCase()}
              </span>
              <span className="account-text">
                <span className="account-nickname">{account.nickname}</span>
                <span className="account-site">{t("accounts.site", { site: account.siteId })}</span>
              </span>
              <StatusBadge tone={ACCOUNT_TONES[account.status] ?? "neutral"}>
                {t(`accountStatus.${account.status}`)}
              </StatusBadge>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
