"use client";

// A client module, so the area's texts register in the browser (a server page would run it only at build).
import { reportsMessages } from "@/features/reports/messages";
import { ReportsScreen } from "@/features/reports/ReportsScreen";
import { registerMessages } from "@/i18n/catalog";

registerMessages(reportsMessages);

export default function Page() {
  return <ReportsScreen />;
}
