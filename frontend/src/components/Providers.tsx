"use client";

import { MantineProvider, mergeThemeOverrides } from "@mantine/core";
import { ModalsProvider } from "@mantine/modals";
import { Notifications } from "@mantine/notifications";
import { useMemo, type ReactNode } from "react";
import { I18nProvider, useT } from "@/i18n/I18nProvider";
import { cssVariablesResolver, theme } from "@/theme";
import { SessionProvider } from "./session/SessionProvider";
import { AppFrame } from "./shell/AppFrame";

/** The theme, plus the words its components say on their own (close buttons) in the user's language. */
function ThemedApp({ children }: { children: ReactNode }) {
  const t = useT();
  const localized = useMemo(() => {
    const close = { "aria-label": t("common.close") };
    return mergeThemeOverrides(theme, {
      components: {
        Notification: { defaultProps: { closeButtonProps: close } },
        Modal: { defaultProps: { closeButtonProps: close } },
        Drawer: { defaultProps: { closeButtonProps: close } },
      },
    });
  }, [t]);
  return (
    <MantineProvider theme={localized} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="bottom-right" />
      <SessionProvider>
        <ModalsProvider>
          <AppFrame>{children}</AppFrame>
        </ModalsProvider>
      </SessionProvider>
    </MantineProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <ThemedApp>{children}</ThemedApp>
    </I18nProvider>
  );
}
