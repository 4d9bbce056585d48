"use client";

// A client module, so the area's texts register in the browser (a server page would run it only at build).
import { integrationsMessages } from "@/features/integrations/messages";
import { MessagesScreen } from "@/features/messages/MessagesScreen";
import { messagesMessages } from "@/features/messages/messages";
import { registerMessages } from "@/i18n/catalog";

// The inbox shares the integrations area's words (roles, request errors).
registerMessages(integrationsMessages, messagesMessages);

export default function Page() {
  return <MessagesScreen />;
}
