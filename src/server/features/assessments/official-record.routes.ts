import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { documentKindCode, type DocumentKind } from "../../../core/documents/document-kinds";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { levelsInForce, scoreAssessment, stagesFor, type Stage } from "../../../core";
import type { AppContext } from "../../context";
import { AppError } from "../../errors";
import { answersOf } from "../../../db/queries/assessments";
import { sectoralServicesOf } from "../../../db/queries/sectoral-services";
import { agencyCoordinator, agencyLeader, externalAssessorsOf, latestReviewDecision, stageClosure } from "../../../db/queries/submission";
import { letterheadFromSnapshot, letterheadSettingsOf, letterheadSnapshotFrom } from "../../../db/queries/letterhead";
import { issueDocumentOnce } from "../../../db/commands/issue-document";
import { resultsOf } from "../../../db/commands/finalise";
import { DEFAULT_DOCUMENT_NUMBER_PATTERN } from "../../../core/documents/document-number";
import { recordTitle, renderOfficialRecord, type OfficialRecordData, type RecordStage, type Signer } from "../../../lib/pdf/official-record-pdf";
import type { IssuedDocumentSnapshot } from "../../../db/schema";
import { originOf } from "../../public-origin";
import { auditContextOf } from "../../request-audit";
import { indexFamilyOf } from "../../../lib/result-instruments";
import { contentDisposition } from "../evidence/content-disposition";
import { loadReadableAssessment } from "./load-assessment";
import { AssessmentParams } from "./assessments.schema";

/**
 * The Berita Acara of each stage as a PDF — the self-assessment (penilaian mandiri), each external
 * stage that closed (dokumen, interviu, visitasi) and the review decision (reviu) — generated on
 * demand from the snapshot of that stage: a closed stage's answers can no longer change, each
 * record is dated at the stage's close, so every download gives the same file. The first download
 * issues it: a number from PANDU_DOCUMENT_NUMBER_PATTERN (`{kind}` = the code below), a random
 * public id for the verification page, the signatories (with NIP) and the kop surat frozen, and the
 * SHA-256 of the bytes in `issued_documents`.
 */
export const OFFICIAL_RECORD_KIND: DocumentKind = "berita-acara-penilaian-mandiri";

/** Each record's kind in the register and the code `{kind}` prints in its number. */
const recordKind = (kind: DocumentKind) => ({ kind, code: documentKindCode(kind) });

/** Each record's kind in the register and the code `{kind}` prints in its number. */
export const RECORD_KINDS: Record<RecordStage, { kind: string; code: string }> = {
  mandiri: recordKind(OFFICIAL_RECORD_KIND),
  dokumen: recordKind("berita-acara-penilaian-dokumen"),
  interviu: recordKind("berita-acara-penilaian-interviu"),
  visitasi: recordKind("berita-acara-penilaian-visitasi"),
  reviu: recordKind("berita-acara-reviu"),
};

const StageQuery = z.object({
  stage: z.enum(["mandiri", "dokumen", "interviu", "visitasi"]).default("mandiri").describe("The stage whose record is wanted (default: the self-assessment)"),
});

type Loaded = Awaited<ReturnType<typeof loadReadableAssessment>>;

/** What a record needs besides the data common to every stage: its date, people and notes. */
interface StageFacts {
  at: Date;
  submittedBy: string | null;
  levels: Record<string, number | null>;
  stageNote?: string | null;
  review?: OfficialRecordData["review"];
  /** The people who sign, as they are now (frozen at the first issue). */
  people: Pick<IssuedDocumentSnapshot, "signatories" | "signers">;
}

export const officialRecordRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;

    /** The facts of a stage's record, or the 409 that says it has not closed (or is not part of the period). */
    const factsOf = async ({ found, compiled }: Loaded, stage: RecordStage): Promise<StageFacts> => {
      const order = stagesFor(found.period.kind, found.period.withVisit);
      const answers = await answersOf(db, found.assessment.id);
      const agencyId = found.assessment.agencyId;
      if (stage === "reviu") {
        const decision = await latestReviewDecision(db, found.assessment.id, agencyId);
        if (!decision) throw new AppError(409, "stage_not_closed", "the review team has not decided yet", { stage });
        // Valid: the final result as it was decided (revision 1; later corrections are their own revisions). Tidak Valid lists no levels.
        const first = decision.decision === "valid" ? (await resultsOf(db, found.assessment.id))[0] : undefined;
        const levels = Object.fromEntries(compiled.codes.map((c) => [c, first?.levels[c] ?? null]));
        return {
          at: decision.at,
          submittedBy: decision.by,
          levels,
          review: { decision: decision.decision, note: decision.note },
          people: { signers: [{ title: "Tim Reviu", name: decision.by, nip: decision.byNip }] },
        };
      }
      if (!order.includes(stage)) throw new AppError(409, "stage_not_closed", `the period has no stage ${stage}`, { stage });
      const closure = await stageClosure(db, found.assessment.id, stage);
      if (!closure) {
        if (stage === "mandiri") throw new AppError(409, "not_submitted", "the self-assessment has not been submitted yet");
        throw new AppError(409, "stage_not_closed", `the stage ${stage} has not closed yet`, { stage });
      }
      const { levels } = levelsInForce({ codes: compiled.codes, order, stage: stage as Stage, answers, result: null });
      if (stage === "mandiri") {
        const leader = await agencyLeader(db, agencyId);
        return {
          at: closure.at,
          submittedBy: closure.by,
          levels,
          people: { signatories: { coordinator: { name: closure.by, nip: closure.byNip }, leader: { name: leader?.name ?? null, nip: leader?.nip ?? null } } },
        };
      }
      // An external stage: the agency's Koordinator SPBE and the external assessors assigned to the assessment sign.
      const [coordinator, assessors] = await Promise.all([agencyCoordinator(db, agencyId), externalAssessorsOf(db, found.assessment.id)]);
      const signers: Signer[] = [{ title: "Koordinator SPBE", name: coordinator?.name ?? null, nip: coordinator?.nip ?? null }];
      if (assessors.length) for (const a of assessors) signers.push({ title: "Asesor Eksternal", name: a.name, nip: a.nip });
      else signers.push({ title: "Asesor Eksternal", name: null, nip: null });
      // The last stage is closed by the review team's Valid: that note belongs to the review's own record.
      return { at: closure.at, submittedBy: closure.by, levels, stageNote: closure.toStage === "final" ? null : closure.note, people: { signers } };
    };

    const serve = async (req: FastifyRequest, reply: FastifyReply, assessmentId: number, stage: RecordStage) => {
      const loaded = await loadReadableAssessment(db, req, assessmentId);
      const { found, compiled } = loaded;
      const facts = await factsOf(loaded, stage);
      const score = scoreAssessment(compiled, facts.levels, { policy: found.period.predicatePolicy, partial: true });
      const record: OfficialRecordData = {
        stage,
        agency: { code: found.agencyCode, name: found.agencyName },
        period: { name: found.period.name, year: found.period.year, kind: found.period.kind },
        instrument: compiled.instrument,
        indexName: indexFamilyOf(compiled.instrument.id).name,
        submittedAt: facts.at,
        submittedBy: facts.submittedBy,
        levels: facts.levels,
        index: { exact: score.index, rounded: score.indexRounded, predicate: score.predicate, policy: score.policy },
        sectoralServices: await sectoralServicesOf(db, found.assessment.id),
        stageNote: facts.stageNote ?? null,
        ...(facts.review ? { review: facts.review } : {}),
      };
      const agencyId = found.assessment.agencyId;
      /** The record as a document's frozen snapshot prints it (a snapshot without a kop surat: one issued before they existed). */
      const withIdentity = async (snapshot: IssuedDocumentSnapshot, number: string, letterhead?: OfficialRecordData["letterhead"]): Promise<OfficialRecordData> => {
        const lh = letterhead ?? (snapshot.letterhead ? await letterheadFromSnapshot(db, agencyId, snapshot.letterhead) : undefined);
        const out: OfficialRecordData = { ...record, document: { number, verifyUrl: snapshot.verifyUrl } };
        if (snapshot.signatories) out.signatories = snapshot.signatories;
        if (snapshot.signers) out.signers = snapshot.signers;
        if (lh) out.letterhead = lh;
        return out;
      };
      // The kop surat as it is now, with its logo read before the issuing transaction (which queries nothing else).
      const letterheadSnapshot = letterheadSnapshotFrom((await letterheadSettingsOf(db, agencyId))!);
      const letterhead = await letterheadFromSnapshot(db, agencyId, letterheadSnapshot);
      const origin = originOf(ctx, req);
      const { kind, code } = RECORD_KINDS[stage];
      const issued = await issueDocumentOnce(db, auditContextOf(req), {
        kind,
        kindCode: code,
        assessmentId: found.assessment.id,
        agencyId,
        agencyCode: found.agencyCode,
        title: `${recordTitle(stage)} ${found.period.name}`,
        subjectAt: facts.at,
        pattern: ctx.documentNumberPattern ?? DEFAULT_DOCUMENT_NUMBER_PATTERN,
        verifyUrlOf: (docId) => `${origin}/verifikasi/${docId}`,
        ...facts.people,
        letterhead: letterheadSnapshot,
        render: async (d) => renderOfficialRecord(await withIdentity(d.snapshot, d.number, letterhead)),
      });
      const { document } = issued;
      // Rendered again from the identity frozen at the first issue: the same bytes, the registered hash.
      const pdf = issued.pdf ?? (await renderOfficialRecord(await withIdentity(document.snapshot, document.number)));
      const fileName = `${recordTitle(stage).toLowerCase().replace(/\s+/g, "-")}-${found.agencyCode}-${found.period.year}.pdf`;
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", contentDisposition("attachment", fileName))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .header("x-document-id", document.id)
        .send(pdf);
    };

    app.get(
      "/api/assessments/:id/berita-acara.pdf",
      {
        config: { access: "authenticated" },
        schema: {
          summary: "The Berita Acara of a closed stage (PDF): the self-assessment by default, or ?stage=dokumen|interviu|visitasi",
          description:
            "409 not_submitted before the self-assessment is submitted; 409 stage_not_closed for an external stage that has not closed (or that the period " +
            "does not run). The first download issues the document (its number, a public id for /verifikasi/<id>, the SHA-256 of the bytes); every " +
            "download gives the same bytes. `X-Document-Id` names the id.",
          tags: ["evaluation"],
          params: AssessmentParams,
          querystring: StageQuery,
        },
      },
      async (req, reply) => serve(req, reply, req.params.id, req.query.stage),
    );

    app.get(
      "/api/assessments/:id/berita-acara-reviu.pdf",
      {
        config: { access: "authenticated" },
        schema: {
          summary: "The Berita Acara of the latest review decision (Valid / Tidak Valid) as a PDF",
          description: "409 stage_not_closed before the review team decides. Issued once per decision, like every Berita Acara; `X-Document-Id` names the id.",
          tags: ["evaluation"],
          params: AssessmentParams,
        },
      },
      async (req, reply) => serve(req, reply, req.params.id, "reviu"),
    );
  };
