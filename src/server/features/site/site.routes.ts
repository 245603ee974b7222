import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { listPublishedAgencies } from "../../../db/queries/public-portal";
import { registerPublicCaching } from "../public-results/http-cache";
import { originOf } from "../../public-origin";

/** Pages a search engine may list: the open portal; nothing behind a sign-in and no API. */
const ROBOTS_ALLOWED = ["/$", "/publik", "/instrumen"];

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** robots.txt and sitemap.xml for the public pages (built once per published-data change, like open data). */
export const siteRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    registerPublicCaching(app, ctx);
    app.get(
      "/robots.txt",
      { config: { access: "public" }, schema: { hide: true, response: { 200: z.string() } } },
      async (req, reply) => {
        const lines = ["User-agent: *", ...ROBOTS_ALLOWED.map((p) => `Allow: ${p}`), "Disallow: /", "", `Sitemap: ${originOf(ctx, req)}/sitemap.xml`, ""];
        return reply.type("text/plain; charset=utf-8").send(lines.join("\n"));
      },
    );
    app.get(
      "/sitemap.xml",
      { config: { access: "public" }, schema: { hide: true, response: { 200: z.string() } } },
      async (req, reply) => {
        const origin = originOf(ctx, req);
        const agencies = await listPublishedAgencies(ctx.database.db);
        const paths = ["/", "/publik", "/instrumen"];
        for (const a of agencies) {
          paths.push(`/publik/instansi/${a.code}`);
          if (a.category === "provinsi") paths.push(`/publik/provinsi/${a.code}`);
        }
        const urls = paths.map((p) => `  <url><loc>${xmlEscape(origin + p)}</loc></url>`).join("\n");
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
        return reply.type("application/xml; charset=utf-8").send(xml);
      },
    );
  };
