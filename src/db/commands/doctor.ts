import { createHash } from "node:crypto";
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { evidenceUploads, userRoles } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { verifyAudit } from "../audit/verify-audit";
import { EvidenceObjectMissingError, partDir, type EvidenceStorage } from "../../lib/storage";
import { appliedMigrations, codeMigrations } from "./backup";
import { referencedBlobs } from "../queries/evidence";

/** One problem found; `fix` is absent when it must not be repaired automatically (report only). */
export interface DoctorFinding {
  check: "migrations" | "invariant" | "blob" | "orphan_blob" | "orphan_temp" | "stuck_lease" | "duplicate_grant" | "audit";
  problem: string;
  fix?: () => Promise<{ fixed: boolean; message: string }>;
}

export interface DoctorOptions {
  ctx: AuditContext;
  now?: Date;
  /**
   * Orphan files younger than this are reported but left in place by a fix: a running server may own
   * them (an upload between writing its file and committing its row). 0 when no server can be running.
   */
  fixMinAgeMs: number;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Checks the database and the evidence store and names every problem: the migration level, app
 * invariants, every referenced evidence file (present, hash right), orphans both ways, temporary
 * and partial upload files left behind (at once, not only when old), upload leases past their
 * expiry, duplicate role grants (NULL agency included) and the audit hash chains.
 */
export async function diagnose(db: Db, storage: EvidenceStorage, options: DoctorOptions): Promise<DoctorFinding[]> {
  const now = options.now ?? new Date();
  const findings: DoctorFinding[] = [];
  const oldEnough = (modified: Date) => now.getTime() - modified.getTime() >= options.fixMinAgeMs;
  const youngMessage = (what: string) => ({ fixed: false, message: `left ${what} in place: younger than ${Math.round(options.fixMinAgeMs / 60000)} minutes, an upload in progress may own it` });

  // Migration level: exactly the migrations this version ships, in order.
  const applied = await appliedMigrations(db);
  const code = codeMigrations();
  if (applied.length !== code.length || applied.some((m, i) => m.hash !== code[i]!.hash)) {
    findings.push({ check: "migrations", problem: `the database has ${applied.length} migrations applied, this version ships ${code.length} (or they differ): it was changed by another version of Pandu` });
  }

  // App invariants the foreign keys do not express.
  const badKeys = rowsOf<{ id: number; key: string; expected: string }>(
    await db.execute(
      sql`select v.id, v.storage_key as key, a.code || '/' || v.sha256 as expected from evidence_versions v join agencies a on a.id = v.agency_id where v.storage_key <> a.code || '/' || v.sha256 order by v.id`,
    ),
  );
  for (const r of badKeys) findings.push({ check: "invariant", problem: `evidence version #${r.id} is stored as ${r.key}, expected ${r.expected}` });
  const crossAgency = rowsOf<{ id: number }>(
    await db.execute(sql`select v.id from evidence_versions v join evidence e on e.id = v.evidence_id where e.agency_id <> v.agency_id order by v.id`),
  );
  for (const r of crossAgency) findings.push({ check: "invariant", problem: `evidence version #${r.id} belongs to another agency than its evidence` });

  // Every referenced evidence file exists and hashes right (never "fixed": the content is lost or altered).
  const referenced = await referencedBlobs(db);
  const referencedKeys = new Set(referenced.map((r) => r.key));
  for (const r of referenced) {
    try {
      const hash = createHash("sha256");
      for await (const chunk of (await storage.open(r.key)) as AsyncIterable<Buffer>) hash.update(chunk);
      if (hash.digest("hex") !== r.sha256) findings.push({ check: "blob", problem: `evidence file ${r.key} (${r.refs}) does not match its SHA-256: altered or corrupted` });
    } catch (e) {
      if (!(e instanceof EvidenceObjectMissingError)) throw e;
      findings.push({ check: "blob", problem: `evidence file ${r.key} (${r.refs}) is missing from the store` });
    }
  }

  // Stored files no version references.
  for await (const o of storage.list()) {
    if (referencedKeys.has(o.key)) continue;
    findings.push({
      check: "orphan_blob",
      problem: `evidence file ${o.key} is referenced by no evidence version or application file`,
      fix: async () => {
        if (!oldEnough(o.modifiedAt)) return youngMessage(o.key);
        await storage.delete(o.key);
        return { fixed: true, message: `removed orphan evidence file ${o.key}` };
      },
    });
  }

  // Temporary files of one-shot uploads, and partial files of resumable uploads without a session.
  const temps = await readdir(storage.tempDir, { withFileTypes: true }).catch(() => []);
  for (const entry of temps) {
    if (!entry.isFile()) continue;
    const file = path.join(storage.tempDir, entry.name);
    findings.push({ check: "orphan_temp", problem: `temporary upload file ${file} is left over`, fix: () => removeFile(file, "temporary upload file") });
  }
  const parts = (await readdir(partDir(storage.tempDir)).catch(() => [] as string[])).filter((n) => n.endsWith(".part"));
  const ids = parts.map((n) => n.slice(0, -".part".length)).filter((id) => /^[0-9a-f-]{36}$/.test(id));
  const live = new Set(ids.length ? (await db.select({ id: evidenceUploads.id }).from(evidenceUploads).where(inArray(evidenceUploads.id, ids))).map((r) => r.id) : []);
  for (const name of parts) {
    if (live.has(name.slice(0, -".part".length))) continue;
    const file = path.join(partDir(storage.tempDir), name);
    findings.push({ check: "orphan_temp", problem: `partial upload file ${file} has no upload session`, fix: () => removeFile(file, "partial upload file") });
  }
  async function removeFile(file: string, what: string) {
    const info = await stat(file).catch(() => null);
    if (info && !oldEnough(info.mtime)) return youngMessage(file);
    await rm(file, { force: true });
    return { fixed: true, message: `removed ${what} ${file}` };
  }

  // Chunk leases past their expiry (a process died mid-chunk).
  const stuck = await db
    .select({ id: evidenceUploads.id, until: evidenceUploads.receivingUntil })
    .from(evidenceUploads)
    .where(and(isNotNull(evidenceUploads.receivingUntil), lt(evidenceUploads.receivingUntil, now)));
  for (const s of stuck) {
    findings.push({
      check: "stuck_lease",
      problem: `upload ${s.id} holds a chunk lease that ran out at ${s.until!.toISOString()}`,
      fix: async () => {
        await db
          .update(evidenceUploads)
          .set({ receivingUntil: null, receivingToken: null })
          .where(and(eq(evidenceUploads.id, s.id), lt(evidenceUploads.receivingUntil, now)));
        return { fixed: true, message: `released the stuck lease of upload ${s.id}` };
      },
    });
  }

  // The same role granted twice (a unique constraint does not catch a NULL agency).
  const dups = rowsOf<{ user_id: number; role: string; agency_id: number | null; ids: number[] }>(
    await db.execute(
      sql`select user_id, role, agency_id, array_agg(id order by id) as ids from user_roles group by user_id, role, agency_id having count(*) > 1 order by user_id, role`,
    ),
  );
  for (const d of dups) {
    const extra = d.ids.slice(1).map(Number);
    findings.push({
      check: "duplicate_grant",
      problem: `user #${d.user_id} holds role ${d.role}${d.agency_id === null ? " (no agency)" : ` for agency #${d.agency_id}`} ${d.ids.length} times (grants ${d.ids.map((i) => `#${i}`).join(", ")})`,
      fix: async () => {
        await removeDuplicateGrants(db, options.ctx, { userId: d.user_id, role: d.role, agencyId: d.agency_id, ids: extra });
        return { fixed: true, message: `removed duplicate grant(s) ${extra.map((i) => `#${i}`).join(", ")} of user #${d.user_id}` };
      },
    });
  }

  // The audit hash chains (never "fixed": a break is evidence).
  const audit = await verifyAudit(db);
  for (const p of audit.problems) findings.push({ check: "audit", problem: `audit trail: ${p}` });
  return findings;
}

/** Removes surplus copies of one role grant (the first is kept), with an audit event each, in one transaction. */
export async function removeDuplicateGrants(db: Db, ctx: AuditContext, grant: { userId: number; role: string; agencyId: number | null; ids: number[] }): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(userRoles)
      .where(and(inArray(userRoles.id, grant.ids), eq(userRoles.userId, grant.userId)))
      .returning({ id: userRoles.id });
    for (const r of removed) {
      await recordAudit(tx, ctx, {
        agencyId: grant.agencyId,
        action: "role.duplicate_removed",
        targetType: "user",
        targetId: grant.userId,
        before: { role: grant.role, grant: r.id },
        after: null,
      });
    }
  });
}
