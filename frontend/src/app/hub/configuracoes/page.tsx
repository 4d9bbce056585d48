"use client";

import dynamic from "next/dynamic";
import { hubMessages } from "@/features/hub/messages";
import { integrationsMessages } from "@/features/integrations/messages";
import { registerMessages } from "@/i18n/catalog";

// A client module, so the area's texts register in the browser (a server page would run it only at build).
// The hub shares the integrations area's words (roles, request errors).
registerMessages(integrationsMessages, hubMessages);

// The screen loads as a chunk of its own: its modules stay out of the chunks other routes share (the
// floor's first load has a budget, scripts/first-load.mjs, that a new route's imports would otherwise shift).
const HubSettingsScreen = dynamic(() => import("@/features/hub/settings/HubSettingsScreen").then((module) => module.HubSettingsScreen), {
  ssr: false,
});

export default function Page() {
  return <HubSettingsScreen />;
}
