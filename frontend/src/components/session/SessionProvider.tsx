"use client";

import { Button, Center, Loader, Stack, Text } from "@mantine/core";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Provider as GraphQLProvider } from "urql";
import { useI18n } from "@/i18n/I18nProvider";
import { GraphQLRequestError } from "@/lib/graphql";
import { startLive, stopLive } from "@/lib/live";
import { fetchMe, logout, onSessionLost, type Me } from "@/lib/session";
import { createGraphQLClient } from "@/lib/urql";
import { BrandMark } from "@/components/shell/BrandMark";
import { LoginForm } from "./LoginForm";

interface Session {
  me: Me;
  signOut: () => void;
  /** Reads `me` again (after a setting that shows in it changed, e.g. the time zone). */
  reload: () => void;
}

type State = { kind: "checking" } | { kind: "unreachable" } | { kind: "signedOut" } | { kind: "signedIn"; me: Me };

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession needs a signed-in <SessionProvider> above it");
  return session;
}

function Splash({ children, busy }: { children: ReactNode; busy?: boolean }) {
  return (
    <Center h="100vh" aria-busy={busy}>
      <Stack align="center" gap="md">
        <BrandMark size={40} />
        {children}
      </Stack>
    </Center>
  );
}

/**
 * Decides between the sign-in screen and the app, from the session cookies, and gives the app a
 * GraphQL client of its own: signing in as someone else starts from an empty cache.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { t, setTimeZone } = useI18n();
  const [state, setState] = useState<State>({ kind: "checking" });
  const [generation, setGeneration] = useState(0);

  const signedIn = useCallback(
    (me: Me) => {
      setTimeZone(me.tenant.timeZone);
      startLive(); // before the screens mount, so their first state is "connecting"
      setGeneration((value) => value + 1);
      setState({ kind: "signedIn", me });
    },
    [setTimeZone],
  );

  const signedOut = useCallback(() => {
    stopLive();
    setState({ kind: "signedOut" });
  }, []);

  const check = useCallback(() => {
    setState({ kind: "checking" });
    fetchMe().then(signedIn, (error: unknown) => {
      const unauthenticated = error instanceof GraphQLRequestError && error.isUnauthenticated;
      setState(unauthenticated ? { kind: "signedOut" } : { kind: "unreachable" });
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

  const signOut = useCallback(() => {
    stopLive();
    void logout().then(() => setState({ kind: "signedOut" }));
  }, []);

  const reload = useCallback(() => {
    fetchMe().then(
      (me) => {
        setTimeZone(me.tenant.timeZone);
        setState({ kind: "signedIn", me });
      },
      () => undefined,
    );
  }, [setTimeZone]);

  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new client per sign-in, on purpose
  const client = useMemo(() => createGraphQLClient(), [generation]);
  const me = state.kind === "signedIn" ? state.me : null;
  const session = useMemo(() => (me ? { me, signOut, reload } : null), [me, signOut, reload]);

  switch (state.kind) {
    case "signedIn":
      return (
        <GraphQLProvider value={client}>
          <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
        </GraphQLProvider>
      );
    case "signedOut":
      return <LoginForm onSignedIn={signedIn} />;
    case "unreachable":
      return (
        <Splash>
          <Text role="alert">{t("app.unreachable")}</Text>
          <Button onClick={check}>{t("app.retry")}</Button>
        </Splash>
      );
    case "checking":
      return (
        <Splash busy>
          <Loader size="sm" aria-hidden />
          <Text>{t("app.loading")}</Text>
        </Splash>
      );
  }
}
