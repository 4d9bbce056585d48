"use client";

import { useState } from "react";
import { useNow } from "@/hooks/useNow";
import { useI18n } from "@/i18n/I18nProvider";
import type { IntegrationEvent } from "@/lib/types";
import { flashClass, whenOwnAnimationEnds } from "./flash";
import { StatusBadge } from "./StatusBadge";
import { EVENT_TONES } from "./statusTones";

// On phones the feed shows this many until asked for more; wider screens scroll the panel instead.
const COLLAPSED_COUNT = 8;

interface Props {
  events: IntegrationEvent[];
  flashes: Record<string, number>;
  onFlashEnd: (id: string) => void;
}

export function EventsFeed({ events, flashes, onFlashEnd }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const now = useNow(15_000);
  const [expanded, setExpanded] = useState(false);
  const topicLabel = (topic: string) => {
    const key = `topic.${topic}`;
    return i18n.has(key) ? t(key) : topic;
  };

  return (
    <section className="panel panel-events" aria-labelledby="events-heading" data-testid="events-feed">
      <div className="panel-header">
        <h2 id="events-heading">{t("events.title")}</h2>
      </div>
      {events.length === 0 ? (
        <p className="empty-state">{t("events.empty")}</p>
      ) : (
        <ol id="events-list" className={`events-feed${expanded ? "" : " collapsed"}`}>
          {events.map((event) => (
            <li
              key={event.id}
              className={`event-item event-${event.status.toLowerCase()}${flashClass(flashes, event.id)}`}
              data-testid={`event-${event.id}`}
              onAnimationEnd={whenOwnAnimationEnds(() => onFlashEnd(event.id))}
            >
              <span className="event-marker" aria-hidden="true" />
              <div className="event-body">
                <span className="event-topic" title={event.topic}>
                  {topicLabel(event.topic)}
                </span>
                <code className="event-resource" title={event.resource}>
                  {event.resource}
                </code>
                <span className="event-meta">
                  <time dateTime={event.receivedAt} title={i18n.dateTime(event.receivedAt)}>
                    {i18n.relative(event.receivedAt, now)}
                  </time>
                  <span aria-hidden="true">·</span>
                  <span>{i18n.plural("events.attempts", event.attempts)}</span>
                </span>
                <span className="event-status">
                  <StatusBadge tone={EVENT_TONES[event.status] ?? "neutral"}>
                    {t(`eventStatus.${event.status}`)}
                  </StatusBadge>
                </span>
                {event.lastError && (
                  <p className="event-error">
                    <span className="event-error-label">{t("events.lastError")}:</span> {event.lastError}
                  </p>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {events.length > COLLAPSED_COUNT && (
        <button
          type="button"
          className="events-toggle"
          aria-expanded={expanded}
          aria-controls="events-list"
          onClick={() => setExpanded((value) => !value)}
        >
          {expanded ? t("events.showFewer") : t("events.showAll", { count: events.length })}
        </button>
      )}
    </section>
  );
}
