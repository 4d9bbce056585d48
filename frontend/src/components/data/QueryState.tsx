"use client";

import { Alert, Button, Center, Loader, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { CombinedError } from "urql";
import { useT } from "@/i18n/I18nProvider";

/** A failed load, said plainly, with a way to try again. */
export function LoadError({ error, onRetry }: { error: CombinedError; onRetry?: () => void }) {
  const t = useT();
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t("common.loadError")} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{error.graphQLErrors[0]?.message ?? error.message}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function Loading() {
  const t = useT();
  return (
    <Center py="xl" aria-busy="true">
      <Loader size="sm" aria-label={t("common.loading")} />
    </Center>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" ta="center" py="lg" size="sm">
      {children}
    </Text>
  );
}
