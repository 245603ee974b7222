import { isEvidenceTooOld, type Stage } from "../../../core";
import type { EvidenceDetail, EvidenceRow, EvidenceSummaryRow, EvidenceVersionRow } from "../../../db/queries/evidence";
import type { EvidenceFileType } from "../../../lib/file-type";
import type { EvidenceDetailResponse, EvidenceSummary } from "./evidence.schema";

/** Metadata and age of a piece of evidence; `today` (YYYY-MM-DD) comes from the caller. */
function presentEvidence(e: EvidenceRow, today: string) {
  return {
    id: e.id,
    title: e.title,
    documentNumber: e.documentNumber,
    documentDate: e.documentDate,
    reviewDate: e.reviewDate,
    tooOld: e.reviewDate !== null && isEvidenceTooOld(e.reviewDate, today),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** The file facts of a version (never its storage key). */
function presentFile(v: EvidenceVersionRow) {
  return { fileName: v.fileName, fileType: v.fileType as EvidenceFileType, contentType: v.contentType, size: v.size, sha256: v.sha256 };
}

/** A row of the library list, with its latest file and how many versions and links it has. */
export function presentEvidenceSummary(r: EvidenceSummaryRow, today: string): EvidenceSummary {
  return { ...presentEvidence(r.evidence, today), ...presentFile(r.latest), versionCount: r.versions, linkCount: r.links, ...(r.linkedInStage ? { linkedInStage: r.linkedInStage as Stage } : {}) };
}

/** A piece of evidence with every version and every indicator it is linked to. */
export function presentEvidenceDetail(d: EvidenceDetail, today: string): EvidenceDetailResponse {
  const latest = d.versions[0]!.version;
  return {
    ...presentEvidence(d.evidence, today),
    ...presentFile(latest),
    versionCount: d.versions.length,
    linkCount: d.links.length,
    versions: d.versions.map((v) => ({ version: v.version.version, ...presentFile(v.version), uploadedBy: v.uploadedBy, uploadedAt: v.version.createdAt.toISOString() })),
    links: d.links.map((l) => ({ assessmentId: l.assessmentId, indicatorCode: l.indicatorCode, periodName: l.periodName, periodYear: l.periodYear, linkedAt: l.linkedAt.toISOString() })),
  };
}
