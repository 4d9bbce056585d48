import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { I18nProvider } from "@/i18n/I18nProvider";
import "./globals.css";
import "@/styles/shell.css";
import "@/styles/badges.css";
import "@/styles/login.css";
import "@/styles/dashboard.css";
import "@/styles/events.css";
import "@/styles/orders.css";
import "@/styles/sync.css";

export const metadata: Metadata = {
  title: "melihub",
  description: "Central de operações para vendedores do Mercado Livre",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#ffe600",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="pt-BR">
      <body>
        <I18nProvider>{children}</I18nProvider>
      </body>
    </html>
  );
}
