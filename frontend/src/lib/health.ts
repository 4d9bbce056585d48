// Why an account is not healthy, from what its health says (the API's rules in docs/graphql.md).
import type { AccountHealthState } from "@/gql/graphql";
import type { I18n } from "@/i18n/I18nProvider";

/** The fields of MeliAccount.health the hint reads (any query selecting them fits). */
interface Health {
  state: AccountHealthState;
  breakerOpen: boolean;
  failedEvents24h: number;
  lastSyncedAt?: string | null;
  cursorLagSeconds?: number | null;
}

export function healthHint(health: Health, i18n: I18n): string | null {
  const { t } = i18n;
  if (health.state === "HEALTHY") return null;
  if (health.state === "REAUTH_REQUIRED") return t("health.hint.reauth");
  const reasons: string[] = [];
  if (health.breakerOpen) reasons.push(t("health.hint.breakerOpen"));
  if (health.failedEvents24h > 0) reasons.push(i18n.plural("health.hint.failedEvents", health.failedEvents24h));
  if (reasons.length === 0 && health.lastSyncedAt == null) reasons.push(t("health.hint.neverSynced"));
  if (reasons.length === 0 && health.state === "DEGRADED" && health.cursorLagSeconds != null) {
    reasons.push(t("health.hint.lag", { duration: i18n.duration(health.cursorLagSeconds) }));
  }
  if (reasons.length === 0 && health.state === "FAILING") reasons.push(t("health.hint.lastRunFailed"));
  return reasons.join(" ");
}
