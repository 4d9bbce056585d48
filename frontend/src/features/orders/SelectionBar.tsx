"use client";

import { Button, Group, Menu, Paper, Text } from "@mantine/core";
import { IconBarcode, IconChevronDown, IconListCheck, IconPackage, IconPrinter, IconHandGrab, IconX } from "@tabler/icons-react";
import type { LabelFormat } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";

interface Props {
  count: number;
  canOperate: boolean;
  busy: boolean;
  onPickList: () => void;
  onPrint: (format: LabelFormat) => void;
  onMark: (target: "PICKED" | "PACKED") => void;
  onClear: () => void;
}

/** What can be done with the selected units; operating roles only get the buttons that write. */
export function SelectionBar({ count, canOperate, busy, onPickList, onPrint, onMark, onClear }: Props) {
  const { t, plural } = useI18n();
  const none = count === 0;
  return (
    <Paper p="sm" component="section" aria-label={t("ordersPage.col.actions")} data-testid="selection-bar">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="xs">
          <Text size="sm" fw={600} c="gray.9" data-testid="selection-count" data-count={count}>
            {none ? t("ordersPage.selection.none") : plural("ordersPage.selection", count)}
          </Text>
          {!none && (
            <Button size="compact-xs" variant="subtle" color="gray" c="gray.8" leftSection={<IconX size={12} aria-hidden />} onClick={onClear}>
              {t("ordersPage.selection.clear")}
            </Button>
          )}
        </Group>
        <Group gap="xs" wrap="wrap">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconListCheck size={14} aria-hidden />}
            disabled={none}
            onClick={onPickList}
            data-testid="action-pick-list"
          >
            {t("ordersPage.action.pickList")}
          </Button>
          {canOperate && (
            <>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconPrinter size={14} aria-hidden />}
                    rightSection={<IconChevronDown size={12} aria-hidden />}
                    disabled={none || busy}
                    data-testid="action-labels"
                  >
                    {t("ordersPage.action.labels")}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => onPrint("PDF")} data-testid="labels-pdf">
                    {t("ordersPage.action.labelsPdf")}
                  </Menu.Item>
                  <Menu.Item onClick={() => onPrint("ZPL")} data-testid="labels-zpl">
                    {t("ordersPage.action.labelsZpl")}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconHandGrab size={14} aria-hidden />}
                disabled={none || busy}
                onClick={() => onMark("PICKED")}
                data-testid="action-mark-picked"
              >
                {t("ordersPage.action.markPicked")}
              </Button>
              <Button
                size="xs"
                color="meliBlue.8"
                leftSection={<IconPackage size={14} aria-hidden />}
                disabled={none || busy}
                onClick={() => onMark("PACKED")}
                data-testid="action-mark-packed"
              >
                {t("ordersPage.action.markPacked")}
              </Button>
            </>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

export function BenchButton({ active, onClick }: { active: boolean; onClick: () => void }) {
  const { t } = useI18n();
  return (
    <Button
      variant={active ? "filled" : "default"}
      color="meliBlue.8"
      leftSection={<IconBarcode size={16} aria-hidden />}
      aria-pressed={active}
      onClick={onClick}
      data-testid="scan-open"
    >
      {t("ordersPage.action.scan")}
    </Button>
  );
}
