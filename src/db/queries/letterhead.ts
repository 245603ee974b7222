import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, agencyLetterheads, agencyLogos, type LetterheadSnapshot } from "../schema";
import type { Letterhead } from "../../lib/pdf/letterhead";
import { contactLine, defaultSeat, governmentLine } from "../../core/documents/letterhead";

/** An agency's kop surat settings as stored (nulls where unset), with the agency's name and category; undefined for an unknown agency. */
export async function letterheadSettingsOf(db: Db, agencyId: number) {
  const [row] = await db
    .select({
      agencyName: agencies.name,
      category: agencies.category,
      officeName: agencyLetterheads.officeName,
      address: agencyLetterheads.address,
      phone: agencyLetterheads.phone,
      email: agencyLetterheads.email,
      website: agencyLetterheads.website,
      seat: agencyLetterheads.seat,
      logoId: agencyLetterheads.logoId,
      updatedAt: agencyLetterheads.updatedAt,
    })
    .from(agencies)
    .leftJoin(agencyLetterheads, eq(agencyLetterheads.agencyId, agencies.id))
    .where(eq(agencies.id, agencyId))
    .limit(1);
  return row;
}

export type LetterheadSettings = NonNullable<Awaited<ReturnType<typeof letterheadSettingsOf>>>;

export type { LetterheadSnapshot };

/** The kop surat a document printed now would carry, with the logo by id (to be frozen in a document's snapshot). */
export function letterheadSnapshotFrom(s: LetterheadSettings): LetterheadSnapshot {
  return {
    governmentName: governmentLine(s.agencyName),
    agencyName: s.officeName ?? s.agencyName,
    address: s.address,
    contact: contactLine(s),
    seat: s.seat ?? defaultSeat(s.agencyName, s.category),
    logoId: s.logoId,
  };
}

/** A stored logo of an agency (bytes and type); undefined when it is not that agency's. */
export async function agencyLogo(db: Db, agencyId: number, logoId: number): Promise<{ bytes: Buffer; contentType: string; sha256: string } | undefined> {
  const [row] = await db
    .select({ bytes: agencyLogos.bytes, contentType: agencyLogos.contentType, sha256: agencyLogos.sha256 })
    .from(agencyLogos)
    .where(and(eq(agencyLogos.id, logoId), eq(agencyLogos.agencyId, agencyId)))
    .limit(1);
  return row;
}

/** The printable kop surat of a frozen snapshot: the logo it names read back (logos are never changed or deleted). */
export async function letterheadFromSnapshot(db: Db, agencyId: number, snap: LetterheadSnapshot): Promise<Letterhead> {
  const { logoId, ...text } = snap;
  const logo = logoId === null ? null : ((await agencyLogo(db, agencyId, logoId))?.bytes ?? null);
  return { ...text, logo };
}

/**
 * The kop surat of an agency as it prints today: the settings where set, else the agency's name
 * (in capitals on the first line), no address, no logo, the seat derived from the name for a city.
 * Throws for an unknown agency id (callers hold a loaded agency).
 */
export async function letterheadOf(db: Db, agencyId: number): Promise<Letterhead> {
  const settings = await letterheadSettingsOf(db, agencyId);
  if (!settings) throw new Error(`unknown agency ${agencyId}`);
  return letterheadFromSnapshot(db, agencyId, letterheadSnapshotFrom(settings));
}
