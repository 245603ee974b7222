import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { AppError, notFound } from "../../errors";
import { auditScope, canReadAudit } from "../../policies/audit.policy";
import { agencyIdsByCode } from "../../../db/queries/agency-ids";
import { listAuditEvents } from "../../../db/queries/audit";
import { writeCsv } from "../../../lib/csv-write";
import { auditCsvRecords, presentAuditEvent } from "./audit-event.presenter";
import { AuditEventResponse, AuditQuery } from "./audit.schema";

/** The audit trail, filtered by who, what and when, as JSON or CSV. */
export const auditRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/audit",
      {
        config: { access: "authenticated" },
        schema: { summary: "Audit events (filters: agency, actor, action, from, to)", tags: ["audit"], querystring: AuditQuery, response: { 200: z.union([z.object({ events: z.array(AuditEventResponse) }), z.string()]) } },
      },
      async (req, reply) => {
        const actor = req.auth!.actor;
        let agencyIds = auditScope(actor);
        if (agencyIds !== "all" && agencyIds.length === 0) throw new AppError(403, "forbidden", "you may not read the audit trail");
        if (req.query.agency) {
          const id = (await agencyIdsByCode(ctx.database.db, [req.query.agency])).get(req.query.agency);
          if (id === undefined || !canReadAudit(actor, id)) throw notFound("agency");
          agencyIds = [id];
        }
        const toExclusive = req.query.to ? new Date(Date.parse(req.query.to) + 86_400_000) : undefined;
        const rows = await listAuditEvents(ctx.database.db, {
          agencyIds,
          actor: req.query.actor,
          action: req.query.action,
          from: req.query.from ? new Date(req.query.from) : undefined,
          to: toExclusive,
          limit: req.query.limit,
        });
        const events = rows.map(presentAuditEvent);
        if (req.query.format === "csv") {
          reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="audit.csv"');
          return writeCsv(auditCsvRecords(events));
        }
        return { events };
      },
    );
  };
