// Calendar days of the filter (YYYY-MM-DD, as the date inputs give them) read in the tenant's time
// zone: "from 1 Dec" means from midnight in São Paulo, wherever the browser is.

function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant `day` starts in `timeZone`, as an ISO string; null for anything but YYYY-MM-DD. */
export function zonedDayStart(day: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const midnightUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  try {
    let instant = midnightUtc - offsetMs(midnightUtc, timeZone);
    instant = midnightUtc - offsetMs(instant, timeZone); // the offset at the instant itself (DST days)
    return new Date(instant).toISOString();
  } catch {
    return new Date(midnightUtc).toISOString(); // an unknown zone name: UTC days
  }
}

/** The calendar day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
