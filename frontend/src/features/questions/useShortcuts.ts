"use client";

import { useEffect, useRef } from "react";

export interface Shortcuts {
  next: () => void;
  previous: () => void;
  reply: () => void;
  template: () => void;
}

const TYPING = "input, textarea, select, [contenteditable]:not([contenteditable='false'])";

/**
 * j/k/r/t anywhere on the screen, except while typing (the answer box keeps Enter and Esc for itself)
 * or inside a dialog, and never with a modifier (Ctrl+R still reloads).
 */
export function useShortcuts(shortcuts: Shortcuts, enabled: boolean): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(TYPING) || target?.closest("[role='dialog']")) return;
      const { next, previous, reply, template } = latest.current;
      const actions: Record<string, (() => void) | undefined> = { j: next, k: previous, r: reply, t: template };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault(); // the key must not land in the box it focuses
      action();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [enabled]);
}
