// Today in the tenant's zone, on its own: the floor needs it without the rest of the period logic.

/** Today in `timeZone`, as a calendar day ("2026-12-01"). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch {
    return now.toISOString().slice(0, 10); // an unknown zone name
  }
}
