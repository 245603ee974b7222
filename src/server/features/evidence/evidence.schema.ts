import { z } from "zod";
import { STAGES } from "../../../core";
import { EVIDENCE_FILE_TYPES } from "../../../lib/file-type";
import { stripFormatCharacters } from "../../../lib/text-safety";
import { AgencyCodeParams } from "../agencies/agencies.schema";
import { AnswerParams } from "../assessments/assessment-params.schema";

/** A multipart text field that may be left empty: absent stays undefined, empty becomes null. */
const clearable = (inner: z.ZodString | z.ZodISODate) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "" ? null : v))
    .pipe(inner.nullable().optional());

// Format characters (bidi overrides, zero-width) are dropped: a title shows what it says.
const Title = z.string().overwrite(stripFormatCharacters).trim().min(3).max(300);
const DocumentNumber = z.string().overwrite(stripFormatCharacters).max(200);
const IsoDate = z.iso.date();

/** Text fields sent before the file when adding evidence. */
export const NewEvidenceFields = z.object({
  title: Title,
  documentNumber: clearable(DocumentNumber).transform((v) => v ?? null),
  documentDate: clearable(IsoDate).transform((v) => v ?? null),
  reviewDate: clearable(IsoDate).transform((v) => v ?? null),
});

/** Text fields sent before the file of a new version; each given one replaces the old value. */
export const NewVersionFields = z.object({
  title: Title.optional(),
  documentNumber: clearable(DocumentNumber),
  documentDate: clearable(IsoDate),
  reviewDate: clearable(IsoDate),
});

/** A metadata change without a file (JSON); null clears a value, absent keeps it. */
export const UpdateEvidenceBody = z
  .object({
    title: Title.optional(),
    documentNumber: DocumentNumber.trim().nullable().optional(),
    documentDate: IsoDate.nullable().optional(),
    reviewDate: IsoDate.nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "nothing to change" });

export const EvidenceParams = AgencyCodeParams.extend({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const ListEvidenceQuery = z.object({
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const FileQuery = z.object({
  version: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** `1`: show a PDF or an image in the browser (sandboxed); other types always download. */
  inline: z.enum(["0", "1", "true", "false"]).optional(),
});

export const LinkParams = AnswerParams;
export const LinkBody = z.object({ evidenceId: z.number().int().positive().max(2_147_483_647) });
export const UnlinkParams = AnswerParams.extend({ evidenceId: z.coerce.number().int().positive().max(2_147_483_647) });

const FileType = z.enum(EVIDENCE_FILE_TYPES);

export const EvidenceSummary = z.object({
  id: z.number(),
  title: z.string(),
  documentNumber: z.string().nullable(),
  documentDate: z.string().nullable(),
  reviewDate: z.string().nullable(),
  /** The review date is two years old or more (level 4 wants a review younger than that). */
  tooOld: z.boolean(),
  /** The latest file. */
  fileName: z.string(),
  fileType: FileType,
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  versionCount: z.number(),
  linkCount: z.number(),
  /** Evidence linked to an indicator: the stage the link was made in (removable only while that stage is open). */
  linkedInStage: z.enum(STAGES).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EvidenceSummary = z.infer<typeof EvidenceSummary>;

export const EvidenceVersion = z.object({
  version: z.number(),
  fileName: z.string(),
  fileType: FileType,
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});

export const EvidenceLinkResponse = z.object({ assessmentId: z.number(), indicatorCode: z.string(), periodName: z.string(), periodYear: z.number(), linkedAt: z.string() });

export const EvidenceDetailResponse = EvidenceSummary.extend({ versions: z.array(EvidenceVersion), links: z.array(EvidenceLinkResponse) });
export type EvidenceDetailResponse = z.infer<typeof EvidenceDetailResponse>;

export const UploadResponse = EvidenceDetailResponse.extend({
  /** The agency already had this content: this is the evidence that holds it, nothing was stored. */
  deduplicated: z.boolean(),
});

export const EvidenceListResponse = z.object({
  evidence: z.array(EvidenceSummary),
  total: z.number(),
  /** What the caller may do in this library (the UI shows the upload form only when allowed). */
  abilities: z.object({ upload: z.boolean() }),
});
export const LinkedEvidenceResponse = z.object({ assessmentId: z.number(), indicatorCode: z.string(), evidence: z.array(EvidenceSummary) });

/** Starts a resumable upload: the file's size and name, and the metadata a one-shot upload sends as fields. */
export const StartResumableBody = z.object({
  /** The whole file's length in bytes. */
  size: z.number().int().positive(),
  fileName: z.string().trim().max(300).optional(),
  /** Upload a new version of this evidence instead of new evidence. */
  evidenceId: z.number().int().positive().optional(),
  title: Title.optional(),
  documentNumber: DocumentNumber.trim().nullable().optional(),
  documentDate: IsoDate.nullable().optional(),
  reviewDate: IsoDate.nullable().optional(),
});

export const ResumableParams = z.object({ id: z.uuid() });

export const ChunkHeaders = z.object({
  /** Where this chunk starts: the number of bytes the server already has. */
  "upload-offset": z.coerce.number().int().min(0).optional(),
});

export const ResumableStatusResponse = z.object({
  id: z.string(),
  size: z.number(),
  /** Bytes received so far: the next chunk starts here. */
  offset: z.number(),
  /** An upload without a new chunk until then is removed. */
  expiresAt: z.string(),
});

export const ResumableChunkResponse = ResumableStatusResponse.extend({
  /** The evidence the upload became, once its last byte arrived; null before. */
  evidence: UploadResponse.nullable(),
});
