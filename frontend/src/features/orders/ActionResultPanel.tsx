"use client";

import { Alert, Button, Group, List, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconExternalLink } from "@tabler/icons-react";
import { useI18n } from "@/i18n/I18nProvider";
import { reasonOf, type ActionResult } from "./useFulfilmentActions";

/** The last action's outcome beside the list: what moved or printed, and each refused id with its reason. */
export function ActionResultPanel({
  result,
  nameOf,
  onClose,
}: {
  result: ActionResult;
  nameOf: (id: string) => string;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t, plural, dateTime } = i18n;
  if (result.kind === "failed") {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} withCloseButton closeButtonLabel={t("ordersPage.result.close")} onClose={onClose} data-testid="action-result" data-kind="failed">
        {result.message}
      </Alert>
    );
  }
  const done = result.kind === "marks" ? result.moved : result.labelCount;
  const headline =
    result.kind === "marks"
      ? done > 0
        ? plural("ordersPage.result.moved", done)
        : t("ordersPage.result.nothingMoved")
      : done > 0
        ? plural("ordersPage.result.labels", done)
        : t("ordersPage.result.noLabels");
  const tone = result.errors.length === 0 ? "green" : done > 0 ? "orange" : "red";
  return (
    <Alert
      color={tone}
      variant="light"
      icon={result.errors.length === 0 ? <IconCircleCheck aria-hidden /> : <IconAlertTriangle aria-hidden />}
      withCloseButton
      closeButtonLabel={t("ordersPage.result.close")}
      onClose={onClose}
      data-testid="action-result"
      data-kind={result.kind}
      data-done={done}
      data-refused={result.errors.length}
      role="status"
    >
      <Group gap="md" justify="space-between" wrap="wrap">
        <Text fw={600} size="sm" c="gray.9">
          {headline}
        </Text>
        {result.kind === "labels" && result.download && (
          <Group gap="xs">
            <Button
              component="a"
              href={result.download.url}
              target="_blank"
              rel="noopener"
              size="xs"
              color="meliBlue.8"
              leftSection={<IconExternalLink size={14} aria-hidden />}
              data-testid="labels-download"
            >
              {t("ordersPage.result.open", { file: result.download.fileName })}
            </Button>
            <Text size="xs" c="gray.8">
              {t("ordersPage.result.expires", { time: dateTime(result.download.expiresAt) })}
            </Text>
          </Group>
        )}
      </Group>
      {result.errors.length > 0 && (
        <>
          <Text size="sm" mt="xs" c="gray.9">
            {result.kind === "marks" ? t("ordersPage.result.refused") : t("ordersPage.result.labelsRefused")}
          </Text>
          <List size="sm" data-testid="action-errors">
            {result.errors.map((error) => (
              <List.Item key={`${error.field}-${error.code}`} data-testid="action-error" data-code={error.code} data-id={error.field ?? ""}>
                <Text span fw={600} size="sm">
                  {error.field ? nameOf(error.field) : ""}
                </Text>{" "}
                — {reasonOf(i18n, error)}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Alert>
  );
}
