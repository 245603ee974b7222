import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { scoreAssessment } from "../../../core";
import type { AppContext } from "../../context";
import { AppError } from "../../errors";
import { answersOf } from "../../../db/queries/assessments";
import { sectoralServicesOf } from "../../../db/queries/sectoral-services";
import { agencyLeader, selfAssessmentSubmission } from "../../../db/queries/submission";
import { issueDocumentOnce } from "../../../db/commands/issue-document";
import { DEFAULT_DOCUMENT_NUMBER_PATTERN } from "../../../core/documents/document-number";
import { renderOfficialRecord, type OfficialRecordData } from "../../../lib/pdf/official-record-pdf";
import { originOf } from "../../public-origin";
import { auditContextOf } from "../../request-audit";
import { indexFamilyOf } from "../../../lib/result-instruments";
import { contentDisposition } from "../evidence/content-disposition";
import { loadReadableAssessment } from "./load-assessment";
import { AssessmentParams } from "./assessments.schema";

/**
 * The Berita Acara Penilaian Mandiri as a PDF, generated on demand from the submitted snapshot:
 * the self-assessment answers and the sectoral services are locked once mandiri is closed, and the
 * document is dated at the submission, so every download gives the same file. The first download
 * issues it: a number from PANDU_DOCUMENT_NUMBER_PATTERN, a random public id for the verification
 * page, the signatories (with NIP) frozen, and the SHA-256 of the bytes in `issued_documents`.
 */
export const OFFICIAL_RECORD_KIND = "berita-acara-penilaian-mandiri";

export const officialRecordRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;

    app.get(
      "/api/assessments/:id/berita-acara.pdf",
      {
        config: { access: "authenticated" },
        schema: {
          summary: "The Berita Acara Penilaian Mandiri (PDF), once the self-assessment is submitted",
          description:
            "409 not_submitted before the Koordinator SPBE submits the self-assessment. The first download issues the document (its number, " +
            "a public id for /verifikasi/<id>, the SHA-256 of the bytes); every download gives the same bytes. `X-Document-Id` names the id.",
          tags: ["evaluation"],
          params: AssessmentParams,
        },
      },
      async (req, reply) => {
        const { found, compiled } = await loadReadableAssessment(db, req, req.params.id);
        const submission = await selfAssessmentSubmission(db, found.assessment.id);
        if (!submission) throw new AppError(409, "not_submitted", "the self-assessment has not been submitted yet");
        const levels = Object.fromEntries(compiled.codes.map((c) => [c, null as number | null]));
        for (const a of await answersOf(db, found.assessment.id)) if (a.stage === "mandiri") levels[a.indicatorCode] = a.level;
        const score = scoreAssessment(compiled, levels, { policy: found.period.predicatePolicy, partial: true });
        const record: OfficialRecordData = {
          agency: { code: found.agencyCode, name: found.agencyName },
          period: { name: found.period.name, year: found.period.year, kind: found.period.kind },
          instrument: compiled.instrument,
          indexName: indexFamilyOf(compiled.instrument.id).name,
          submittedAt: submission.at,
          submittedBy: submission.by,
          levels,
          index: { exact: score.index, rounded: score.indexRounded, predicate: score.predicate, policy: score.policy },
          sectoralServices: await sectoralServicesOf(db, found.assessment.id),
        };
        const leader = await agencyLeader(db, found.assessment.agencyId);
        const origin = originOf(ctx, req);
        const issued = await issueDocumentOnce(db, auditContextOf(req), {
          kind: OFFICIAL_RECORD_KIND,
          assessmentId: found.assessment.id,
          agencyId: found.assessment.agencyId,
          agencyCode: found.agencyCode,
          title: `Berita Acara Penilaian Mandiri ${found.period.name}`,
          subjectAt: submission.at,
          pattern: ctx.documentNumberPattern ?? DEFAULT_DOCUMENT_NUMBER_PATTERN,
          verifyUrlOf: (docId) => `${origin}/verifikasi/${docId}`,
          signatories: { coordinator: { name: submission.by, nip: submission.byNip }, leader: { name: leader?.name ?? null, nip: leader?.nip ?? null } },
          render: (d) => renderOfficialRecord({ ...record, signatories: d.snapshot.signatories, document: { number: d.number, verifyUrl: d.snapshot.verifyUrl } }),
        });
        const { document } = issued;
        // Rendered again from the identity frozen at the first issue: the same bytes, the registered hash.
        const pdf = issued.pdf ?? (await renderOfficialRecord({ ...record, signatories: document.snapshot.signatories, document: { number: document.number, verifyUrl: document.snapshot.verifyUrl } }));
        const fileName = `berita-acara-penilaian-mandiri-${found.agencyCode}-${found.period.year}.pdf`;
        return reply
          .header("content-type", "application/pdf")
          .header("content-disposition", contentDisposition("attachment", fileName))
          .header("x-content-type-options", "nosniff")
          .header("cache-control", "private, no-store")
          .header("x-document-id", document.id)
          .send(pdf);
      },
    );
  };
