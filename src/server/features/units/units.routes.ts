import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../context";
import { AppError, notFound } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canManageUnits, canReadUnits } from "../../policies/unit.policy";
import { agencyIdsByCode } from "../../../db/queries/agency-ids";
import { addUnit, DuplicateUnitError, listUnits, removeUnit } from "../../../db/commands/units";
import { AgencyCodeParams } from "../agencies/agencies.schema";
import { presentUnit } from "./unit.presenter";
import { UnitBody, UnitParams, UnitResponse } from "./units.schema";

/** Units (OPD / perangkat daerah) of an agency; another agency's units answer 404. */
export const unitRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const readableAgency = async (req: FastifyRequest, code: string) => {
      const id = (await agencyIdsByCode(db, [code])).get(code);
      if (id === undefined || !canReadUnits(req.auth!.actor, id)) throw notFound("agency");
      return id;
    };
    const manageable = async (req: FastifyRequest, code: string) => {
      const id = await readableAgency(req, code);
      if (!canManageUnits(req.auth!.actor, id)) throw new AppError(403, "forbidden", "only the Koordinator SPBE manages units");
      return id;
    };

    app.get(
      "/api/agencies/:code/units",
      { config: { access: "authenticated" }, schema: { summary: "Units (OPD) of an agency", tags: ["agencies"], params: AgencyCodeParams, response: { 200: z.object({ units: z.array(UnitResponse) }) } } },
      async (req) => ({ units: (await listUnits(db, await readableAgency(req, req.params.code))).map(presentUnit) }),
    );
    app.post(
      "/api/agencies/:code/units",
      { config: { access: "authenticated" }, schema: { summary: "Add a unit (OPD)", tags: ["agencies"], params: AgencyCodeParams, body: UnitBody, response: { 201: UnitResponse } } },
      async (req, reply) => {
        const agencyId = await manageable(req, req.params.code);
        try {
          return reply.status(201).send(presentUnit(await addUnit(db, auditContextOf(req), agencyId, req.body.name)));
        } catch (e) {
          if (e instanceof DuplicateUnitError) throw new AppError(409, "unit_name_taken", `name: ${req.body.name} already exists in this agency`, { field: "name" });
          throw e;
        }
      },
    );
    app.delete(
      "/api/agencies/:code/units/:unitId",
      { config: { access: "authenticated" }, schema: { summary: "Remove a unit (OPD)", tags: ["agencies"], params: UnitParams, response: { 204: z.null() } } },
      async (req, reply) => {
        const agencyId = await manageable(req, req.params.code);
        if (!(await removeUnit(db, auditContextOf(req), agencyId, req.params.unitId))) throw notFound("unit");
        return reply.status(204).send(null);
      },
    );
  };
