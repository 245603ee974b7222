import type { clarificationThread, clarificationThreadsOf } from "../../../db/queries/clarifications";
import type { ClarificationSide } from "../../policies/collaboration.policy";

type Thread = NonNullable<Awaited<ReturnType<typeof clarificationThread>>>;
type Summary = Awaited<ReturnType<typeof clarificationThreadsOf>>[number];

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A thread as the workspace shows it: names, never user ids. */
export function presentClarificationThread(indicatorCode: string, thread: Thread | null, side: ClarificationSide | null) {
  return {
    indicatorCode,
    status: (thread?.status ?? null) as "open" | "resolved" | null,
    resolvedAt: iso(thread?.resolvedAt ?? null),
    resolvedBy: thread?.resolvedBy ?? null,
    messages: (thread?.messages ?? []).map((m) => ({
      id: m.id,
      side: m.side as "agency" | "evaluator",
      body: m.body,
      authorName: m.authorName,
      evidence: m.evidenceId !== null && m.evidenceTitle !== null ? { id: m.evidenceId, title: m.evidenceTitle } : null,
      createdAt: m.createdAt.toISOString(),
    })),
    side,
  };
}

/** One line per thread of an assessment. */
export function presentClarificationSummary(s: Summary) {
  return { indicatorCode: s.indicatorCode, status: s.status as "open" | "resolved", messages: Number(s.messages), lastMessageAt: iso(s.lastMessageAt) };
}
