import type { Agency } from "./adminApi";
import { ApiError, isRecord } from "./api";
import { api, type ApiBody, type ApiResponse } from "./apiTypes";
import { xhrSend } from "./xhrSend";

export type StageName = Workspace["stage"];
export type PeriodKind = Period["kind"];
export type Policy = Period["predicatePolicy"];

/*
 * The answers' types are the API contract's (src/web/apiSchema.d.ts, generated from the server's
 * zod schemas by `npm run gen:api`), named here for the pages.
 */
export type Period = ApiResponse<"getPeriods">["periods"][number];
export type PeriodAssessment = Period["assessments"][number];
export type NewPeriod = ApiBody<"postPeriods">;
/** One indicator's answer in one stage. */
export type Answer = ApiResponse<"putAssessmentAnswer">;
/** A score from another agency's index with its source document and year. */
export type ExternalScoreEntry = NonNullable<Answer["externalScore"]>;
export type Workspace = ApiResponse<"getAssessment">;
export type WorkspaceIndicator = Workspace["indicators"][number];
/** A sectoral public service named for one of indicators 45–47 and its owning unit. */
export type SectoralService = Workspace["sectoralServices"]["services"][number];
export type WorkspaceAbilities = Workspace["abilities"];
/** A final result (revision 1) or a later correction, with its levels, reason and author. */
export type ResultRevision = Workspace["results"][number];
/** The text fields of an answer the writer edits (an answer read back may carry a score without a year). */
export type AnswerDraft = Omit<ApiBody<"putAssessmentAnswer">, "stage" | "version" | "externalScore"> & { externalScore?: ExternalScoreEntry | null };

/** A save refused because someone else saved first: the answer as it is now. */
export class AnswerConflict extends Error {
  constructor(readonly current: Answer | null) {
    super("conflict");
    this.name = "AnswerConflict";
  }
}

const base = (id: number) => `/api/assessments/${id}`;

export async function fetchPeriods(signal?: AbortSignal): Promise<Period[]> {
  return (await api("get", "/api/periods", { signal })).periods;
}

export async function createPeriod(input: NewPeriod): Promise<{ id: number }> {
  return api("post", "/api/periods", { body: input });
}

export async function fetchProvinceAgencies(province: string, signal?: AbortSignal): Promise<Agency[]> {
  return (await api("get", "/api/agencies", { query: { province }, signal })).agencies;
}

export async function fetchWorkspace(id: number, signal?: AbortSignal): Promise<Workspace> {
  return api("get", "/api/assessments/{id}", { path: { id }, signal });
}

/** Saves an answer; a stale version becomes an AnswerConflict carrying the current answer. */
export async function saveAnswer(id: number, code: string, input: AnswerDraft & { stage: StageName; version: number }): Promise<Answer> {
  try {
    // A score without a year is sent as it is: the server answers 400 naming `externalScore.year`.
    return await api("put", "/api/assessments/{id}/answers/{code}", { path: { id, code }, body: input as ApiBody<"putAssessmentAnswer"> });
  } catch (e) {
    if (e instanceof ApiError && e.status === 409 && e.code === "conflict") {
      const current = isRecord(e.details) && isRecord(e.details.current) ? (e.details.current as unknown as Answer) : null;
      throw new AnswerConflict(current);
    }
    throw e;
  }
}

export async function verifyAnswer(id: number, code: string, verified: boolean, version: number): Promise<Answer> {
  return api("post", "/api/assessments/{id}/answers/{code}/verify", { path: { id, code }, body: { verified, version } });
}

export type StageOutcome = ApiResponse<"postAssessmentSubmit">;

export async function submitAssessment(id: number, note: string): Promise<StageOutcome> {
  return api("post", "/api/assessments/{id}/submit", { path: { id }, body: note ? { note } : {} });
}

export async function advanceAssessment(id: number, note: string): Promise<StageOutcome> {
  return api("post", "/api/assessments/{id}/advance", { path: { id }, body: note ? { note } : {} });
}

export async function reviewAssessment(id: number, decision: ApiBody<"postAssessmentReview">["decision"], notes: string): Promise<StageOutcome> {
  return api("post", "/api/assessments/{id}/review", { path: { id }, body: notes ? { decision, notes } : { decision } });
}

export async function assignAssessor(id: number, input: ApiBody<"postAssessmentAssignments">): Promise<void> {
  await api("post", "/api/assessments/{id}/assignments", { path: { id }, body: input });
}

/** Administrator: corrects a final result with new levels for some indicators and a reason (a new revision). */
export async function reviseResult(id: number, input: ApiBody<"postAssessmentRevisions">): Promise<ApiResponse<"postAssessmentRevisions">> {
  return api("post", "/api/assessments/{id}/revisions", { path: { id }, body: input });
}

/** Names the sectoral public services of indicators 45–47 (replaces the list). */
export async function saveSectoralServices(id: number, services: SectoralService[]): Promise<Workspace["sectoralServices"]> {
  return api("put", "/api/assessments/{id}/sectoral-services", { path: { id }, body: { services } });
}

/** The Berita Acara of a closed stage or of the review decision (PDF, an attachment); the self-assessment's by default. */
export const officialRecordUrl = (id: number, stage: "mandiri" | "dokumen" | "interviu" | "visitasi" | "reviu" = "mandiri") =>
  stage === "reviu" ? `${base(id)}/berita-acara-reviu.pdf` : stage === "mandiri" ? `${base(id)}/berita-acara.pdf` : `${base(id)}/berita-acara.pdf?stage=${stage}`;

/** The levels in force as the levels.json of `pandu score` / `pandu plan` (an attachment). */
export const levelsFileUrl = (id: number) => `${base(id)}/levels.json`;

/** Every linked evidence file as one ZIP by indicator, with a manifest of SHA-256 hashes (an attachment). */
export const evidenceZipUrl = (id: number) => `${base(id)}/evidence.zip`;

export type CopyForwardOutcome = ApiResponse<"postAssessmentCopyForward">;
/** An evidence link that copy-forward carried or left behind. */
export type CopiedEvidenceLink = CopyForwardOutcome["evidence"]["linked"][number];

/** Starts this self-assessment from an earlier assessment of the same agency. */
export async function copyForward(id: number, fromAssessmentId: number): Promise<CopyForwardOutcome> {
  return api("post", "/api/assessments/{id}/copy-forward", { path: { id }, body: { fromAssessmentId } });
}

/** Gives indicators of the self-assessment to units (OPD) of the agency; `unitId: null` takes one back. */
export async function assignIndicatorUnits(id: number, assignments: ApiBody<"putAssessmentIndicatorUnits">["assignments"]): Promise<void> {
  await api("put", "/api/assessments/{id}/indicator-units", { path: { id }, body: { assignments } });
}

/** Adds a unit (OPD) to the agency (Koordinator SPBE). */
export async function addUnit(agency: string, name: string): Promise<ApiResponse<"postAgencyUnits">> {
  return api("post", "/api/agencies/{code}/units", { path: { code: agency }, body: { name } });
}

export type AssessorAssignment = ApiResponse<"getAssessmentAssignments">["assignments"][number];

export async function fetchAssignments(id: number, signal?: AbortSignal): Promise<AssessorAssignment[]> {
  return (await api("get", "/api/assessments/{id}/assignments", { path: { id }, signal })).assignments;
}

export async function endAssessorAssignment(id: number, userId: number, role: AssessorAssignment["role"]): Promise<void> {
  await api("delete", "/api/assessments/{id}/assignments/{userId}", { path: { id, userId }, query: { role } });
}

/** The LKE worksheet as an Excel workbook (an attachment), to fill offline and import back. */
export const lkeWorkbookUrl = (id: number) => `${base(id)}/lke.xlsx`;
/** What an LKE import changed. */
export type LkeImportResult = ApiResponse<"postAssessmentLke">;
/** One problem of a refused LKE workbook (400 workbook_invalid, details.problems). */
export interface LkeProblem {
  sheet: string;
  row: number | null;
  column: string | null;
  code: string;
  message: string;
}

/** Imports a filled LKE workbook into the open stage (all rows or none). */
export async function importLkeWorkbook(id: number, file: File): Promise<LkeImportResult> {
  const form = new FormData();
  form.append("file", file, file.name);
  return (await xhrSend("POST", `${base(id)}/lke`, form, {}, () => undefined).done) as LkeImportResult;
}

/** The problems of a refused workbook, or null when the error is something else. */
export function lkeProblemsOf(error: unknown): LkeProblem[] | null {
  if (!(error instanceof ApiError) || error.code !== "workbook_invalid" || !isRecord(error.details) || !Array.isArray(error.details.problems)) return null;
  return error.details.problems as LkeProblem[];
}
