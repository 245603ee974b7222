import { ApiError, getJson, isRecord, request } from "./api";

export type RecommendationSource = "kemenpanrb" | "tim_pilot_provinsi" | "internal";
export type Priority = "high" | "medium" | "low";
export type ActionStatus = "planned" | "in_progress" | "done" | "blocked";
export const ACTION_STATUSES: readonly ActionStatus[] = ["planned", "in_progress", "done", "blocked"];
export const PRIORITIES: readonly Priority[] = ["high", "medium", "low"];

export interface Finding {
  code: string;
  name: string;
  aspectCode: string;
  level: number;
}

export interface Analysis {
  assessmentId: number;
  agency: { code: string; name: string };
  period: { id: number; name: string; year: number; instrument: string; predicatePolicy: "exact" | "rounded2" };
  levelSource: "result" | "stage";
  levels: Record<string, number>;
  missing: string[];
  analysis: {
    aspects: { code: string; name: string; parentCode: string | null; indicatorCount: number; fulfilled: number; fulfilmentPercent: number; indexHundredths: number }[];
    strengths: Finding[];
    weaknesses: Finding[];
    indexHundredths: number;
    predicate: string;
    strongestAspects: string[];
    weakestAspects: string[];
  };
  draft: string;
  saved: { text: string; editedBy: string | null; editedAt: string } | null;
  abilities: { editRecommendation: boolean; writeRecommendations: RecommendationSource[]; manageActions: boolean };
}

export interface ImprovementAction {
  id: number;
  recommendationId: number;
  title: string;
  ownerUnit: { id: number; name: string } | null;
  ownerName: string | null;
  dueDate: string | null;
  overdue: boolean;
  targetIndicatorCode: string | null;
  targetLevel: number | null;
  budget: number | null;
  status: ActionStatus;
  comments: { id: number; body: string; author: string | null; createdAt: string }[];
  evidence: { id: number; title: string; documentNumber: string | null }[];
  createdAt: string;
  updatedAt: string;
}

export interface Recommendation {
  id: number;
  agency: { code: string; name: string };
  period: { id: number; name: string; year: number } | null;
  assessmentId: number | null;
  text: string;
  source: RecommendationSource;
  priority: Priority;
  aspectCodes: string[];
  indicatorCodes: string[];
  author: string | null;
  canEdit: boolean;
  actions: ImprovementAction[];
  createdAt: string;
  updatedAt: string;
}

export interface RecommendationList {
  agency: { code: string; name: string };
  abilities: { writeRecommendations: RecommendationSource[]; manageActions: boolean };
  recommendations: Recommendation[];
}

export interface NewRecommendation {
  text: string;
  source?: RecommendationSource;
  priority?: Priority;
  aspectCodes?: string[];
  indicatorCodes?: string[];
  assessmentId?: number | null;
  /** Written with the recommendation in one transaction (all or none). */
  actions?: ActionInput[];
}

export interface ActionInput {
  title: string;
  ownerUnitId?: number | null;
  ownerName?: string | null;
  dueDate?: string | null;
  targetIndicatorCode?: string | null;
  targetLevel?: number | null;
  budget?: number | null;
  status?: ActionStatus;
}

export type RoadmapTarget = { index: number } | { predicate: string };
/** What roadmap costs count; Rupiah costs become the actions' budgets. */
export type CostUnit = "person_days" | "rupiah";

/** One target (`target`, with `dueDate`) or one per year (`targets`; actions due 31 December of their year). */
export interface RoadmapRequest {
  assessmentId?: number;
  target?: RoadmapTarget;
  targets?: { year: number; target: RoadmapTarget }[];
  costs?: Record<string, number>;
  costUnit?: CostUnit;
  maxStepsPerIndicator?: number;
  dueDate?: string | null;
  /** One target without dueDate: the actions' due dates are spread to 31 December of this year. */
  targetYear?: number;
}

export interface StatusCounts {
  total: number;
  planned: number;
  inProgress: number;
  done: number;
  blocked: number;
  overdue: number;
}

export interface PilotingBoard {
  province: { code: string; name: string };
  year: number | null;
  instrument: string;
  today: string;
  aspects: { code: string; name: string }[];
  agencies: { code: string; name: string; recommendations: number; actions: StatusCounts; latestAssessment: { id: number; period: string; year: number; stage: string } | null }[];
  matrix: { agencyCode: string; cells: (StatusCounts & { aspectCode: string; donePercent: number | null })[] }[];
  overdue: { agencyCode: string; agencyName: string; actionId: number; title: string; dueDate: string; status: ActionStatus; owner: string | null }[];
  weakIndicators: { instrument: string; code: string; name: string; aspectCode: string; agencies: { code: string; name: string; level: number }[] }[];
}

function expectRecord<T>(body: unknown, key: string): T {
  if (!isRecord(body) || !(key in body)) throw new ApiError(200, "invalid_response", `missing "${key}"`);
  return body as T;
}

/** The analysis of an assessment with the drafted general recommendation (in `lang`). */
export async function fetchAnalysis(id: number, lang: "id" | "en", signal?: AbortSignal): Promise<Analysis> {
  return expectRecord<Analysis>(await getJson(`/api/assessments/${id}/analysis?lang=${lang}`, signal), "analysis");
}

/** Saves the edited general recommendation of an assessment. */
export async function saveGeneralRecommendation(id: number, text: string): Promise<{ text: string; editedAt: string }> {
  return expectRecord(await request("PUT", `/api/assessments/${id}/recommendation`, { text }), "text");
}

/** An agency's recommendations with their actions. */
export async function fetchRecommendations(code: string, signal?: AbortSignal): Promise<RecommendationList> {
  return expectRecord<RecommendationList>(await getJson(`/api/agencies/${encodeURIComponent(code)}/recommendations`, signal), "recommendations");
}

export async function createRecommendation(code: string, body: NewRecommendation): Promise<Recommendation> {
  return expectRecord<Recommendation>(await request("POST", `/api/agencies/${encodeURIComponent(code)}/recommendations`, body), "id");
}

export async function deleteRecommendation(id: number): Promise<void> {
  await request("DELETE", `/api/recommendations/${id}`);
}

export async function createAction(recommendationId: number, body: ActionInput): Promise<ImprovementAction> {
  return expectRecord<ImprovementAction>(await request("POST", `/api/recommendations/${recommendationId}/actions`, body), "id");
}

export async function updateAction(id: number, patch: Partial<ActionInput>): Promise<ImprovementAction> {
  return expectRecord<ImprovementAction>(await request("PATCH", `/api/actions/${id}`, patch), "id");
}

export async function deleteAction(id: number): Promise<void> {
  await request("DELETE", `/api/actions/${id}`);
}

export async function addComment(actionId: number, body: string): Promise<ImprovementAction> {
  return expectRecord<ImprovementAction>(await request("POST", `/api/actions/${actionId}/comments`, { body }), "id");
}

export async function linkActionEvidence(actionId: number, evidenceId: number): Promise<ImprovementAction> {
  return expectRecord<ImprovementAction>(await request("POST", `/api/actions/${actionId}/evidence`, { evidenceId }), "id");
}

export async function unlinkActionEvidence(actionId: number, evidenceId: number): Promise<void> {
  await request("DELETE", `/api/actions/${actionId}/evidence/${evidenceId}`);
}

/** Plans the roadmap on the server from the assessment's levels and creates one action per step. */
export async function actionsFromRoadmap(recommendationId: number, body: RoadmapRequest): Promise<{ steps: unknown[]; totalCost: number; costUnit: CostUnit; actions: ImprovementAction[] }> {
  return expectRecord(await request("POST", `/api/recommendations/${recommendationId}/actions/from-roadmap`, body), "actions");
}

const boardQuery = (year: number | null) => (year ? `?year=${year}` : "");

export async function fetchPilotingBoard(code: string, year: number | null, signal?: AbortSignal): Promise<PilotingBoard> {
  return expectRecord<PilotingBoard>(await getJson(`/api/provinces/${encodeURIComponent(code)}/piloting-board${boardQuery(year)}`, signal), "matrix");
}

export const pilotingBoardXlsxUrl = (code: string, year: number | null) => `/api/provinces/${encodeURIComponent(code)}/piloting-board.xlsx${boardQuery(year)}`;

/** The units (OPD) of an agency, to pick an action's owner. */
export async function fetchUnits(code: string, signal?: AbortSignal): Promise<{ id: number; name: string }[]> {
  const body = await getJson(`/api/agencies/${encodeURIComponent(code)}/units`, signal);
  if (!isRecord(body) || !Array.isArray(body.units)) throw new ApiError(200, "invalid_response", 'missing "units"');
  return body.units as { id: number; name: string }[];
}
