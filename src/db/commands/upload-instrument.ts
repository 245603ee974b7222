import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { instrumentVersions } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { isUniqueViolation } from "../pg-errors";
import type { Instrument } from "../../core";
import { registerUploadedInstrument, uploadedInstrumentKey } from "../../lib/instrument-files";

export interface InstrumentUpload {
  instrument: Instrument;
  sha256: string;
  format: "json" | "yaml";
  uploadedBy: number | null;
}

/**
 * Keeps a validated instrument as the next version of its id (1 for a new id), with its audit event,
 * in one transaction, and registers it in this process. A file identical to the newest version adds
 * nothing (`created: false`). Two uploads of one id at once: the loser of the primary key retries.
 */
export async function uploadInstrument(db: Db, ctx: AuditContext, u: InstrumentUpload): Promise<{ version: number; created: boolean }> {
  const id = u.instrument.id;
  for (let attempt = 0; ; attempt++) {
    try {
      const out = await db.transaction(async (tx) => {
        const [latest] = await tx
          .select({ version: instrumentVersions.version, sha256: instrumentVersions.sha256 })
          .from(instrumentVersions)
          .where(eq(instrumentVersions.instrumentId, id))
          .orderBy(sql`${instrumentVersions.version} desc`)
          .limit(1);
        if (latest && latest.sha256 === u.sha256) return { version: latest.version, created: false };
        const version = (latest?.version ?? 0) + 1;
        await tx.insert(instrumentVersions).values({
          instrumentId: id,
          version,
          name: u.instrument.name,
          sha256: u.sha256,
          body: u.instrument as unknown as Record<string, unknown>,
          sourceFormat: u.format,
          uploadedBy: u.uploadedBy,
        });
        await recordAudit(tx, ctx, {
          agencyId: null,
          action: "instrument.upload",
          targetType: "instrument",
          targetId: uploadedInstrumentKey(id, version),
          after: { id, version, name: u.instrument.name, sha256: u.sha256, format: u.format },
        });
        return { version, created: true };
      });
      registerUploadedInstrument(uploadedInstrumentKey(id, out.version), u.instrument);
      return out;
    } catch (e) {
      if (attempt < 3 && isUniqueViolation(e)) continue;
      throw e;
    }
  }
}
