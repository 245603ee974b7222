import type { FastifyInstance } from "fastify";
import { count, eq } from "drizzle-orm";
import { Readable } from "node:stream";
import { testEvidenceStorage } from "../helpers/test-evidence-storage";
import { answerEvidence, assessmentResults, assessments, documentJobs, evidenceItemLinks, auditEvents, issuedDocuments, oneTimeLinks, stageTransitions, units, userRoles } from "../../src/db/schema";
import { enqueueDocumentJob } from "../../src/db/commands/document-jobs";
import { resultSnapshot } from "../../src/db/commands/finalise";
import { bundledInstrument } from "../../src/lib/instrument-files";
import { uploadEvidence } from "../../src/db/commands/evidence-upload";
import { startResumableUpload } from "../../src/db/commands/evidence-resumable";
import { evidenceSettingsOf } from "../../src/server/features/evidence/evidence-settings";
import type { AppContext } from "../../src/server/context";
import { createPeriod } from "../../src/db/commands/create-period";
import { saveAnswer } from "../../src/db/commands/save-answer";
import { assignToAssessment } from "../../src/db/commands/assign";
import { setLetterheadLogo } from "../../src/db/commands/letterhead";
import { createService, putStandardInForce, saveStandardDraft } from "../../src/db/commands/public-services";
import { createFollowUp, createSurvey, setSurveyStatus } from "../../src/db/commands/skm";
import { SERVICE_COMPONENT_KEYS } from "../../src/core";
import { fileComplaint } from "../../src/db/commands/complaints";
import { complaintWorkflow } from "../../src/server/features/complaints/complaint-workflow";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/core";
import { createApiToken } from "../../src/db/commands/api-tokens";
import { buildApp } from "../../src/server/app";
import { DEFAULT_THROTTLE } from "../../src/db/commands/login-throttle";
import { DEFAULT_SESSION_SETTINGS } from "../../src/server/auth/session-settings";
import { seedDemo } from "../../src/db/commands/seed-demo";
import type { Database } from "../../src/db/client";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { openTestDatabase, TEST_DB_KIND } from "../helpers/test-database";
import { PLANNING_MATRIX } from "./planning-matrix";
import { smallInstrument } from "../helpers/instruments";

/** The matrix tries wrong passwords as every role from one address; throttling has its own tests. */
const NO_THROTTLE = { ...DEFAULT_THROTTLE, baseDelayMs: 0, maxFailures: 1_000_000, addressMaxFailures: 1_000_000 };
import { COLLABORATION_MATRIX } from "./collaboration-matrix";

// Every registered route × every role × own agency / other agency / anonymous. "Own" targets live in
// Kota Jambi (15.71, inside the Koordinator Provinsi's province 15); "other" targets in Kota
// Palembang (16.71). A route registered without an entry here fails the test.
type Who = "anonymous" | Role;
const WHO: Who[] = ["anonymous", "administrator", "koordinator_provinsi", "koordinator_spbe", "penanggung_jawab", "pelaksana_entri", "asesor_internal", "pimpinan", "petugas_layanan", "pejabat_layanan", "asesor_eksternal", "tim_reviu"];
const HOME: Record<Role, string | null> = {
  administrator: null,
  koordinator_provinsi: "15",
  koordinator_spbe: "15.71",
  penanggung_jawab: "15.71",
  pelaksana_entri: "15.71",
  asesor_internal: "15.71",
  pimpinan: "15.71",
  petugas_layanan: "15.71",
  pejabat_layanan: "15.71",
  asesor_eksternal: null,
  tim_reviu: null,
};

/** The citizen-service roles: they read their agency's catalogue and units, never its SPBE evaluation. */
const SERVICE: Who[] = ["petugas_layanan", "pejabat_layanan"];
/** Holds an SPBE role in an agency (the Koordinator Provinsi's province included). */
const spbeMember = (who: Who) => who !== "anonymous" && HOME[who] !== null && !SERVICE.includes(who);

interface Ctx {
  db: Database;
  userId: number | null;
  target: "own" | "other";
  agency: string;
}
interface Req {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  body?: unknown;
}
interface Entry {
  route: string;
  build: (c: Ctx) => Promise<Req> | Req;
  expect: (who: Who, target: "own" | "other") => number;
  /** Why a successful write of this route leaves no audit event (it changes only the caller's own drafts or view). */
  unaudited?: string;
  /** The Koordinator SPBE's answer on an own target, where it differs from `expect`. */
  coordinatorOwn?: number;
}

const everyone = (status: number) => () => status;
/** Online applications of an agency: its service officers and officials only; everyone else, and other agencies, 404. */
const serviceOfficers = (ok: number) => (who: Who, target: "own" | "other") => (who === "anonymous" ? 401 : (who === "petugas_layanan" || who === "pejabat_layanan") && target === "own" ? ok : 404);
const signedIn = (status: number) => (who: Who) => (who === "anonymous" ? 401 : status);
const managers = (own: number, other: number) => (who: Who, target: "own" | "other") => {
  if (who === "anonymous") return 401;
  if (who === "administrator") return own;
  if (who === "koordinator_spbe") return target === "own" ? own : other;
  return 403;
};
const auditCount = async (database: Database) => (await database.db.select({ n: count() }).from(auditEvents))[0]!.n;
const stamp = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/** Units: readable inside one's agency (and province for its coordinator), managed by its Koordinator SPBE. */
const unitAccess = (okRead: number, okManage: number, manage: boolean) => (who: Who, target: "own" | "other") => {
  if (who === "anonymous") return 401;
  if (who === "administrator") return manage ? okManage : okRead;
  const reads = target === "own" && HOME[who] !== null;
  if (!reads) return 404;
  if (!manage) return okRead;
  return who === "koordinator_spbe" ? okManage : 403;
};
let unitCounter = 0;

/** The kop surat is set by the agency's Koordinator SPBE, the Koordinator Provinsi over it (Kota Jambi is in province 15) and administrators. */
/** The kop surat is read like the agency's SPBE data (service roles: 404). */
const letterheadRead = (who: Who, target: "own" | "other") => (who === "anonymous" ? 401 : who === "administrator" || (target === "own" && spbeMember(who)) ? 200 : 404);
const letterheadManage = (ok: number) => (who: Who, target: "own" | "other") => {
  const read = letterheadRead(who, target);
  if (read !== 200) return read;
  return who === "administrator" || who === "koordinator_spbe" || who === "koordinator_provinsi" ? ok : 403;
};
/** Gives the target agency a logo (a tiny PNG), returning its code. */
async function withLogo(c: Ctx): Promise<string> {
  const id = (await agencyIdsByCode(c.db.db, [c.agency])).get(c.agency)!;
  const { default: QRCode } = await import("qrcode");
  await setLetterheadLogo(c.db.db, { actorUserId: null, actorLabel: "test", ip: null, userAgent: null }, id, { bytes: await QRCode.toBuffer(`logo ${c.agency}`), contentType: "image/png" });
  return c.agency;
}

/** A service of the target agency whose standard is a blank draft, a complete draft or in force (version 1); returns its id. */
async function serviceIn(c: Ctx, state: "draft" | "complete" | "in_force"): Promise<number> {
  const agencyId = (await agencyIdsByCode(c.db.db, [c.agency])).get(c.agency)!;
  const audit = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };
  const { id } = await createService(c.db.db, audit, agencyId, { name: `Layanan Uji ${stamp()}`, summary: "", sector: "lainnya", unitId: null, onlineUrl: null, atMpp: false, atOffice: true, feeRupiah: null });
  if (state === "draft") return id;
  const components = Object.fromEntries(SERVICE_COMPONENT_KEYS.map((k) => [k, `Uji ${k}`])) as Parameters<typeof saveStandardDraft>[5];
  await saveStandardDraft(c.db.db, audit, agencyId, id, 1, { ...components, decreeNumber: "SK/UJI/2026", decreeDate: "2026-01-05" });
  if (state === "in_force") await putStandardInForce(c.db.db, audit, agencyId, id, 1);
  return id;
}
/** A survey of a fresh service of the target agency (open unless "draft"); the period holds every day of 2020–2099. */
async function surveyIn(c: Ctx, state: "draft" | "open" = "open"): Promise<number> {
  const agencyId = (await agencyIdsByCode(c.db.db, [c.agency])).get(c.agency)!;
  const audit = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };
  const serviceId = await serviceIn(c, "draft");
  const id = await createSurvey(c.db.db, audit, agencyId, { serviceId, title: "SKM Uji", periodStart: "2020-01-01", periodEnd: "2099-12-31", population: null, counters: [] });
  if (state === "open") await setSurveyStatus(c.db.db, audit, agencyId, id, "open");
  return id;
}
async function followUpIn(c: Ctx): Promise<string> {
  const agencyId = (await agencyIdsByCode(c.db.db, [c.agency])).get(c.agency)!;
  const survey = await surveyIn(c);
  const f = await createFollowUp(c.db.db, { actorUserId: null, actorLabel: "test", ip: null, userAgent: null }, agencyId, survey, { element: "U9", action: "Uji tindak lanjut", ownerUnitId: null, dueDate: null, status: "planned", improvementActionId: null });
  return `${survey}/follow-ups/${f}`;
}
const skmAnswers = Object.fromEntries(["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"].map((k) => [k, 3]));
let skmDevice = 0;

/** Complaints: read by the agency's service staff, its Koordinator SPBE and administrators (others 404); acted on only by the service staff. */
const complaintAccess = (ok: number, handle: boolean) => (who: Who, target: "own" | "other") => {
  if (who === "anonymous") return 401;
  const reads = who === "administrator" || (target === "own" && (who === "petugas_layanan" || who === "pejabat_layanan" || who === "koordinator_spbe"));
  if (!reads) return 404;
  if (!handle) return ok;
  return who === "petugas_layanan" || who === "pejabat_layanan" ? (target === "own" ? ok : 404) : 403;
};
/** A fresh complaint (received, confidential) of the target agency; returns its id. */
async function complaintIn(c: Ctx): Promise<number> {
  const agencyId = (await agencyIdsByCode(c.db.db, [c.agency])).get(c.agency)!;
  const n = stamp().toUpperCase().replace(/[^A-Z0-9]/g, "");
  const { id } = await fileComplaint(c.db.db, { actorUserId: null, actorLabel: "test", ip: null, userAgent: null }, complaintWorkflow(), {
    agencyId, serviceId: null, category: "lainnya", title: "Pengaduan uji", description: "Pengaduan uji untuk matriks otorisasi.", location: null, channel: "web", anonymous: false, confidential: true,
    reporterName: "Pelapor Uji", reporterEmail: null, reporterPhone: null, citizenId: null, trackingNumber: `ADU-${n}`, checkHash: "0".repeat(64), filedOn: "2026-01-01", attachments: [],
  }, new Date());
  return id;
}
const serviceDraftBody = { ...Object.fromEntries(SERVICE_COMPONENT_KEYS.map((k) => [k, `Isi ${k}`])), decreeNumber: null, decreeDate: null };

/** A fresh national period with one assessment for the target agency; returns the assessment id. */
let matrixDocuments = 0;
async function assessmentIn(c: Ctx, instrumentId = "permenpanrb-59-2020"): Promise<number> {
  const id = (await agencyIdsByCode(c.db.db, [c.agency])).get(c.agency)!;
  const periodId = await createPeriod(c.db.db, { actorUserId: null, actorLabel: "test", ip: null, userAgent: null }, {
    name: "Uji", year: 2026, kind: "evaluasi", withVisit: false, instrumentId, predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [id],
  });
  const [a] = await c.db.db.select().from(assessments).where(eq(assessments.periodId, periodId));
  return a!.id;
}
const readsAssessment = (who: Who, target: "own" | "other") =>
  who === "administrator" || who === "tim_reviu" || (target === "own" && spbeMember(who));

/** Readers of a province's cockpit (and summary): administrators, the Tim Reviu, the province's Koordinator Provinsi. */
const cockpitReaders = (ok: number) => (who: Who, target: "own" | "other") =>
  who === "anonymous" ? 401 : who === "administrator" || who === "tim_reviu" || (who === "koordinator_provinsi" && target === "own") ? ok : 404;

/** A final assessment of the target agency with its result (every level 3). */
async function finalAssessmentIn(c: Ctx): Promise<number> {
  const id = await assessmentIn(c);
  const compiled = bundledInstrument("permenpanrb-59-2020")!;
  await c.db.db.update(assessments).set({ stage: "final", reviewStatus: "valid" }).where(eq(assessments.id, id));
  await c.db.db.insert(assessmentResults).values({ assessmentId: id, revision: 1, ...resultSnapshot(compiled, Object.fromEntries(compiled.codes.map((code) => [code, 3])), "exact") });
  return id;
}

/** A document job of the caller (own) or of someone else (other) for an LHE of the target agency; `done` with a file. */
async function jobFor(c: Ctx, done: boolean): Promise<string> {
  const owner = c.target === "own" && c.userId ? c.userId : (await makeUser(c.db, "administrator", null, null)).id;
  const assessmentId = await finalAssessmentIn(c);
  const id = await enqueueDocumentJob(c.db.db, { params: { kind: "lhe", assessmentId }, userId: owner, audit: { actorUserId: owner, actorLabel: "test", ip: null, userAgent: null }, origin: "http://localhost" });
  if (done) {
    const agencyId = (await agencyIdsByCode(c.db.db, [c.agency])).get(c.agency)!;
    const seq = ++matrixDocuments;
    const snapshot = { verifyUrl: `http://localhost/verifikasi/matrixJob${seq}`, signatories: { coordinator: { name: null, nip: null }, leader: { name: null, nip: null } } };
    await c.db.db.insert(issuedDocuments).values({ id: `matrixJob${seq}`, kind: "matrix", assessmentId, agencyId, title: "LHE", year: 2026, seq, number: `${seq}/LHE`, sha256: "0".repeat(64), subjectAt: new Date(seq), snapshot });
    await c.db.db.update(documentJobs).set({ status: "done", progress: 100, documentId: `matrixJob${seq}`, fileName: "lhe.pdf", result: Buffer.from("%PDF-1.4\n%%EOF\n") }).where(eq(documentJobs.id, id));
  }
  return id;
}

/** Readers get 403 on stage actions they may not take; non-readers 404. */
const stageAction = (allowed: (who: Who, target: "own" | "other") => boolean, ok: number) => (who: Who, target: "own" | "other") =>
  who === "anonymous" ? 401 : !readsAssessment(who, target) ? 404 : allowed(who, target) ? ok : 403;

/** The evidence store of this file's app: a temporary directory, never the checkout's ./data. */
const evidenceStorage = testEvidenceStorage();
const settingsOf = (c: Ctx) => evidenceSettingsOf({ database: c.db, storage: evidenceStorage } as unknown as AppContext);

/** A piece of evidence of the target agency with its file. Always the same content, so each agency keeps one file. */
async function evidenceIn(c: Ctx): Promise<number> {
  const agencyId = (await agencyIdsByCode(c.db.db, [c.agency])).get(c.agency)!;
  const { storage, maxBytes } = settingsOf(c);
  const pdf = Buffer.from("%PDF-1.4\n% Pandu authorization matrix\n%%EOF\n");
  const source = Readable.from([pdf]);
  const meta = { title: "Perwal Arsitektur SPBE", documentNumber: null, documentDate: null, reviewDate: null };
  return (await uploadEvidence(c.db.db, storage, { actorUserId: null, actorLabel: "test", ip: null, userAgent: null }, { agencyId, agencyCode: c.agency, source, fileName: "perwal.pdf", maxBytes, userId: null }, meta)).evidenceId;
}
const SELF_ASSESSORS: Who[] = ["koordinator_spbe", "penanggung_jawab", "pelaksana_entri", "asesor_internal"];
/** Evidence is read like the agency's assessments; uploads are for its self-assessment team and administrators. */
const evidenceRead = (who: Who, target: "own" | "other") => (who === "anonymous" ? 401 : readsAssessment(who, target) ? 200 : 404);
// The matrix sends JSON, so a caller allowed to upload is answered 415 (multipart expected) after every access check.
const evidenceUpload = (who: Who, target: "own" | "other") => {
  if (who === "anonymous") return 401;
  if (!readsAssessment(who, target)) return 404;
  return who === "administrator" || (SELF_ASSESSORS.includes(who) && target === "own") ? 415 : 403;
};
/** Saving the service dashboard as evidence: readers of the catalogue reach it (others 404); the agency's evidence uploaders and administrators save (201), other readers 403. */
const dashboardEvidence = (who: Who, target: "own" | "other") => {
  if (who === "anonymous") return 401;
  if (who === "administrator") return 201;
  if (target !== "own" || HOME[who] === null) return 404;
  return SELF_ASSESSORS.includes(who) ? 201 : 403;
};
let dashboardYear = 0;
/** Linking follows answering in the open stage (mandiri: the agency's self-assessment team). */
const evidenceLink = (ok: number) => stageAction((who, target) => SELF_ASSESSORS.includes(who) && target === "own", ok);

/** Metadata edits follow uploads, answered 200. */
const evidenceEdit = (who: Who, target: "own" | "other") => {
  const r = evidenceUpload(who, target);
  return r === 415 ? 200 : r;
};

/** A resumable upload session: the caller's own for "own" (in Kota Jambi), someone else's for "other". */
async function uploadSessionFor(c: Ctx): Promise<string> {
  const agencyId = (await agencyIdsByCode(c.db.db, ["15.71"])).get("15.71")!;
  const owner = c.target === "own" && c.userId ? c.userId : (await makeUser(c.db, "pelaksana_entri", "15.71", null)).id;
  const { storage } = settingsOf(c);
  return (await startResumableUpload(c.db.db, storage, { agencyId, userId: owner, evidenceId: null, fileName: "uji.pdf", size: 1000, fields: { title: "Unggahan bertahap uji" } })).id;
}
/** Only the user who started an upload reaches it, and only while they may still upload to that agency. */
const ownUpload = (ok: number) => (who: Who, target: "own" | "other") => (who === "anonymous" ? 401 : target === "own" && (who === "administrator" || SELF_ASSESSORS.includes(who)) ? ok : 404);
const DRAFT_ONLY = "an upload in progress is the uploader's draft; the finished file is audited as evidence.upload";

const MATRIX: Entry[] = [
  {
    route: "POST /api/agencies/:code/evidence/uploads",
    build: (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/evidence/uploads`, body: { size: 1000, title: "Unggahan bertahap" } }),
    expect: (who, target) => {
      const r = evidenceUpload(who, target);
      return r === 415 ? 201 : r;
    },
    unaudited: DRAFT_ONLY,
  },
  { route: "GET /api/evidence-uploads/:id", build: async (c) => ({ method: "GET", url: `/api/evidence-uploads/${await uploadSessionFor(c)}` }), expect: ownUpload(200) },
  // JSON instead of raw bytes: the owner is answered 415 after every access check.
  { route: "PATCH /api/evidence-uploads/:id", build: async (c) => ({ method: "PATCH", url: `/api/evidence-uploads/${await uploadSessionFor(c)}`, body: { bytes: "x" } }), expect: ownUpload(415) },
  { route: "DELETE /api/evidence-uploads/:id", build: async (c) => ({ method: "DELETE", url: `/api/evidence-uploads/${await uploadSessionFor(c)}` }), expect: ownUpload(204), unaudited: DRAFT_ONLY },
  {
    route: "PATCH /api/agencies/:code/evidence/:id",
    build: async (c) => ({ method: "PATCH", url: `/api/agencies/${c.agency}/evidence/${await evidenceIn(c)}`, body: { reviewDate: `2025-0${1 + (unitCounter++ % 9)}-15` } }),
    expect: evidenceEdit,
  },
  // The levels for pandu score / plan: whoever reads the assessment; anyone else, as if it did not exist.
  { route: "GET /api/assessments/:id/levels.json", build: async (c) => ({ method: "GET", url: `/api/assessments/${await assessmentIn(c)}/levels.json` }), expect: (who, target) => (who === "anonymous" ? 401 : readsAssessment(who, target) ? 200 : 404) },
  // The LKE workbook: exported by whoever reads the assessment; imported by whoever may answer in the open stage
  // (JSON instead of multipart: a caller allowed to import is answered 415 after every access check).
  { route: "GET /api/assessments/:id/lke.xlsx", build: async (c) => ({ method: "GET", url: `/api/assessments/${await assessmentIn(c)}/lke.xlsx` }), expect: (who, target) => (who === "anonymous" ? 401 : readsAssessment(who, target) ? 200 : 404) },
  {
    route: "POST /api/assessments/:id/lke",
    build: async (c) => ({ method: "POST", url: `/api/assessments/${await assessmentIn(c)}/lke`, body: { file: "x" } }),
    expect: (who, target) => {
      if (who === "anonymous") return 401;
      if (!readsAssessment(who, target)) return 404;
      const selfAssessor = ["koordinator_spbe", "penanggung_jawab", "pelaksana_entri", "asesor_internal"].includes(who);
      return selfAssessor && target === "own" ? 415 : 403;
    },
  },
  // All linked evidence as one ZIP: whoever reads the assessment and its agency's evidence; anyone else, as if it did not exist.
  { route: "GET /api/assessments/:id/evidence.zip", build: async (c) => ({ method: "GET", url: `/api/assessments/${await assessmentIn(c)}/evidence.zip` }), expect: evidenceRead },
  { route: "GET /api/assessments/:id/sectoral-services", build: async (c) => ({ method: "GET", url: `/api/assessments/${await assessmentIn(c)}/sectoral-services` }), expect: (who, target) => (who === "anonymous" ? 401 : readsAssessment(who, target) ? 200 : 404) },
  {
    route: "PUT /api/assessments/:id/sectoral-services",
    build: async (c) => ({ method: "PUT", url: `/api/assessments/${await assessmentIn(c)}/sectoral-services`, body: { services: [{ indicatorCode: "45", name: "Layanan Perizinan Daring", unitName: "DPMPTSP" }] } }),
    expect: stageAction((who, target) => who === "koordinator_spbe" && target === "own", 200),
  },
  {
    route: "GET /api/assessments/:id/berita-acara.pdf",
    build: async (c) => {
      // A submitted self-assessment: the stage moved on from mandiri with its transition recorded.
      const id = await assessmentIn(c);
      await c.db.db.update(assessments).set({ stage: "dokumen" }).where(eq(assessments.id, id));
      await c.db.db.insert(stageTransitions).values({ assessmentId: id, fromStage: "mandiri", toStage: "dokumen", actorUserId: null, note: null });
      return { method: "GET", url: `/api/assessments/${id}/berita-acara.pdf` };
    },
    expect: (who, target) => (who === "anonymous" ? 401 : readsAssessment(who, target) ? 200 : 404),
  },
  // The Laporan Hasil Evaluasi: whoever reads the final result; anyone else, as if it did not exist.
  { route: "GET /api/assessments/:id/lhe.pdf", build: async (c) => ({ method: "GET", url: `/api/assessments/${await finalAssessmentIn(c)}/lhe.pdf` }), expect: (who, target) => (who === "anonymous" ? 401 : readsAssessment(who, target) ? 200 : 404) },
  // The province summary: the province's cockpit readers.
  { route: "GET /api/provinces/:code/summary.pdf", build: (c) => ({ method: "GET", url: `/api/provinces/${c.agency.slice(0, 2)}/summary.pdf?year=2024` }), expect: cockpitReaders(200) },
  {
    route: "POST /api/documents/jobs",
    build: (c) => ({ method: "POST", url: "/api/documents/jobs", body: { kind: "province-summary", province: c.agency.slice(0, 2), year: 2024 } }),
    expect: cockpitReaders(202),
    unaudited: "it queues the requester's own job; the document it produces is audited as document.issue when it is issued",
  },
  // A document job is its requester's alone ("other": someone else's job).
  { route: "GET /api/documents/jobs/:id", build: async (c) => ({ method: "GET", url: `/api/documents/jobs/${await jobFor(c, false)}` }), expect: (who, target) => (who === "anonymous" ? 401 : target === "own" ? 200 : 404) },
  {
    route: "GET /api/documents/jobs/:id/file",
    build: async (c) => ({ method: "GET", url: `/api/documents/jobs/${await jobFor(c, true)}/file` }),
    expect: (who, target) => (who === "anonymous" ? 401 : target === "own" && readsAssessment(who, "own") ? 200 : 404),
  },
  {
    route: "POST /api/assessments/:id/answers/:code/verify",
    build: async (c) => {
      const id = await assessmentIn(c);
      const agencyId = (await agencyIdsByCode(c.db.db, [c.agency])).get(c.agency)!;
      await saveAnswer(c.db.db, { actorUserId: null, actorLabel: "test", ip: null, userAgent: null }, { assessmentId: id, agencyId, stage: "mandiri", indicatorCode: "5", version: 0, level: 3, authorUserId: null });
      return { method: "POST", url: `/api/assessments/${id}/answers/5/verify`, body: { verified: true, version: 1 } };
    },
    expect: stageAction((who, target) => who === "penanggung_jawab" && target === "own", 200),
  },
  {
    route: "POST /api/assessments/:id/submit",
    build: async (c) => ({ method: "POST", url: `/api/assessments/${await assessmentIn(c)}/submit`, body: {} }),
    expect: stageAction((who, target) => who === "koordinator_spbe" && target === "own", 400), // 400: nothing answered yet
  },
  { route: "POST /api/assessments/:id/review", build: async (c) => ({ method: "POST", url: `/api/assessments/${await assessmentIn(c)}/review`, body: { decision: "valid" } }), expect: stageAction(() => false, 200) },
  {
    route: "POST /api/assessments/:id/revisions",
    build: async (c) => ({ method: "POST", url: `/api/assessments/${await assessmentIn(c)}/revisions`, body: { reason: "Koreksi setelah sanggahan", levels: { "1": 2 } } }),
    expect: stageAction(() => false, 201),
  },
  {
    route: "POST /api/assessments/:id/copy-forward",
    build: async (c) => {
      const from = await assessmentIn(c);
      return { method: "POST", url: `/api/assessments/${await assessmentIn(c)}/copy-forward`, body: { fromAssessmentId: from } };
    },
    expect: stageAction((who, target) => who === "koordinator_spbe" && target === "own", 200),
  },
  { route: "POST /api/assessments/:id/advance", build: async (c) => ({ method: "POST", url: `/api/assessments/${await assessmentIn(c)}/advance`, body: {} }), expect: stageAction(() => false, 200) },
  {
    route: "POST /api/assessments/:id/assignments",
    build: async (c) => {
      const target = await makeUser(c.db, "asesor_internal", c.agency, null);
      return { method: "POST", url: `/api/assessments/${await assessmentIn(c)}/assignments`, body: { email: target.email, role: "asesor_internal", indicators: ["21"] } };
    },
    expect: stageAction((who, target) => who === "administrator" || (who === "koordinator_spbe" && target === "own"), 204),
  },
  {
    route: "GET /api/assessments/:id/assignments",
    build: async (c) => ({ method: "GET", url: `/api/assessments/${await assessmentIn(c)}/assignments` }),
    expect: stageAction((who, target) => who === "administrator" || (who === "koordinator_spbe" && target === "own"), 200),
  },
  {
    route: "DELETE /api/assessments/:id/assignments/:userId",
    build: async (c) => {
      const assessmentId = await assessmentIn(c);
      const assessor = await makeUser(c.db, "asesor_internal", c.agency, null);
      const agencyId = (await agencyIdsByCode(c.db.db, [c.agency])).get(c.agency)!;
      await assignToAssessment(c.db.db, { actorUserId: null, actorLabel: "test", ip: null, userAgent: null }, { assessmentId, agencyId, userId: assessor.id, role: "asesor_internal", indicatorCodes: null });
      return { method: "DELETE", url: `/api/assessments/${assessmentId}/assignments/${assessor.id}?role=asesor_internal` };
    },
    expect: stageAction((who, target) => who === "administrator" || (who === "koordinator_spbe" && target === "own"), 204),
  },
  {
    route: "PUT /api/assessments/:id/indicator-units",
    build: async (c) => ({ method: "PUT", url: `/api/assessments/${await assessmentIn(c)}/indicator-units`, body: { assignments: [{ indicatorCode: "21", unitId: null }] } }),
    expect: stageAction((who, target) => who === "administrator" || (who === "koordinator_spbe" && target === "own"), 204),
  },
  {
    route: "POST /api/periods",
    build: (c) => ({ method: "POST", url: "/api/periods", body: { name: "Evaluasi SPBE 2026", year: 2026, kind: "evaluasi", instrument: "permenpanrb-59-2020", agencies: [c.agency] } }),
    expect: (who) => (who === "anonymous" ? 401 : who === "administrator" ? 201 : 403),
  },
  { route: "GET /api/periods", build: () => ({ method: "GET", url: "/api/periods" }), expect: signedIn(200) },
  {
    route: "GET /api/assessments/:id",
    build: async (c) => ({ method: "GET", url: `/api/assessments/${await assessmentIn(c)}` }),
    expect: (who, target) => (who === "anonymous" ? 401 : readsAssessment(who, target) ? 200 : 404),
  },
  {
    route: "PUT /api/assessments/:id/answers/:code",
    build: async (c) => ({ method: "PUT", url: `/api/assessments/${await assessmentIn(c)}/answers/12`, body: { stage: "mandiri", version: 0, level: 3, explanation: "Peta rencana ditetapkan" } }),
    expect: (who, target) => {
      if (who === "anonymous") return 401;
      if (!readsAssessment(who, target)) return 404;
      const selfAssessor = ["koordinator_spbe", "penanggung_jawab", "pelaksana_entri", "asesor_internal"].includes(who);
      return selfAssessor && target === "own" ? 200 : 403;
    },
  },
  // The kop surat: read like units; set by the agency's Koordinator SPBE, the Koordinator Provinsi over it and administrators.
  // The service catalogue: read like units, written by the Koordinator SPBE and administrators; public in force only.
  { route: "GET /api/agencies/:code/services", build: (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/services` }), expect: unitAccess(200, 200, false) },
  { route: "POST /api/agencies/:code/services", build: (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/services`, body: { name: `Layanan Baru ${stamp()}`, sector: "kesehatan" } }), expect: unitAccess(200, 201, true) },
  { route: "GET /api/agencies/:code/services/:serviceId", build: async (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/services/${await serviceIn(c, "draft")}` }), expect: unitAccess(200, 200, false) },
  { route: "PUT /api/agencies/:code/services/:serviceId", build: async (c) => ({ method: "PUT", url: `/api/agencies/${c.agency}/services/${await serviceIn(c, "draft")}`, body: { name: `Layanan Ubah ${stamp()}`, sector: "sosial" } }), expect: unitAccess(200, 200, true) },
  { route: "POST /api/agencies/:code/services/:serviceId/versions", build: async (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/services/${await serviceIn(c, "in_force")}/versions` }), expect: unitAccess(201, 201, true) },
  { route: "PUT /api/agencies/:code/services/:serviceId/versions/:version", build: async (c) => ({ method: "PUT", url: `/api/agencies/${c.agency}/services/${await serviceIn(c, "draft")}/versions/1`, body: serviceDraftBody }), expect: unitAccess(200, 200, true) },
  { route: "POST /api/agencies/:code/services/:serviceId/versions/:version/in-force", build: async (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/services/${await serviceIn(c, "complete")}/versions/1/in-force` }), expect: unitAccess(200, 200, true) },
  { route: "GET /api/public/services", build: (c) => ({ method: "GET", url: `/api/public/services?agency=${c.agency}` }), expect: everyone(200) },
  { route: "GET /api/public/services/:id", build: async (c) => ({ method: "GET", url: `/api/public/services/${await serviceIn(c, "in_force")}` }), expect: everyone(200) },
  // SKM surveys: read like the catalogue, run by the Koordinator SPBE and administrators; the survey page and open data are public.
  { route: "GET /api/agencies/:code/surveys", build: (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/surveys` }), expect: unitAccess(200, 200, false) },
  { route: "POST /api/agencies/:code/surveys", build: async (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/surveys`, body: { serviceId: await serviceIn(c, "draft"), title: "SKM Uji", periodStart: "2026-01-01", periodEnd: "2026-06-30" } }), expect: unitAccess(201, 201, true) },
  { route: "GET /api/agencies/:code/surveys/:surveyId", build: async (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/surveys/${await surveyIn(c)}` }), expect: unitAccess(200, 200, false) },
  { route: "PUT /api/agencies/:code/surveys/:surveyId", build: async (c) => ({ method: "PUT", url: `/api/agencies/${c.agency}/surveys/${await surveyIn(c)}`, body: { title: "SKM Uji Ubah", periodStart: "2020-01-01", periodEnd: "2099-12-31" } }), expect: unitAccess(200, 200, true) },
  { route: "POST /api/agencies/:code/surveys/:surveyId/open", build: async (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/surveys/${await surveyIn(c, "draft")}/open` }), expect: unitAccess(200, 200, true) },
  { route: "POST /api/agencies/:code/surveys/:surveyId/close", build: async (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/surveys/${await surveyIn(c)}/close` }), expect: unitAccess(200, 200, true) },
  { route: "GET /api/agencies/:code/surveys/:surveyId/qr", build: async (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/surveys/${await surveyIn(c)}/qr` }), expect: unitAccess(200, 200, false) },
  // JSON instead of multipart: a caller allowed to import is answered 415 after every access check.
  { route: "POST /api/agencies/:code/surveys/:surveyId/responses/import", build: async (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/surveys/${await surveyIn(c)}/responses/import`, body: { file: "x" } }), expect: unitAccess(415, 415, true) },
  { route: "POST /api/agencies/:code/surveys/:surveyId/follow-ups", build: async (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/surveys/${await surveyIn(c)}/follow-ups`, body: { element: "U3", action: "Memangkas antrean" } }), expect: unitAccess(201, 201, true) },
  { route: "PUT /api/agencies/:code/surveys/:surveyId/follow-ups/:followUpId", build: async (c) => ({ method: "PUT", url: `/api/agencies/${c.agency}/surveys/${await followUpIn(c)}`, body: { element: "U9", action: "Uji tindak lanjut", status: "done" } }), expect: unitAccess(200, 200, true) },
  { route: "GET /api/agencies/:code/skm-summary", build: (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/skm-summary` }), expect: unitAccess(200, 200, false) },
  // Service dashboard: read like the catalogue; "Simpan sebagai bukti" by those who upload the agency's evidence (each call a new year, so a new file).
  { route: "GET /api/agencies/:code/service-dashboard", build: (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/service-dashboard?year=2026` }), expect: unitAccess(200, 200, false) },
  { route: "POST /api/agencies/:code/service-dashboard/evidence", build: (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/service-dashboard/evidence`, body: { year: 2000 + ++dashboardYear } }), expect: dashboardEvidence },
  // The published SKM report: read like the surveys (issuing it is audited as document.issue); saved as evidence like the dashboard; its open data public.
  { route: "GET /api/agencies/:code/surveys/:surveyId/report.pdf", build: async (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/surveys/${await surveyIn(c)}/report.pdf` }), expect: unitAccess(200, 200, false) },
  { route: "POST /api/agencies/:code/surveys/:surveyId/report/evidence", build: async (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/surveys/${await surveyIn(c)}/report/evidence` }), expect: dashboardEvidence },
  { route: "GET /api/public/skm/surveys/:id/report", build: async (c) => ({ method: "GET", url: `/api/public/skm/surveys/${await surveyIn(c)}/report` }), expect: everyone(200) },
  { route: "GET /api/public/surveys/:id", build: async (c) => ({ method: "GET", url: `/api/public/surveys/${await surveyIn(c)}` }), expect: everyone(200) },
  { route: "POST /api/public/surveys/:id/responses", build: async (c) => ({ method: "POST", url: `/api/public/surveys/${await surveyIn(c)}/responses`, body: { answers: skmAnswers, deviceToken: `matriks-perangkat-${++skmDevice}-uji` } }), expect: everyone(201), unaudited: "an anonymous survey response is not an officer's action: the response row is the record" },
  { route: "GET /api/public/skm", build: () => ({ method: "GET", url: "/api/public/skm?province=15" }), expect: everyone(200) },
  { route: "GET /api/agencies/:code/letterhead", build: (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/letterhead` }), expect: letterheadRead },
  { route: "PUT /api/agencies/:code/letterhead", build: (c) => ({ method: "PUT", url: `/api/agencies/${c.agency}/letterhead`, body: { address: `Jl. Uji No. ${++unitCounter}` } }), expect: letterheadManage(200) },
  { route: "GET /api/agencies/:code/letterhead/logo", build: async (c) => ({ method: "GET", url: `/api/agencies/${await withLogo(c)}/letterhead/logo` }), expect: letterheadRead },
  // JSON instead of multipart: a caller allowed to set the logo is answered 415 after every access check.
  { route: "PUT /api/agencies/:code/letterhead/logo", build: (c) => ({ method: "PUT", url: `/api/agencies/${c.agency}/letterhead/logo`, body: { file: "x" } }), expect: letterheadManage(415) },
  { route: "DELETE /api/agencies/:code/letterhead/logo", build: async (c) => ({ method: "DELETE", url: `/api/agencies/${await withLogo(c)}/letterhead/logo` }), expect: letterheadManage(200) },
  {
    route: "GET /api/assessments/:id/berita-acara-reviu.pdf",
    build: async (c) => {
      // A review decision: Valid moved the assessment to final.
      const id = await assessmentIn(c);
      await c.db.db.update(assessments).set({ stage: "final" }).where(eq(assessments.id, id));
      await c.db.db.insert(stageTransitions).values({ assessmentId: id, fromStage: "interviu", toStage: "final", actorUserId: null, note: "Valid" });
      return { method: "GET", url: `/api/assessments/${id}/berita-acara-reviu.pdf` };
    },
    expect: (who, target) => (who === "anonymous" ? 401 : readsAssessment(who, target) ? 200 : 404),
  },
  { route: "GET /api/agencies/:code/units", build: (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/units` }), expect: unitAccess(200, 200, false) },
  { route: "POST /api/agencies/:code/units", build: (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/units`, body: { name: `Dinas Uji ${++unitCounter}` } }), expect: unitAccess(200, 201, true) },
  {
    route: "DELETE /api/agencies/:code/units/:unitId",
    build: async (c) => {
      const id = (await agencyIdsByCode(c.db.db, [c.agency])).get(c.agency)!;
      const [u] = await c.db.db.insert(units).values({ agencyId: id, name: `Badan Uji ${++unitCounter}` }).returning();
      return { method: "DELETE", url: `/api/agencies/${c.agency}/units/${u!.id}` };
    },
    expect: unitAccess(200, 204, true),
  },
  { route: "GET /api/agencies/:code/evidence", build: (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/evidence?q=perwal` }), expect: evidenceRead },
  { route: "GET /api/agencies/:code/evidence/:id", build: async (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/evidence/${await evidenceIn(c)}` }), expect: evidenceRead },
  { route: "GET /api/agencies/:code/evidence/:id/file", build: async (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/evidence/${await evidenceIn(c)}/file?inline=1` }), expect: evidenceRead },
  { route: "POST /api/agencies/:code/evidence", build: (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/evidence`, body: { title: "Bukan multipart" } }), expect: evidenceUpload },
  {
    route: "POST /api/agencies/:code/evidence/:id/versions",
    build: async (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/evidence/${await evidenceIn(c)}/versions`, body: { title: "Bukan multipart" } }),
    expect: evidenceUpload,
  },
  {
    route: "POST /api/assessments/:id/answers/:code/evidence",
    build: async (c) => ({ method: "POST", url: `/api/assessments/${await assessmentIn(c)}/answers/1/evidence`, body: { evidenceId: await evidenceIn(c) } }),
    expect: evidenceLink(201),
  },
  {
    route: "DELETE /api/assessments/:id/answers/:code/evidence/:evidenceId",
    build: async (c) => {
      const [assessmentId, evidenceId] = [await assessmentIn(c), await evidenceIn(c)];
      await c.db.db.insert(answerEvidence).values({ assessmentId, indicatorCode: "1", evidenceId });
      return { method: "DELETE", url: `/api/assessments/${assessmentId}/answers/1/evidence/${evidenceId}` };
    },
    expect: evidenceLink(204),
  },
  // Pemdi evidence items (I4): read like the assessment, linked like evidence, decided by the assessors of the open external stage.
  {
    route: "GET /api/assessments/:id/answers/:code/evidence-items",
    build: async (c) => ({ method: "GET", url: `/api/assessments/${await assessmentIn(c, "pemdi-2026")}/answers/4/evidence-items` }),
    expect: (who, target) => (who === "anonymous" ? 401 : readsAssessment(who, target) ? 200 : 404),
  },
  {
    route: "PUT /api/assessments/:id/answers/:code/evidence-items/:itemCode/evidence/:evidenceId",
    build: async (c) => ({ method: "PUT", url: `/api/assessments/${await assessmentIn(c, "pemdi-2026")}/answers/4/evidence-items/L1-01/evidence/${await evidenceIn(c)}` }),
    expect: evidenceLink(201),
  },
  {
    route: "DELETE /api/assessments/:id/answers/:code/evidence-items/:itemCode/evidence/:evidenceId",
    build: async (c) => {
      const [assessmentId, evidenceId] = [await assessmentIn(c, "pemdi-2026"), await evidenceIn(c)];
      await c.db.db.insert(answerEvidence).values({ assessmentId, indicatorCode: "4", evidenceId });
      await c.db.db.insert(evidenceItemLinks).values({ assessmentId, indicatorCode: "4", evidenceId, itemCode: "L1-01", stage: "mandiri" });
      return { method: "DELETE", url: `/api/assessments/${assessmentId}/answers/4/evidence-items/L1-01/evidence/${evidenceId}` };
    },
    expect: evidenceLink(204),
  },
  {
    route: "PUT /api/assessments/:id/answers/:code/evidence-items/:itemCode/review",
    // In the document review; an external assessor is assigned to the own target only.
    build: async (c) => {
      const assessmentId = await assessmentIn(c, "pemdi-2026");
      await c.db.db.update(assessments).set({ stage: "dokumen" }).where(eq(assessments.id, assessmentId));
      const external = c.userId !== null && (await c.db.db.select().from(userRoles).where(eq(userRoles.userId, c.userId))).some((r) => r.role === "asesor_eksternal");
      if (external && c.target === "own") {
        const agencyId = (await agencyIdsByCode(c.db.db, [c.agency])).get(c.agency)!;
        await assignToAssessment(c.db.db, { actorUserId: null, actorLabel: "test", ip: null, userAgent: null }, { assessmentId, agencyId, userId: c.userId!, role: "asesor_eksternal", indicatorCodes: null });
      }
      return { method: "PUT", url: `/api/assessments/${assessmentId}/answers/4/evidence-items/L2-01/review`, body: { status: "ditolak", note: "Tanpa rincian kegiatan", expectedVersion: 0 } };
    },
    expect: (who, target) => {
      if (who === "anonymous") return 401;
      if (who === "asesor_eksternal") return target === "own" ? 200 : 404;
      if (!readsAssessment(who, target)) return 404;
      return who === "administrator" ? 200 : 403;
    },
  },
  // Province cockpit: national readers everywhere, the Koordinator Provinsi in their province; others 404.
  { route: "GET /api/cockpit/provinces", build: () => ({ method: "GET", url: "/api/cockpit/provinces" }), expect: signedIn(200) },
  {
    route: "GET /api/cockpit/provinces/:code",
    build: (c) => ({ method: "GET", url: `/api/cockpit/provinces/${c.agency.slice(0, 2)}?year=2024` }),
    expect: (who, target) => (who === "anonymous" ? 401 : who === "administrator" || who === "tim_reviu" || (who === "koordinator_provinsi" && target === "own") ? 200 : 404),
  },
  {
    route: "PUT /api/cockpit/provinces/:code/targets",
    build: (c) => ({ method: "PUT", url: `/api/cockpit/provinces/${c.agency.slice(0, 2)}/targets`, body: { targets: [{ year: 2026, target: 3.5, source: "RPJMD (matriks)" }] } }),
    expect: (who, target) => (who === "anonymous" ? 401 : who === "administrator" || who === "tim_reviu" ? 403 : who === "koordinator_provinsi" && target === "own" ? 200 : 404),
  },
  { route: "GET /api/national", build: () => ({ method: "GET", url: "/api/national?year=2024" }), expect: (who) => (who === "anonymous" ? 401 : ["administrator", "tim_reviu", "asesor_eksternal"].includes(who) ? 200 : 403) },
  { route: "GET /api/health", build: () => ({ method: "GET", url: "/api/health" }), expect: everyone(200) },
  { route: "GET /api/openapi.json", build: () => ({ method: "GET", url: "/api/openapi.json" }), expect: everyone(200) },
  // The interactive API reference (Swagger UI's routes, public by declaration in access.ts).
  { route: "GET /api/docs", build: () => ({ method: "GET", url: "/api/docs" }), expect: everyone(200) },
  { route: "GET /api/docs/json", build: () => ({ method: "GET", url: "/api/docs/json" }), expect: everyone(200) },
  { route: "GET /api/docs/yaml", build: () => ({ method: "GET", url: "/api/docs/yaml" }), expect: everyone(200) },
  { route: "GET /api/docs/static/index.html", build: () => ({ method: "GET", url: "/api/docs/static/index.html" }), expect: everyone(302) },
  { route: "GET /api/docs/static/swagger-initializer.js", build: () => ({ method: "GET", url: "/api/docs/static/swagger-initializer.js" }), expect: everyone(200) },
  { route: "GET /api/docs/static/*", build: () => ({ method: "GET", url: "/api/docs/static/swagger-ui.css" }), expect: everyone(200) },
  { route: "GET /api/agencies", build: (c) => ({ method: "GET", url: `/api/agencies?province=${c.agency.slice(0, 2)}` }), expect: everyone(200) },
  { route: "GET /api/agencies/:code", build: (c) => ({ method: "GET", url: `/api/agencies/${c.agency}` }), expect: everyone(200) },
  { route: "GET /api/public/results", build: (c) => ({ method: "GET", url: `/api/public/results?agency=${c.agency}` }), expect: everyone(200) },
  {
    // The public verification of an issued document: anyone holding its id (from the QR code).
    route: "GET /api/public/verify/:id",
    build: async (c) => {
      const assessmentId = await assessmentIn(c);
      const agencyId = (await agencyIdsByCode(c.db.db, [c.agency])).get(c.agency)!;
      const seq = ++matrixDocuments;
      const id = `matrixDocument${seq}`;
      const snapshot = { verifyUrl: `http://localhost/verifikasi/${id}`, signatories: { coordinator: { name: null, nip: null }, leader: { name: null, nip: null } } };
      await c.db.db.insert(issuedDocuments).values({ id, kind: "matrix", assessmentId, agencyId, title: "Berita Acara", year: 2026, seq, number: `${seq}/BA`, sha256: "0".repeat(64), subjectAt: new Date(seq), snapshot });
      return { method: "GET", url: `/api/public/verify/${id}` };
    },
    expect: everyone(200),
  },
  { route: "GET /api/public/years", build: () => ({ method: "GET", url: "/api/public/years" }), expect: everyone(200) },
  { route: "GET /api/public/schema/results.json", build: () => ({ method: "GET", url: "/api/public/schema/results.json" }), expect: everyone(200) },
  { route: "GET /api/public/datapackage.json", build: () => ({ method: "GET", url: "/api/public/datapackage.json" }), expect: everyone(200) },
  { route: "GET /api/public/agencies/:code", build: (c) => ({ method: "GET", url: `/api/public/agencies/${c.agency}` }), expect: everyone(200) },
  { route: "GET /api/public/provinces/:code", build: (c) => ({ method: "GET", url: `/api/public/provinces/${c.agency.slice(0, 2)}` }), expect: everyone(200) },
  { route: "GET /api/instruments", build: () => ({ method: "GET", url: "/api/instruments" }), expect: everyone(200) },
  {
    route: "POST /api/instruments",
    // A new id per target, so the administrator's two uploads each add a version (and an audit event).
    build: (c) => ({ method: "POST", url: "/api/instruments", body: smallInstrument(`matriks-${c.target}`) }),
    expect: (who) => (who === "anonymous" ? 401 : who === "administrator" ? 201 : 403),
  },
  { route: "GET /api/instruments/:id", build: () => ({ method: "GET", url: "/api/instruments/permenpanrb-59-2020" }), expect: everyone(200) },
  { route: "POST /api/instruments/:id/score", build: () => ({ method: "POST", url: "/api/instruments/pemdi-2026/score", body: { levels: {}, partial: true } }), expect: everyone(200) },
  { route: "GET /api/periods/official", build: () => ({ method: "GET", url: "/api/periods/official" }), expect: everyone(200) },
  { route: "POST /api/auth/login", build: () => ({ method: "POST", url: "/api/auth/login", body: { email: `nobody-${stamp()}@test.pandu.local`, password: "x" } }), expect: everyone(401) },
  { route: "GET /api/auth/links/:token", build: () => ({ method: "GET", url: `/api/auth/links/${"a".repeat(43)}` }), expect: everyone(404) },
  { route: "POST /api/auth/set-password", build: () => ({ method: "POST", url: "/api/auth/set-password", body: { token: "a".repeat(43), password: "x" } }), expect: everyone(404) },
  { route: "GET /api/session", build: () => ({ method: "GET", url: "/api/session" }), expect: everyone(200) },
  // Complaints (SP4N-LAPOR!): intake and tracking are public; the inbox is the agency's.
  { route: "POST /api/public/agencies/:code/complaints", build: (c) => ({ method: "POST", url: `/api/public/agencies/${c.agency}/complaints`, body: { category: "lainnya", title: "Pengaduan matriks", description: "Isi pengaduan untuk matriks otorisasi.", anonymous: true } }), expect: everyone(201) },
  { route: "POST /api/public/complaints/track", build: () => ({ method: "POST", url: "/api/public/complaints/track", body: { trackingNumber: "ADU-TIDAKADA22", checkValue: "AAAAAA" } }), expect: everyone(404) },
  { route: "POST /api/public/complaints/track/actions", build: () => ({ method: "POST", url: "/api/public/complaints/track/actions", body: { trackingNumber: "ADU-TIDAKADA22", checkValue: "AAAAAA", action: "accept_answer" } }), expect: everyone(404) },
  { route: "GET /api/citizen/complaints", build: () => ({ method: "GET", url: "/api/citizen/complaints" }), expect: everyone(401) },
  { route: "POST /api/citizen/complaints/actions", build: () => ({ method: "POST", url: "/api/citizen/complaints/actions", body: { trackingNumber: "ADU-TIDAKADA22", action: "accept_answer" } }), expect: everyone(401) },
  { route: "GET /api/agencies/:code/complaints", build: (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/complaints` }), expect: complaintAccess(200, false) },
  { route: "GET /api/agencies/:code/complaints/:id", build: async (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/complaints/${await complaintIn(c)}` }), expect: complaintAccess(200, false) },
  { route: "POST /api/agencies/:code/complaints/:id/actions", build: async (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/complaints/${await complaintIn(c)}/actions`, body: { action: "claim" } }), expect: complaintAccess(200, true) },
  { route: "POST /api/agencies/:code/complaints/:id/identity", build: async (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/complaints/${await complaintIn(c)}/identity`, body: { reason: "matriks" } }), expect: complaintAccess(200, true) },
  { route: "PUT /api/agencies/:code/complaints/:id/lapor", build: async (c) => ({ method: "PUT", url: `/api/agencies/${c.agency}/complaints/${await complaintIn(c)}/lapor`, body: { laporTrackingId: "LAPOR-1" } }), expect: complaintAccess(200, true) },
  { route: "PUT /api/agencies/:code/services/:serviceId/faq", build: async (c) => ({ method: "PUT", url: `/api/agencies/${c.agency}/services/${await serviceIn(c, "in_force")}/faq`, body: { entries: [{ question: "Apa?", answer: "Itu." }] } }), expect: complaintAccess(200, false) },
  { route: "GET /api/agencies/:code/services/:serviceId/faq", build: async (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/services/${await serviceIn(c, "in_force")}/faq` }), expect: complaintAccess(200, false) },
  { route: "GET /api/public/services/:id/faq", build: async (c) => ({ method: "GET", url: `/api/public/services/${await serviceIn(c, "in_force")}/faq` }), expect: everyone(200) },
  // Citizen routes: no staff session (nor none) is a citizen's; citizens themselves: test/server/citizen-session.db.test.ts.
  { route: "GET /api/citizen/me", build: () => ({ method: "GET", url: "/api/citizen/me" }), expect: everyone(401) },
  { route: "POST /api/citizen/sign-out", build: () => ({ method: "POST", url: "/api/citizen/sign-out" }), expect: everyone(401) },
  // Online applications, the citizen's side: no staff session is a citizen's (citizens: test/server/applications.db.test.ts).
  { route: "POST /api/citizen/applications", build: () => ({ method: "POST", url: "/api/citizen/applications", body: { serviceId: 1 } }), expect: everyone(401) },
  { route: "GET /api/citizen/applications", build: () => ({ method: "GET", url: "/api/citizen/applications" }), expect: everyone(401) },
  { route: "GET /api/citizen/applications/:id", build: () => ({ method: "GET", url: "/api/citizen/applications/00000000-0000-4000-8000-000000000001" }), expect: everyone(401) },
  { route: "PUT /api/citizen/applications/:id/draft", build: () => ({ method: "PUT", url: "/api/citizen/applications/00000000-0000-4000-8000-000000000001/draft", body: { data: {} } }), expect: everyone(401) },
  { route: "POST /api/citizen/applications/:id/files", build: () => ({ method: "POST", url: "/api/citizen/applications/00000000-0000-4000-8000-000000000001/files" }), expect: everyone(401) },
  { route: "POST /api/citizen/applications/:id/submit", build: () => ({ method: "POST", url: "/api/citizen/applications/00000000-0000-4000-8000-000000000001/submit", body: { data: {} } }), expect: everyone(401) },
  { route: "POST /api/citizen/applications/:id/resubmit", build: () => ({ method: "POST", url: "/api/citizen/applications/00000000-0000-4000-8000-000000000001/resubmit", body: { data: {} } }), expect: everyone(401) },
  { route: "POST /api/citizen/applications/:id/withdraw", build: () => ({ method: "POST", url: "/api/citizen/applications/00000000-0000-4000-8000-000000000001/withdraw", body: {} }), expect: everyone(401) },
  { route: "GET /api/citizen/applications/:id/product", build: () => ({ method: "GET", url: "/api/citizen/applications/00000000-0000-4000-8000-000000000001/product" }), expect: everyone(401) },
  { route: "GET /api/citizen/notifications", build: () => ({ method: "GET", url: "/api/citizen/notifications" }), expect: everyone(401) },
  { route: "POST /api/citizen/notifications/read", build: () => ({ method: "POST", url: "/api/citizen/notifications/read" }), expect: everyone(401) },
  { route: "GET /api/public/services/:serviceId/form", build: () => ({ method: "GET", url: "/api/public/services/1/form" }), expect: everyone(200) },
  { route: "POST /api/public/applications/track", build: () => ({ method: "POST", url: "/api/public/applications/track", body: { trackingNumber: "PL-2612-ABCDEFGH", check: "ABCDEFGH" } }), expect: everyone(404) },
  // The officer workbench: the agency's petugas_layanan / pejabat_layanan only; everyone else and other agencies 404.
  { route: "GET /api/agencies/:code/applications", build: (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/applications` }), expect: serviceOfficers(200) },
  { route: "GET /api/agencies/:code/applications/:id", build: (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/applications/00000000-0000-4000-8000-000000000001` }), expect: signedIn(404) },
  { route: "GET /api/agencies/:code/applications/:id/files/:fileId", build: (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/applications/00000000-0000-4000-8000-000000000001/files/00000000-0000-4000-8000-000000000001` }), expect: signedIn(404) },
  { route: "POST /api/agencies/:code/applications/:id/actions", build: (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/applications/00000000-0000-4000-8000-000000000001/actions`, body: { action: "claim" } }), expect: signedIn(404) },
  {
    route: "POST /api/agencies/:code/applications/bulk",
    build: (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/applications/bulk`, body: { action: "claim", ids: ["00000000-0000-4000-8000-000000000001"] } }),
    expect: serviceOfficers(200),
    unaudited: "an unknown application is reported per item and nothing changes",
  },
  { route: "GET /api/agencies/:code/forms", build: (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/forms` }), expect: serviceOfficers(200) },
  { route: "POST /api/agencies/:code/forms", build: (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/forms`, body: { definition: { id: "x" } } }), expect: serviceOfficers(400) },
  { route: "POST /api/agencies/:code/forms/:formVersionId/publish", build: (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/forms/999999/publish` }), expect: signedIn(404) },
  { route: "DELETE /api/agencies/:code/forms/:formVersionId", build: (c) => ({ method: "DELETE", url: `/api/agencies/${c.agency}/forms/999999` }), expect: serviceOfficers(404) },
  { route: "PUT /api/agencies/:code/forms/:formVersionId", build: (c) => ({ method: "PUT", url: `/api/agencies/${c.agency}/forms/999999`, body: { definition: { id: "x" } } }), expect: serviceOfficers(400) },
  { route: "GET /api/agencies/:code/applications-stats", build: (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/applications-stats` }), expect: serviceOfficers(200) },
  { route: "GET /api/citizen/session", build: () => ({ method: "GET", url: "/api/citizen/session" }), expect: everyone(200) },
  { route: "PATCH /api/citizen/me", build: () => ({ method: "PATCH", url: "/api/citizen/me", body: { name: "Warga" } }), expect: everyone(401) },
  { route: "GET /api/citizen/me/export", build: () => ({ method: "GET", url: "/api/citizen/me/export" }), expect: everyone(401) },
  // Citizen sign-in (test/server/citizen-sign-in.db.test.ts): public; here without SMTP, demo mode or an OIDC provider.
  { route: "GET /api/citizen/sign-in/options", build: () => ({ method: "GET", url: "/api/citizen/sign-in/options" }), expect: everyone(200) },
  { route: "POST /api/citizen/sign-in/code", build: () => ({ method: "POST", url: "/api/citizen/sign-in/code", body: { email: `warga-${stamp()}@test.pandu.local` } }), expect: everyone(503) },
  { route: "POST /api/citizen/sign-in/verify", build: () => ({ method: "POST", url: "/api/citizen/sign-in/verify", body: { email: `warga-${stamp()}@test.pandu.local`, code: "123456" } }), expect: everyone(401) },
  { route: "GET /api/citizen/oidc/start", build: () => ({ method: "GET", url: "/api/citizen/oidc/start" }), expect: everyone(404) },
  { route: "GET /api/citizen/oidc/callback", build: () => ({ method: "GET", url: "/api/citizen/oidc/callback?code=x&state=y" }), expect: everyone(404) },
  // Staff SSO (test/server/staff-oidc.db.test.ts): off here.
  { route: "GET /api/auth/oidc/options", build: () => ({ method: "GET", url: "/api/auth/oidc/options" }), expect: everyone(200) },
  { route: "GET /api/auth/oidc/start", build: () => ({ method: "GET", url: "/api/auth/oidc/start" }), expect: everyone(404) },
  { route: "GET /api/auth/oidc/callback", build: () => ({ method: "GET", url: "/api/auth/oidc/callback?code=x&state=y" }), expect: everyone(404) },
  { route: "POST /api/auth/oidc/totp", build: () => ({ method: "POST", url: "/api/auth/oidc/totp", body: { totp: "123456" } }), expect: everyone(401) },
  { route: "GET /api/me", build: () => ({ method: "GET", url: "/api/me" }), expect: signedIn(200) },
  { route: "GET /api/me/tasks", build: () => ({ method: "GET", url: "/api/me/tasks" }), expect: signedIn(200) },
  { route: "GET /api/auth/forgot-password", build: () => ({ method: "GET", url: "/api/auth/forgot-password" }), expect: everyone(200) },
  // Without SMTP (as here) a reset link cannot be e-mailed: every caller is sent to the administrator.
  { route: "POST /api/auth/forgot-password", build: () => ({ method: "POST", url: "/api/auth/forgot-password", body: { email: `nobody-${stamp()}@test.pandu.local` } }), expect: everyone(409) },
  { route: "PATCH /api/me", build: () => ({ method: "PATCH", url: "/api/me", body: { language: "en", phone: "+62 741 123456" } }), expect: signedIn(200) },
  { route: "POST /api/auth/logout", build: () => ({ method: "POST", url: "/api/auth/logout" }), expect: signedIn(204) },
  { route: "POST /api/auth/logout-all", build: () => ({ method: "POST", url: "/api/auth/logout-all" }), expect: signedIn(200) },
  { route: "POST /api/me/password", build: () => ({ method: "POST", url: "/api/me/password", body: { currentPassword: "bukan-sandinya", newPassword: "x" } }), expect: signedIn(400) },
  { route: "POST /api/me/2fa/setup", build: () => ({ method: "POST", url: "/api/me/2fa/setup" }), expect: signedIn(200) },
  { route: "POST /api/me/2fa/enable", build: () => ({ method: "POST", url: "/api/me/2fa/enable", body: { code: "000000" } }), expect: signedIn(409) },
  // Staff SSO identities: one's own (password re-confirmed), anyone's for administrators.
  { route: "GET /api/me/oidc-identities", build: () => ({ method: "GET", url: "/api/me/oidc-identities" }), expect: signedIn(200) },
  { route: "POST /api/me/oidc-identities/unlink", build: () => ({ method: "POST", url: "/api/me/oidc-identities/unlink", body: { issuer: "https://sso.example", subject: "tidak-ada", password: "bukan-sandinya" } }), expect: signedIn(400) },
  { route: "GET /api/users/:id/oidc-identities", build: async (c) => ({ method: "GET", url: `/api/users/${(await makeUser(c.db, "pelaksana_entri", c.agency, null)).id}/oidc-identities` }), expect: (who: Who) => (who === "anonymous" ? 401 : who === "administrator" ? 200 : 403) },
  { route: "POST /api/users/:id/oidc-identities/unlink", build: async (c) => ({ method: "POST", url: `/api/users/${(await makeUser(c.db, "pelaksana_entri", c.agency, null)).id}/oidc-identities/unlink`, body: { issuer: "https://sso.example", subject: "tidak-ada" } }), expect: (who: Who) => (who === "anonymous" ? 401 : who === "administrator" ? 404 : 403) },
  { route: "POST /api/me/2fa/disable", build: () => ({ method: "POST", url: "/api/me/2fa/disable", body: { password: "bukan-sandinya" } }), expect: signedIn(400) },
  { route: "GET /api/tokens", build: () => ({ method: "GET", url: "/api/tokens" }), expect: signedIn(200) },
  { route: "POST /api/tokens", build: () => ({ method: "POST", url: "/api/tokens", body: { name: "matriks" } }), expect: signedIn(201) },
  {
    route: "DELETE /api/tokens/:id",
    build: async (c) => {
      // own = a token of the caller; other = a token of someone else
      const owner = c.target === "own" && c.userId ? c.userId : (await makeUser(c.db, "tim_reviu", null)).id;
      const t = await createApiToken(c.db.db, { actorUserId: null, actorLabel: "test", ip: null, userAgent: null }, { userId: owner, name: "x", scope: "read", days: 1 });
      return { method: "DELETE", url: `/api/tokens/${t.id}` };
    },
    expect: (who, target) => (who === "anonymous" ? 401 : target === "own" ? 204 : 404),
  },
  { route: "GET /api/users", build: () => ({ method: "GET", url: "/api/users" }), expect: managers(200, 200) },
  { route: "GET /api/users/grantable-roles", build: () => ({ method: "GET", url: "/api/users/grantable-roles" }), expect: managers(200, 200) },
  {
    route: "POST /api/users",
    build: (c) => ({ method: "POST", url: "/api/users", body: { email: `baru-${stamp()}@test.pandu.local`, name: "Pengguna Baru", roles: [{ role: "pelaksana_entri", agencyCode: c.agency }] } }),
    expect: managers(201, 403),
  },
  {
    route: "POST /api/users/:id/roles",
    build: async (c) => ({ method: "POST", url: `/api/users/${(await makeUser(c.db, "pelaksana_entri", c.agency)).id}/roles`, body: { role: "asesor_internal", agencyCode: c.agency } }),
    expect: managers(201, 404),
  },
  {
    route: "DELETE /api/users/:id/roles/:roleId",
    build: async (c) => {
      const u = await makeUser(c.db, "pelaksana_entri", c.agency);
      const [role] = await c.db.db.query.userRoles.findMany({ where: (r, { eq }) => eq(r.userId, u.id) });
      return { method: "DELETE", url: `/api/users/${u.id}/roles/${role!.id}` };
    },
    expect: managers(204, 404),
  },
  // The target has a password: without SMTP only an Administrator is shown its link (409 for the coordinator).
  { route: "POST /api/users/:id/reset-link", build: async (c) => ({ method: "POST", url: `/api/users/${(await makeUser(c.db, "pimpinan", c.agency)).id}/reset-link` }), expect: managers(201, 404), coordinatorOwn: 409 },
  {
    route: "POST /api/admin/backup",
    build: () => ({ method: "POST", url: "/api/admin/backup" }),
    expect: (who) => (who === "anonymous" ? 401 : who === "administrator" ? 200 : 403),
  },
  {
    route: "GET /api/audit",
    build: (c) => ({ method: "GET", url: `/api/audit?agency=${c.agency}` }),
    expect: (who, target) => {
      if (who === "anonymous") return 401;
      if (who === "administrator") return 200;
      if (who === "koordinator_spbe" || who === "pimpinan" || who === "koordinator_provinsi") return target === "own" ? 200 : 404;
      return 403;
    },
  },
  ...PLANNING_MATRIX,
  ...COLLABORATION_MATRIX,
];

describe(`authorization matrix on ${TEST_DB_KIND}`, () => {
  let database: Database;
  let app: FastifyInstance;
  const routes: string[] = [];
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { demoUsers: false });
    app = await buildApp({ context: { database, version: "test", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: NO_THROTTLE }, storage: evidenceStorage, citizenSignIn: { perIpPerHour: 1_000_000 } }, webDir: null });
    await app.ready();
    // Queued document jobs stay queued: a job issuing in the background would add audit events while another entry counts them.
    app.documentJobs.pause();
    // Fastify keeps no public list of routes, so a second instance reports each registration.
    const probe = await buildApp({ context: { database, version: "test", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: NO_THROTTLE }, storage: evidenceStorage }, webDir: null, onRoute: (r) => routes.push(r) });
    await probe.close();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it("every /api route has an entry in the matrix", () => {
    const api = routes.filter((r) => r.includes(" /api/")).sort();
    expect(api.length).toBeGreaterThan(20);
    expect(api).toEqual(MATRIX.map((m) => m.route).sort());
  });

  for (const entry of MATRIX) {
    it(`${entry.route}`, async () => {
      const failures: string[] = [];
      for (const who of WHO) {
        for (const target of ["own", "other"] as const) {
          const agency = target === "own" ? "15.71" : "16.71";
          let session: Awaited<ReturnType<typeof sessionFor>> | null = null;
          let userId: number | null = null;
          if (who !== "anonymous") {
            userId = (await makeUser(database, who, HOME[who], null)).id;
            session = await sessionFor(database, userId);
          }
          const req = await entry.build({ db: database, userId, target, agency });
          const before = await auditCount(database);
          const res = await call(app, req.method, req.url, session, req.body);
          const want = who === "koordinator_spbe" && target === "own" && entry.coordinatorOwn !== undefined ? entry.coordinatorOwn : entry.expect(who, target);
          if (res.statusCode !== want) failures.push(`${who}/${target}: ${res.statusCode} (want ${want}) ${res.body.slice(0, 120)}`);
          // Every successful write leaves an audit event (scoring levels writes nothing).
          const isWrite = req.method !== "GET" && entry.route !== "POST /api/instruments/:id/score" && !entry.unaudited;
          if (isWrite && res.statusCode < 300 && (await auditCount(database)) <= before) failures.push(`${who}/${target}: ${res.statusCode} but no audit event`);
        }
      }
      expect(failures).toEqual([]);
    }, 60_000);
  }

  // Issue #13, hole 1: the Koordinator SPBE of a province agency (15) "sees" everyone holding a
  // grant there. Acting for someone whose roles they could not grant must fail, link or no link.
  it.each([
    ["the Koordinator Provinsi", [{ role: "koordinator_provinsi", agency: "15" }]],
    ["an Administrator holding a role in the agency", [{ role: "administrator", agency: null }, { role: "pimpinan", agency: "15" }]],
    ["a higher role (a national Tim Reviu member with a role in the agency)", [{ role: "tim_reviu", agency: null }, { role: "pelaksana_entri", agency: "15" }]],
    ["another Koordinator SPBE of the agency", [{ role: "koordinator_spbe", agency: "15" }]],
  ] as const)("takeover: the province's Koordinator SPBE cannot act for %s", async (_label, grants) => {
    const issuer = await sessionFor(database, (await makeUser(database, "koordinator_spbe", "15")).id);
    const victim = await makeUser(database, grants[0].role, grants[0].agency);
    const ids = await agencyIdsByCode(database.db, ["15"]);
    for (const g of grants.slice(1)) await database.db.insert(userRoles).values({ userId: victim.id, role: g.role, agencyId: g.agency ? ids.get(g.agency)! : null });
    const [inAgency] = await database.db.select().from(userRoles).where(eq(userRoles.userId, victim.id)).then((rows) => rows.filter((r) => r.agencyId === ids.get("15")));
    const attempts = {
      resetLink: await call(app, "POST", `/api/users/${victim.id}/reset-link`, issuer),
      grant: await call(app, "POST", `/api/users/${victim.id}/roles`, issuer, { role: "pelaksana_entri", agencyCode: "15" }),
      revoke: await call(app, "DELETE", `/api/users/${victim.id}/roles/${inAgency!.id}`, issuer),
    };
    expect(Object.fromEntries(Object.entries(attempts).map(([k, r]) => [k, r.statusCode]))).toEqual({ resetLink: 403, grant: 403, revoke: 403 });
    expect(attempts.resetLink.body).not.toContain("/atur-sandi/");
    expect(await database.db.select().from(oneTimeLinks).where(eq(oneTimeLinks.userId, victim.id))).toEqual([]);
  });

  // Issue #15: the Koordinator Provinsi runs its province's internal rounds and assigns their external
  // assessors; nowhere else (national rounds, other provinces), and never internal assessors.
  it("the Koordinator Provinsi assigns external assessors in the internal rounds of its province only", async () => {
    const ids = await agencyIdsByCode(database.db, ["15", "16", "15.71", "16.71"]);
    const round = async (agency: string, owner: string | null) => {
      const periodId = await createPeriod(database.db, { actorUserId: null, actorLabel: "test", ip: null, userAgent: null }, {
        name: `Putaran internal ${stamp()}`, year: 2026, kind: "pemantauan", withVisit: false, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: owner ? ids.get(owner)! : null, schedule: {}, participantIds: [ids.get(agency)!],
      });
      return (await database.db.select().from(assessments).where(eq(assessments.periodId, periodId)))[0]!.id;
    };
    const provinceUser = await makeUser(database, "koordinator_provinsi", "15");
    const province = await sessionFor(database, provinceUser.id);
    const assessor = await makeUser(database, "asesor_eksternal", null);
    const external = { email: assessor.email, role: "asesor_eksternal" };
    const assignExternal = async (id: number) => ((await call(app, "GET", `/api/assessments/${id}`, province)).json() as { abilities: { assignExternal: boolean } }).abilities.assignExternal;

    const own = await round("15.71", "15");
    expect(await assignExternal(own)).toBe(true);
    const before = await auditCount(database);
    expect((await call(app, "POST", `/api/assessments/${own}/assignments`, province, external)).statusCode).toBe(204);
    expect(await auditCount(database)).toBeGreaterThan(before);
    const as = await sessionFor(database, assessor.id);
    expect((await call(app, "GET", `/api/assessments/${own}`, as)).statusCode).toBe(200);
    // Internal assessors stay the Koordinator SPBE's; the assigned user must hold the role.
    const internal = await makeUser(database, "asesor_internal", "15.71");
    expect((await call(app, "POST", `/api/assessments/${own}/assignments`, province, { email: internal.email, role: "asesor_internal" })).statusCode).toBe(403);
    const entry = await makeUser(database, "pelaksana_entri", "15.71");
    const lacks = await call(app, "POST", `/api/assessments/${own}/assignments`, province, { email: entry.email, role: "asesor_eksternal" });
    expect([lacks.statusCode, lacks.json().error]).toEqual([400, "user_lacks_role"]);
    // The agency's own coordinator does not assign external assessors.
    const kspbe = await sessionFor(database, (await makeUser(database, "koordinator_spbe", "15.71")).id);
    expect((await call(app, "POST", `/api/assessments/${own}/assignments`, kspbe, external)).statusCode).toBe(403);

    // A national round of the same agency: read, but not assigned by the province.
    const national = await round("15.71", null);
    expect(await assignExternal(national)).toBe(false);
    expect((await call(app, "POST", `/api/assessments/${national}/assignments`, province, external)).statusCode).toBe(403);
    // Another province's round is another agency's data: 404.
    const elsewhere = await round("16.71", "16");
    expect((await call(app, "POST", `/api/assessments/${elsewhere}/assignments`, province, external)).statusCode).toBe(404);

    // The permission comes with the role: once it is revoked, the round is out of reach.
    await database.db.delete(userRoles).where(eq(userRoles.userId, provinceUser.id));
    expect((await call(app, "POST", `/api/assessments/${own}/assignments`, province, external)).statusCode).toBe(404);
    // And the assessor's assignment counts only while the assessor keeps the national role.
    await database.db.delete(userRoles).where(eq(userRoles.userId, assessor.id));
    expect((await call(app, "GET", `/api/assessments/${own}`, as)).statusCode).toBe(404);
  });

  // Issue #13, hole 2: an external assessor whose role is revoked keeps nothing of their assignment.
  it("a revoked external assessor no longer reads, answers, writes notes or advances", async () => {
    const admin = await sessionFor(database, (await makeUser(database, "administrator", null)).id);
    const assessor = await makeUser(database, "asesor_eksternal", null);
    const as = await sessionFor(database, assessor.id);
    const id = await assessmentIn({ db: database, userId: null, target: "own", agency: "15.71" });
    await database.db.update(assessments).set({ stage: "dokumen" }).where(eq(assessments.id, id));
    const assigned = await call(app, "POST", `/api/assessments/${id}/assignments`, admin, { email: assessor.email, role: "asesor_eksternal" });
    expect(assigned.statusCode).toBe(204);
    const tries = async () => ({
      read: (await call(app, "GET", `/api/assessments/${id}`, as)).statusCode,
      answer: (await call(app, "PUT", `/api/assessments/${id}/answers/12`, as, { stage: "dokumen", version: 0, level: 3 })).statusCode,
      advance: (await call(app, "POST", `/api/assessments/${id}/advance`, as, {})).statusCode,
    });
    expect((await tries()).read).toBe(200);
    const [grant] = await database.db.select().from(userRoles).where(eq(userRoles.userId, assessor.id));
    expect((await call(app, "DELETE", `/api/users/${assessor.id}/roles/${grant!.id}`, admin)).statusCode).toBe(204);
    expect(await tries()).toEqual({ read: 404, answer: 404, advance: 404 });
    const notes = await call(app, "POST", `/api/assessments/${id}/field-notes`, as, { stage: "interviu", heldOn: "2026-08-03", participants: "Sekda, Asesor", place: "Ruang Rapat", summary: "Wawancara" });
    expect(notes.statusCode).toBe(404);
  });
});
