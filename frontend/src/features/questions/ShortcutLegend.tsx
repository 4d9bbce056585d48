import { Group, Kbd, Text } from "@mantine/core";
import { Fragment } from "react";
import { useI18n } from "@/i18n/I18nProvider";

/** The keys of the screen, said once under the queue. */
export function ShortcutLegend() {
  const { t } = useI18n();
  const keys: [string[], string][] = [
    [["j", "k"], t("questions.keys.move")],
    [["r"], t("questions.keys.reply")],
    [["t"], t("questions.keys.template")],
    [["Enter"], t("questions.keys.send")],
    [["Shift", "Enter"], t("questions.keys.newLine")],
    [["Esc"], t("questions.keys.leave")],
  ];
  return (
    <Group gap="md" component="dl" m={0} style={{ rowGap: 6 }} data-testid="questions-keys">
      {keys.map(([combo, what]) => (
        <Group key={what} gap={4} wrap="nowrap">
          <dt>
            {combo.map((key, index) => (
              <Fragment key={key}>
                {index > 0 && (combo[0] === "Shift" ? "+" : "/")}
                <Kbd size="xs">{key}</Kbd>
              </Fragment>
            ))}
          </dt>
          <Text component="dd" size="xs" c="dimmed" m={0}>
            {what}
          </Text>
        </Group>
      ))}
    </Group>
  );
}
