import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { AppError } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canTakeBackup } from "../../policies/backup.policy";
import { recordAudit } from "../../../db/audit/record-audit";
import { BackupBlobError, writeBackup } from "../../../db/commands/backup";
import { evidenceSettingsOf } from "../evidence/evidence-settings";

/**
 * `POST /api/admin/backup` streams a backup of the running installation (the file `pandu backup`
 * writes): the only safe way to back up the embedded database while the server holds its data
 * directory. Administrators only; the request is audited before the snapshot is taken.
 */
export const backupRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/api/admin/backup",
      {
        config: { access: "authenticated" },
        schema: { summary: "A consistent backup (database, evidence files, key fingerprint) as one gzip NDJSON file", tags: ["admin"], response: { 200: z.any() } },
      },
      async (req, reply) => {
        if (!canTakeBackup(req.auth!.actor)) throw new AppError(403, "forbidden", "only an administrator may take a backup");
        const { storage } = evidenceSettingsOf(ctx);
        await ctx.database.db.transaction((tx) => recordAudit(tx, auditContextOf(req), { agencyId: null, action: "backup.create", targetType: "installation", targetId: null }));
        const headers = { "content-type": "application/gzip", "content-disposition": 'attachment; filename="pandu-backup.ndjson.gz"' };
        if (ctx.database.kind === "pglite") {
          // The embedded database has one connection: the snapshot's transaction holds it, so it is written
          // to a temporary file at disk speed first, never at the pace of a slow client.
          const dir = await mkdtemp(path.join(os.tmpdir(), "pandu-backup-"));
          const file = path.join(dir, "backup.ndjson.gz");
          try {
            await writeBackup(ctx.database.db, ctx.database.kind, storage, createWriteStream(file, { mode: 0o600 }), { keyFingerprint: ctx.secretKeyFingerprint ?? null });
          } catch (e) {
            await rm(dir, { recursive: true, force: true });
            if (e instanceof BackupBlobError) throw new AppError(409, "evidence_damaged", e.message);
            throw e;
          }
          const stream = createReadStream(file);
          stream.on("close", () => void rm(dir, { recursive: true, force: true }));
          return reply.headers(headers).send(stream);
        }
        const out = new PassThrough();
        // PostgreSQL: streamed as it is read (the snapshot has a connection of its own). The status is sent
        // first; a failure half-way cuts the stream, and the file then has no manifest, which
        // `pandu backup --url` and `pandu restore` refuse.
        writeBackup(ctx.database.db, ctx.database.kind, storage, out, { keyFingerprint: ctx.secretKeyFingerprint ?? null }).catch((e: Error) => {
          req.log.error({ err: e }, "backup failed");
          out.destroy(e);
        });
        return reply.headers(headers).send(out);
      },
    );
  };
