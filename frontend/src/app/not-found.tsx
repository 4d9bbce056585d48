"use client";

import { Button, Stack, Text, Title } from "@mantine/core";
import Link from "next/link";
import { useT } from "@/i18n/I18nProvider";

export default function NotFound() {
  const t = useT();
  return (
    <Stack align="flex-start" gap="sm" maw={520}>
      <Title order={1} size="h2">
        {t("common.notFound.title")}
      </Title>
      <Text c="dimmed">{t("common.notFound.body")}</Text>
      <Button component={Link} href="/">
        {t("common.notFound.back")}
      </Button>
    </Stack>
  );
}
