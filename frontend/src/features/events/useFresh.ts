"use client";

import { useEffect, useRef, useState } from "react";
import type { EventsRowFragment } from "@/gql/graphql";

const FRESH_MS = 6_000;

/**
 * Rows that appeared live, for a moment. `listKey` names the list the rows belong to (its filter,
 * order and page): the first rows of a list are what it is, not news.
 */
export function useFresh(rows: readonly EventsRowFragment[] | undefined, listKey: string | undefined): Set<string> {
  const seen = useRef<{ key: string | undefined; ids: Set<string> } | null>(null);
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => () => timers.current.forEach(clearTimeout), []);
  useEffect(() => {
    if (!rows) return;
    if (seen.current === null || seen.current.key !== listKey) {
      seen.current = { key: listKey, ids: new Set(rows.map((row) => row.id)) };
      return;
    }
    const known = seen.current.ids;
    const added = rows.filter((row) => !known.has(row.id)).map((row) => row.id);
    if (added.length === 0) return;
    added.forEach((id) => known.add(id));
    setFresh((current) => new Set([...current, ...added]));
    timers.current.push(
      setTimeout(() => setFresh((current) => new Set([...current].filter((id) => !added.includes(id)))), FRESH_MS),
    );
  }, [rows, listKey]);
  return fresh as Set<string>;
}
