import type { ClarificationSummary } from "../../clarificationApi";
import type { Workspace, WorkspaceIndicator } from "../../assessmentApi";

/** The workspace filters, in the order of the picker. */
export const FILTERS = ["all", "unanswered", "unverified", "noEvidence", "openClarification", "changed"] as const;
export type Filter = (typeof FILTERS)[number];

/** What the filters, the stage warnings and "next unfinished" read about one indicator. */
export interface IndicatorFacts {
  /** No answer with a level in the open stage (a level carried from an earlier stage does not count). */
  unanswered: boolean;
  /** The self-assessment answer is not verified by the Penanggung Jawab. */
  unverified: boolean;
  noEvidence: boolean;
  openClarification: boolean;
  /** An answer or a clarification message is newer than the reader's last visit. */
  changed: boolean;
}

/** The facts of one indicator; `lastVisit` null means a first visit (nothing counts as changed). */
export function factsOf(ws: Workspace, i: WorkspaceIndicator, threads: Map<string, ClarificationSummary>, lastVisit: string | null): IndicatorFacts {
  const thread = threads.get(i.code);
  const since = lastVisit === null ? null : Date.parse(lastVisit);
  const newer = (at: string | null | undefined) => since !== null && !!at && Date.parse(at) > since;
  return {
    unanswered: i.answers[ws.stage]?.level == null,
    unverified: !i.answers.mandiri?.verified,
    noEvidence: i.evidence.length === 0,
    openClarification: thread?.status === "open",
    changed: Object.values(i.answers).some((a) => newer(a?.updatedAt)) || newer(thread?.lastMessageAt),
  };
}

/** Whether an indicator passes a filter. */
export const passes = (f: IndicatorFacts, filter: Filter): boolean => filter === "all" || f[filter];

/**
 * Whether the reader still has something to do on the indicator: answer it (who answers), verify it
 * (the Penanggung Jawab, once it has a level), or settle an open clarification.
 */
export function unfinished(ws: Workspace, i: WorkspaceIndicator, f: IndicatorFacts): boolean {
  if (f.openClarification) return true;
  if (ws.abilities.answer && f.unanswered) return true;
  return ws.abilities.verify && ws.stage === "mandiri" && i.answers.mandiri?.level != null && f.unverified;
}

/** What to weigh before closing the open stage: open clarifications, missing verification, indicators without a level of this stage. */
export function stageGaps(ws: Workspace, threads: Map<string, ClarificationSummary>) {
  const facts = ws.indicators.map((i) => factsOf(ws, i, threads, null));
  return {
    openClarifications: facts.filter((f) => f.openClarification).length,
    unverified: ws.stage === "mandiri" ? facts.filter((f) => f.unverified).length : 0,
    unanswered: facts.filter((f) => f.unanswered).length,
  };
}
