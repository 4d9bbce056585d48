"use client";

// A client module, so the area's texts register in the browser (a server page would run it only at build).
import { AdminScreen } from "@/features/admin/AdminScreen";
import { adminMessages } from "@/features/admin/messages";
import { registerMessages } from "@/i18n/catalog";

registerMessages(adminMessages);

export default function Page() {
  return <AdminScreen />;
}
