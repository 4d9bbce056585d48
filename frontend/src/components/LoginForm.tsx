"use client";

import { useId, useState, type FormEvent } from "react";
import { useT } from "@/i18n/I18nProvider";
import type { MessageKey } from "@/i18n/messages/pt-BR";
import { login } from "@/lib/session";
import type { Me } from "@/lib/types";
import { BrandMark } from "./BrandMark";
import { LanguageSwitch } from "./LanguageSwitch";

const KNOWN_ERRORS: Partial<Record<string, MessageKey>> = {
  INVALID_CREDENTIALS: "login.error.INVALID_CREDENTIALS",
  RATE_LIMITED: "login.error.RATE_LIMITED",
  NETWORK: "login.error.NETWORK",
};

export function LoginForm({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const t = useT();
  const id = useId();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [errorKey, setErrorKey] = useState<MessageKey | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setErrorKey(null);
    const result = await login(email.trim(), password);
    if ("me" in result) {
      onSignedIn(result.me);
      return;
    }
    setSubmitting(false);
    setErrorKey(KNOWN_ERRORS[result.errorCode] ?? "login.error.generic");
  }

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-card">
        <div className="login-brand">
          <BrandMark />
          <span className="brand-name">melihub</span>
        </div>
        <h1 className="login-title">{t("login.title")}</h1>
        <p className="login-subtitle">{t("login.subtitle")}</p>
        <form data-testid="login-form" className="login-form" onSubmit={submit}>
          <label htmlFor={`${id}-email`}>{t("login.email")}</label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            data-testid="login-email"
          />
          <label htmlFor={`${id}-password`}>{t("login.password")}</label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="login-password"
          />
          {errorKey && (
            <p className="form-error" role="alert" data-testid="login-error">
              {t(errorKey)}
            </p>
          )}
          <button type="submit" className="button-primary" disabled={submitting} data-testid="login-submit">
            {submitting ? t("login.submitting") : t("login.submit")}
          </button>
        </form>
      </main>
      <p className="login-footer">{t("app.tagline")}</p>
    </div>
  );
}
