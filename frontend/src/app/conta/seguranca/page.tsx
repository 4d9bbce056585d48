"use client";

// A client module, so the area's texts register in the browser (a server page would run it only at build).
import { SecurityScreen } from "@/features/security/SecurityScreen";
import { securityMessages } from "@/features/security/messages";
import { registerMessages } from "@/i18n/catalog";

registerMessages(securityMessages);

export default function Page() {
  return <SecurityScreen />;
}
