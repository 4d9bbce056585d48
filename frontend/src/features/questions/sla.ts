// A question's SLA as the operator sees it: the server's state, moved on by this browser's own clock
// (80 % of the time gone, then the due time passed) between the server's announcements.
import type { QuestionSlaState } from "@/gql/graphql";

const RANK: Record<QuestionSlaState, number> = { ANSWERED: -1, OK: 0, WARNING: 1, BREACHED: 2 };
const WARNING_SHARE = 0.8; // the server's threshold (docs/graphql.md, "Question SLA")

export interface SlaFacts {
  slaState: QuestionSlaState;
  slaDueAt?: string | null;
  dateCreated?: string | null;
}

export interface SlaNow {
  state: QuestionSlaState;
  /** Milliseconds until the due time (negative once past); null without a due time. */
  leftMs: number | null;
}

function clockState(due: number, created: number | null, now: number): QuestionSlaState {
  if (now >= due) return "BREACHED";
  if (created !== null && due > created && now >= created + (due - created) * WARNING_SHARE) return "WARNING";
  return "OK";
}

/** The state now: the server's, or further along when the clock has crossed a threshold since it said so. */
export function slaNow(question: SlaFacts, now: number): SlaNow {
  if (question.slaState === "ANSWERED" || !question.slaDueAt) return { state: question.slaState, leftMs: null };
  const due = Date.parse(question.slaDueAt);
  const created = question.dateCreated ? Date.parse(question.dateCreated) : null;
  const byClock = clockState(due, Number.isNaN(created) ? null : created, now);
  const state = RANK[byClock] > RANK[question.slaState] ? byClock : question.slaState;
  return { state, leftMs: due - now };
}

const pad = (value: number) => String(value).padStart(2, "0");

/** "07:05" under an hour, "2 h 05 min" under a day, "3 d 4 h" beyond: the time left, or how late. */
export function clockText(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (hours < 1) return `${pad(minutes)}:${pad(seconds % 60)}`;
  if (hours < 24) return `${hours} h ${pad(minutes % 60)} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
