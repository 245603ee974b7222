import type { FastifyBaseLogger } from "fastify";
import type { AppContext } from "../../context";
import { DocumentJobQueue } from "./document-job-queue";
import { produceLhe, produceProvinceSummary } from "./official-reports";

export type { DocumentJobQueue } from "./document-job-queue";

/** The queue that produces the LHE and province summaries of `POST /api/documents/jobs` in this process. */
export function createDocumentJobQueue(ctx: AppContext, log: FastifyBaseLogger): DocumentJobQueue {
  return new DocumentJobQueue({
    db: ctx.database.db,
    instanceId: ctx.instanceId,
    pollMs: ctx.documentJobPollMs ?? 0,
    produce: (job, progress) => {
      const input = { origin: job.origin, audit: job.audit };
      return job.params.kind === "lhe"
        ? produceLhe(ctx, { ...input, assessmentId: job.params.assessmentId }, progress)
        : produceProvinceSummary(ctx, { ...input, province: job.params.province, year: job.params.year }, progress);
    },
    onError: (job, err) => log.error({ err, job: job.id }, "document job failed"),
  });
}
