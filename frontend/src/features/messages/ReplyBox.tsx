"use client";

import { Alert, Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { IconAlertTriangle, IconLock, IconSend } from "@tabler/icons-react";
import { useState, type KeyboardEvent } from "react";
import { useI18n } from "@/i18n/I18nProvider";

interface ReplyBoxProps {
  maxLength: number;
  /** Why Mercado Livre does not take messages here now (the box stays, disabled, the draft kept); null: it does. */
  blocked: string | null;
  sending: boolean;
  /** Sends the text; resolves with the refusal to show, or null once it went through. */
  onSend: (text: string) => Promise<string | null>;
}

/**
 * Characters as Mercado Livre counts them (code points, as the API's `len`): an emoji is one, not the
 * two UTF-16 units of `String.length`. The text goes out trimmed, so the count is of the trimmed text.
 */
export function characterCount(text: string): number {
  return [...text.trim()].length;
}

/**
 * The reply: a live counter against the seller's limit, refused before sending when over it. Keyed by
 * conversation by its parent: another conversation is another draft.
 */
export function ReplyBox({ maxLength, blocked, sending, onSend }: ReplyBoxProps) {
  const { t, plural } = useI18n();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const count = characterCount(text);
  const over = count - maxLength;
  const canSend = count > 0 && over <= 0 && !sending && blocked === null;

  const send = async () => {
    if (!canSend) return;
    setProblem(null);
    const refusal = await onSend(text.trim());
    if (refusal) setProblem(refusal);
    else setText("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <Stack gap={6} px="md" py="sm" style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }} data-testid="reply">
      {blocked !== null && (
        <Alert color="gray" variant="light" icon={<IconLock aria-hidden />} py="xs" data-testid="reply-blocked">
          <Text size="sm">{blocked}</Text>
        </Alert>
      )}
      {problem && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} py="xs" role="alert" data-testid="reply-error">
          <Text size="sm">
            <Text span fw={600} inherit>
              {t("messagesPage.reply.failed")}.
            </Text>{" "}
            {problem}
          </Text>
        </Alert>
      )}
      <Textarea
        label={t("messagesPage.reply.label")}
        placeholder={t("messagesPage.reply.placeholder")}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        disabled={blocked !== null}
        autosize
        minRows={2}
        maxRows={5}
        error={over > 0 ? plural("messagesPage.reply.tooLong", over) : undefined}
        data-testid="reply-text"
        styles={{ label: { marginBottom: 4 } }}
      />
      <Group justify="space-between" wrap="nowrap">
        <Text
          size="xs"
          c={over > 0 ? "red.9" : count > maxLength * 0.9 ? "orange.9" : "dimmed"}
          fw={over > 0 ? 600 : 400}
          data-testid="reply-counter"
          data-count={count}
        >
          {t("messagesPage.reply.counter", { count, max: maxLength })}
          <Text span c="dimmed" inherit fw={400}>
            {" · "}
            {t("messagesPage.reply.hint")}
          </Text>
        </Text>
        <Button
          leftSection={<IconSend size={16} aria-hidden />}
          onClick={() => void send()}
          disabled={!canSend}
          loading={sending}
          data-testid="reply-send"
        >
          {t("messagesPage.reply.send")}
        </Button>
      </Group>
    </Stack>
  );
}
