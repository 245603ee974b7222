import { drawLetterhead, type Letterhead } from "./letterhead";
import { changeId, dateId, decimalId, drawSignatures, drawVerification, ensureSpace, MARGIN, numberPages, openPdf, type Signer } from "./pdf-parts";

/** What the province summary states: every kab/kota (and the province) of a year with its published result. */
export interface ProvinceSummaryData {
  province: { code: string; name: string };
  year: number;
  indexName: string;
  letterhead: Letterhead;
  /** The top-level nodes of the year's instrument (D1–D4, or A1–A7 for Pemdi): the per-aspect columns. */
  nodes: { code: string; name: string }[];
  agencies: {
    code: string;
    name: string;
    rank: number | null;
    index: number | null;
    predicate: string | null;
    previous: { year: number; index: number } | null;
    change: number | null;
    nodes: Record<string, number>;
  }[];
  /** Predicate names best first, with how many agencies hold each. */
  predicateCounts: { predicate: string; count: number }[];
  average: number | null;
  /** The date the summary states (its first issue) and the PDF's creation date. */
  issuedAt: Date;
  place: string;
  signer: Signer;
  document?: { number: string; verifyUrl: string };
}

/** Renders the province summary (landscape A4): standings table, counts by predicate, signature, QR, page numbers. */
export async function renderProvinceSummary(data: ProvinceSummaryData, options: { compress?: boolean; progress?: (percent: number) => Promise<void> | void } = {}): Promise<Buffer> {
  const { doc, bytes, width } = await openPdf(
    { title: `Ringkasan Hasil Evaluasi ${data.province.name} ${data.year}`, subject: `${data.indexName} ${data.year}`, createdAt: data.issuedAt },
    { ...options, layout: "landscape" },
  );
  drawLetterhead(doc, data.letterhead);
  doc.font("Helvetica-Bold").fontSize(14).text("RINGKASAN HASIL EVALUASI KABUPATEN/KOTA", MARGIN, doc.y, { width, align: "center" });
  doc.fontSize(12).text(`${data.province.name.toUpperCase()} — TAHUN ${data.year}`, { width, align: "center" });
  if (data.document) doc.font("Helvetica").fontSize(10).text(`Nomor: ${data.document.number}`, { width, align: "center" });
  doc.moveDown(0.8);
  doc.font("Helvetica").fontSize(9).text(
    `${data.indexName} hasil evaluasi tahun ${data.year} yang dipublikasikan untuk ${data.province.name} dan kabupaten/kotanya, ` +
      `dengan perubahan terhadap hasil sebelumnya dari indeks yang sama. Rata-rata: ${data.average === null ? "-" : decimalId(data.average, 2)}.`,
    MARGIN,
    doc.y,
    { width },
  );
  doc.moveDown(0.6);
  await options.progress?.(20);

  const nodeWidth = 38;
  // Rank, code, index, predicate, change and previous result around the name, one column per node.
  const fixed = 46 + 50 + 40 + 55 + 55 + 60 + nodeWidth * data.nodes.length;
  const columns = [
    { title: "Peringkat", width: 46, align: "center" as const },
    { title: "Kode", width: 50 },
    { title: "Instansi", width: width - fixed },
    { title: "Indeks", width: 40, align: "right" as const },
    { title: "Predikat", width: 55 },
    { title: "Perubahan", width: 55, align: "right" as const },
    ...data.nodes.map((n) => ({ title: n.code, width: nodeWidth, align: "right" as const })),
    { title: "Sebelumnya", width: 60, align: "right" as const },
  ];
  const draw = (cells: string[], bold: boolean) => {
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(8);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c || " ", { width: columns[i]!.width - 4 }))) + 5;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!bold) draw(columns.map((c) => c.title), true);
      doc.font("Helvetica").fontSize(8);
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.text(c, x + 2, y + 3, { width: columns[i]!.width - 4, align: columns[i]!.align ?? "left" });
      x += columns[i]!.width;
    });
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(bold ? 0.8 : 0.3).stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  draw(columns.map((c) => c.title), true);
  for (const a of data.agencies) {
    draw(
      [
        a.rank === null ? "-" : String(a.rank),
        a.code,
        a.name,
        a.index === null ? "-" : decimalId(a.index, 2),
        a.predicate ?? "-",
        a.change === null ? "-" : changeId(a.change),
        ...data.nodes.map((n) => (a.nodes[n.code] === undefined ? "-" : decimalId(a.nodes[n.code]!, 2))),
        a.previous ? `${decimalId(a.previous.index, 2)} (${a.previous.year})` : "-",
      ],
      false,
    );
  }
  await options.progress?.(60);

  // The legend of node codes and the counts by predicate.
  doc.moveDown(0.6);
  ensureSpace(doc, 40);
  doc.font("Helvetica").fontSize(8).text(data.nodes.map((n) => `${n.code}: ${n.name}`).join("; "), MARGIN, doc.y, { width });
  doc.moveDown(0.6);
  ensureSpace(doc, 30 + 12 * data.predicateCounts.length);
  doc.font("Helvetica-Bold").fontSize(10).text("Jumlah instansi per predikat", MARGIN, doc.y, { width });
  doc.font("Helvetica").fontSize(9);
  for (const p of data.predicateCounts) doc.text(`${p.predicate}: ${p.count}`, { width });

  drawSignatures(doc, `${data.place}, ${dateId(data.issuedAt)}`, [data.signer]);
  if (data.document) await drawVerification(doc, data.document);
  numberPages(doc, data.document?.number ?? null);
  doc.end();
  const pdf = await bytes;
  await options.progress?.(90);
  return pdf;
}
