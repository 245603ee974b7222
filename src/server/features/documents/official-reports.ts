import { createHash } from "node:crypto";
import {
  answersByIndicator,
  effectiveLevel,
  fromScaledInt,
  predicateNames,
  roundTenThousandthsToHundredths,
  scoreAssessment,
  stagesFor,
  type PredicatePolicy,
  type Stage,
} from "../../../core";
import { reportFindings } from "../../../core/documents/report-findings";
import { documentKindCode } from "../../../core/documents/document-kinds";
import { DEFAULT_DOCUMENT_NUMBER_PATTERN } from "../../../core/documents/document-number";
import type { AuditContext } from "../../../db/audit/record-audit";
import { issueDocumentOnce } from "../../../db/commands/issue-document";
import { answersOf, findAssessment } from "../../../db/queries/assessments";
import { provinceWithChildren } from "../../../db/queries/dashboards";
import { letterheadOf } from "../../../db/queries/letterhead";
import { latestResultWithAuthor, recommendationsForReport } from "../../../db/queries/official-documents";
import { agencyRoleHolder } from "../../../db/queries/submission";
import { generalRecommendationOf } from "../../../db/queries/planning";
import { publishedSnapshot } from "../../../db/queries/published-snapshot";
import { bundledInstrument } from "../../../lib/instrument-files";
import { instrumentFor } from "../../../db/queries/instruments";
import { renderLhe, type LheData } from "../../../lib/pdf/lhe-pdf";
import type { Signer } from "../../../lib/pdf/pdf-parts";
import type { IssuedDocumentSnapshot } from "../../../db/schema";
import { renderProvinceSummary, type ProvinceSummaryData } from "../../../lib/pdf/province-summary-pdf";
import { indexFamilyOf, resultInstruments } from "../../../lib/result-instruments";
import type { AppContext } from "../../context";
import { AppError, notFound } from "../../errors";
import { agencyStandings, averageOf } from "../cockpit/cockpit-results";

export const LHE_KIND = "laporan-hasil-evaluasi";
export const PROVINCE_SUMMARY_KIND = "ringkasan-provinsi";

/** What producing an official report gives: the register's id, the bytes (the registered SHA-256) and a file name. */
export interface ProducedDocument {
  documentId: string;
  pdf: Buffer;
  fileName: string;
}

/** Hears the progress of a production (0–100); never awaited for a database write inside the issue transaction. */
export type Progress = (percent: number) => void;

/** What an issued document froze: its number, verification address, signer and date. */
interface Identity {
  number: string;
  verifyUrl: string;
  signer: Signer;
  issuedAt: Date;
}
const identityOf = (d: { number: string; snapshot: IssuedDocumentSnapshot }, signer: Signer, issuedAt: Date): Identity => ({
  number: d.number,
  verifyUrl: d.snapshot.verifyUrl,
  signer: d.snapshot.signers?.[0] ?? signer,
  issuedAt,
});

/** A SHA-256 of what a document states (a logo by its own hash), naming its contents in the register. */
function contentHash(value: unknown): string {
  const json = JSON.stringify(value, (_, v: unknown) => (v && typeof v === "object" && (v as { type?: string }).type === "Buffer" ? createHash("sha256").update(Buffer.from((v as { data: number[] }).data)).digest("hex") : v));
  return createHash("sha256").update(json).digest("hex");
}

const STAGE_LABEL: Record<string, string> = { mandiri: "Mandiri", dokumen: "Dokumen", interviu: "Interviu", visitasi: "Visitasi" };

/** The assessors' note of an indicator: the latest external stage's justification, analysis or facts. */
function notesOf(byStage: Partial<Record<Stage, { justification?: string | null; analysis?: string | null; facts?: string | null }>>, order: readonly Stage[]): string | null {
  for (const stage of [...order].reverse()) {
    if (stage === "mandiri" || stage === "final") continue;
    const a = byStage[stage];
    const text = a?.justification?.trim() || a?.analysis?.trim() || a?.facts?.trim();
    if (text) return text;
  }
  return null;
}

/**
 * The Laporan Hasil Evaluasi of a final assessment, issued once per result revision (the register
 * keeps its number, public id and SHA-256; every later production renders the same bytes from the
 * frozen identity). 404 when the assessment is gone, 409 `not_final` before it is final. The
 * caller has checked that the requester may read the assessment.
 */
export async function produceLhe(ctx: AppContext, input: { assessmentId: number; origin: string; audit: AuditContext }, progress: Progress = () => {}): Promise<ProducedDocument> {
  const { db } = ctx.database;
  const found = await findAssessment(db, input.assessmentId);
  if (!found) throw notFound("assessment");
  if (found.assessment.stage !== "final") throw new AppError(409, "not_final", "the evaluation report exists once the assessment is final");
  const compiled = await instrumentFor(db, found.period.instrumentId);
  if (!compiled) throw new AppError(500, "internal_error", `instrument ${found.period.instrumentId} is not available`);
  const latest = await latestResultWithAuthor(db, found.assessment.id);
  if (!latest) throw new AppError(409, "no_final_result", "this assessment has no final result");
  const { result } = latest;
  const [answers, general, planning, letterhead] = await Promise.all([
    answersOf(db, found.assessment.id),
    generalRecommendationOf(db, found.assessment.id),
    recommendationsForReport(db, { agencyId: found.assessment.agencyId, periodId: found.period.id, assessmentId: found.assessment.id }),
    letterheadOf(db, found.assessment.agencyId),
  ]);
  progress(5);
  const order = stagesFor(found.period.kind, found.period.withVisit);
  const stages = order.filter((s) => s !== "final");
  const byIndicator = answersByIndicator(answers);
  const full = new Map(answers.map((a) => [`${a.indicatorCode}/${a.stage}`, a]));
  const indicators = compiled.codes.map((code) => {
    const own = byIndicator[code] ?? {};
    const texts = Object.fromEntries(stages.map((s) => [s, full.get(`${code}/${s}`) ?? {}]));
    return {
      code,
      levels: Object.fromEntries(stages.map((s) => [s, effectiveLevel(order, own, s).level])),
      final: result.levels[code] ?? null,
      notes: notesOf(texts, order),
    };
  });
  const score = scoreAssessment(compiled, result.levels, { policy: result.predicatePolicy as PredicatePolicy });
  const nodes = score.nodes.map((n) => ({ code: n.code, name: n.name, kind: n.kind, depth: n.depth, index: n.indexRounded }));
  const deepest = Math.max(...nodes.map((n) => n.depth));
  const radarNodes = nodes.filter((n) => n.depth === deepest).length >= 3 ? nodes.filter((n) => n.depth === deepest) : nodes.filter((n) => n.depth === 0);
  const findings = reportFindings(compiled, result.levels, 5);
  const unitOrOwner = (a: (typeof planning.actions)[number]) => [a.unitName, a.action.ownerName].filter(Boolean).join(" — ") || null;
  const signer = { title: "Evaluator", name: latest.authorName, nip: latest.authorNip };
  const data: Omit<LheData, "document" | "issuedAt" | "signer"> = {
    agency: { code: found.agencyCode, name: found.agencyName },
    period: { name: found.period.name, year: found.period.year, kind: found.period.kind },
    instrument: compiled.instrument,
    indexName: indexFamilyOf(compiled.instrument.id).name,
    letterhead,
    resultAt: result.createdAt,
    revision: result.revision,
    index: { exact: result.index10k / 10000, rounded: fromScaledInt(roundTenThousandthsToHundredths(result.index10k), 2), predicate: result.predicate },
    nodes,
    radar: radarNodes,
    stages: stages.map((s) => ({ code: s, label: STAGE_LABEL[s] ?? s })),
    indicators,
    strengths: findings.strengths,
    weaknesses: findings.weaknesses,
    generalRecommendation: general?.text ?? null,
    recommendations: planning.recommendations.map((r) => ({ text: r.text, source: r.source, priority: r.priority })),
    actions: planning.actions.map((a) => ({
      title: a.action.title,
      owner: unitOrOwner(a),
      dueDate: a.action.dueDate,
      target: a.action.targetIndicatorCode ? `Ind. ${a.action.targetIndicatorCode}${a.action.targetLevel ? `, tingkat ${a.action.targetLevel}` : ""}` : null,
      budget: a.action.budget,
      status: a.action.status,
    })),
    place: letterhead.seat ?? found.agencyName,
  };
  const render = (identity: Identity) =>
    renderLhe({ ...data, issuedAt: identity.issuedAt, signer: identity.signer, document: { number: identity.number, verifyUrl: identity.verifyUrl } }, { progress: (p) => progress(5 + p * 0.9) });
  const issuedAt = new Date();
  const issued = await issueDocumentOnce(db, input.audit, {
    kind: LHE_KIND,
    assessmentId: found.assessment.id,
    // The same contents (the result revision, answers, recommendations, action plan, kop surat) are the same document.
    subjectKey: `${found.assessment.id}:r${result.revision}:${contentHash(data)}`,
    agencyId: found.assessment.agencyId,
    agencyCode: found.agencyCode,
    title: `Laporan Hasil Evaluasi ${found.period.name}`,
    subjectAt: issuedAt,
    pattern: ctx.documentNumberPattern ?? DEFAULT_DOCUMENT_NUMBER_PATTERN,
    kindCode: documentKindCode(LHE_KIND),
    verifyUrlOf: (docId) => `${input.origin}/verifikasi/${docId}`,
    signatories: { coordinator: { name: null, nip: null }, leader: { name: null, nip: null } },
    signers: [signer],
    render: (d) => render(identityOf(d, signer, issuedAt)),
  });
  const { document } = issued;
  // Rendered again from the identity frozen at the first issue: the same bytes, the registered hash.
  const pdf = issued.pdf ?? (await render(identityOf({ number: document.number, snapshot: document.snapshot }, signer, document.subjectAt)));
  return { documentId: document.id, pdf, fileName: `laporan-hasil-evaluasi-${found.agencyCode}-${found.period.year}.pdf` };
}

/**
 * The summary of a province and its kab/kota for a year from the published results: index,
 * predicate, change from the previous result of the same index family, every top-level node of the
 * year's instrument, counts by predicate. Issued once per distinct content (the year and a SHA-256
 * of the figures are its subject key; new figures are a new document), dated at its first issue.
 * 404 for an unknown province, 409 `no_published_results` for a year without any. The caller has
 * checked that the requester may open the province.
 */
export async function produceProvinceSummary(ctx: AppContext, input: { province: string; year: number; origin: string; audit: AuditContext }, progress: Progress = () => {}): Promise<ProducedDocument> {
  const { db } = ctx.database;
  const found = await provinceWithChildren(db, input.province);
  if (!found) throw notFound("province");
  const { province, children } = found;
  const family = [province, ...children];
  const ids = new Set(family.map((a) => a.id));
  const snapshot = await publishedSnapshot(db);
  const published = snapshot.rows.filter((r) => ids.has(r.agencyId));
  const yearRows = published.filter((r) => r.year === input.year);
  if (!yearRows.length) throw new AppError(409, "no_published_results", `no published results of ${input.year} in this province`, { year: input.year });
  const instrumentId = yearRows[0]!.instrumentId;
  const compiled = bundledInstrument(instrumentId);
  const nodes = resultInstruments([instrumentId])[0]!.nodes.map(({ code, name }) => ({ code, name }));
  const standings = agencyStandings(family, published, input.year);
  const names = compiled ? predicateNames(compiled.instrument) : [...new Set(yearRows.map((r) => r.predicate))];
  const figures: Omit<ProvinceSummaryData, "letterhead" | "issuedAt" | "place" | "signer" | "document"> = {
    province: { code: province.code, name: province.name },
    year: input.year,
    indexName: indexFamilyOf(instrumentId).name,
    nodes,
    agencies: standings.map((a) => ({
      code: a.code,
      name: a.name,
      rank: a.rank,
      index: a.result?.index ?? null,
      predicate: a.result?.predicate ?? null,
      previous: a.previous,
      change: a.change,
      nodes: a.result?.nodes ?? {},
    })),
    predicateCounts: names.map((p) => ({ predicate: p, count: yearRows.filter((r) => r.predicate === p).length })),
    average: averageOf(yearRows, nodes.map((n) => n.code)).index,
  };
  progress(10);
  const [letterhead, coordinator] = await Promise.all([letterheadOf(db, province.id), agencyRoleHolder(db, province.id, "koordinator_provinsi")]);
  const signer = { title: "Koordinator Provinsi", name: coordinator?.name ?? null, nip: coordinator?.nip ?? null };
  const subjectKey = `${input.year}:${contentHash({ figures, letterhead })}`;
  const render = (identity: Identity) =>
    renderProvinceSummary(
      { ...figures, letterhead, place: letterhead.seat ?? province.name, issuedAt: identity.issuedAt, signer: identity.signer, document: { number: identity.number, verifyUrl: identity.verifyUrl } },
      { progress: (p) => progress(10 + p * 0.85) },
    );
  const issuedAt = new Date();
  const issued = await issueDocumentOnce(db, input.audit, {
    kind: PROVINCE_SUMMARY_KIND,
    assessmentId: null,
    subjectKey,
    agencyId: province.id,
    agencyCode: province.code,
    title: `Ringkasan Hasil Evaluasi ${province.name} ${input.year}`,
    subjectAt: issuedAt,
    pattern: ctx.documentNumberPattern ?? DEFAULT_DOCUMENT_NUMBER_PATTERN,
    kindCode: documentKindCode(PROVINCE_SUMMARY_KIND),
    verifyUrlOf: (docId) => `${input.origin}/verifikasi/${docId}`,
    signatories: { coordinator: signer, leader: { name: null, nip: null } },
    signers: [signer],
    render: (d) => render(identityOf(d, signer, issuedAt)),
  });
  const { document } = issued;
  const pdf = issued.pdf ?? (await render(identityOf({ number: document.number, snapshot: document.snapshot }, signer, document.subjectAt)));
  return { documentId: document.id, pdf, fileName: `ringkasan-hasil-evaluasi-${province.code}-${input.year}.pdf` };
}
