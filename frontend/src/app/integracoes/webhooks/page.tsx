"use client";

// A client module, so the area's texts register in the browser (a server page would run it only at build).
import { integrationsMessages } from "@/features/integrations/messages";
import { WebhooksScreen } from "@/features/webhooks/WebhooksScreen";
import { webhooksMessages } from "@/features/webhooks/messages";
import { registerMessages } from "@/i18n/catalog";

registerMessages(integrationsMessages, webhooksMessages);

export default function Page() {
  return <WebhooksScreen />;
}
