"use client";

// "Entrar com SSO" on the login page, when the API offers a single sign-on provider (ssoProviders works
// signed out). The provider's redirect back lands on "/?sso_error=CODE" when melihub refused the sign-in.
import { Alert, Button, Divider } from "@mantine/core";
import { useEffect, useState } from "react";
import { graphql } from "./gql";
import { useT, type MessageKey } from "@/i18n/I18nProvider";
import { request } from "@/lib/graphql";

const SsoProvidersQuery = graphql(`
  query SsoProviders {
    ssoProviders {
      name
      startUrl
    }
  }
`);

type Provider = { name: string; startUrl: string };

const KNOWN_ERRORS: Partial<Record<string, MessageKey>> = {
  SSO_UNKNOWN_USER: "login.sso.error.SSO_UNKNOWN_USER",
  SSO_EMAIL_UNVERIFIED: "login.sso.error.SSO_EMAIL_UNVERIFIED",
  SSO_DENIED: "login.sso.error.SSO_DENIED",
  SSO_STATE_INVALID: "login.sso.error.SSO_STATE_INVALID",
  SSO_PROVIDER_UNAVAILABLE: "login.sso.error.SSO_PROVIDER_UNAVAILABLE",
};

function ssoErrorOfUrl(): string | null {
  if (typeof window === "undefined") return null;
  return new URLSearchParams(window.location.search).get("sso_error");
}

export function SsoSignIn() {
  const t = useT();
  const [providers, setProviders] = useState<Provider[]>([]);
  const [errorCode, setErrorCode] = useState<string | null>(null);

  useEffect(() => {
    setErrorCode(ssoErrorOfUrl());
    request(SsoProvidersQuery, {})
      .then((data) => setProviders(data.ssoProviders))
      .catch(() => setProviders([])); // the password form still works
  }, []);

  if (providers.length === 0 && !errorCode) return null;
  return (
    <>
      {errorCode && (
        <Alert color="red" role="alert" data-testid="sso-error">
          {t(KNOWN_ERRORS[errorCode] ?? "login.sso.error.generic")}
        </Alert>
      )}
      {providers.length > 0 && <Divider label={t("login.sso.or")} labelPosition="center" />}
      {providers.map((provider) => (
        <Button
          key={provider.startUrl}
          component="a"
          href={provider.startUrl}
          variant="default"
          fullWidth
          data-testid="sso-sign-in"
        >
          {t("login.sso.button", { name: provider.name })}
        </Button>
      ))}
    </>
  );
}
