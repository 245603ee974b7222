import { and, asc, count, desc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { answerEvidence, applicationFiles, assessments, evidence, evidenceVersions, periods, users } from "../schema";

export type EvidenceRow = typeof evidence.$inferSelect;
export type EvidenceVersionRow = typeof evidenceVersions.$inferSelect;

/** A piece of evidence of an agency, or undefined (another agency's evidence is not found). */
export async function findEvidence(db: Db, agencyId: number, id: number): Promise<EvidenceRow | undefined> {
  const [row] = await db.select().from(evidence).where(and(eq(evidence.id, id), eq(evidence.agencyId, agencyId)));
  return row;
}

/** The version of an agency's evidence holding this content, if any (de-duplication). */
export async function findVersionByHash(db: Db, agencyId: number, sha256: string): Promise<EvidenceVersionRow | undefined> {
  const [row] = await db.select().from(evidenceVersions).where(and(eq(evidenceVersions.agencyId, agencyId), eq(evidenceVersions.sha256, sha256)));
  return row;
}

/** One version of a piece of evidence: `version`, or the latest when absent. */
export async function findEvidenceVersion(db: Db, evidenceId: number, version?: number): Promise<EvidenceVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(evidenceVersions)
    .where(and(eq(evidenceVersions.evidenceId, evidenceId), version === undefined ? undefined : eq(evidenceVersions.version, version)))
    .orderBy(desc(evidenceVersions.version))
    .limit(1);
  return row;
}

/** The latest version of each piece of evidence in `ids`. */
async function latestVersions(db: Db, ids: number[]): Promise<Map<number, EvidenceVersionRow>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectDistinctOn([evidenceVersions.evidenceId])
    .from(evidenceVersions)
    .where(inArray(evidenceVersions.evidenceId, ids))
    .orderBy(evidenceVersions.evidenceId, desc(evidenceVersions.version));
  return new Map(rows.map((r) => [r.evidenceId, r]));
}

// Spelled out: drizzle leaves columns unqualified in a one-table select, which would make these
// correlated subqueries compare a table's columns with themselves.
const versionCount = sql<number>`(select count(*) from "evidence_versions" v where v."evidence_id" = "evidence"."id")`.mapWith(Number);
const linkCount = sql<number>`(select count(*) from "answer_evidence" l where l."evidence_id" = "evidence"."id")`.mapWith(Number);

/** A row of the library list: the evidence, its latest file, how many versions and links it has. */
export interface EvidenceSummaryRow {
  evidence: EvidenceRow;
  latest: EvidenceVersionRow;
  versions: number;
  links: number;
  /** For evidence linked to an indicator: the stage the link was made in. */
  linkedInStage?: string;
}

/** Attaches the latest version to evidence rows (every piece of evidence has at least one). */
async function withLatest(db: Db, rows: Omit<EvidenceSummaryRow, "latest">[]): Promise<EvidenceSummaryRow[]> {
  const latest = await latestVersions(db, rows.map((r) => r.evidence.id));
  return rows.filter((r) => latest.has(r.evidence.id)).map((r) => ({ ...r, latest: latest.get(r.evidence.id)! }));
}

/** An agency's evidence library, newest first; `q` searches the title and the document number. */
export async function listEvidence(db: Db, agencyId: number, filter: { q?: string; limit: number; offset: number }) {
  const where = [eq(evidence.agencyId, agencyId)];
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(evidence.title, pattern), ilike(evidence.documentNumber, pattern))!);
  }
  const [{ total }] = (await db.select({ total: count() }).from(evidence).where(and(...where))) as [{ total: number }];
  const rows = await db
    .select({ evidence, versions: versionCount, links: linkCount })
    .from(evidence)
    .where(and(...where))
    .orderBy(desc(evidence.updatedAt), desc(evidence.id))
    .limit(filter.limit)
    .offset(filter.offset);
  return { total, rows: await withLatest(db, rows) };
}

/** Evidence linked to one indicator of an assessment, oldest link first. */
export async function linkedEvidence(db: Db, assessmentId: number, indicatorCode: string): Promise<EvidenceSummaryRow[]> {
  const rows = await db
    .select({ evidence, versions: versionCount, links: linkCount, linkedInStage: answerEvidence.stage })
    .from(answerEvidence)
    .innerJoin(evidence, eq(answerEvidence.evidenceId, evidence.id))
    .where(and(eq(answerEvidence.assessmentId, assessmentId), eq(answerEvidence.indicatorCode, indicatorCode)))
    .orderBy(asc(answerEvidence.createdAt), asc(evidence.id));
  return withLatest(db, rows);
}

/** A piece of evidence with every version (newest first, with the uploader's name) and every link. */
export async function evidenceDetail(db: Db, agencyId: number, id: number) {
  const row = await findEvidence(db, agencyId, id);
  if (!row) return undefined;
  const versions = await db
    .select({ version: evidenceVersions, uploadedBy: users.name })
    .from(evidenceVersions)
    .leftJoin(users, eq(evidenceVersions.createdByUserId, users.id))
    .where(eq(evidenceVersions.evidenceId, id))
    .orderBy(desc(evidenceVersions.version));
  const links = await db
    .select({ assessmentId: answerEvidence.assessmentId, indicatorCode: answerEvidence.indicatorCode, periodName: periods.name, periodYear: periods.year, linkedAt: answerEvidence.createdAt })
    .from(answerEvidence)
    .innerJoin(assessments, eq(answerEvidence.assessmentId, assessments.id))
    .innerJoin(periods, eq(assessments.periodId, periods.id))
    .where(eq(answerEvidence.evidenceId, id))
    .orderBy(desc(periods.year), asc(answerEvidence.assessmentId), asc(answerEvidence.indicatorCode));
  return { evidence: row, versions, links };
}
export type EvidenceDetail = NonNullable<Awaited<ReturnType<typeof evidenceDetail>>>;

/** How many pieces of evidence are linked to each indicator of an assessment (code → count; unlinked codes absent). */
export async function evidenceCountsByIndicator(db: Db, assessmentId: number): Promise<Record<string, number>> {
  const rows = await db
    .select({ code: answerEvidence.indicatorCode, n: count() })
    .from(answerEvidence)
    .where(eq(answerEvidence.assessmentId, assessmentId))
    .groupBy(answerEvidence.indicatorCode);
  return Object.fromEntries(rows.map((r) => [r.code, Number(r.n)]));
}

/** Which of `keys` some version still references (the sweeper keeps those). */
export async function referencedStorageKeys(db: Db, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db.selectDistinct({ key: evidenceVersions.storageKey }).from(evidenceVersions).where(inArray(evidenceVersions.storageKey, keys));
  // Application attachments share the store (same content-addressed keys).
  const attached = await db.selectDistinct({ key: applicationFiles.storageKey }).from(applicationFiles).where(inArray(applicationFiles.storageKey, keys));
  return new Set([...rows, ...attached].map((r) => r.key));
}

/** A stored object the database references, with the hash and size it must have and who refers to it. */
export interface ReferencedBlob {
  key: string;
  sha256: string;
  size: number;
  /** "version #12", "application file <uuid>", …: for messages. */
  refs: string;
}

/**
 * Every object of the evidence store that a row references: evidence versions and the attachments
 * of online applications (they share the content-addressed store). Backups copy exactly these,
 * and `pandu doctor` checks them and treats every other object as an orphan — so a new table
 * that keeps files in the store must be added here.
 */
export async function referencedBlobs(db: Pick<Db, "execute">): Promise<ReferencedBlob[]> {
  const result = await db.execute(sql`
    select key, min(sha256) as sha256, min(size) as size, string_agg(ref, ', ' order by ref) as refs from (
      select storage_key as key, sha256, size::bigint as size, 'version #' || id::text as ref from evidence_versions
      union all
      select storage_key, sha256, size::bigint, 'application file ' || id::text from application_files
    ) r group by key order by key`);
  return (result as unknown as { rows: { key: string; sha256: string; size: string | number; refs: string }[] }).rows.map((r) => ({ ...r, size: Number(r.size) }));
}

/** Every piece of evidence linked to the indicators of an assessment: code → rows, oldest link first. */
export async function linkedEvidenceByIndicator(db: Db, assessmentId: number): Promise<Map<string, EvidenceSummaryRow[]>> {
  const rows = await db
    .select({ code: answerEvidence.indicatorCode, evidence, versions: versionCount, links: linkCount, linkedInStage: answerEvidence.stage })
    .from(answerEvidence)
    .innerJoin(evidence, eq(answerEvidence.evidenceId, evidence.id))
    .where(eq(answerEvidence.assessmentId, assessmentId))
    .orderBy(asc(answerEvidence.createdAt), asc(evidence.id));
  const latest = await latestVersions(db, [...new Set(rows.map((r) => r.evidence.id))]);
  const byCode = new Map<string, EvidenceSummaryRow[]>();
  for (const r of rows) {
    const file = latest.get(r.evidence.id);
    if (file) byCode.set(r.code, [...(byCode.get(r.code) ?? []), { evidence: r.evidence, versions: r.versions, links: r.links, linkedInStage: r.linkedInStage, latest: file }]);
  }
  return byCode;
}

/** Every evidence link of an assessment with the document's title and review date (for copy-forward). */
export async function evidenceLinksOf(db: Db, assessmentId: number): Promise<{ indicatorCode: string; evidenceId: number; title: string; reviewDate: string | null }[]> {
  return db
    .select({ indicatorCode: answerEvidence.indicatorCode, evidenceId: evidence.id, title: evidence.title, reviewDate: evidence.reviewDate })
    .from(answerEvidence)
    .innerJoin(evidence, eq(answerEvidence.evidenceId, evidence.id))
    .where(eq(answerEvidence.assessmentId, assessmentId))
    .orderBy(asc(answerEvidence.indicatorCode), asc(evidence.id));
}
