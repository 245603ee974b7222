import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { agencyLetterheads, agencyLogos } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { lockAgency } from "../queries/row-locks";

/** The text settings of a kop surat (null: unset). */
export interface LetterheadText {
  officeName: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  seat: string | null;
}

const TEXT_KEYS = ["officeName", "address", "phone", "email", "website", "seat"] as const;

/** Replaces an agency's kop surat text (the logo stays), audited with the fields that changed, in one transaction. */
export async function saveLetterheadText(db: Db, ctx: AuditContext, agencyId: number, text: LetterheadText): Promise<void> {
  await db.transaction(async (tx) => {
    await lockAgency(tx, agencyId);
    const [before] = await tx.select().from(agencyLetterheads).where(eq(agencyLetterheads.agencyId, agencyId));
    await tx
      .insert(agencyLetterheads)
      .values({ agencyId, ...text })
      .onConflictDoUpdate({ target: agencyLetterheads.agencyId, set: { ...text, updatedAt: sql`now()` } });
    const pick = (r: Partial<LetterheadText> | undefined) => Object.fromEntries(TEXT_KEYS.map((k) => [k, r?.[k] ?? null]));
    await recordAudit(tx, ctx, { agencyId, action: "letterhead.update", targetType: "agency", targetId: agencyId, before: pick(before), after: pick(text) });
  });
}

/**
 * Makes `bytes` (already checked: PNG or JPEG, at most 1 MB, decodable) the agency's logo. The image
 * is kept once per agency by its SHA-256 (an earlier upload of the same file is reused); earlier
 * logos stay, since issued documents name the logo they printed.
 */
export async function setLetterheadLogo(db: Db, ctx: AuditContext, agencyId: number, logo: { bytes: Buffer; contentType: string }): Promise<{ sha256: string }> {
  const sha256 = createHash("sha256").update(logo.bytes).digest("hex");
  await db.transaction(async (tx) => {
    await lockAgency(tx, agencyId);
    await tx.insert(agencyLogos).values({ agencyId, sha256, contentType: logo.contentType, bytes: logo.bytes }).onConflictDoNothing();
    const [row] = await tx
      .select({ id: agencyLogos.id })
      .from(agencyLogos)
      .where(and(eq(agencyLogos.agencyId, agencyId), eq(agencyLogos.sha256, sha256)));
    const [before] = await tx.select({ logoId: agencyLetterheads.logoId }).from(agencyLetterheads).where(eq(agencyLetterheads.agencyId, agencyId));
    await tx
      .insert(agencyLetterheads)
      .values({ agencyId, logoId: row!.id })
      .onConflictDoUpdate({ target: agencyLetterheads.agencyId, set: { logoId: row!.id, updatedAt: sql`now()` } });
    await recordAudit(tx, ctx, { agencyId, action: "letterhead.logo_set", targetType: "agency", targetId: agencyId, before: { logo: before?.logoId ?? null }, after: { logo: row!.id, sha256, size: logo.bytes.length } });
  });
  return { sha256 };
}

/** Removes the logo from the agency's kop surat (the image itself stays for documents already issued); false when it had none. */
export async function removeLetterheadLogo(db: Db, ctx: AuditContext, agencyId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockAgency(tx, agencyId);
    const [before] = await tx.select({ logoId: agencyLetterheads.logoId }).from(agencyLetterheads).where(eq(agencyLetterheads.agencyId, agencyId));
    if (!before?.logoId) return false;
    await tx.update(agencyLetterheads).set({ logoId: null, updatedAt: sql`now()` }).where(eq(agencyLetterheads.agencyId, agencyId));
    await recordAudit(tx, ctx, { agencyId, action: "letterhead.logo_remove", targetType: "agency", targetId: agencyId, before: { logo: before.logoId }, after: { logo: null } });
    return true;
  });
}
