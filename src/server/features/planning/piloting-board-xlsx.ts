import type { PlanningBook } from "../../../db/queries/planning";
import { isOverdue } from "./planning.presenter";
import type { BoardResponse } from "./planning.schema";

const STATUS_ID: Record<string, string> = { planned: "Direncanakan", in_progress: "Berjalan", done: "Selesai", blocked: "Terhambat" };

/**
 * The piloting board as a workbook (Indonesian headings): sheet "Aksi" lists every action with its
 * agency, recommendation, owner, due date, status, budget (whole Rupiah) and overdue flag; sheet
 * "Matriks" is the kab/kota × aspect matrix (done / total actions per cell).
 */
export async function pilotingBoardWorkbook(board: BoardResponse, book: PlanningBook): Promise<Buffer> {
  // exceljs is loaded with the first workbook, not at start-up.
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "Pandu SPBE";
  const actions = wb.addWorksheet("Aksi");
  actions.columns = [
    { header: "Kode Instansi", key: "agencyCode", width: 12 },
    { header: "Instansi", key: "agency", width: 28 },
    { header: "Rekomendasi", key: "recommendation", width: 50 },
    { header: "Aksi", key: "action", width: 50 },
    { header: "Penanggung Jawab", key: "owner", width: 30 },
    { header: "Tenggat", key: "dueDate", width: 12 },
    { header: "Status", key: "status", width: 14 },
    { header: "Anggaran (Rp)", key: "budget", width: 18 },
    { header: "Terlambat", key: "overdue", width: 10 },
  ];
  actions.getRow(1).font = { bold: true };
  actions.getColumn("budget").numFmt = "#,##0";
  const recs = new Map(book.recommendations.map((r) => [r.recommendation.id, r]));
  const rows = book.actions
    .map((a) => ({ a, r: recs.get(a.action.recommendationId)! }))
    .sort((x, y) => x.r.agencyCode.localeCompare(y.r.agencyCode) || x.a.action.id - y.a.action.id);
  for (const { a, r } of rows) {
    actions.addRow({
      agencyCode: r.agencyCode,
      agency: r.agencyName,
      recommendation: r.recommendation.text,
      action: a.action.title,
      owner: [a.unitName, a.action.ownerName].filter(Boolean).join(" — ") || null,
      dueDate: a.action.dueDate,
      status: STATUS_ID[a.action.status] ?? a.action.status,
      budget: a.action.budget ?? null,
      overdue: isOverdue(a.action, board.today) ? "Ya" : "Tidak",
    });
  }

  const matrix = wb.addWorksheet("Matriks");
  matrix.addRow(["Kode Instansi", "Instansi", ...board.aspects.map((a) => `${a.code} ${a.name}`)]).font = { bold: true };
  const names = new Map(board.agencies.map((a) => [a.code, a.name]));
  for (const row of board.matrix) {
    matrix.addRow([row.agencyCode, names.get(row.agencyCode) ?? "", ...row.cells.map((c) => (c.total === 0 ? null : `${c.done}/${c.total}`))]);
  }
  matrix.getColumn(2).width = 28;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
