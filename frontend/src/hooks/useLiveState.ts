"use client";

import { useEffect, useState } from "react";
import { onLiveState, type LiveState } from "@/lib/live";

export function useLiveState(): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  useEffect(() => onLiveState(setState), []);
  return state;
}
