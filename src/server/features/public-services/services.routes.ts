import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import type { AppContext } from "../../context";
import { AppError, invalidField, notFound } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canManageServices, canReadServices } from "../../policies/service.policy";
import { canManageFaq } from "../../policies/complaint.policy";
import { agencyIdsByCode } from "../../../db/queries/agency-ids";
import { agencyServiceWithVersions, listAgencyServices } from "../../../db/queries/public-services";
import { createService, putStandardInForce, saveStandardDraft, ServiceCommandError, startStandardDraft, updateService } from "../../../db/commands/public-services";
import { AgencyCodeParams } from "../agencies/agencies.schema";
import { presentServiceSummary, presentVersion } from "./public-services.presenter";
import { PutInForceResponse, ServiceBody, ServiceDetail, ServiceList, ServiceParams, StandardDraftBody, VersionParams } from "./public-services.schema";

/** A catalogue command's refusal as the API's error. */
function refusal(e: unknown): never {
  if (!(e instanceof ServiceCommandError)) throw e;
  switch (e.reason) {
    case "slug_taken":
      throw new AppError(409, "service_name_taken", `name: a service with the address ${String(e.details.slug)} already exists in this agency`, { field: "name" });
    case "foreign_unit":
      throw invalidField("foreign_unit", "unitId", "not a unit of this agency", { unit: e.details.unit });
    case "draft_exists":
      throw new AppError(409, "standard_draft_exists", `version ${String(e.details.version)} is already a draft`, { version: e.details.version });
    case "not_draft":
      throw new AppError(409, "standard_not_draft", `only a draft is edited or put in force (this version is ${String(e.details.status)})`, { status: e.details.status });
    case "incomplete":
      throw new AppError(400, "standard_incomplete", `missing: ${(e.details.fields as string[]).join(", ")}`, { fields: e.details.fields });
  }
}

/**
 * An agency's service catalogue (Standar Pelayanan) as its officers keep it: services, the versions
 * of their standards (all fourteen components), drafts and putting one in force. Read by the
 * agency's people and its province coordinator, written by its Koordinator SPBE and administrators;
 * another agency answers 404.
 */
export const serviceRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const readable = async (req: FastifyRequest, code: string) => {
      const id = (await agencyIdsByCode(db, [code])).get(code);
      if (id === undefined || !canReadServices(req.auth!.actor, id)) throw notFound("agency");
      return id;
    };
    const manageable = async (req: FastifyRequest, code: string) => {
      const id = await readable(req, code);
      if (!canManageServices(req.auth!.actor, id)) throw new AppError(403, "forbidden", "only the Koordinator SPBE or an administrator manages the service catalogue");
      return id;
    };
    const detail = async (req: FastifyRequest, agencyId: number, serviceId: number) => {
      const found = await agencyServiceWithVersions(db, agencyId, serviceId);
      if (!found) throw notFound("service");
      const summary = (await listAgencyServices(db, agencyId)).find((s) => s.id === serviceId)!;
      return { service: presentServiceSummary(summary), versions: found.versions.map(presentVersion), abilities: { manage: canManageServices(req.auth!.actor, agencyId), manageFaq: canManageFaq(req.auth!.actor, agencyId) } };
    };

    app.get(
      "/api/agencies/:code/services",
      { config: { access: "authenticated" }, schema: { operationId: "listAgencyServices", summary: "The agency's service catalogue, drafts included", tags: ["services"], params: AgencyCodeParams, response: { 200: ServiceList } } },
      async (req) => {
        const agencyId = await readable(req, req.params.code);
        return { services: (await listAgencyServices(db, agencyId)).map(presentServiceSummary), abilities: { manage: canManageServices(req.auth!.actor, agencyId) } };
      },
    );

    app.post(
      "/api/agencies/:code/services",
      {
        config: { access: "authenticated" },
        schema: { operationId: "createAgencyService", summary: "Add a service to the catalogue, with an empty first draft of its Standar Pelayanan", tags: ["services"], params: AgencyCodeParams, body: ServiceBody, response: { 201: ServiceDetail } },
      },
      async (req, reply) => {
        const agencyId = await manageable(req, req.params.code);
        const created = await createService(db, auditContextOf(req), agencyId, req.body).catch(refusal);
        return reply.status(201).send(await detail(req, agencyId, created.id));
      },
    );

    app.get(
      "/api/agencies/:code/services/:serviceId",
      { config: { access: "authenticated" }, schema: { operationId: "getAgencyService", summary: "One service with every version of its standard", tags: ["services"], params: ServiceParams, response: { 200: ServiceDetail } } },
      async (req) => detail(req, await readable(req, req.params.code), req.params.serviceId),
    );

    app.put(
      "/api/agencies/:code/services/:serviceId",
      { config: { access: "authenticated" }, schema: { operationId: "updateAgencyService", summary: "Change what the catalogue says about a service (name, sector, unit, channels, fee)", tags: ["services"], params: ServiceParams, body: ServiceBody, response: { 200: ServiceDetail } } },
      async (req) => {
        const agencyId = await manageable(req, req.params.code);
        if (!(await updateService(db, auditContextOf(req), agencyId, req.params.serviceId, req.body).catch(refusal))) throw notFound("service");
        return detail(req, agencyId, req.params.serviceId);
      },
    );

    app.post(
      "/api/agencies/:code/services/:serviceId/versions",
      {
        config: { access: "authenticated" },
        schema: { operationId: "startServiceStandardDraft", summary: "Start the next version of the standard as a draft (a copy of the latest; 409 while a draft exists)", tags: ["services"], params: ServiceParams, response: { 201: ServiceDetail } },
      },
      async (req, reply) => {
        const agencyId = await manageable(req, req.params.code);
        if ((await startStandardDraft(db, auditContextOf(req), agencyId, req.params.serviceId).catch(refusal)) === undefined) throw notFound("service");
        return reply.status(201).send(await detail(req, agencyId, req.params.serviceId));
      },
    );

    app.put(
      "/api/agencies/:code/services/:serviceId/versions/:version",
      {
        config: { access: "authenticated" },
        schema: { operationId: "saveServiceStandardDraft", summary: "Save a draft's fourteen components and decree (409 standard_not_draft for any other version)", tags: ["services"], params: VersionParams, body: StandardDraftBody, response: { 200: ServiceDetail } },
      },
      async (req) => {
        const agencyId = await manageable(req, req.params.code);
        if (!(await saveStandardDraft(db, auditContextOf(req), agencyId, req.params.serviceId, req.params.version, req.body).catch(refusal))) throw notFound("version");
        return detail(req, agencyId, req.params.serviceId);
      },
    );

    app.post(
      "/api/agencies/:code/services/:serviceId/versions/:version/in-force",
      {
        config: { access: "authenticated" },
        schema: {
          operationId: "putServiceStandardInForce",
          summary: "Put a complete draft in force; the version in force so far is replaced in the same transaction",
          description: "400 standard_incomplete (details.fields) while a component or the decree is missing; 409 standard_not_draft for a version that is not a draft.",
          tags: ["services"],
          params: VersionParams,
          response: { 200: PutInForceResponse },
        },
      },
      async (req) => {
        const agencyId = await manageable(req, req.params.code);
        const done = await putStandardInForce(db, auditContextOf(req), agencyId, req.params.serviceId, req.params.version).catch(refusal);
        if (!done) throw notFound("version");
        return { version: req.params.version, replaced: done.replaced };
      },
    );
  };
