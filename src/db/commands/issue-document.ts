import { randomBytes, createHash } from "node:crypto";
import { and, eq, max } from "drizzle-orm";
import type { Db } from "../client";
import { issuedDocuments, type IssuedDocumentSnapshot } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { lockAgency } from "../queries/row-locks";
import { formatDocumentNumber } from "../../core/documents/document-number";

export type IssuedDocument = typeof issuedDocuments.$inferSelect;

/** What a renderer needs to print the document's identity: its public id, number and frozen snapshot. */
export interface DocumentIdentity {
  id: string;
  number: string;
  snapshot: IssuedDocumentSnapshot;
}

/** The year and month (1–12) of a moment in Jakarta, where Indonesian documents are dated. */
function jakartaYearMonth(at: Date): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "numeric", timeZone: "Asia/Jakarta" }).formatToParts(at);
  return { year: Number(parts.find((p) => p.type === "year")!.value), month: Number(parts.find((p) => p.type === "month")!.value) };
}

/**
 * What an issued document is of: an assessment's snapshot (`assessmentId` and the moment it states,
 * the Berita Acara), or the data it states, named by a key (the LHE: assessment, result revision and
 * a SHA-256 of its contents; a province summary: year and a SHA-256 of the figures) within its agency.
 */
export type DocumentSubject = { assessmentId: number; subjectAt: Date } | { agencyId: number; subjectKey: string };

/** The issued document of this kind for this subject, if it was issued. */
export async function findIssuedDocument(db: Pick<Db, "select">, kind: string, subject: DocumentSubject): Promise<IssuedDocument | undefined> {
  const where =
    "subjectKey" in subject
      ? and(eq(issuedDocuments.kind, kind), eq(issuedDocuments.agencyId, subject.agencyId), eq(issuedDocuments.subjectKey, subject.subjectKey))
      : and(eq(issuedDocuments.kind, kind), eq(issuedDocuments.assessmentId, subject.assessmentId), eq(issuedDocuments.subjectAt, subject.subjectAt));
  const [row] = await db.select().from(issuedDocuments).where(where).limit(1);
  return row;
}

/**
 * Issues a document once: the first call for a (kind, assessment, snapshot) takes the next number of
 * (kind, agency, year) from the pattern, a random public id (120 bits, base64url), freezes the
 * snapshot (verification URL, signatories, kop surat), renders the PDF with them and registers its SHA-256,
 * audited as `document.issue`, all in one transaction (queued on the agency row so two issues never
 * take the same number). Later calls find the row and return it without a PDF: the caller renders
 * again from the frozen identity, which gives the same bytes.
 */
export async function issueDocumentOnce(
  db: Db,
  ctx: AuditContext,
  input: {
    kind: string;
    /** The kind's short code printed by `{kind}` in the number (BA-PM, BA-DOK, LHE, …). */
    kindCode: string;
    /** The assessment the document states, or null for a document of an agency's data (then `subjectKey`). */
    assessmentId: number | null;
    /** What data the document states (identifies it instead of assessment and `subjectAt`); required without an assessment. */
    subjectKey?: string | null;
    agencyId: number;
    agencyCode: string;
    title: string;
    subjectAt: Date;
    pattern: string;
    verifyUrlOf: (id: string) => string;
    /** Frozen in the snapshot: the self-assessment record's signatories, or the signers of any other document, and the kop surat printed. */
    signatories?: IssuedDocumentSnapshot["signatories"];
    signers?: IssuedDocumentSnapshot["signers"];
    letterhead?: IssuedDocumentSnapshot["letterhead"];
    render: (identity: DocumentIdentity) => Promise<Buffer>;
  },
): Promise<{ document: IssuedDocument; pdf: Buffer | null }> {
  if (input.assessmentId === null && !input.subjectKey) throw new TypeError("a document of no assessment needs a subject key");
  const subject: DocumentSubject = input.subjectKey ? { agencyId: input.agencyId, subjectKey: input.subjectKey } : { assessmentId: input.assessmentId!, subjectAt: input.subjectAt };
  const existing = await findIssuedDocument(db, input.kind, subject);
  if (existing) return { document: existing, pdf: null };
  return db.transaction(async (tx) => {
    await lockAgency(tx, input.agencyId);
    const again = await findIssuedDocument(tx, input.kind, subject);
    if (again) return { document: again, pdf: null };
    const { year, month } = jakartaYearMonth(input.subjectAt);
    const [last] = await tx
      .select({ seq: max(issuedDocuments.seq) })
      .from(issuedDocuments)
      .where(and(eq(issuedDocuments.kind, input.kind), eq(issuedDocuments.agencyId, input.agencyId), eq(issuedDocuments.year, year)));
    const seq = (last?.seq ?? 0) + 1;
    const id = randomBytes(15).toString("base64url");
    const number = formatDocumentNumber(input.pattern, { seq, agency: input.agencyCode, year, month, kind: input.kindCode });
    const snapshot: IssuedDocumentSnapshot = { verifyUrl: input.verifyUrlOf(id) };
    if (input.signatories) snapshot.signatories = input.signatories;
    if (input.signers) snapshot.signers = input.signers;
    if (input.letterhead) snapshot.letterhead = input.letterhead;
    const pdf = await input.render({ id, number, snapshot });
    const sha256 = createHash("sha256").update(pdf).digest("hex");
    const [document] = await tx
      .insert(issuedDocuments)
      .values({ id, kind: input.kind, assessmentId: input.assessmentId, subjectKey: input.subjectKey ?? null, agencyId: input.agencyId, title: input.title, year, seq, number, sha256, subjectAt: input.subjectAt, snapshot })
      .returning();
    await recordAudit(tx, ctx, { agencyId: input.agencyId, action: "document.issue", targetType: input.assessmentId !== null ? "assessment" : "agency", targetId: input.assessmentId ?? input.agencyId, after: { id, kind: input.kind, number, sha256 } });
    return { document: document!, pdf };
  });
}
