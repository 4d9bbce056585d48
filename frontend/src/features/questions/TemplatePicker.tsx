"use client";

import { Badge, Combobox, Group, InputBase, Text, useCombobox } from "@mantine/core";
import { IconTemplate } from "@tabler/icons-react";
import { useEffect, useMemo, useRef, useState, type RefObject } from "react";
import type { QuestionsTemplatesQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";

export type Template = QuestionsTemplatesQuery["questionTemplates"]["nodes"][number];

interface PickerProps {
  templates: readonly Template[];
  inputRef: RefObject<HTMLInputElement | null>;
  busy: boolean;
  onPick: (template: Template) => void;
  onLeave: () => void;
}

/** Templates whose shortcut is what was typed first, then those whose name holds it or shortcut starts with it. */
export function matching(templates: readonly Template[], typed: string): Template[] {
  const wanted = typed.trim().toLowerCase().replace(/^\//, "");
  if (!wanted) return [...templates];
  const shortcut = (template: Template) => (template.shortcut ?? "").toLowerCase();
  const exact = templates.filter((template) => shortcut(template) === wanted);
  const rest = templates.filter(
    (template) =>
      !exact.includes(template) && (template.name.toLowerCase().includes(wanted) || shortcut(template).startsWith(wanted)),
  );
  return [...exact, ...rest];
}

/** The templates by name or shortcut ("disp" or "/disp"); choosing one fills it in for the question. */
export function TemplatePicker({ templates, inputRef, busy, onPick, onLeave }: PickerProps) {
  const { t } = useI18n();
  const [search, setSearch] = useState("");
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const shown = useMemo(() => matching(templates, search), [templates, search]);
  const opened = combobox.dropdownOpened;

  // The best match stays highlighted as the list narrows, so Enter takes it (not on every re-render:
  // that would undo the arrow keys).
  const select = useRef(combobox.selectFirstOption);
  select.current = combobox.selectFirstOption;
  useEffect(() => {
    if (opened) select.current();
  }, [opened, shown]);

  const submit = (id: string) => {
    const template = templates.find((entry) => entry.id === id);
    setSearch("");
    combobox.closeDropdown();
    if (template) onPick(template);
  };

  return (
    <Combobox store={combobox} onOptionSubmit={submit} withinPortal>
      <Combobox.Target withExpandedAttribute>
        <InputBase
          ref={inputRef}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            combobox.openDropdown();
          }}
          onFocus={() => combobox.openDropdown()}
          onClick={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (event.key === "Enter" && opened && combobox.getSelectedOptionIndex() < 0 && shown.length > 0) {
              combobox.selectFirstOption(); // typed faster than the list rendered: Enter still takes the best match
            } else if (event.key === "Escape" && !opened) {
              onLeave(); // the first Esc closes the list; with it closed, Esc goes back to the answer
            }
          }}
          disabled={busy}
          leftSection={<IconTemplate size={16} aria-hidden />}
          rightSection={<Combobox.Chevron />}
          rightSectionPointerEvents="none"
          placeholder={templates.length ? t("questions.templates.pick") : t("questions.templates.noneYet")}
          aria-label={t("questions.templates.pickLabel")}
          data-testid="question-template-picker"
          w="100%"
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={260} style={{ overflowY: "auto" }} data-testid="question-template-options">
          {shown.length === 0 ? (
            <Combobox.Empty>{t("questions.templates.nothingFound")}</Combobox.Empty>
          ) : (
            shown.map((template) => (
              <Combobox.Option value={template.id} key={template.id}>
                <Group gap="xs" wrap="nowrap" justify="space-between">
                  <Text size="sm" truncate>
                    {template.name}
                  </Text>
                  {template.shortcut && (
                    <Badge variant="light" color="gray" tt="none" size="sm" ff="monospace" miw="max-content">
                      /{template.shortcut}
                    </Badge>
                  )}
                </Group>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
