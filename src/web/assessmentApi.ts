import type { Agency } from "./adminApi";
import { ApiError, arrayField, getJson, isRecord, request } from "./api";
import type { EvidenceSummary } from "./evidenceApi";
import type { StageWindowItem } from "./scheduleApi";

export type StageName = "mandiri" | "dokumen" | "interviu" | "visitasi" | "final";
export type PeriodKind = "pemantauan" | "evaluasi";
export type Policy = "exact" | "rounded2";

export interface PeriodAssessment {
  id: number;
  agencyCode: string;
  agencyName: string;
  stage: StageName;
}

export interface Period {
  id: number;
  name: string;
  year: number;
  kind: PeriodKind;
  instrument: string;
  predicatePolicy: Policy;
  assessments: PeriodAssessment[];
  /** Each working stage's dates (null when unscheduled) and where today falls. */
  schedule: StageWindowItem[];
  /** The reader may change the stage dates. */
  canEditSchedule: boolean;
}

export interface NewPeriod {
  name: string;
  year: number;
  kind: PeriodKind;
  withVisit?: boolean;
  instrument: string;
  predicatePolicy?: Policy;
  owner?: string;
  schedule?: Partial<Record<StageName, { opens: string; closes: string }>>;
  agencies: string[];
}

/** One indicator's answer in one stage. */
/** A score from another agency's index with its source document and year. */
export interface ExternalScoreEntry {
  score: number;
  source: string;
  year: number | null;
}

export interface Answer {
  stage: StageName;
  level: number | null;
  externalScore: ExternalScoreEntry | null;
  explanation: string | null;
  facts: string | null;
  analysis: string | null;
  justification: string | null;
  verified: boolean;
  version: number;
  updatedAt: string;
}

export interface WorkspaceIndicator {
  code: string;
  level: number | null;
  carried: boolean;
  from: StageName | null;
  /** When final: the result revision (a correction) that set this level, if it differs from the stage answers. */
  revision: number | null;
  /** The unit (OPD) given this indicator to gather, if any. */
  unitId: number | null;
  answers: Partial<Record<StageName, Answer>>;
  /** Evidence linked to this indicator (all stages share it). */
  evidence: EvidenceSummary[];
}

/** A sectoral public service named for one of indicators 45–47 and its owning unit. */
export interface SectoralService {
  indicatorCode: string;
  name: string;
  unitName: string;
}

export interface WorkspaceAbilities {
  answer: boolean;
  verify: boolean;
  submit: boolean;
  advance: boolean;
  assignInternal: boolean;
  assignExternal: boolean;
  review: boolean;
  revise: boolean;
  nameSectoralServices: boolean;
  /** The interview and visit notes may be read now; otherwise they are not asked for. */
  readFieldNotes: boolean;
  uploadEvidence: boolean;
}

/** A final result (revision 1) or a later correction, with its levels, reason and author. */
export interface ResultRevision {
  revision: number;
  index: number;
  indexRounded: number;
  predicate: string;
  levels: Record<string, number>;
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface Workspace {
  id: number;
  period: { id: number; name: string; year: number; kind: PeriodKind; instrument: string; predicatePolicy: Policy; stages: StageName[] };
  agency: { code: string; name: string };
  stage: StageName;
  review: { status: null | "pending" | "returned"; notes: string | null };
  results: ResultRevision[];
  indicators: WorkspaceIndicator[];
  score: { index: number; indexRounded: number; predicate: string; partial: boolean; answered: number; total: number };
  abilities: WorkspaceAbilities;
  sectoralServices: { indicators: string[]; services: SectoralService[] };
  /** Set once the self-assessment was submitted: the Berita Acara can be downloaded. */
  officialRecord: { submittedAt: string } | null;
}

/** The text fields of an answer the writer edits. */
export interface AnswerDraft {
  level: number | null;
  externalScore?: ExternalScoreEntry | null;
  explanation?: string | null;
  facts?: string | null;
  analysis?: string | null;
  justification?: string | null;
}

/** A save refused because someone else saved first: the answer as it is now. */
export class AnswerConflict extends Error {
  constructor(readonly current: Answer | null) {
    super("conflict");
    this.name = "AnswerConflict";
  }
}

const base = (id: number) => `/api/assessments/${id}`;

export async function fetchPeriods(signal?: AbortSignal): Promise<Period[]> {
  return arrayField<Period>(await getJson("/api/periods", signal), "periods");
}

export async function createPeriod(input: NewPeriod): Promise<{ id: number }> {
  return (await request("POST", "/api/periods", input)) as { id: number };
}

export async function fetchProvinceAgencies(province: string, signal?: AbortSignal): Promise<Agency[]> {
  return arrayField<Agency>(await getJson(`/api/agencies?province=${encodeURIComponent(province)}`, signal), "agencies");
}

export async function fetchWorkspace(id: number, signal?: AbortSignal): Promise<Workspace> {
  const body = await getJson(base(id), signal);
  if (!isRecord(body) || !Array.isArray(body.indicators) || !isRecord(body.period)) throw new ApiError(200, "invalid_response", "not an assessment");
  return body as unknown as Workspace;
}

/** Saves an answer; a stale version becomes an AnswerConflict carrying the current answer. */
export async function saveAnswer(id: number, code: string, input: AnswerDraft & { stage: StageName; version: number }): Promise<Answer> {
  try {
    return (await request("PUT", `${base(id)}/answers/${encodeURIComponent(code)}`, input)) as Answer;
  } catch (e) {
    if (e instanceof ApiError && e.status === 409 && e.code === "conflict") {
      const current = isRecord(e.details) && isRecord(e.details.current) ? (e.details.current as unknown as Answer) : null;
      throw new AnswerConflict(current);
    }
    throw e;
  }
}

export async function verifyAnswer(id: number, code: string, verified: boolean, version: number): Promise<Answer> {
  return (await request("POST", `${base(id)}/answers/${encodeURIComponent(code)}/verify`, { verified, version })) as Answer;
}

export type StageOutcome = { stage: StageName; reviewStatus: string | null };

export async function submitAssessment(id: number, note: string): Promise<StageOutcome> {
  return (await request("POST", `${base(id)}/submit`, note ? { note } : {})) as StageOutcome;
}

export async function advanceAssessment(id: number, note: string): Promise<StageOutcome> {
  return (await request("POST", `${base(id)}/advance`, note ? { note } : {})) as StageOutcome;
}

export async function reviewAssessment(id: number, decision: "valid" | "tidak_valid", notes: string): Promise<StageOutcome> {
  return (await request("POST", `${base(id)}/review`, notes ? { decision, notes } : { decision })) as StageOutcome;
}

export async function assignAssessor(id: number, input: { email: string; role: "asesor_eksternal" | "asesor_internal"; indicators?: string[] }): Promise<void> {
  await request("POST", `${base(id)}/assignments`, input);
}

/** Administrator: corrects a final result with new levels for some indicators and a reason (a new revision). */
export async function reviseResult(id: number, input: { reason: string; levels: Record<string, number> }): Promise<{ revision: number; indexRounded: number; predicate: string }> {
  return (await request("POST", `${base(id)}/revisions`, input)) as { revision: number; indexRounded: number; predicate: string };
}

/** Names the sectoral public services of indicators 45–47 (replaces the list). */
export async function saveSectoralServices(id: number, services: SectoralService[]): Promise<{ indicators: string[]; services: SectoralService[] }> {
  return (await request("PUT", `${base(id)}/sectoral-services`, { services })) as { indicators: string[]; services: SectoralService[] };
}

/** The Berita Acara Penilaian Mandiri (PDF, an attachment). */
export const officialRecordUrl = (id: number) => `${base(id)}/berita-acara.pdf`;

/** The levels in force as the levels.json of `pandu score` / `pandu plan` (an attachment). */
export const levelsFileUrl = (id: number) => `${base(id)}/levels.json`;

/** An evidence link that copy-forward carried or left behind. */
export interface CopiedEvidenceLink {
  indicatorCode: string;
  evidenceId: number;
  title: string;
}

export interface CopyForwardOutcome {
  copied: string[];
  unmapped: string[];
  notCarried: string[];
  /** Indicators of this instrument with no counterpart in the earlier one ("baru di Pemdi"). */
  newHere: string[];
  family: string;
  skipped: string[];
  evidence: { linked: CopiedEvidenceLink[]; tooOld: CopiedEvidenceLink[] };
}

/** Starts this self-assessment from an earlier assessment of the same agency. */
export async function copyForward(id: number, fromAssessmentId: number): Promise<CopyForwardOutcome> {
  return (await request("POST", `${base(id)}/copy-forward`, { fromAssessmentId })) as CopyForwardOutcome;
}

/** Gives indicators of the self-assessment to units (OPD) of the agency; `unitId: null` takes one back. */
export async function assignIndicatorUnits(id: number, assignments: { indicatorCode: string; unitId: number | null }[]): Promise<void> {
  await request("PUT", `${base(id)}/indicator-units`, { assignments });
}

/** Adds a unit (OPD) to the agency (Koordinator SPBE). */
export async function addUnit(agency: string, name: string): Promise<{ id: number; name: string }> {
  return (await request("POST", `/api/agencies/${encodeURIComponent(agency)}/units`, { name })) as { id: number; name: string };
}
