"use client";

import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from "@mantine/core";
import { IconExternalLink } from "@tabler/icons-react";
import { useState } from "react";
import { useI18n } from "@/i18n/I18nProvider";

// Mercado Livre's sites (the API's list), Brazil first: most of melihub's sellers are there.
export const SITES = ["MLB", "MLA", "MLM", "MLC", "MCO", "MLU", "MPE", "MLV", "MEC"] as const;

interface Props {
  opened: boolean;
  onClose: () => void;
  /** Starts the link; resolves with a problem to show, or null once the browser is leaving. */
  onConnect: (site: string) => Promise<string | null>;
}

/** Connecting a new seller: pick the site, then authorize on Mercado Livre, which sends the browser back. */
export function ConnectAccountModal({ opened, onClose, onConnect }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [site, setSite] = useState<string>("MLB");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const close = () => {
    setProblem(null);
    setBusy(false);
    onClose();
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    const error = await onConnect(site);
    if (error) {
      setProblem(error);
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t("integrations.connect.title")}
      size="md"
      closeButtonProps={{ "aria-label": t("common.close") }}
      data-testid="connect-modal"
    >
      <form onSubmit={submit}>
        <Stack gap="md">
          <Text size="sm">{t("integrations.connect.body")}</Text>
          <NativeSelect
            label={t("integrations.connect.site")}
            description={t("integrations.connect.siteHint")}
            value={site}
            onChange={(event) => setSite(event.currentTarget.value)}
            data={SITES.map((value) => ({ value, label: `${value} · ${i18n.label("integrations.site.", value)}` }))}
            data-testid="connect-site"
          />
          {problem && (
            <Alert color="red" variant="light" role="alert" data-testid="connect-error">
              <Text size="sm">{problem}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button
              type="submit"
              loading={busy}
              rightSection={<IconExternalLink size={16} aria-hidden />}
              data-testid="connect-continue"
            >
              {t("integrations.connect.continue")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
