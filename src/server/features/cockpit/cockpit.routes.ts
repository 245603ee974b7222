import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context";
import { AppError } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canSetTargets, cockpitScope } from "../../policies/cockpit.policy";
import { listProvinces } from "../../../db/queries/dashboards";
import { setRegionalTargets } from "../../../db/commands/regional-targets";
import { buildCockpitBody, loadReadableProvince, readableProvinceGeneration } from "./load-cockpit";
import { cacheCharsFromEnv, ResponseCache, withFields } from "../../cache/response-cache";
import { sendJson } from "../../cache/send-json";
import { CockpitQuery, CockpitResponse, ProvinceListResponse, ProvinceParams, TargetsBody, TargetsResponse } from "./cockpit.schema";

/** The province cockpit (issue #7): a province and its kabupaten/kota at a glance, and its regional targets. */
export const cockpitRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const cockpitCache = new ResponseCache(cacheCharsFromEnv());

    app.get(
      "/api/cockpit/provinces",
      { config: { access: "authenticated" }, schema: { summary: "Provinces whose cockpit I may open", tags: ["dashboards"], response: { 200: ProvinceListResponse } } },
      async (req) => {
        const scope = cockpitScope(req.auth!.actor);
        const rows = await listProvinces(db, scope === "all" ? undefined : scope);
        return { provinces: rows.map((p) => ({ code: p.code, name: p.regionName ?? p.name })) };
      },
    );

    app.get(
      "/api/cockpit/provinces/:code",
      {
        config: { access: "authenticated" },
        schema: { summary: "Province cockpit: standings, averages, heat map, trend, weakest indicators, progress, targets", tags: ["dashboards"], params: ProvinceParams, querystring: CockpitQuery, response: { 200: CockpitResponse } },
      },
      async (req, reply) => {
        const actor = req.auth!.actor;
        // Authorization on every request; the counters are read with it, before the data they guard (a miss reloads the province too).
        const { provinceId, childIds, generation } = await readableProvinceGeneration(db, actor, req.params.code);
        const ids = [provinceId, ...childIds];
        const key = JSON.stringify([ids, new Date().getUTCFullYear(), req.query]);
        let body = cockpitCache.get(key, generation);
        if (!body) {
          body = JSON.stringify(await buildCockpitBody(db, req.params.code, req.query.year));
          cockpitCache.set(key, generation, body);
        }
        return sendJson(reply, withFields(body, { abilities: { setTargets: canSetTargets(actor, provinceId) } }));
      },
    );

    app.put(
      "/api/cockpit/provinces/:code/targets",
      { config: { access: "authenticated" }, schema: { summary: "Set the province's regional index targets (replaces all)", tags: ["dashboards"], params: ProvinceParams, body: TargetsBody, response: { 200: TargetsResponse } } },
      async (req) => {
        const { province } = await loadReadableProvince(db, req.auth!.actor, req.params.code);
        if (!canSetTargets(req.auth!.actor, province.id)) throw new AppError(403, "forbidden", "only the province's Koordinator Provinsi sets its targets");
        const saved = await setRegionalTargets(db, auditContextOf(req), {
          agencyId: province.id,
          targets: req.body.targets.map((t) => ({ year: t.year, targetHundredths: Math.round(t.target * 100), source: t.source })),
        });
        return { targets: saved.map((t) => ({ year: t.year, target: t.targetHundredths / 100, source: t.source })) };
      },
    );
  };
