import { Readable } from "node:stream";
import type { Db } from "../client";
import type { AuditContext } from "../audit/record-audit";
import type { EvidenceStorage } from "../../lib/storage";
import { uploadEvidence, type UploadOutcome } from "./evidence-upload";
import { linkEvidence } from "./evidence-links";

/** A file Pandu generated (a dashboard export, an SKM report) to keep as evidence of an agency. */
export interface GeneratedEvidence {
  agencyId: number;
  agencyCode: string;
  content: Buffer;
  fileName: string;
  /** E.g. "Bukti dari Pandu: Kepuasan dan pengaduan layanan 2026". */
  title: string;
  /** The generation day (YYYY-MM-DD). */
  documentDate: string;
  userId: number | null;
}

/** An indicator answer of an assessment, in its open stage, the caller may link evidence to. */
export interface GeneratedEvidenceLink {
  assessmentId: number;
  indicatorCode: string;
  stage: string;
}

/**
 * "Simpan sebagai bukti": puts a generated file into the agency's evidence library through the
 * same path as an upload (`uploadEvidence`: staged, hashed, deduplicated per agency, the rows and
 * the `evidence.upload` audit event in one transaction, the temporary file removed whatever
 * happens) and links it to each given indicator answer (`linkEvidence`, audited as
 * `evidence.link`; a link already there is left as it is) in that same transaction: new evidence is
 * stored with all its links or not at all. The same content saved again answers the evidence that
 * holds it (`deduplicated`) and links that one, all links in one transaction.
 */
export async function saveGeneratedEvidence(
  db: Db,
  storage: EvidenceStorage,
  ctx: AuditContext,
  file: GeneratedEvidence,
  links: readonly GeneratedEvidenceLink[],
): Promise<UploadOutcome & { links: (GeneratedEvidenceLink & { created: boolean })[] }> {
  let done: (GeneratedEvidenceLink & { created: boolean })[] = [];
  const linkAll = async (tx: Db, evidenceId: number) => {
    done = []; // a commit that lost a race to the same content is answered as a duplicate and linked again
    for (const l of links) done.push({ ...l, created: await linkEvidence(tx, ctx, { agencyId: file.agencyId, evidenceId, ...l }) });
  };
  const outcome = await uploadEvidence(
    db,
    storage,
    ctx,
    { agencyId: file.agencyId, agencyCode: file.agencyCode, source: Readable.from([file.content]), fileName: file.fileName, maxBytes: Math.max(file.content.length, 1), userId: file.userId },
    { title: file.title, documentNumber: null, documentDate: file.documentDate, reviewDate: null },
    linkAll,
  );
  if (outcome.deduplicated) await db.transaction((tx) => linkAll(tx, outcome.evidenceId));
  return { ...outcome, links: done };
}
