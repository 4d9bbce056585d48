"use client";

import { Alert, Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useEffect, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { notify } from "@/features/integrations/notify";
import { useI18n } from "@/i18n/I18nProvider";
import { firstCode, hubErrorText } from "./errors";
import { SetSkuMappingMutation } from "./queries";

/** What the modal edits: a SKU from a waiting order or an existing mapping, or a new one (empty). */
export interface SkuDraft {
  externalSku: string;
  internalSku: string;
}

/** Maps a channel SKU to the hub's; the orders waiting on it are released (live on the board). */
export function SkuMappingModal({ draft, onClose }: { draft: SkuDraft | null; onClose: () => void }) {
  const i18n = useI18n();
  const { t, plural } = i18n;
  const [externalSku, setExternalSku] = useState("");
  const [internalSku, setInternalSku] = useState("");
  const [error, setError] = useState<{ text: string; code: string | null } | null>(null);
  const [{ fetching }, save] = useMutation(SetSkuMappingMutation);
  const fixed = Boolean(draft?.externalSku);

  useEffect(() => {
    setExternalSku(draft?.externalSku ?? "");
    setInternalSku(draft?.internalSku ?? "");
    setError(null);
  }, [draft]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!externalSku.trim() || !internalSku.trim()) {
      setError({ text: t("hub.error.mapping.INVALID"), code: "INVALID" });
      return;
    }
    const result = await save({ input: { externalSku: externalSku.trim(), internalSku: internalSku.trim(), channel: "ML" } });
    const payload = result.data?.setSkuMapping;
    const text = hubErrorText(i18n, "mapping", payload?.errors, result.error);
    if (text || !payload?.mapping) {
      setError({ text: text ?? t("integrations.error.generic"), code: firstCode(payload?.errors, result.error) });
      return;
    }
    const released = payload.orders.filter((order) => order.unmappedSkus.length === 0).length;
    notify({
      color: "green",
      title: t("hub.skuModal.saved", { sku: payload.mapping.externalSku }),
      message: released ? plural("hub.skuModal.released", released) : t("hub.skuModal.releasedNone"),
      closeLabel: t("common.close"),
      testId: "hub-mapping-saved",
    });
    onClose();
  };

  return (
    <Modal opened={draft !== null} onClose={onClose} title={t("hub.skuModal.title")} closeButtonProps={{ "aria-label": t("common.close") }}>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="sku-mapping-form">
        <Stack gap="sm">
          <TextInput
            label={t("hub.skuModal.external")}
            value={externalSku}
            onChange={(event) => setExternalSku(event.currentTarget.value)}
            readOnly={fixed}
            variant={fixed ? "filled" : "default"}
            required
            autoComplete="off"
            data-testid="sku-mapping-external"
          />
          <TextInput
            label={t("hub.skuModal.internal")}
            description={t("hub.skuModal.internalHint")}
            value={internalSku}
            onChange={(event) => setInternalSku(event.currentTarget.value)}
            required
            autoComplete="off"
            data-autofocus
            data-testid="sku-mapping-internal"
          />
          {error && (
            <Alert color="red" variant="light" p="xs" icon={<IconAlertTriangle size={16} aria-hidden />} role="alert" data-testid="sku-mapping-error" data-code={error.code ?? ""}>
              {error.text}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={fetching} data-testid="sku-mapping-save">
              {t("hub.skuModal.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
