import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import type { AppContext } from "../../context";
import { notFound } from "../../errors";
import { canReadPilotingBoard } from "../../policies/planning.policy";
import { agencyByCode } from "../../../db/queries/planning";
import { todayInIndonesia } from "../evidence/evidence-settings";
import { pilotingBoard } from "./piloting-board";
import { pilotingBoardWorkbook } from "./piloting-board-xlsx";
import { BoardQuery, BoardResponse, ProvinceParams } from "./planning.schema";

/** The province piloting board (JSON and XLSX) for its Koordinator Provinsi and the national roles. */
export const pilotingBoardRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const readableProvince = async (req: FastifyRequest, code: string) => {
      const province = await agencyByCode(db, code);
      if (!province || province.category !== "provinsi" || !canReadPilotingBoard(req.auth!.actor, province.id)) throw notFound("province");
      return province;
    };

    app.get(
      "/api/provinces/:code/piloting-board",
      {
        config: { access: "authenticated" },
        schema: { summary: "Piloting board: every kab/kota's recommendations and actions, the kab/kota × aspect matrix, overdue actions, shared weak indicators", tags: ["planning"], params: ProvinceParams, querystring: BoardQuery, response: { 200: BoardResponse } },
      },
      async (req) => (await pilotingBoard(db, await readableProvince(req, req.params.code), req.query.year, todayInIndonesia())).board,
    );

    app.get(
      "/api/provinces/:code/piloting-board.xlsx",
      { config: { access: "authenticated" }, schema: { summary: "The piloting board as a workbook (sheets Aksi and Matriks)", tags: ["planning"], params: ProvinceParams, querystring: BoardQuery } },
      async (req, reply) => {
        const province = await readableProvince(req, req.params.code);
        const { board, book } = await pilotingBoard(db, province, req.query.year, todayInIndonesia());
        const name = `papan-piloting-${province.code}${req.query.year ? `-${req.query.year}` : ""}.xlsx`;
        reply.header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").header("content-disposition", `attachment; filename="${name}"`);
        return reply.send(await pilotingBoardWorkbook(board, book));
      },
    );
  };
