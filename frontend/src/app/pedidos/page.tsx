"use client";

// A client module, so the area's texts register in the browser (a server page would run it only at build).
import { integrationsMessages } from "@/features/integrations/messages";
import { OrdersScreen } from "@/features/orders/OrdersScreen";
import { ordersMessages } from "@/features/orders/messages";
import { privacyMessages } from "@/features/privacy/messages";
import { registerMessages } from "@/i18n/catalog";

// The orders screen shares the integrations area's words (roles, request errors).
registerMessages(integrationsMessages, ordersMessages, privacyMessages);

export default function Page() {
  return <OrdersScreen />;
}
