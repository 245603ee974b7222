import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, issuedDocuments } from "../schema";

/** An issued document by its public id, with its agency, for the verification page; undefined when unknown. */
export async function issuedDocumentById(db: Db, id: string) {
  const [row] = await db
    .select({
      id: issuedDocuments.id,
      kind: issuedDocuments.kind,
      title: issuedDocuments.title,
      number: issuedDocuments.number,
      sha256: issuedDocuments.sha256,
      subjectAt: issuedDocuments.subjectAt,
      issuedAt: issuedDocuments.issuedAt,
      agencyCode: agencies.code,
      agencyName: agencies.name,
    })
    .from(issuedDocuments)
    .innerJoin(agencies, eq(issuedDocuments.agencyId, agencies.id))
    .where(eq(issuedDocuments.id, id))
    .limit(1);
  return row;
}
