import { sectoralServiceIndicators } from "../../core/assessment/sectoral-services";
import type { Instrument, InstrumentNode } from "../../core";

/** What the Berita Acara Penilaian Mandiri states, as plain data (read from the submitted snapshot). */
export interface OfficialRecordData {
  agency: { code: string; name: string };
  period: { name: string; year: number; kind: string };
  instrument: Instrument;
  /** The name of the index the instrument yields ("Indeks SPBE", "Indeks Pemerintah Digital"). */
  indexName: string;
  /** The moment of submission: the record's date and the PDF's creation date (so the file is reproducible). */
  submittedAt: Date;
  submittedBy: string | null;
  /** The self-assessment value of each indicator: a whole level, or a two-decimal value where the instrument says so. */
  levels: Record<string, number | null>;
  index: { exact: number; rounded: number; predicate: string; policy: string };
  sectoralServices: { indicatorCode: string; name: string; unitName: string }[];
  /** The people who sign, with their NIP where known (blank line otherwise); absent: the submitter's name only. */
  signatories?: { coordinator: { name: string | null; nip: string | null }; leader: { name: string | null; nip: string | null } };
  /** The issued document's identity: its number and the verification address printed with a QR code. */
  document?: { number: string; verifyUrl: string };
}

/** The modules of a QR code for `text` (the qrcode package is loaded with the first document). */
async function qrModules(text: string): Promise<{ size: number; dark: (row: number, col: number) => boolean }> {
  const { default: QRCode } = await import("qrcode");
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return { size: modules.size, dark: (r, c) => Boolean(modules.get(r, c)) };
}

const MARGIN = 50;
const id = (opts: Intl.NumberFormatOptions) => new Intl.NumberFormat("id-ID", opts);
const dateId = (d: Date) => new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: "Asia/Jakarta" }).format(d);
const KIND: Record<string, string> = { pemantauan: "Pemantauan", evaluasi: "Evaluasi" };
/** A grouping node is labelled by its own kind: the roots of Pemdi 2026 are aspects, not domains. */
const NODE_KIND: Record<string, string> = { domain: "Domain", aspect: "Aspek" };
const groupLabel = (n: InstrumentNode) => `${NODE_KIND[n.kind] ?? n.kind}: ${n.name}`;
/** What the evaluation is of, by the index it yields: SPBE until 2025, Pemerintah Digital from 2026. */
const subjectOf = (indexName: string) => (/pemerintah digital/i.test(indexName) ? { upper: "PEMERINTAH DIGITAL", text: "Pemerintah Digital" } : { upper: "SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK (SPBE)", text: "SPBE" });
/** A value as the instrument gives it: whole levels as they are, decimal values with two decimals and a comma. */
const valueText = (value: number, decimal: boolean) => (decimal ? id({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value) : String(value));

/** Indicators in instrument order with the domain and aspect above each. */
function rowsOf(tree: InstrumentNode[]) {
  const rows: { domain: InstrumentNode | null; aspect: InstrumentNode | null; indicator: InstrumentNode }[] = [];
  const walk = (nodes: InstrumentNode[], domain: InstrumentNode | null, aspect: InstrumentNode | null) => {
    for (const n of nodes) {
      if (!n.children?.length) rows.push({ domain, aspect, indicator: n });
      else if (domain === null) walk(n.children, n, null);
      else walk(n.children, domain, n);
    }
  };
  walk(tree, null, null);
  return rows;
}

/**
 * Renders the Berita Acara Penilaian Mandiri (pdfkit, standard Helvetica fonts, no network): the
 * agency, period, instrument and date; the level of every indicator under its domain and aspect;
 * the index and predicate; the sectoral public services; signature blocks for the Koordinator SPBE
 * and the Pimpinan with their NIP; the document number, a QR code and the verification address when
 * the document is issued; "Halaman i dari N" on every page. The same data gives the same bytes (the
 * creation date is the submission time).
 */
export async function renderOfficialRecord(data: OfficialRecordData, options: { compress?: boolean } = {}): Promise<Buffer> {
  // pdfkit is loaded with the first record, not at start-up.
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    compress: options.compress ?? true,
    bufferPages: true,
    info: {
      Title: `Berita Acara Penilaian Mandiri ${subjectOf(data.indexName).text} ${data.agency.name} ${data.period.year}`,
      Author: "Pandu SPBE",
      Subject: data.period.name,
      Producer: "Pandu SPBE (PDFKit)",
      Creator: "Pandu SPBE",
      CreationDate: data.submittedAt,
      ModDate: data.submittedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };

  doc.font("Helvetica-Bold").fontSize(14).text("BERITA ACARA PENILAIAN MANDIRI", { align: "center" });
  const subject = subjectOf(data.indexName);
  doc.fontSize(12).text(subject.upper, { align: "center" });
  if (data.document) doc.font("Helvetica").fontSize(10).text(`Nomor: ${data.document.number}`, { align: "center" });
  doc.moveDown(1);
  doc.font("Helvetica").fontSize(10);
  const fact = (label: string, value: string) => {
    const y = doc.y;
    doc.font("Helvetica-Bold").text(label, MARGIN, y, { width: 130 });
    const h1 = doc.y;
    doc.font("Helvetica").text(`: ${value}`, MARGIN + 130, y, { width: width - 130 });
    doc.y = Math.max(h1, doc.y);
  };
  fact("Instansi", `${data.agency.name} (${data.agency.code})`);
  fact("Periode", `${data.period.name} (${KIND[data.period.kind] ?? data.period.kind} ${data.period.year})`);
  fact("Instrumen", `${data.instrument.name}${data.instrument.legalBasis ? ` — ${data.instrument.legalBasis}` : ""}`);
  fact("Tanggal penyampaian", dateId(data.submittedAt));
  doc.moveDown(0.8);
  doc.text(
    `Pada tanggal ${dateId(data.submittedAt)}, Tim Asesor Internal ${data.agency.name} telah menyelesaikan penilaian mandiri ${subject.text} ` +
      `periode ${data.period.name} dengan hasil sebagai berikut.`,
    MARGIN,
    doc.y,
    { width },
  );
  doc.moveDown(0.8);

  // The levels table: a heading row per domain and aspect, then one row per indicator.
  const cols = { no: MARGIN, name: MARGIN + 40, level: MARGIN + width - 60 };
  const row = (no: string, name: string, level: string, bold = false) => {
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9);
    const h = Math.max(doc.heightOfString(name, { width: cols.level - cols.name - 10 }), 11) + 4;
    ensure(h);
    const y = doc.y;
    doc.text(no, cols.no, y + 2, { width: 36 });
    doc.text(name, cols.name, y + 2, { width: cols.level - cols.name - 10 });
    doc.text(level, cols.level, y + 2, { width: 60, align: "center" });
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(0.3).stroke();
    doc.y = y + h;
  };
  const decimal = (data.instrument.valueStep ?? 1) < 1;
  row("No", data.instrument.tree.every((n) => n.children?.every((c) => !c.children?.length)) ? "Aspek / Indikator" : "Domain / Aspek / Indikator", "Tingkat", true);
  let domain: string | null = null;
  let aspect: string | null = null;
  for (const r of rowsOf(data.instrument.tree)) {
    if (r.domain && r.domain.code !== domain) {
      domain = r.domain.code;
      row(r.domain.code, groupLabel(r.domain), "", true);
    }
    if (r.aspect && r.aspect.code !== aspect) {
      aspect = r.aspect.code;
      row(r.aspect.code, groupLabel(r.aspect), "", true);
    }
    const level = data.levels[r.indicator.code];
    row(r.indicator.code, r.indicator.name, level == null ? "-" : valueText(level, decimal || (r.indicator.valueStep ?? 1) < 1));
  }
  doc.moveDown(0.8);
  ensure(60);
  doc.x = MARGIN;
  doc.font("Helvetica-Bold").fontSize(11).text(`${data.indexName}: ${id({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(data.index.rounded)}`, MARGIN, doc.y, { width });
  doc.font("Helvetica").fontSize(9).text(`Nilai eksak: ${id({ minimumFractionDigits: 4, maximumFractionDigits: 4 }).format(data.index.exact)}`, { width });
  doc.font("Helvetica-Bold").fontSize(11).text(`Predikat: ${data.index.predicate}`, { width });

  // The sectoral public services, where the instrument assesses them (59/2020 indicators 45–47; Pemdi has none).
  const sectoral = sectoralServiceIndicators(data.instrument);
  if (sectoral.length) {
    doc.moveDown(0.8);
    ensure(40 + 14 * data.sectoralServices.length);
    doc.font("Helvetica-Bold").fontSize(10).text(`Layanan Publik Sektoral (Indikator ${sectoral[0]}–${sectoral.at(-1)})`, MARGIN, doc.y, { width });
    doc.font("Helvetica").fontSize(9);
    if (!data.sectoralServices.length) doc.text("Tidak ada layanan publik sektoral yang dicatat.", { width });
    for (const s of data.sectoralServices) doc.text(`Indikator ${s.indicatorCode}: ${s.name} — unit pemilik: ${s.unitName}`, { width });
  }

  // Signature blocks: the Koordinator SPBE signs the record and the Pimpinan acknowledges it.
  doc.moveDown(1.5);
  ensure(130);
  const top = doc.y;
  const half = width / 2;
  const signatories = data.signatories ?? { coordinator: { name: data.submittedBy, nip: null }, leader: { name: null, nip: null } };
  const BLANK = "______________________";
  const block = (x: number, title: string, person: { name: string | null; nip: string | null }) => {
    doc.font("Helvetica").fontSize(10).text(title, x, top, { width: half - 20, align: "center" });
    doc.text(`(${person.name ?? BLANK})`, x, top + 80, { width: half - 20, align: "center" });
    doc.text(`NIP. ${person.nip ?? BLANK}`, x, top + 95, { width: half - 20, align: "center" });
  };
  doc.font("Helvetica").fontSize(10).text(`${data.agency.name}, ${dateId(data.submittedAt)}`, MARGIN + half, top - 14, { width: half - 20, align: "center" });
  block(MARGIN, "Mengetahui,\nPimpinan Instansi", signatories.leader);
  block(MARGIN + half, "Koordinator SPBE", signatories.coordinator);
  doc.y = top + 115;

  // The verification block: a QR code and the short address of the public verification page.
  if (data.document) {
    const qr = await qrModules(data.document.verifyUrl);
    const side = 72;
    doc.moveDown(1);
    ensure(side + 10);
    const y = doc.y;
    const cell = side / qr.size;
    for (let r = 0; r < qr.size; r++) for (let c = 0; c < qr.size; c++) if (qr.dark(r, c)) doc.rect(MARGIN + c * cell, y + r * cell, cell, cell);
    doc.fillColor("black").fill();
    doc.font("Helvetica").fontSize(8).text("Keaslian dokumen ini dapat diperiksa dengan memindai kode QR atau membuka:", MARGIN + side + 12, y + 10, { width: width - side - 12 });
    doc.font("Helvetica-Bold").text(data.document.verifyUrl, { width: width - side - 12 });
    doc.font("Helvetica").text(`Nomor dokumen: ${data.document.number}`, { width: width - side - 12 });
  }

  // Page numbers (and the document number) at the foot of every page, once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const footerY = doc.page.height - MARGIN + 15;
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin must not open a new page
    doc.font("Helvetica").fontSize(8);
    if (data.document) doc.text(data.document.number, MARGIN, footerY, { width: half, align: "left", lineBreak: false });
    doc.text(`Halaman ${i - range.start + 1} dari ${range.count}`, MARGIN + half, footerY, { width: half, align: "right", lineBreak: false });
    doc.page.margins.bottom = saved;
  }
  doc.end();
  return done;
}
