import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { instrumentVersions, users } from "../schema";
import { validateInstrument, type CompiledInstrument } from "../../core";
import { instrumentById, parseInstrumentKey, registerUploadedInstrument, uploadedInstrumentKey } from "../../lib/instrument-files";

/** Registers a stored version in this process (its body was validated on upload; checked again, cheaply). */
function register(row: { instrumentId: string; version: number; body: unknown }): CompiledInstrument | undefined {
  const result = validateInstrument(row.body);
  return result.ok ? registerUploadedInstrument(uploadedInstrumentKey(row.instrumentId, row.version), result.instrument) : undefined;
}

/** Registers every uploaded instrument version of the database in this process (at start-up). */
export async function loadUploadedInstruments(db: Db): Promise<number> {
  const rows = await db.select({ instrumentId: instrumentVersions.instrumentId, version: instrumentVersions.version, body: instrumentVersions.body }).from(instrumentVersions);
  return rows.filter((r) => register(r)).length;
}

/**
 * The instrument of an id wherever one is resolved (period creation, workspace, scoring): a bundled
 * instrument, else an uploaded version `<id>@<version>` known to this process, else read from the
 * database (another instance may have taken the upload) and registered. Undefined when none.
 */
export async function instrumentFor(db: Db, key: string): Promise<CompiledInstrument | undefined> {
  const known = instrumentById(key);
  if (known) return known;
  const { id, version } = parseInstrumentKey(key);
  if (version === null) return undefined;
  const [row] = await db
    .select({ instrumentId: instrumentVersions.instrumentId, version: instrumentVersions.version, body: instrumentVersions.body })
    .from(instrumentVersions)
    .where(and(eq(instrumentVersions.instrumentId, id), eq(instrumentVersions.version, version)));
  return row ? register(row) : undefined;
}

/** The newest version of uploaded instrument `id` (undefined when it was never uploaded). */
export async function latestInstrumentVersion(db: Db, id: string) {
  const [row] = await db
    .select({ version: instrumentVersions.version, sha256: instrumentVersions.sha256, status: instrumentVersions.status })
    .from(instrumentVersions)
    .where(eq(instrumentVersions.instrumentId, id))
    .orderBy(desc(instrumentVersions.version))
    .limit(1);
  return row;
}

/** Every uploaded version (id, then version), with who uploaded it; bodies are not read. */
export async function listInstrumentVersions(db: Db) {
  return db
    .select({
      instrumentId: instrumentVersions.instrumentId,
      version: instrumentVersions.version,
      name: instrumentVersions.name,
      sha256: instrumentVersions.sha256,
      sourceFormat: instrumentVersions.sourceFormat,
      status: instrumentVersions.status,
      uploadedAt: instrumentVersions.uploadedAt,
      uploadedByName: users.name,
    })
    .from(instrumentVersions)
    .leftJoin(users, eq(users.id, instrumentVersions.uploadedBy))
    .orderBy(asc(instrumentVersions.instrumentId), asc(instrumentVersions.version));
}
