import type { I18n } from "@/i18n/I18nProvider";

/** The buyer as the seller knows them: the Mercado Livre nickname, else a plain "Comprador". */
export function buyerName(i18n: I18n, conversation: { buyer?: { nickname?: string | null } | null }): string {
  return conversation.buyer?.nickname || i18n.t("messagesPage.list.noBuyer");
}
