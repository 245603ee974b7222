import { eq } from "drizzle-orm";
import { Readable } from "node:stream";
import type { Role } from "../../src/core";
import type { Database } from "../../src/db/client";
import { createPeriod } from "../../src/db/commands/create-period";
import { uploadEvidence } from "../../src/db/commands/evidence-upload";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { actionEvidence, assessments, improvementActions, recommendations } from "../../src/db/schema";
import type { AppContext } from "../../src/server/context";
import { evidenceSettingsOf } from "../../src/server/features/evidence/evidence-settings";
import { testEvidenceStorage } from "../helpers/test-evidence-storage";

// Entries of the authorization matrix (test/server/authorization-matrix.db.test.ts) for the
// improvement-planning routes. Same conventions: "own" targets in Kota Jambi (15.71, inside the
// Koordinator Provinsi's province 15), "other" in Kota Palembang (16.71).
type Who = "anonymous" | Role;
interface Ctx {
  db: Database;
  userId: number | null;
  target: "own" | "other";
  agency: string;
}
interface Entry {
  route: string;
  build: (c: Ctx) => Promise<{ method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; url: string; body?: unknown }>;
  expect: (who: Who, target: "own" | "other") => number;
}

const NATIONAL: Who[] = ["administrator", "tim_reviu", "asesor_eksternal"];
const AGENCY: Who[] = ["koordinator_spbe", "penanggung_jawab", "pelaksana_entri", "asesor_internal", "pimpinan"];
const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };

/** Planning of an agency is read by its people, the Koordinator Provinsi over it and every national role. */
const reads = (who: Who, target: "own" | "other") => NATIONAL.includes(who) || (target === "own" && (AGENCY.includes(who) || who === "koordinator_provinsi"));
const rule = (allowed: (who: Who, target: "own" | "other") => boolean, ok: number) => (who: Who, target: "own" | "other") =>
  who === "anonymous" ? 401 : !reads(who, target) ? 404 : allowed(who, target) ? ok : 403;
/** Actions, comments and progress evidence: the agency's Koordinator SPBE and Penanggung Jawab. */
const managesActions = (who: Who, target: "own" | "other") => target === "own" && (who === "koordinator_spbe" || who === "penanggung_jawab");
/** The analysis follows reading the assessment (external assessors only when assigned). */
const readsAssessment = (who: Who, target: "own" | "other") => who === "administrator" || who === "tim_reviu" || (target === "own" && (AGENCY.includes(who) || who === "koordinator_provinsi"));

const agencyId = async (c: Ctx) => (await agencyIdsByCode(c.db.db, [c.agency])).get(c.agency)!;

async function assessmentIn(c: Ctx): Promise<number> {
  const periodId = await createPeriod(c.db.db, SYSTEM, { name: "Uji rencana", year: 2026, kind: "evaluasi", withVisit: false, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [await agencyId(c)] });
  const [a] = await c.db.db.select().from(assessments).where(eq(assessments.periodId, periodId));
  return a!.id;
}
async function recommendationIn(c: Ctx, source: "kemenpanrb" | "tim_pilot_provinsi" | "internal", assessmentId: number | null = null): Promise<number> {
  const [r] = await c.db.db.insert(recommendations).values({ agencyId: await agencyId(c), assessmentId, text: "Tetapkan kebijakan Arsitektur SPBE", source }).returning();
  return r!.id;
}
async function actionIn(c: Ctx): Promise<number> {
  const recommendationId = await recommendationIn(c, "kemenpanrb");
  const [a] = await c.db.db.insert(improvementActions).values({ recommendationId, agencyId: await agencyId(c), title: "Susun rancangan Perwal Arsitektur SPBE" }).returning();
  return a!.id;
}
async function evidenceIn(c: Ctx): Promise<number> {
  const { storage, maxBytes } = evidenceSettingsOf({ database: c.db, storage: testEvidenceStorage() } as unknown as AppContext);
  const pdf = Buffer.from("%PDF-1.4\n% Pandu authorization matrix\n%%EOF\n");
  const meta = { title: "Perwal Arsitektur SPBE", documentNumber: null, documentDate: null, reviewDate: null };
  return (await uploadEvidence(c.db.db, storage, SYSTEM, { agencyId: await agencyId(c), agencyCode: c.agency, source: Readable.from([pdf]), fileName: "perwal.pdf", maxBytes, userId: null }, meta)).evidenceId;
}
const board = (ok: number) => (who: Who, target: "own" | "other") =>
  who === "anonymous" ? 401 : NATIONAL.includes(who) || (who === "koordinator_provinsi" && target === "own") ? ok : 404;

export const PLANNING_MATRIX: Entry[] = [
  { route: "GET /api/agencies/:code/recommendations", build: async (c) => ({ method: "GET", url: `/api/agencies/${c.agency}/recommendations` }), expect: rule(() => true, 200) },
  {
    route: "POST /api/agencies/:code/recommendations",
    build: async (c) => ({ method: "POST", url: `/api/agencies/${c.agency}/recommendations`, body: { text: "Perkuat tata kelola data SPBE", priority: "high", aspectCodes: ["A3"] } }),
    // Ministry side everywhere; the Koordinator Provinsi for its kab/kota; the agency's own Koordinator SPBE.
    expect: rule((who, target) => who === "administrator" || who === "tim_reviu" || (target === "own" && (who === "koordinator_provinsi" || who === "koordinator_spbe")), 201),
  },
  {
    route: "PATCH /api/recommendations/:id",
    build: async (c) => ({ method: "PATCH", url: `/api/recommendations/${await recommendationIn(c, "kemenpanrb")}`, body: { priority: "low" } }),
    expect: rule((who) => who === "administrator" || who === "tim_reviu", 200),
  },
  {
    route: "DELETE /api/recommendations/:id",
    build: async (c) => ({ method: "DELETE", url: `/api/recommendations/${await recommendationIn(c, "internal")}` }),
    expect: rule((who, target) => who === "koordinator_spbe" && target === "own", 204),
  },
  {
    route: "POST /api/recommendations/:id/actions",
    build: async (c) => ({ method: "POST", url: `/api/recommendations/${await recommendationIn(c, "kemenpanrb")}/actions`, body: { title: "Bentuk tim penyusun", dueDate: "2026-12-31", budget: 25_000_000 } }),
    expect: rule(managesActions, 201),
  },
  {
    route: "POST /api/recommendations/:id/actions/from-roadmap",
    build: async (c) => {
      const assessmentId = await assessmentIn(c);
      return { method: "POST", url: `/api/recommendations/${await recommendationIn(c, "kemenpanrb", assessmentId)}/actions/from-roadmap`, body: { target: { predicate: "Cukup" } } };
    },
    expect: rule(managesActions, 201),
  },
  { route: "PATCH /api/actions/:id", build: async (c) => ({ method: "PATCH", url: `/api/actions/${await actionIn(c)}`, body: { status: "in_progress" } }), expect: rule(managesActions, 200) },
  { route: "DELETE /api/actions/:id", build: async (c) => ({ method: "DELETE", url: `/api/actions/${await actionIn(c)}` }), expect: rule(managesActions, 204) },
  { route: "POST /api/actions/:id/comments", build: async (c) => ({ method: "POST", url: `/api/actions/${await actionIn(c)}/comments`, body: { body: "Rancangan sudah dibahas" } }), expect: rule(managesActions, 201) },
  {
    route: "POST /api/actions/:id/evidence",
    build: async (c) => ({ method: "POST", url: `/api/actions/${await actionIn(c)}/evidence`, body: { evidenceId: await evidenceIn(c) } }),
    expect: rule(managesActions, 201),
  },
  {
    route: "DELETE /api/actions/:id/evidence/:evidenceId",
    build: async (c) => {
      const [actionId, evidenceId] = [await actionIn(c), await evidenceIn(c)];
      await c.db.db.insert(actionEvidence).values({ actionId, evidenceId });
      return { method: "DELETE", url: `/api/actions/${actionId}/evidence/${evidenceId}` };
    },
    expect: rule(managesActions, 204),
  },
  {
    route: "GET /api/assessments/:id/analysis",
    build: async (c) => ({ method: "GET", url: `/api/assessments/${await assessmentIn(c)}/analysis` }),
    expect: (who, target) => (who === "anonymous" ? 401 : readsAssessment(who, target) ? 200 : 404),
  },
  {
    route: "PUT /api/assessments/:id/recommendation",
    build: async (c) => ({ method: "PUT", url: `/api/assessments/${await assessmentIn(c)}/recommendation`, body: { text: "Ringkasan: indeks masih Kurang; perkuat kebijakan internal." } }),
    expect: (who, target) => (who === "anonymous" ? 401 : !readsAssessment(who, target) ? 404 : who === "administrator" || who === "tim_reviu" ? 200 : 403),
  },
  { route: "GET /api/provinces/:code/piloting-board", build: async (c) => ({ method: "GET", url: `/api/provinces/${c.agency.slice(0, 2)}/piloting-board?year=2026` }), expect: board(200) },
  { route: "GET /api/provinces/:code/piloting-board.xlsx", build: async (c) => ({ method: "GET", url: `/api/provinces/${c.agency.slice(0, 2)}/piloting-board.xlsx` }), expect: board(200) },
];
