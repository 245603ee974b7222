import type { Instrument } from "../../core";
import { drawLetterhead, type Letterhead } from "./letterhead";
import {
  dateId,
  decimalId,
  drawSignatures,
  drawVerification,
  ensureSpace,
  factLine,
  groupLabel,
  indicatorRows,
  MARGIN,
  nodeKindLabel,
  numberPages,
  openPdf,
  rupiah,
  subjectOf,
  valueText,
  type Signer,
} from "./pdf-parts";

/** A stage column of the indicator table. */
export interface LheStage {
  code: string;
  label: string;
}

/** What the Laporan Hasil Evaluasi states, as plain data (read from a final result). */
export interface LheData {
  agency: { code: string; name: string };
  period: { name: string; year: number; kind: string };
  instrument: Instrument;
  indexName: string;
  letterhead: Letterhead;
  /** The moment of the result revision the report states. */
  resultAt: Date;
  /** The report's date (its first issue): above the signature and the PDF's creation date, so a re-render gives the same bytes. */
  issuedAt: Date;
  revision: number;
  index: { exact: number; rounded: number; predicate: string };
  /** Every grouping node of the instrument (domains, aspects) with its index, in instrument order. */
  nodes: { code: string; name: string; kind: string; depth: number; index: number | null }[];
  /** The nodes drawn on the radar (the aspects, or the top-level nodes when there are fewer than three aspects). */
  radar: { code: string; name: string; index: number | null }[];
  stages: LheStage[];
  indicators: { code: string; levels: Record<string, number | null>; final: number | null; notes: string | null }[];
  strengths: { code: string; name: string; value: number }[];
  weaknesses: { code: string; name: string; value: number }[];
  /** The assessor's general recommendation kept with the assessment, if any. */
  generalRecommendation: string | null;
  recommendations: { text: string; source: string; priority: string }[];
  actions: { title: string; owner: string | null; dueDate: string | null; target: string | null; budget: number | null; status: string }[];
  /** The place above the signature (the seat, else the agency's name). */
  place: string;
  signer: Signer;
  document?: { number: string; verifyUrl: string };
}

const SOURCE: Record<string, string> = { kemenpanrb: "Kementerian PANRB", tim_pilot_provinsi: "Tim Pilot Provinsi", internal: "Internal" };
const PRIORITY: Record<string, string> = { high: "Tinggi", medium: "Sedang", low: "Rendah" };
const STATUS: Record<string, string> = { planned: "Direncanakan", in_progress: "Berjalan", done: "Selesai", blocked: "Terhambat" };
const KIND: Record<string, string> = { pemantauan: "Pemantauan", evaluasi: "Evaluasi" };
const dueDateId = (iso: string) => dateId(new Date(`${iso}T05:00:00Z`));

/** A table with fixed columns, a bold header repeated on each new page and rules between rows. */
function table(doc: PDFKit.PDFDocument, columns: { title: string; width: number; align?: "left" | "center" | "right" }[], rows: string[][], options: { fontSize?: number; bold?: (row: number) => boolean } = {}) {
  const size = options.fontSize ?? 8;
  const x0 = MARGIN;
  const height = (cells: string[], bold: boolean) => {
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || " ", { width: columns[i]!.width - 6 })), size + 2) + 5;
  };
  const draw = (cells: string[], bold: boolean) => {
    const h = height(cells, bold);
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!bold) draw(columns.map((c) => c.title), true);
    }
    const y = doc.y;
    let x = x0;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(size);
    cells.forEach((c, i) => {
      doc.text(c, x + 3, y + 3, { width: columns[i]!.width - 6, align: columns[i]!.align ?? "left" });
      x += columns[i]!.width;
    });
    const right = x0 + columns.reduce((s, c) => s + c.width, 0);
    doc.moveTo(x0, y + h).lineTo(right, y + h).lineWidth(bold ? 0.8 : 0.3).stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  draw(columns.map((c) => c.title), true);
  rows.forEach((r, i) => draw(r, options.bold?.(i) ?? false));
}

/** The radar of node indices on a 0–max scale, drawn with vector paths (rings, axes, the polygon) and the codes as labels. */
function radar(doc: PDFKit.PDFDocument, nodes: { code: string; index: number | null }[], max: number, cx: number, cy: number, r: number) {
  const n = nodes.length;
  const at = (i: number, v: number): [number, number] => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return [cx + Math.cos(angle) * r * (v / max), cy + Math.sin(angle) * r * (v / max)];
  };
  doc.save();
  doc.lineWidth(0.4).strokeColor("#999999");
  for (let ring = 1; ring <= max; ring++) {
    nodes.forEach((_, i) => {
      const [x, y] = at(i, ring);
      if (i === 0) doc.moveTo(x, y);
      else doc.lineTo(x, y);
    });
    doc.closePath().stroke();
  }
  nodes.forEach((_, i) => {
    const [x, y] = at(i, max);
    doc.moveTo(cx, cy).lineTo(x, y).stroke();
  });
  nodes.forEach((node, i) => {
    const [x, y] = at(i, node.index ?? 0);
    if (i === 0) doc.moveTo(x, y);
    else doc.lineTo(x, y);
  });
  doc.closePath().lineWidth(1.2).fillOpacity(0.35).fillAndStroke("#2f6fb3", "#1d4f86");
  doc.restore();
  doc.font("Helvetica").fontSize(7).fillColor("black");
  for (let ring = 1; ring <= max; ring++) doc.text(String(ring), cx + 2, cy - (r * ring) / max - 8, { lineBreak: false });
  doc.fontSize(8);
  nodes.forEach((node, i) => {
    const [x, y] = at(i, max + 0.55);
    doc.text(node.code, x - 20, y - 4, { width: 40, align: "center", lineBreak: false });
  });
}

/**
 * Renders the Laporan Hasil Evaluasi of a final result (pdfkit, standard fonts, no network): a cover
 * with the kop surat, title, agency and year; the index and predicate; each domain/aspect value and a
 * radar of them (vector paths, with the values in a table beside); the indicator table with the
 * value per stage and the assessors' notes; strengths and weaknesses; the recommendations and the
 * action plan; the evaluator's signature; the verification block; "Halaman i dari N". The same data
 * gives the same bytes (the creation date is the report's date). `progress` hears 0–100 as sections finish.
 */
export async function renderLhe(data: LheData, options: { compress?: boolean; progress?: (percent: number) => Promise<void> | void } = {}): Promise<Buffer> {
  const subject = subjectOf(data.indexName);
  const { doc, bytes, width } = await openPdf({ title: `Laporan Hasil Evaluasi ${subject.text} ${data.agency.name} ${data.period.year}`, subject: data.period.name, createdAt: data.issuedAt }, options);
  const progress = async (p: number) => options.progress?.(p);
  const decimal = (data.instrument.valueStep ?? 1) < 1;
  const heading = (text: string) => {
    ensureSpace(doc, 60);
    doc.moveDown(0.6);
    doc.font("Helvetica-Bold").fontSize(12).fillColor("black").text(text, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
  };

  // Cover: the kop surat, title, agency, period and year, the index and predicate.
  drawLetterhead(doc, data.letterhead);
  doc.moveDown(4);
  doc.font("Helvetica-Bold").fontSize(18).text("LAPORAN HASIL EVALUASI", MARGIN, doc.y, { width, align: "center" });
  doc.fontSize(13).text(subject.upper, { width, align: "center" });
  doc.moveDown(1.5);
  doc.fontSize(15).text(data.agency.name, { width, align: "center" });
  doc.font("Helvetica").fontSize(12).text(`Tahun ${data.period.year}`, { width, align: "center" });
  if (data.document) doc.fontSize(10).text(`Nomor: ${data.document.number}`, { width, align: "center" });
  doc.moveDown(3);
  doc.font("Helvetica-Bold").fontSize(14).text(`${data.indexName}: ${decimalId(data.index.rounded, 2)}`, { width, align: "center" });
  doc.text(`Predikat: ${data.index.predicate}`, { width, align: "center" });
  doc.moveDown(3);
  doc.font("Helvetica").fontSize(10);
  factLine(doc, "Instansi", `${data.agency.name} (${data.agency.code})`);
  factLine(doc, "Periode", `${data.period.name} (${KIND[data.period.kind] ?? data.period.kind} ${data.period.year})`);
  factLine(doc, "Instrumen", `${data.instrument.name}${data.instrument.legalBasis ? ` — ${data.instrument.legalBasis}` : ""}`);
  factLine(doc, "Tanggal hasil akhir", `${dateId(data.resultAt)}${data.revision > 1 ? ` (revisi ${data.revision})` : ""}`);
  await progress(10);

  // 1. Index, predicate and the value of each domain/aspect, with the radar.
  doc.addPage();
  heading(`1. ${data.indexName} dan Predikat`);
  doc.font("Helvetica").fontSize(10).text(
    `Berdasarkan hasil evaluasi ${subject.text} periode ${data.period.name}, ${data.agency.name} memperoleh ${data.indexName} ` +
      `${decimalId(data.index.rounded, 2)} (nilai eksak ${decimalId(data.index.exact, 4)}) dengan predikat ${data.index.predicate}.`,
    MARGIN,
    doc.y,
    { width },
  );
  heading(`2. Nilai per ${[...new Set(data.nodes.map((n) => nodeKindLabel(n)))].join(" dan ")}`);
  table(
    doc,
    [
      { title: "Kode", width: 50 },
      { title: "Nama", width: width - 130 },
      { title: "Nilai", width: 80, align: "right" },
    ],
    data.nodes.map((n) => [n.code, `${n.depth > 0 ? "   " : ""}${nodeKindLabel(n)}: ${n.name}`, n.index === null ? "-" : decimalId(n.index, 2)]),
    { fontSize: 9, bold: (i) => data.nodes[i]!.depth === 0 && data.nodes.some((n) => n.depth > 0) },
  );
  if (data.radar.length >= 3) {
    ensureSpace(doc, 290);
    doc.moveDown(0.5);
    doc.font("Helvetica-Bold").fontSize(10).text(`Gambar 1. Radar nilai ${data.radar.length} ${nodeKindLabel(data.nodes.find((n) => n.code === data.radar[0]!.code) ?? { kind: "aspect" }).toLowerCase()} (skala 0–5)`, MARGIN, doc.y, { width, align: "center" });
    const top = doc.y + 20;
    radar(doc, data.radar, 5, MARGIN + width / 2, top + 115, 105);
    doc.x = MARGIN;
    doc.y = top + 250;
  }
  await progress(25);

  // 3. The indicator table: value per stage, the final value and the assessors' notes.
  doc.addPage();
  heading("3. Nilai Indikator per Tahap dan Catatan Asesor");
  const stageWidth = 34;
  const fixed = 34 + stageWidth * (data.stages.length + 1);
  const nameWidth = Math.round((width - fixed) * 0.45);
  const rows: string[][] = [];
  const groupRows = new Set<number>();
  let group: string | null = null;
  const byCode = new Map(data.indicators.map((i) => [i.code, i]));
  for (const r of indicatorRows(data.instrument.tree)) {
    const parent = r.aspect ?? r.domain;
    if (parent && parent.code !== group) {
      group = parent.code;
      groupRows.add(rows.length);
      rows.push([parent.code, groupLabel(parent), ...data.stages.map(() => ""), "", ""]);
    }
    const ind = byCode.get(r.indicator.code);
    const dec = decimal || (r.indicator.valueStep ?? 1) < 1;
    const v = (x: number | null | undefined) => (x == null ? "-" : valueText(x, dec));
    const notes = ind?.notes ? (ind.notes.length > 400 ? `${ind.notes.slice(0, 399)}…` : ind.notes) : "";
    rows.push([r.indicator.code, r.indicator.name, ...data.stages.map((s) => v(ind?.levels[s.code])), v(ind?.final), notes]);
  }
  table(
    doc,
    [
      { title: "No", width: 34 },
      { title: "Indikator", width: nameWidth },
      ...data.stages.map((s) => ({ title: s.label, width: stageWidth, align: "center" as const })),
      { title: "Akhir", width: stageWidth, align: "center" },
      { title: "Catatan asesor", width: width - fixed - nameWidth },
    ],
    rows,
    { fontSize: 7, bold: (i) => groupRows.has(i) },
  );
  await progress(60);

  // 4. Strengths and weaknesses.
  heading("4. Kekuatan dan Kelemahan");
  const findings = (title: string, list: LheData["strengths"]) => {
    doc.font("Helvetica-Bold").fontSize(10).text(title, MARGIN, doc.y, { width });
    doc.font("Helvetica").fontSize(9);
    if (!list.length) doc.text("-", { width });
    for (const f of list) doc.text(`• Indikator ${f.code} ${f.name} — nilai ${valueText(f.value, decimal || !Number.isInteger(f.value))}`, { width });
    doc.moveDown(0.4);
  };
  findings("Kekuatan (indikator dengan nilai tertinggi)", data.strengths);
  findings("Kelemahan (indikator dengan nilai terendah)", data.weaknesses);
  await progress(70);

  // 5. Recommendations and 6. the action plan, where present.
  heading("5. Rekomendasi");
  doc.font("Helvetica").fontSize(9);
  if (data.generalRecommendation) doc.text(data.generalRecommendation, MARGIN, doc.y, { width });
  if (data.recommendations.length) {
    doc.moveDown(0.4);
    table(
      doc,
      [
        { title: "No", width: 30 },
        { title: "Rekomendasi", width: width - 190 },
        { title: "Sumber", width: 100 },
        { title: "Prioritas", width: 60 },
      ],
      data.recommendations.map((r, i) => [String(i + 1), r.text, SOURCE[r.source] ?? r.source, PRIORITY[r.priority] ?? r.priority]),
    );
  }
  if (!data.generalRecommendation && !data.recommendations.length) doc.text("Belum ada rekomendasi yang dicatat.", MARGIN, doc.y, { width });
  if (data.actions.length) {
    heading("6. Rencana Aksi");
    table(
      doc,
      [
        { title: "No", width: 26 },
        { title: "Aksi", width: width - 380 },
        { title: "Penanggung jawab", width: 90 },
        { title: "Target", width: 62 },
        { title: "Tenggat", width: 70 },
        { title: "Anggaran", width: 70, align: "right" },
        { title: "Status", width: 62 },
      ],
      data.actions.map((a, i) => [String(i + 1), a.title, a.owner ?? "-", a.target ?? "-", a.dueDate ? dueDateId(a.dueDate) : "-", a.budget === null ? "-" : rupiah(a.budget), STATUS[a.status] ?? a.status]),
    );
  }
  await progress(85);

  // The evaluator signs; then the verification block and the page numbers.
  drawSignatures(doc, `${data.place}, ${dateId(data.issuedAt)}`, [data.signer]);
  if (data.document) await drawVerification(doc, data.document);
  numberPages(doc, data.document?.number ?? null);
  doc.end();
  const pdf = await bytes;
  await progress(95);
  return pdf;
}
