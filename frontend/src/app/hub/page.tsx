"use client";

// A client module, so the area's texts register in the browser (a server page would run it only at build).
import { HubScreen } from "@/features/hub/HubScreen";
import { hubMessages } from "@/features/hub/messages";
import { integrationsMessages } from "@/features/integrations/messages";
import { registerMessages } from "@/i18n/catalog";

// The hub shares the integrations area's words (roles, request errors).
registerMessages(integrationsMessages, hubMessages);

export default function Page() {
  return <HubScreen />;
}
