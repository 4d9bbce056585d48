"use client";

import { useCallback, useEffect, useState } from "react";
import { useT } from "@/i18n/I18nProvider";
import { GraphQLRequestError } from "@/lib/graphql";
import { startLive, stopLive } from "@/lib/live";
import { fetchMe, logout, onSessionLost } from "@/lib/session";
import type { Me } from "@/lib/types";
import { BrandMark } from "./BrandMark";
import { Dashboard } from "./Dashboard";
import { LoginForm } from "./LoginForm";

type Screen = { kind: "checking" } | { kind: "unreachable" } | { kind: "signedOut" } | { kind: "signedIn"; me: Me };

/** Decides between the login screen and the dashboard, from the session cookies. */
export function App() {
  const t = useT();
  const [screen, setScreen] = useState<Screen>({ kind: "checking" });

  // The socket opens before the dashboard mounts, so its first state is "connecting".
  const signedIn = useCallback((me: Me) => {
    startLive();
    setScreen({ kind: "signedIn", me });
  }, []);

  const signedOut = useCallback(() => {
    stopLive();
    setScreen({ kind: "signedOut" });
  }, []);

  const check = useCallback(() => {
    setScreen({ kind: "checking" });
    fetchMe().then(signedIn, (error: unknown) => {
      const unauthenticated = error instanceof GraphQLRequestError && error.isUnauthenticated;
      setScreen(unauthenticated ? { kind: "signedOut" } : { kind: "unreachable" });
    });
  }, [signedIn]);

  useEffect(() => {
    check();
    const stopListening = onSessionLost(signedOut);
    return () => {
      stopListening();
      stopLive();
    };
  }, [check, signedOut]);

  const handleLogout = useCallback(async () => {
    stopLive();
    await logout();
    setScreen({ kind: "signedOut" });
  }, []);

  switch (screen.kind) {
    case "signedIn":
      return <Dashboard me={screen.me} onLogout={handleLogout} />;
    case "signedOut":
      return <LoginForm onSignedIn={signedIn} />;
    case "unreachable":
      return (
        <div className="splash" role="alert">
          <BrandMark size={40} />
          <p>{t("app.unreachable")}</p>
          <button type="button" className="button-primary" onClick={check}>
            {t("app.retry")}
          </button>
        </div>
      );
    case "checking":
      return (
        <div className="splash" aria-busy="true">
          <BrandMark size={40} />
          <p>{t("app.loading")}</p>
        </div>
      );
  }
}
