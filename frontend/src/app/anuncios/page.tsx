"use client";

// A client module, so the area's texts register in the browser (a server page would run it only at build).
import { integrationsMessages } from "@/features/integrations/messages";
import { ListingsScreen } from "@/features/listings/ListingsScreen";
import { listingsMessages } from "@/features/listings/messages";
import { scoreMessages } from "@/features/listings/score/messages";
import { registerMessages } from "@/i18n/catalog";

// The screen shares the integrations area's words (roles, request errors).
registerMessages(integrationsMessages, listingsMessages, scoreMessages);

export default function Page() {
  return <ListingsScreen />;
}
