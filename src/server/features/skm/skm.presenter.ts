import { aggregateIkm, emptyTally, ikmFromTally, type IkmPolicy, type IkmResult, type IkmTally } from "../../../core";
import type { FollowUpRow, SurveyRow } from "../../../db/queries/skm";
import { writeCsv } from "../../../lib/csv-write";

/** A tally from the 36 counts the database computed. */
export function tallyOf(row: { respondents: number; counts: number[] } | undefined): IkmTally {
  const t = emptyTally();
  if (!row) return t;
  t.respondents = row.respondents;
  row.counts.forEach((c, i) => (t.counts[i] = c));
  return t;
}

/** The result fields the API shows (the core's result, whitelisted). */
export function presentResult(r: IkmResult) {
  return {
    respondents: r.respondents,
    nrr: r.nrr,
    nrrConverted: r.elements.map((e) => e.nrrConverted),
    ikm: r.ikm,
    mutu: r.mutu,
    kinerja: r.kinerja,
    policy: r.policy,
    population: r.population,
    minimumRespondents: r.minimumRespondents,
    enough: r.enough,
    weakestElements: r.weakestElements,
  };
}

export function surveyResult(row: SurveyRow, tally: IkmTally, policy: IkmPolicy = "exact"): IkmResult {
  return ikmFromTally(tally, { policy, population: row.population ?? undefined });
}

export function presentSurvey(r: SurveyRow) {
  return {
    id: r.id,
    title: r.title,
    service: { id: r.serviceId, name: r.serviceName },
    unit: r.unitId !== null && r.unitName !== null ? { id: r.unitId, name: r.unitName } : null,
    agency: { code: r.agencyCode, name: r.agencyName },
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    status: r.status as "draft" | "open" | "closed",
    population: r.population,
    counters: r.counters,
    demo: r.demo,
    respondents: r.respondents,
    openedAt: r.openedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    publicPath: `/survei/${r.id}`,
  };
}

export function presentFollowUp(f: FollowUpRow) {
  return {
    id: f.id,
    element: f.element as "U1",
    action: f.action,
    ownerUnit: f.ownerUnitId !== null && f.ownerUnitName !== null ? { id: f.ownerUnitId, name: f.ownerUnitName } : null,
    dueDate: f.dueDate,
    status: f.status as "planned" | "in_progress" | "done",
    improvementActionId: f.improvementActionId,
  };
}

/** One aggregation group: the pooled IKM of its surveys (core aggregateIkm: counts added, never IKMs averaged). */
export function group(key: string, name: string, rows: readonly SurveyRow[], tallies: Map<number, IkmTally>, policy: IkmPolicy) {
  const r = aggregateIkm(
    rows.map((s) => ({ tally: tallies.get(s.id) ?? emptyTally(), population: s.population ?? undefined })),
    { policy },
  );
  return { key, name, surveys: r.parts, partsBelowMinimum: r.partsBelowMinimum, result: presentResult(r) };
}

/** Groups rows by a key, keeping the first name seen, in key order. */
export function groupBy<T>(rows: readonly T[], keyOf: (r: T) => string | null, nameOf: (r: T) => string): { key: string; name: string; rows: T[] }[] {
  const m = new Map<string, { key: string; name: string; rows: T[] }>();
  for (const r of rows) {
    const k = keyOf(r);
    if (k === null) continue;
    const g = m.get(k) ?? { key: k, name: nameOf(r), rows: [] };
    g.rows.push(r);
    m.set(k, g);
  }
  return [...m.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export interface OpenDataRowDto {
  provinceCode: string | null;
  agencyCode: string;
  agencyName: string;
  serviceId: number;
  serviceName: string;
  surveyId: number;
  periodStart: string;
  periodEnd: string;
  status: "draft" | "open" | "closed";
  respondents: number;
  ikm: number | null;
  mutu: "A" | "B" | "C" | "D" | null;
  minimumRespondents: number | null;
  enough: boolean | null;
}

export function presentOpenDataRow(s: SurveyRow, tally: IkmTally): OpenDataRowDto {
  const r = surveyResult(s, tally);
  return {
    provinceCode: s.provinceCode,
    agencyCode: s.agencyCode,
    agencyName: s.agencyName,
    serviceId: s.serviceId,
    serviceName: s.serviceName,
    surveyId: s.id,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    status: s.status as "open",
    respondents: r.respondents,
    ikm: r.ikm,
    mutu: r.mutu,
    minimumRespondents: r.minimumRespondents,
    enough: r.enough,
  };
}

const OPEN_DATA_COLUMNS = ["provinceCode", "agencyCode", "agencyName", "serviceId", "serviceName", "surveyId", "periodStart", "periodEnd", "status", "respondents", "ikm", "mutu", "minimumRespondents", "enough"] as const;

export function openDataCsv(rows: readonly OpenDataRowDto[]): string {
  return writeCsv([[...OPEN_DATA_COLUMNS], ...rows.map((r) => OPEN_DATA_COLUMNS.map((c) => r[c] ?? ""))]);
}
