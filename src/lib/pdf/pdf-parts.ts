import type { InstrumentNode } from "../../core";

/**
 * What every official PDF of Pandu shares (Berita Acara, LHE, province summary): Indonesian number
 * and date formats, the opened pdfkit document with its bytes collected, the QR verification
 * block, the signature block (place, date, name, NIP) and the footer "Halaman i dari N". pdfkit and
 * qrcode are loaded with the first document, not at start-up.
 */

export const MARGIN = 50;

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number in Indonesian notation with exactly `digits` decimals (decimal comma, dot for thousands). */
export function decimalId(value: number, digits: number): string {
  let f = numberFormats.get(String(digits));
  if (!f) {
    f = new Intl.NumberFormat("id-ID", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(String(digits), f);
  }
  return f.format(value);
}

/** A signed change with two decimals ("+0,12", "-0,05", "0,00"; the standard PDF fonts have no minus sign U+2212). */
export const changeId = (value: number) => (value > 0 ? `+${decimalId(value, 2)}` : value < 0 ? `-${decimalId(-value, 2)}` : decimalId(0, 2));

/** A whole Rupiah amount ("Rp 12.500.000"). */
export const rupiah = (value: number) => `Rp ${new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 }).format(value)}`;

const dateFormat = new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: "Asia/Jakarta" });
/** A date as Indonesian letters write it, in Jakarta ("7 Desember 2026"). */
export const dateId = (d: Date) => dateFormat.format(d);

/** A value as the instrument gives it: whole levels as they are, decimal values with two decimals and a comma. */
export const valueText = (value: number, decimal: boolean) => (decimal ? decimalId(value, 2) : String(value));

/** A grouping node is labelled by its own kind: the roots of Pemdi 2026 are aspects, not domains. */
const NODE_KIND: Record<string, string> = { domain: "Domain", aspect: "Aspek" };
export const nodeKindLabel = (n: Pick<InstrumentNode, "kind">) => NODE_KIND[n.kind] ?? n.kind;
export const groupLabel = (n: InstrumentNode) => `${nodeKindLabel(n)}: ${n.name}`;

/** What the evaluation is of, by the index it yields: SPBE until 2025, Pemerintah Digital from 2026. */
export const subjectOf = (indexName: string) =>
  /pemerintah digital/i.test(indexName) ? { upper: "PEMERINTAH DIGITAL", text: "Pemerintah Digital" } : { upper: "SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK (SPBE)", text: "SPBE" };

/** Indicators in instrument order with the domain and aspect above each (either may be absent). */
export function indicatorRows(tree: InstrumentNode[]) {
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

/** The PDF's document information; `createdAt` is the stated date, so the same data gives the same bytes. */
export interface PdfInfo {
  title: string;
  subject: string;
  createdAt: Date;
}

/** An A4 pdfkit document with buffered pages and a promise of its bytes once `doc.end()` is called. */
export async function openPdf(info: PdfInfo, options: { compress?: boolean; layout?: "portrait" | "landscape" } = {}) {
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({
    size: "A4",
    layout: options.layout ?? "portrait",
    margin: MARGIN,
    compress: options.compress ?? true,
    bufferPages: true,
    info: { Title: info.title, Author: "Pandu SPBE", Subject: info.subject, Producer: "Pandu SPBE (PDFKit)", Creator: "Pandu SPBE", CreationDate: info.createdAt, ModDate: info.createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, bytes, width: doc.page.width - 2 * MARGIN };
}

/** Opens a new page when fewer than `h` points are left above the bottom margin. */
export function ensureSpace(doc: PDFKit.PDFDocument, h: number): void {
  if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** A "label: value" line pair in two columns (the facts under a title). */
export function factLine(doc: PDFKit.PDFDocument, label: string, value: string, labelWidth = 130): void {
  const width = doc.page.width - 2 * MARGIN;
  const y = doc.y;
  doc.font("Helvetica-Bold").fontSize(10).text(label, MARGIN, y, { width: labelWidth });
  const h1 = doc.y;
  doc.font("Helvetica").text(`: ${value}`, MARGIN + labelWidth, y, { width: width - labelWidth });
  doc.y = Math.max(h1, doc.y);
}

/** The modules of a QR code for `text` (the qrcode package is loaded with the first document). */
export async function qrModules(text: string): Promise<{ size: number; dark: (row: number, col: number) => boolean }> {
  const { default: QRCode } = await import("qrcode");
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return { size: modules.size, dark: (r, c) => Boolean(modules.get(r, c)) };
}

/** The verification block: a QR code (vector squares) and the short address of the public verification page. */
export async function drawVerification(doc: PDFKit.PDFDocument, document: { number: string; verifyUrl: string }): Promise<void> {
  const width = doc.page.width - 2 * MARGIN;
  const qr = await qrModules(document.verifyUrl);
  const side = 72;
  doc.moveDown(1);
  ensureSpace(doc, side + 10);
  const y = doc.y;
  const cell = side / qr.size;
  for (let r = 0; r < qr.size; r++) for (let c = 0; c < qr.size; c++) if (qr.dark(r, c)) doc.rect(MARGIN + c * cell, y + r * cell, cell, cell);
  doc.fillColor("black").fill();
  doc.font("Helvetica").fontSize(8).text("Keaslian dokumen ini dapat diperiksa dengan memindai kode QR atau membuka:", MARGIN + side + 12, y + 10, { width: width - side - 12 });
  doc.font("Helvetica-Bold").text(document.verifyUrl, { width: width - side - 12 });
  doc.font("Helvetica").text(`Nomor dokumen: ${document.number}`, { width: width - side - 12 });
  doc.x = MARGIN;
  doc.y = Math.max(doc.y, y + side + 4);
}

/** A person who signs; an unknown name or NIP is printed as a blank line to fill in by hand. */
export interface Signer {
  /** What they sign as ("Koordinator SPBE", "Mengetahui,\nPimpinan Instansi"). */
  title: string;
  name: string | null;
  nip: string | null;
}

export const BLANK = "______________________";

/**
 * Signature blocks side by side (one, or two in halves), the place and date above the last one
 * ("Kota Jambi, 7 Desember 2026"), the name in brackets and "NIP." under each.
 */
export function drawSignatures(doc: PDFKit.PDFDocument, placeAndDate: string, signers: Signer[]): void {
  const width = doc.page.width - 2 * MARGIN;
  const half = width / 2;
  doc.moveDown(1.5);
  ensureSpace(doc, 130);
  const top = doc.y;
  const xs = signers.length === 1 ? [MARGIN + half] : signers.map((_, i) => MARGIN + (i % 2) * half);
  doc.font("Helvetica").fontSize(10).text(placeAndDate, xs.at(-1)!, top - 14, { width: half - 20, align: "center" });
  signers.forEach((s, i) => {
    const x = xs[i]!;
    doc.font("Helvetica").fontSize(10).text(s.title, x, top, { width: half - 20, align: "center" });
    doc.text(`(${s.name ?? BLANK})`, x, top + 80, { width: half - 20, align: "center" });
    doc.text(`NIP. ${s.nip ?? BLANK}`, x, top + 95, { width: half - 20, align: "center" });
  });
  doc.x = MARGIN;
  doc.y = top + 115;
}

/** The footer of every page once the page count is known: the document number (when issued) and "Halaman i dari N". */
export function numberPages(doc: PDFKit.PDFDocument, documentNumber: string | null): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const width = doc.page.width - 2 * MARGIN;
    const half = width / 2;
    const footerY = doc.page.height - MARGIN + 15;
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin must not open a new page
    doc.font("Helvetica").fontSize(8);
    if (documentNumber) doc.text(documentNumber, MARGIN, footerY, { width: half, align: "left", lineBreak: false });
    doc.text(`Halaman ${i - range.start + 1} dari ${range.count}`, MARGIN + half, footerY, { width: half, align: "right", lineBreak: false });
    doc.page.margins.bottom = saved;
  }
}
