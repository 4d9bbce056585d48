"use client";

// A client module, so the area's texts register in the browser (a server page would run it only at build).
import { IntegrationsScreen } from "@/features/integrations/IntegrationsScreen";
import { integrationsMessages } from "@/features/integrations/messages";
import { registerMessages } from "@/i18n/catalog";

registerMessages(integrationsMessages);

export default function Page() {
  return <IntegrationsScreen />;
}
