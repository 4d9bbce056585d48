"use client";

import { Box, Divider, Group, ScrollArea, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconCheck, IconChecks } from "@tabler/icons-react";
import { Fragment, useEffect, useRef } from "react";
import type { ThreadMessageFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/I18nProvider";

interface ThreadMessagesProps {
  messages: readonly ThreadMessageFragment[];
  buyer: string;
}

/**
 * The thread oldest → newest: the buyer on the left, the seller on the right, a line per day. It is
 * a live log (a message arriving is announced), kept scrolled to the newest message.
 */
export function ThreadMessages({ messages, buyer }: ThreadMessagesProps) {
  const i18n = useI18n();
  const viewport = useRef<HTMLDivElement>(null);
  // A message arriving (or the thread opening) brings the newest into view.
  const newest = `${messages.length}:${messages[messages.length - 1]?.id ?? ""}`;
  useEffect(() => {
    const element = viewport.current;
    if (element) element.scrollTo({ top: element.scrollHeight });
  }, [newest]);

  if (messages.length === 0) {
    return (
      <Text c="dimmed" ta="center" size="sm" py="xl" style={{ flex: 1 }}>
        {i18n.t("messagesPage.thread.empty")}
      </Text>
    );
  }
  let lastDay = "";
  return (
    <ScrollArea
      type="auto"
      viewportRef={viewport}
      style={{ flex: 1 }}
      bg="gray.0"
      // Focusable, so the keyboard scrolls it; a log, so a message arriving is announced.
      viewportProps={{ tabIndex: 0, role: "log", "aria-label": i18n.t("messagesPage.thread.messages") }}
    >
      <Box
        component="ol"
        m={0}
        px="md"
        py="sm"
        style={{ listStyle: "none", display: "flex", flexDirection: "column", gap: 8 }}
        data-testid="thread-messages"
      >
        {messages.map((message) => {
          const day = i18n.dateTime(message.dateCreated, "date");
          const newDay = day !== lastDay;
          lastDay = day;
          return (
            <Fragment key={message.id}>
              {newDay && (
                <li aria-hidden>
                  <Divider label={day} labelPosition="center" color="gray.3" styles={{ label: { color: "var(--mantine-color-gray-7)" } }} />
                </li>
              )}
              <li style={{ display: "flex", justifyContent: message.fromSeller ? "flex-end" : "flex-start" }}>
                <Bubble message={message} buyer={buyer} />
              </li>
            </Fragment>
          );
        })}
      </Box>
    </ScrollArea>
  );
}

function Bubble({ message, buyer }: { message: ThreadMessageFragment; buyer: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const mine = message.fromSeller;
  const time = i18n.dateTime(message.dateCreated, "time");
  const readLabel = message.readAt
    ? t("messagesPage.thread.readAt", { time: i18n.dateTime(message.readAt) })
    : t("messagesPage.thread.delivered");
  return (
    <Box
      maw="78%"
      px="sm"
      py={6}
      bg={mine ? "meliBlue.0" : "white"}
      style={{
        borderRadius: mine ? "12px 12px 2px 12px" : "12px 12px 12px 2px",
        border: `1px solid var(--mantine-color-${mine ? "meliBlue-1" : "gray-3"})`,
      }}
      data-testid={`message-${message.mlId}`}
      data-from={mine ? "seller" : "buyer"}
      data-read={message.readAt ? "true" : "false"}
    >
      <VisuallyHidden>{mine ? t("messagesPage.thread.youSaid") : t("messagesPage.thread.buyerSaid", { buyer })}: </VisuallyHidden>
      <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        {message.text}
      </Text>
      <Group gap={4} justify="flex-end" mt={2} wrap="nowrap">
        <Text size="xs" c="dimmed">
          <time dateTime={message.dateCreated ?? undefined} title={i18n.dateTime(message.dateCreated)}>
            {time}
          </time>
          {mine && message.sentBy?.name ? ` · ${t("messagesPage.thread.sentBy", { name: message.sentBy.name })}` : ""}
        </Text>
        {mine && (
          <Tooltip label={readLabel}>
            <span role="img" aria-label={readLabel} data-testid={`message-read-${message.mlId}`} style={{ display: "inline-flex" }}>
              {message.readAt ? (
                <IconChecks size={14} color="var(--mantine-color-meliBlue-7)" aria-hidden />
              ) : (
                <IconCheck size={14} color="var(--mantine-color-gray-7)" aria-hidden />
              )}
            </span>
          </Tooltip>
        )}
      </Group>
    </Box>
  );
}
