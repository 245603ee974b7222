import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context";
import { notFound } from "../../errors";
import { canReadEvidence } from "../../policies/evidence.policy";
import { hasRole } from "../../../core";
import { externallyAssignedAgencies } from "../../../db/queries/dashboards";
import { linkedEvidenceByIndicator } from "../../../db/queries/evidence";
import { loadReadableAssessment } from "../assessments/load-assessment";
import { AssessmentParams } from "../assessments/assessments.schema";
import { createZipArchive, writeEvidenceBundle, type BundleFile } from "./evidence-bundle";
import { evidenceSettingsOf } from "./evidence-settings";

/**
 * All evidence linked to an assessment's indicators as one ZIP, streamed from the evidence store:
 * `<indicator code>/<file name>` per link (a file linked to two indicators appears under both) and
 * `manifest.csv` with each file's SHA-256. Whoever may read the assessment and its agency's
 * evidence may download it; anyone else gets 404, as for the workspace.
 */
export const evidenceZipRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const { storage } = evidenceSettingsOf(ctx);
    app.get(
      "/api/assessments/:id/evidence.zip",
      {
        config: { access: "authenticated" },
        schema: {
          operationId: "getAssessmentEvidenceZip",
          summary: "All evidence linked to the assessment as one ZIP (a download): <indicator code>/<file name> and manifest.csv with SHA-256",
          description: "Streamed; the latest version of each linked piece of evidence, in instrument order. manifest.csv columns: indicator, title, file, size, sha256, status (ok, or missing when the stored object is gone).",
          tags: ["evidence"],
          params: AssessmentParams,
        },
      },
      async (req, reply) => {
        const { found, compiled } = await loadReadableAssessment(db, req, req.params.id);
        const actor = req.auth!.actor;
        const assigned = hasRole(actor, "asesor_eksternal") ? await externallyAssignedAgencies(db, req.auth!.user.id) : [];
        if (!canReadEvidence(actor, found.assessment.agencyId, assigned)) throw notFound("assessment");
        const byCode = await linkedEvidenceByIndicator(db, found.assessment.id);
        const files: BundleFile[] = compiled.codes.flatMap((code) =>
          (byCode.get(code) ?? []).map((r) => ({ indicatorCode: code, title: r.evidence.title, fileName: r.latest.fileName, storageKey: r.latest.storageKey, sha256: r.latest.sha256, modifiedAt: r.latest.createdAt })),
        );
        const archive = await createZipArchive();
        void writeEvidenceBundle(archive, storage, files, (m) => req.log.warn(m));
        const fileName = `bukti-${found.agencyCode}-${found.period.year}-${found.assessment.id}.zip`;
        return reply
          .header("content-type", "application/zip")
          .header("content-disposition", `attachment; filename="${fileName}"`)
          .header("cache-control", "private, no-store")
          .send(archive);
      },
    );
  };
