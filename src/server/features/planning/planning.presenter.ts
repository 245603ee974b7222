import type { ActionDetails, ActionListRow, PlanningBook, RecommendationListRow } from "../../../db/queries/planning";
import type { ActionResponse, RecommendationResponse } from "./planning.schema";

/** Whether an action is past its due date and not done; `today` is YYYY-MM-DD in Indonesia. */
export function isOverdue(a: { dueDate: string | null; status: string }, today: string): boolean {
  return a.dueDate !== null && a.dueDate < today && a.status !== "done";
}

/** An action with its comments and progress evidence (no author or creator ids). */
export function presentAction(row: ActionListRow, details: ActionDetails, today: string): ActionResponse {
  const a = row.action;
  return {
    id: a.id,
    recommendationId: a.recommendationId,
    title: a.title,
    ownerUnit: a.ownerUnitId !== null && row.unitName !== null ? { id: a.ownerUnitId, name: row.unitName } : null,
    ownerName: a.ownerName,
    dueDate: a.dueDate,
    overdue: isOverdue(a, today),
    targetIndicatorCode: a.targetIndicatorCode,
    targetLevel: a.targetLevel,
    budget: a.budget,
    status: a.status,
    comments: details.comments.filter((c) => c.actionId === a.id).map((c) => ({ id: c.id, body: c.body, author: c.authorName, createdAt: c.createdAt.toISOString() })),
    evidence: details.evidence.filter((e) => e.actionId === a.id).map((e) => ({ id: e.id, title: e.title, documentNumber: e.documentNumber })),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** A recommendation with its actions; `canEdit` says whether the caller may change it. */
export function presentRecommendation(row: RecommendationListRow, actions: ActionResponse[], canEdit: boolean): RecommendationResponse {
  const r = row.recommendation;
  return {
    id: r.id,
    agency: { code: row.agencyCode, name: row.agencyName },
    period: r.periodId !== null && row.periodName !== null ? { id: r.periodId, name: row.periodName, year: row.periodYear! } : null,
    assessmentId: r.assessmentId,
    text: r.text,
    source: r.source,
    priority: r.priority,
    aspectCodes: r.aspectCodes,
    indicatorCodes: r.indicatorCodes,
    author: row.authorName,
    canEdit,
    actions,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Every recommendation of a planning book with its actions. */
export function presentBook(book: PlanningBook, today: string, canEdit: (row: RecommendationListRow) => boolean): RecommendationResponse[] {
  return book.recommendations.map((r) =>
    presentRecommendation(
      r,
      book.actions.filter((a) => a.action.recommendationId === r.recommendation.id).map((a) => presentAction(a, book, today)),
      canEdit(r),
    ),
  );
}
