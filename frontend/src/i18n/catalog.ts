// The UI text catalogs. The shared words (common) load with the app; each area's catalog loads with
// the route that shows it (`registerMessages` in its page), so no screen's first load carries every
// other screen's text. The key type still spans every area, so a typo is a type error everywhere.
import type { adminMessages } from "@/features/admin/messages";
import type { eventsMessages } from "@/features/events/messages";
import type { floorMessages } from "@/features/floor/messages";
import type { hubMessages } from "@/features/hub/messages";
import type { integrationsMessages } from "@/features/integrations/messages";
import type { listingsMessages } from "@/features/listings/messages";
import type { scoreMessages } from "@/features/listings/score/messages";
import type { messagesMessages } from "@/features/messages/messages";
import type { ordersMessages } from "@/features/orders/messages";
import type { privacyMessages } from "@/features/privacy/messages";
import type { questionsMessages } from "@/features/questions/messages";
import type { reportsMessages } from "@/features/reports/messages";
import type { securityMessages } from "@/features/security/messages";
import type { mfaMessages } from "@/components/session/mfaMessages";
import type { webhooksMessages } from "@/features/webhooks/messages";
import type { Locale } from "@/lib/format";
import { commonMessages } from "./messages/common";

type Area = { "pt-BR": Record<string, string>; en: Record<string, string> };
type AreaKeys<A> = A extends { "pt-BR": Record<infer K, string> } ? K : never;
export type MessageKey = AreaKeys<
  | typeof commonMessages
  | typeof floorMessages
  | typeof integrationsMessages
  | typeof eventsMessages
  | typeof adminMessages
  | typeof questionsMessages
  | typeof messagesMessages
  | typeof listingsMessages
  | typeof scoreMessages
  | typeof ordersMessages
  | typeof privacyMessages
  | typeof reportsMessages
  | typeof hubMessages
  | typeof securityMessages
  | typeof mfaMessages
  | typeof webhooksMessages
>;
export type Messages = Record<MessageKey, string>;

export const CATALOGS: Record<Locale, Messages> = {
  "pt-BR": { ...commonMessages["pt-BR"] } as Messages,
  en: { ...commonMessages.en } as Messages,
};

/** Adds an area's texts (idempotent); call it at the top of the route that shows the area. */
export function registerMessages(...areas: Area[]): void {
  for (const area of areas) {
    Object.assign(CATALOGS["pt-BR"], area["pt-BR"]);
    Object.assign(CATALOGS.en, area.en);
  }
}
