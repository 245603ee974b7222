import { createHash } from "node:crypto";
import { SKM_ELEMENTS } from "../../../core";
import { DEFAULT_DOCUMENT_NUMBER_PATTERN } from "../../../core/documents/document-number";
import { documentKindCode } from "../../../core/documents/document-kinds";
import type { AuditContext } from "../../../db/audit/record-audit";
import { issueDocumentOnce } from "../../../db/commands/issue-document";
import { letterheadFromSnapshot, letterheadSettingsOf, letterheadSnapshotFrom } from "../../../db/queries/letterhead";
import { listFollowUps, type SurveyRow } from "../../../db/queries/skm";
import { renderSkmReport, type SkmReportData } from "../../../lib/pdf/skm-report-pdf";
import type { AppContext } from "../../context";
import { presentResult, surveyResult } from "./skm.presenter";
import { talliesOf } from "./skm.routes";

export const SKM_REPORT_KIND = "laporan-skm";

const elementName = (code: string) => SKM_ELEMENTS.find((e) => e.code === code)?.name.id ?? code;

/**
 * The published report of a survey as data (also its open data): the result, and the follow-up
 * actions on the weakest elements — the planned ones, else the weakest elements marked unplanned.
 */
export async function skmReportOf(ctx: AppContext, row: SurveyRow) {
  const { db } = ctx.database;
  const tally = (await talliesOf(db, [row])).get(row.id)!;
  const result = presentResult(surveyResult(row, tally));
  const planned = await listFollowUps(db, [row.id]);
  const followUps = planned.length
    ? planned.map((f) => ({ element: f.element, elementName: elementName(f.element), action: f.action, owner: f.ownerUnitName, due: f.dueDate, status: f.status }))
    : result.weakestElements.map((e) => ({ element: e, elementName: elementName(e), action: "Belum ada rencana tindak lanjut", owner: null, due: null, status: "unplanned" }));
  return {
    survey: { id: row.id, title: row.title, periodStart: row.periodStart, periodEnd: row.periodEnd, status: row.status },
    agency: { code: row.agencyCode, name: row.agencyName },
    service: { id: row.serviceId, name: row.serviceName },
    unit: row.unitName,
    elements: SKM_ELEMENTS.map((e, i) => ({ code: e.code, name: e.name.id, nrr: result.nrr[i] ?? null, nrrConverted: result.nrrConverted[i] ?? null })),
    result: { respondents: result.respondents, population: result.population, minimumRespondents: result.minimumRespondents, enough: result.enough, ikm: result.ikm, mutu: result.mutu, kinerja: result.kinerja?.id ?? null, weakestElements: result.weakestElements },
    followUps,
  };
}

export type SkmReport = Awaited<ReturnType<typeof skmReportOf>>;

/**
 * Issues the survey's report once per content (document kind `laporan-skm`, LAP-SKM in its number,
 * the kop surat frozen, registered with its SHA-256 for /verifikasi): the subject is the survey and
 * a SHA-256 of the report's figures, so new responses make a new report and the same figures give
 * the same document, rendered again from its frozen identity (the same bytes).
 */
export async function skmReportPdf(ctx: AppContext, audit: AuditContext, row: SurveyRow, origin: string, now: Date): Promise<{ pdf: Buffer; documentId: string; number: string; issuedAt: Date }> {
  const { db } = ctx.database;
  const report = await skmReportOf(ctx, row);
  const digest = createHash("sha256").update(JSON.stringify(report)).digest("hex");
  const settings = (await letterheadSettingsOf(db, row.agencyId))!;
  const letterheadSnapshot = letterheadSnapshotFrom(settings);
  const base = (issuedAt: Date): Omit<SkmReportData, "letterhead" | "document"> => ({
    serviceName: report.service.name,
    unitName: report.unit,
    surveyTitle: report.survey.title,
    period: `${report.survey.periodStart} s.d. ${report.survey.periodEnd}`,
    issuedAt,
    respondents: report.result.respondents,
    population: report.result.population,
    minimumRespondents: report.result.minimumRespondents,
    enough: report.result.enough,
    elements: report.elements.map((e) => ({ code: e.code, name: e.name, nrr: e.nrr, converted: e.nrrConverted })),
    ikm: report.result.ikm,
    mutu: report.result.mutu,
    kinerja: report.result.kinerja,
    followUps: report.followUps.map((f) => ({ element: `${f.element} ${f.elementName}`, action: f.action, owner: f.owner, due: f.due })),
    signer: { title: "Kepala Unit Pelayanan", name: null, nip: null },
  });
  const issued = await issueDocumentOnce(db, audit, {
    kind: SKM_REPORT_KIND,
    kindCode: documentKindCode(SKM_REPORT_KIND),
    assessmentId: null,
    subjectKey: `skm-survey:${row.id}:${digest}`,
    agencyId: row.agencyId,
    agencyCode: row.agencyCode,
    title: `Laporan SKM ${report.service.name} ${report.survey.periodStart} s.d. ${report.survey.periodEnd}`,
    subjectAt: now,
    pattern: ctx.documentNumberPattern ?? DEFAULT_DOCUMENT_NUMBER_PATTERN,
    verifyUrlOf: (id) => `${origin}/verifikasi/${id}`,
    letterhead: letterheadSnapshot,
    render: async (identity) => renderSkmReport({ ...base(now), letterhead: await letterheadFromSnapshot(db, row.agencyId, letterheadSnapshot), document: { number: identity.number, verifyUrl: identity.snapshot.verifyUrl } }),
  });
  const doc = issued.document;
  const pdf =
    issued.pdf ??
    (await renderSkmReport({ ...base(doc.subjectAt), letterhead: await letterheadFromSnapshot(db, row.agencyId, doc.snapshot.letterhead ?? letterheadSnapshot), document: { number: doc.number, verifyUrl: doc.snapshot.verifyUrl } }));
  return { pdf, documentId: doc.id, number: doc.number, issuedAt: doc.subjectAt };
}
