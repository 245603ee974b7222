import { sectoralServiceIndicators } from "../../core/assessment/sectoral-services";
import type { Instrument } from "../../core";
import { drawLetterhead, placeAndDate, type Letterhead } from "./letterhead";
import { dateId, decimalId, groupLabel, indicatorRows, MARGIN, qrModules, subjectOf, valueText, type Signer } from "./pdf-parts";

export type { Signer };

/** The stages a Berita Acara is made for: each stage that closes, and the review decision. */
export const RECORD_STAGES = ["mandiri", "dokumen", "interviu", "visitasi", "reviu"] as const;
export type RecordStage = (typeof RECORD_STAGES)[number];

/**
 * What a Berita Acara states, as plain data (read from the snapshot of the stage it records): the
 * self-assessment (mandiri), a closed external stage (dokumen, interviu, visitasi) or the review
 * decision (reviu).
 */
export interface OfficialRecordData {
  /** The stage the record is of; absent: mandiri. */
  stage?: RecordStage;
  agency: { code: string; name: string };
  period: { name: string; year: number; kind: string };
  instrument: Instrument;
  /** The name of the index the instrument yields ("Indeks SPBE", "Indeks Pemerintah Digital"). */
  indexName: string;
  /** The moment the stage closed (the submission, the close of an external stage, the review decision): the record's date and the PDF's creation date (so the file is reproducible). */
  submittedAt: Date;
  submittedBy: string | null;
  /** The value of each indicator in force at the stage: a whole level, or a two-decimal value where the instrument says so. */
  levels: Record<string, number | null>;
  index: { exact: number; rounded: number; predicate: string; policy: string };
  sectoralServices: { indicatorCode: string; name: string; unitName: string }[];
  /** The people who sign the self-assessment record, with their NIP where known (blank line otherwise); absent: the submitter's name only. */
  signatories?: { coordinator: { name: string | null; nip: string | null }; leader: { name: string | null; nip: string | null } };
  /** The people who sign any other record, in order (two to a row); when given it replaces `signatories`. */
  signers?: Signer[];
  /** The review decision, for the reviu record. */
  review?: { decision: "valid" | "tidak_valid"; note: string | null };
  /** The note given when the stage was closed, printed when present (not on the self-assessment record). */
  stageNote?: string | null;
  /**
   * The kop surat printed at the top of the first page, and the seat city before the signature
   * date. Absent: the layout of records issued before kop surat existed (no kop, the agency's name
   * before the date), so those render to the same bytes as when they were issued.
   */
  letterhead?: Letterhead;
  /** The issued document's identity: its number and the verification address printed with a QR code. */
  document?: { number: string; verifyUrl: string };
}

const KIND: Record<string, string> = { pemantauan: "Pemantauan", evaluasi: "Evaluasi" };
/** The heading and the sentence that opens each kind of record. */
const STAGE_TEXT: Record<RecordStage, { title: string; dateLabel: string; work: string }> = {
  mandiri: { title: "BERITA ACARA PENILAIAN MANDIRI", dateLabel: "Tanggal penyampaian", work: "penilaian mandiri" },
  dokumen: { title: "BERITA ACARA PENILAIAN DOKUMEN", dateLabel: "Tanggal penutupan tahap", work: "penilaian dokumen" },
  interviu: { title: "BERITA ACARA PENILAIAN INTERVIU", dateLabel: "Tanggal penutupan tahap", work: "penilaian interviu" },
  visitasi: { title: "BERITA ACARA PENILAIAN VISITASI", dateLabel: "Tanggal penutupan tahap", work: "penilaian visitasi" },
  reviu: { title: "BERITA ACARA REVIU HASIL EVALUASI", dateLabel: "Tanggal keputusan", work: "reviu hasil evaluasi" },
};

/** The document title of a record ("Berita Acara Penilaian Dokumen"), as the register and the PDF's metadata name it. */
export const recordTitle = (stage: RecordStage) => STAGE_TEXT[stage].title.toLowerCase().replace(/(^|\s)\S/g, (c) => c.toUpperCase());


/**
 * Renders a Berita Acara (pdfkit, standard Helvetica fonts, no network) — of the self-assessment,
 * of a closed external stage or of the review decision, by `data.stage`: the kop surat; the agency,
 * period, instrument and date; the review decision and note, or the stage's closing note; the level
 * in force of every indicator under its domain and aspect; the index and predicate; the sectoral
 * public services; the place ("Jambi, 7 Desember 2026") and the signature blocks with NIP; the
 * document number, a QR code and the verification address when the document is issued; "Halaman i
 * dari N" on every page. The same data gives the same bytes (the creation date is the stage's close).
 */
export async function renderOfficialRecord(data: OfficialRecordData, options: { compress?: boolean } = {}): Promise<Buffer> {
  // pdfkit is loaded with the first record, not at start-up.
  const { default: PDFDocument } = await import("pdfkit");
  const stage = data.stage ?? "mandiri";
  const text = STAGE_TEXT[stage];
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    compress: options.compress ?? true,
    bufferPages: true,
    info: {
      Title: `${recordTitle(stage)} ${subjectOf(data.indexName).text} ${data.agency.name} ${data.period.year}`,
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

  if (data.letterhead) drawLetterhead(doc, data.letterhead);
  doc.font("Helvetica-Bold").fontSize(14).text(text.title, { align: "center" });
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
  fact(text.dateLabel, dateId(data.submittedAt));
  if (data.review) fact("Keputusan", data.review.decision === "valid" ? "VALID" : "TIDAK VALID");
  doc.moveDown(0.8);
  const opening =
    stage === "mandiri"
      ? `Pada tanggal ${dateId(data.submittedAt)}, Tim Asesor Internal ${data.agency.name} telah menyelesaikan penilaian mandiri ${subject.text} ` +
        `periode ${data.period.name} dengan hasil sebagai berikut.`
      : stage === "reviu"
        ? `Pada tanggal ${dateId(data.submittedAt)}, Tim Reviu telah mereviu hasil evaluasi ${subject.text} ${data.agency.name} periode ${data.period.name} ` +
          (data.review?.decision === "tidak_valid"
            ? "dan memutuskan hasil tersebut TIDAK VALID: hasil dikembalikan kepada Tim Asesor Eksternal untuk diperbaiki sesuai catatan di bawah."
            : "dan memutuskan hasil tersebut VALID, sehingga ditetapkan sebagai hasil akhir sebagai berikut.")
        : `Pada tanggal ${dateId(data.submittedAt)}, Tim Asesor Eksternal telah menyelesaikan tahap ${text.work} ${subject.text} ${data.agency.name} ` +
          `periode ${data.period.name} dengan hasil sebagai berikut.`;
  doc.text(opening, MARGIN, doc.y, { width });
  const note = stage === "reviu" ? (data.review?.note ?? null) : stage === "mandiri" ? null : (data.stageNote ?? null);
  if (note) {
    doc.moveDown(0.5);
    doc.font("Helvetica-Bold").text("Catatan:", MARGIN, doc.y, { width });
    doc.font("Helvetica").text(note, MARGIN, doc.y, { width });
  }
  doc.moveDown(0.8);

  // A Tidak Valid decision states no levels (they are being corrected); every other record lists them.
  if (data.review?.decision !== "tidak_valid") drawResult();
  function drawResult() {
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
    for (const r of indicatorRows(data.instrument.tree)) {
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
    doc.font("Helvetica-Bold").fontSize(11).text(`${data.indexName}: ${decimalId(data.index.rounded, 2)}`, MARGIN, doc.y, { width });
    doc.font("Helvetica").fontSize(9).text(`Nilai eksak: ${decimalId(data.index.exact, 4)}`, { width });
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
  }

  // Signature blocks: two to a row, the place and date above the right-hand block of the first row.
  // Without `signers` (the self-assessment), the Koordinator SPBE signs and the Pimpinan acknowledges.
  doc.moveDown(1.5);
  ensure(130);
  let top = doc.y;
  const half = width / 2;
  const BLANK = "______________________";
  const block = (x: number, title: string, person: { name: string | null; nip: string | null }) => {
    doc.font("Helvetica").fontSize(10).text(title, x, top, { width: half - 20, align: "center" });
    doc.text(`(${person.name ?? BLANK})`, x, top + 80, { width: half - 20, align: "center" });
    doc.text(`NIP. ${person.nip ?? BLANK}`, x, top + 95, { width: half - 20, align: "center" });
  };
  const dated = data.letterhead ? placeAndDate(data.letterhead.seat, dateId(data.submittedAt)) : `${data.agency.name}, ${dateId(data.submittedAt)}`;
  doc.font("Helvetica").fontSize(10).text(dated, MARGIN + half, top - 14, { width: half - 20, align: "center" });
  if (data.signers) {
    // A lone signer (the review decision) signs on the right, under the date.
    const signers = data.signers.length === 1 ? [null, data.signers[0]!] : data.signers;
    for (let i = 0; i < signers.length; i += 2) {
      if (i > 0) {
        doc.y = top + 125;
        ensure(130);
        top = doc.y;
      }
      for (const [j, signer] of [signers[i], signers[i + 1]].entries()) if (signer) block(MARGIN + j * half, signer.title, signer);
    }
  } else {
    const signatories = data.signatories ?? { coordinator: { name: data.submittedBy, nip: null }, leader: { name: null, nip: null } };
    block(MARGIN, "Mengetahui,\nPimpinan Instansi", signatories.leader);
    block(MARGIN + half, "Koordinator SPBE", signatories.coordinator);
  }
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
