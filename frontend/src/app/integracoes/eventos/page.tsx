"use client";

// A client module, so the area's texts register in the browser (a server page would run it only at build).
import { EventsScreen } from "@/features/events/EventsScreen";
import { eventsMessages } from "@/features/events/messages";
import { integrationsMessages } from "@/features/integrations/messages";
import { registerMessages } from "@/i18n/catalog";

// The timeline shares the integrations area's words (statuses, errors, notifications).
registerMessages(integrationsMessages, eventsMessages);

export default function Page() {
  return <EventsScreen />;
}
