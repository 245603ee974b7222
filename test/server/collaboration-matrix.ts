import { eq } from "drizzle-orm";
import type { Role } from "../../src/core";
import type { Database } from "../../src/db/client";
import { postClarification } from "../../src/db/commands/clarifications";
import { createPeriod } from "../../src/db/commands/create-period";
import { createFieldNote } from "../../src/db/commands/field-notes";
import { makeUser } from "../helpers/accounts";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { assessments, notifications } from "../../src/db/schema";

// Entries of the authorization matrix (test/server/authorization-matrix.db.test.ts) for
// clarifications, notifications, interview/visit notes and stage schedules. Same conventions:
// "own" targets in Kota Jambi (15.71), "other" in Kota Palembang (16.71). The external assessor of
// the matrix is assigned to nothing, so it reads no assessment.
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
  unaudited?: string;
}

const READING_ONLY = "marking one's own notifications read changes only one's own view";
const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };
const AGENCY: Who[] = ["koordinator_spbe", "penanggung_jawab", "pelaksana_entri", "asesor_internal", "pimpinan"];
const readsAssessment = (who: Who, target: "own" | "other") => who === "administrator" || who === "tim_reviu" || (target === "own" && (AGENCY.includes(who) || who === "koordinator_provinsi"));
const rule = (allowed: (who: Who, target: "own" | "other") => boolean, ok: number) => (who: Who, target: "own" | "other") =>
  who === "anonymous" ? 401 : !readsAssessment(who, target) ? 404 : allowed(who, target) ? ok : 403;
const read = rule(() => true, 200);
/** Clarifications: the evaluators (administrator, review team) and the agency's coordinator and Penanggung Jawab; an unassigned internal assessor only reads. */
const takesPart = (who: Who, target: "own" | "other") => who === "administrator" || who === "tim_reviu" || (target === "own" && (who === "koordinator_spbe" || who === "penanggung_jawab"));

/** A fresh national evaluation period with one assessment of the target agency, at `stage`. */
async function assessmentAt(c: Ctx, stage = "mandiri"): Promise<{ id: number; agencyId: number; periodId: number }> {
  const agencyId = (await agencyIdsByCode(c.db.db, [c.agency])).get(c.agency)!;
  const periodId = await createPeriod(c.db.db, SYSTEM, { name: "Uji", year: 2026, kind: "evaluasi", withVisit: true, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [agencyId] });
  const [a] = await c.db.db.update(assessments).set({ stage }).where(eq(assessments.periodId, periodId)).returning();
  return { id: a!.id, agencyId, periodId };
}
const note = { heldOn: "2026-08-03", participants: "Sekda, Kadis Kominfo, Asesor", place: "Ruang Rapat Kantor Wali Kota", summary: "Wawancara aspek kebijakan internal", observations: { "1": "Perwal arsitektur sudah ditetapkan" } };

export const COLLABORATION_MATRIX: Entry[] = [
  { route: "GET /api/assessments/:id/clarifications", build: async (c) => ({ method: "GET", url: `/api/assessments/${(await assessmentAt(c)).id}/clarifications` }), expect: read },
  { route: "GET /api/assessments/:id/clarifications/:code", build: async (c) => ({ method: "GET", url: `/api/assessments/${(await assessmentAt(c)).id}/clarifications/1` }), expect: read },
  {
    route: "POST /api/assessments/:id/clarifications/:code/messages",
    build: async (c) => ({ method: "POST", url: `/api/assessments/${(await assessmentAt(c, "dokumen")).id}/clarifications/1/messages`, body: { body: "Mohon unggah Perwal yang telah ditetapkan." } }),
    expect: rule(takesPart, 201),
  },
  {
    route: "PATCH /api/assessments/:id/clarifications/:code",
    build: async (c) => {
      const a = await assessmentAt(c, "dokumen");
      await postClarification(c.db.db, SYSTEM, { assessmentId: a.id, agencyId: a.agencyId, indicatorCode: "1", side: "evaluator", body: "Mohon penjelasan.", evidenceId: null });
      return { method: "PATCH", url: `/api/assessments/${a.id}/clarifications/1`, body: { status: "resolved" } };
    },
    expect: rule(takesPart, 200),
  },
  { route: "GET /api/notifications", build: async () => ({ method: "GET", url: "/api/notifications?limit=5" }), expect: (who) => (who === "anonymous" ? 401 : 200) },
  { route: "GET /api/notifications/unread-count", build: async () => ({ method: "GET", url: "/api/notifications/unread-count" }), expect: (who) => (who === "anonymous" ? 401 : 200) },
  {
    route: "POST /api/notifications/:id/read",
    build: async (c) => {
      // own = a notification of the caller; other = someone else's
      const owner = c.target === "own" && c.userId ? c.userId : (await makeUser(c.db, "tim_reviu", null, null)).id;
      const [n] = await c.db.db.insert(notifications).values({ userId: owner, kind: "assessment.submitted", params: { agency: "Kota Jambi" }, link: "/penilaian/1" }).returning();
      return { method: "POST", url: `/api/notifications/${n!.id}/read` };
    },
    expect: (who, target) => (who === "anonymous" ? 401 : target === "own" ? 200 : 404),
    unaudited: READING_ONLY,
  },
  { route: "POST /api/notifications/read-all", build: async () => ({ method: "POST", url: "/api/notifications/read-all" }), expect: (who) => (who === "anonymous" ? 401 : 200), unaudited: READING_ONLY },
  {
    route: "GET /api/assessments/:id/field-notes",
    build: async (c) => ({ method: "GET", url: `/api/assessments/${(await assessmentAt(c, "interviu")).id}/field-notes` }),
    // Before finalisation only the evaluators read the notes.
    expect: rule((who) => who === "administrator" || who === "tim_reviu", 200),
  },
  {
    route: "POST /api/assessments/:id/field-notes",
    build: async (c) => ({ method: "POST", url: `/api/assessments/${(await assessmentAt(c, "interviu")).id}/field-notes`, body: { stage: "interviu", ...note } }),
    expect: rule((who) => who === "administrator", 201),
  },
  {
    route: "PUT /api/assessments/:id/field-notes/:noteId",
    build: async (c) => {
      const a = await assessmentAt(c, "interviu");
      const n = await createFieldNote(c.db.db, SYSTEM, { ...note, stage: "interviu", assessmentId: a.id, agencyId: a.agencyId });
      return { method: "PUT", url: `/api/assessments/${a.id}/field-notes/${n.id}`, body: { version: 1, ...note, summary: "Ringkasan diperbarui" } };
    },
    // The agency's people do not see notes before finalisation, so a note is a 404 to them.
    expect: (who) => (who === "anonymous" ? 401 : who === "administrator" ? 200 : who === "tim_reviu" ? 403 : 404),
  },
  {
    route: "DELETE /api/assessments/:id/field-notes/:noteId",
    build: async (c) => {
      const a = await assessmentAt(c, "interviu");
      const n = await createFieldNote(c.db.db, SYSTEM, { ...note, stage: "interviu", assessmentId: a.id, agencyId: a.agencyId });
      return { method: "DELETE", url: `/api/assessments/${a.id}/field-notes/${n.id}?version=1` };
    },
    expect: (who) => (who === "anonymous" ? 401 : who === "administrator" ? 204 : who === "tim_reviu" ? 403 : 404),
  },
  { route: "GET /api/assessments/:id/schedule", build: async (c) => ({ method: "GET", url: `/api/assessments/${(await assessmentAt(c)).id}/schedule` }), expect: read },
  {
    route: "PUT /api/periods/:id/schedule",
    build: async (c) => ({ method: "PUT", url: `/api/periods/${(await assessmentAt(c)).periodId}/schedule`, body: { stage: "mandiri", opens: "2026-01-05", closes: "2026-12-31" } }),
    // A national period: only administrators set its dates.
    expect: (who) => (who === "anonymous" ? 401 : who === "administrator" ? 200 : 403),
  },
  {
    route: "DELETE /api/periods/:id/schedule/:stage",
    build: async (c) => ({ method: "DELETE", url: `/api/periods/${(await assessmentAt(c)).periodId}/schedule/mandiri` }),
    // A national period: only administrators remove its dates.
    expect: (who) => (who === "anonymous" ? 401 : who === "administrator" ? 200 : 403),
  },
];
