"use client";

import { Alert, Badge, Button, Code, Group, Modal, Stack, Table, Text, TextInput, Textarea } from "@mantine/core";
import { IconAlertTriangle, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { useI18n } from "@/i18n/I18nProvider";
import { MAX_ANSWER, charactersOf } from "./useAnswer";
import { requestErrorText, type UserErrorLike } from "./errors";
import { CreateTemplateMutation, DeleteTemplateMutation, UpdateTemplateMutation } from "./queries";
import type { Template } from "./TemplatePicker";

const PLACEHOLDERS = ["comprador", "titulo", "preco", "estoque", "prazo_envio", "vendedor", "link"] as const;
const FIELDS = ["name", "text", "shortcut"] as const;
type Field = (typeof FIELDS)[number] | "form";
type Errors = Partial<Record<Field, string>>;

interface Draft {
  id: string | null;
  name: string;
  text: string;
  shortcut: string;
}

const EMPTY: Draft = { id: null, name: "", text: "", shortcut: "" };

function useErrorsOf() {
  const i18n = useI18n();
  return (errors: readonly UserErrorLike[]): Errors => {
    const found: Errors = {};
    for (const error of errors) {
      const field = (FIELDS as readonly string[]).includes(error.field ?? "") ? (error.field as Field) : "form";
      const key = `questions.templateError.${error.code}`;
      found[field] = i18n.has(key) ? i18n.t(key) : error.message;
    }
    return found;
  };
}

function TemplateForm({ draft, onSaved, onCancel }: { draft: Draft; onSaved: () => void; onCancel: () => void }) {
  const i18n = useI18n();
  const { t, number } = i18n;
  const [name, setName] = useState(draft.name);
  const [text, setText] = useState(draft.text);
  const [shortcut, setShortcut] = useState(draft.shortcut);
  const [errors, setErrors] = useState<Errors>({});
  const [created, create] = useMutation(CreateTemplateMutation);
  const [updated, update] = useMutation(UpdateTemplateMutation);
  const errorsOf = useErrorsOf();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const values = { name, text, shortcut };
    const result = draft.id ? await update({ id: draft.id, ...values }) : await create(values);
    const data = result.data;
    const payload = data && ("updateQuestionTemplate" in data ? data.updateQuestionTemplate : data.createQuestionTemplate);
    if (result.error || !payload) {
      setErrors({ form: result.error ? requestErrorText(i18n, result.error) : t("questions.error.NETWORK") });
      return;
    }
    if (payload.errors.length) {
      setErrors(errorsOf(payload.errors));
      return;
    }
    onSaved();
  };

  return (
    <form onSubmit={submit} noValidate data-testid="template-form">
      <Stack gap="sm">
        {errors.form && (
          <Alert color="red" icon={<IconAlertTriangle size={18} aria-hidden />} role="alert">
            {errors.form}
          </Alert>
        )}
        <Group grow align="flex-start">
          <TextInput
            label={t("questions.templates.name")}
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            autoComplete="off"
            data-autofocus
            data-testid="template-name"
          />
          <TextInput
            label={t("questions.templates.shortcut")}
            description={t("questions.templates.shortcutHint")}
            value={shortcut}
            onChange={(event) => setShortcut(event.currentTarget.value)}
            error={errors.shortcut}
            autoComplete="off"
            data-testid="template-shortcut"
          />
        </Group>
        <Textarea
          label={t("questions.templates.text")}
          description={
            <>
              {t("questions.templates.placeholders")}{" "}
              {PLACEHOLDERS.map((placeholder) => (
                <Code key={placeholder} mr={4}>{`{{${placeholder}}}`}</Code>
              ))}
            </>
          }
          required
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={errors.text}
          autosize
          minRows={3}
          maxRows={8}
          data-testid="template-text"
        />
        <Group justify="space-between">
          <Text size="xs" c={charactersOf(text) > MAX_ANSWER ? "red.9" : "dimmed"}>
            {t("questions.answer.count", { count: number(charactersOf(text)), max: number(MAX_ANSWER) })}
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={onCancel}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={created.fetching || updated.fetching} data-testid="template-save">
              {t(draft.id ? "questions.templates.save" : "questions.templates.create")}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

function TemplateRow({ template, onEdit, onDeleted }: { template: Template; onEdit: () => void; onDeleted: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [deleting, remove] = useMutation(DeleteTemplateMutation);
  const confirm = async () => {
    const result = await remove({ id: template.id });
    const errors = result.data?.deleteQuestionTemplate.errors ?? [];
    if (result.error || errors.length) {
      setProblem(result.error ? requestErrorText(i18n, result.error) : errors.map((error) => error.message).join(" "));
      return;
    }
    onDeleted();
  };
  return (
    <Table.Tr data-testid={`template-row-${template.id}`}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {template.name}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {template.text}
        </Text>
        {problem && (
          <Text size="xs" c="red.9" role="alert">
            {problem}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {template.shortcut && (
          <Badge variant="light" color="gray" tt="none" ff="monospace" miw="max-content">
            /{template.shortcut}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          {confirming ? (
            <>
              <Button size="xs" color="red" loading={deleting.fetching} onClick={() => void confirm()}>
                {t("questions.templates.confirmDelete")}
              </Button>
              <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
                {t("common.cancel")}
              </Button>
            </>
          ) : (
            <>
              <Button size="xs" variant="subtle" leftSection={<IconPencil size={14} aria-hidden />} onClick={onEdit}>
                {t("questions.templates.edit")}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={14} aria-hidden />}
                onClick={() => setConfirming(true)}
                aria-label={t("questions.templates.deleteNamed", { name: template.name })}
              >
                {t("questions.templates.delete")}
              </Button>
            </>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** The team's canned answers: add, change, remove (for those who answer: the screen offers it to no one else). */
export function TemplatesModal(props: {
  opened: boolean;
  templates: readonly Template[];
  onClose: () => void;
  onChanged: () => void;
}) {
  const { opened, templates, onClose, onChanged } = props;
  const { t } = useI18n();
  const [editing, setEditing] = useState<Draft | null>(null);
  const close = () => {
    setEditing(null);
    onClose();
  };
  const saved = () => {
    setEditing(null);
    onChanged();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t("questions.templates.title")}
      size="xl"
      closeButtonProps={{ "aria-label": t("common.close") }}
      data-testid="templates-modal"
    >
      <Stack gap="md">
        {templates.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("questions.templates.empty")}
          </Text>
        ) : (
          <Table verticalSpacing="xs" aria-label={t("questions.templates.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("questions.templates.name")}</Table.Th>
                <Table.Th>{t("questions.templates.shortcut")}</Table.Th>
                <Table.Th ta="right">{t("questions.templates.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templates.map((template) => (
                <TemplateRow
                  key={template.id}
                  template={template}
                  onEdit={() =>
                    setEditing({ id: template.id, name: template.name, text: template.text, shortcut: template.shortcut ?? "" })
                  }
                  onDeleted={onChanged}
                />
              ))}
            </Table.Tbody>
          </Table>
        )}
        {editing ? (
          <TemplateForm key={editing.id ?? "new"} draft={editing} onSaved={saved} onCancel={() => setEditing(null)} />
        ) : (
          <Group>
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing(EMPTY)} data-testid="template-new">
              {t("questions.templates.new")}
            </Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
