import { drawLetterhead, placeAndDate, type Letterhead } from "./letterhead";
import { dateId, decimalId, drawSignatures, drawVerification, ensureSpace, factLine, numberPages, openPdf, MARGIN } from "./pdf-parts";

/** What a published SKM report prints (PermenPANRB 14/2017): kop surat, the survey, NRR per element, IKM and mutu, respondents vs minimum, follow-up, signature. */
export interface SkmReportData {
  letterhead: Letterhead;
  serviceName: string;
  unitName: string | null;
  surveyTitle: string;
  period: string;
  issuedAt: Date;
  respondents: number;
  population: number | null;
  minimumRespondents: number | null;
  enough: boolean | null;
  /** Per element: code, name, NRR (4 decimals) and NRR × 25. */
  elements: { code: string; name: string; nrr: number | null; converted: number | null }[];
  ikm: number | null;
  mutu: string | null;
  kinerja: string | null;
  /** Follow-up actions on the weakest elements (planned ones, or the weakest without a plan yet). */
  followUps: { element: string; action: string; owner: string | null; due: string | null }[];
  signer: { title: string; name: string | null; nip: string | null };
  document: { number: string; verifyUrl: string };
}

/** Renders the published SKM report; deterministic for the same data. */
export async function renderSkmReport(data: SkmReportData, options: { compress?: boolean } = {}): Promise<Buffer> {
  const { doc, bytes, width } = await openPdf({ title: `Laporan SKM ${data.serviceName} ${data.period}`, subject: data.surveyTitle, createdAt: data.issuedAt }, options);
  drawLetterhead(doc, data.letterhead);
  doc.moveDown(1);
  doc.font("Helvetica-Bold").fontSize(13).text("LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT", MARGIN, doc.y, { width, align: "center" });
  doc.font("Helvetica").fontSize(10).text(`Nomor: ${data.document.number}`, { width, align: "center" });
  doc.moveDown(1);
  factLine(doc, "Layanan", data.serviceName);
  if (data.unitName) factLine(doc, "Unit pelayanan", data.unitName);
  factLine(doc, "Survei", data.surveyTitle);
  factLine(doc, "Periode", data.period);
  factLine(doc, "Jumlah responden", String(data.respondents));
  factLine(doc, "Populasi", data.population === null ? "tidak ditetapkan" : String(data.population));
  factLine(doc, "Minimum responden", data.minimumRespondents === null ? "-" : String(data.minimumRespondents));
  if (data.enough === false) factLine(doc, "Keterangan", "Belum memenuhi jumlah minimum responden");
  doc.moveDown(0.8);

  // The NRR table: element, NRR, NRR × 25.
  const cols = [MARGIN, MARGIN + 40, MARGIN + width - 160, MARGIN + width - 80];
  const row = (cells: string[], bold = false) => {
    ensureSpace(doc, 18);
    const y = doc.y;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(10);
    cells.forEach((c, i) => doc.text(c, cols[i]!, y, { width: i === 1 ? cols[2]! - cols[1]! - 8 : 76, align: i >= 2 ? "right" : "left" }));
    doc.x = MARGIN;
    doc.y = Math.max(doc.y, y + 14);
  };
  row(["Unsur", "Nama unsur", "NRR", "NRR x 25"], true);
  for (const e of data.elements) row([e.code, e.name, e.nrr === null ? "-" : decimalId(e.nrr, 4), e.converted === null ? "-" : decimalId(e.converted, 2)]);
  doc.moveDown(0.8);
  factLine(doc, "IKM", data.ikm === null ? "-" : decimalId(data.ikm, 2));
  factLine(doc, "Mutu pelayanan", data.mutu === null ? "-" : `${data.mutu}${data.kinerja ? ` (${data.kinerja})` : ""}`);
  doc.moveDown(0.8);

  ensureSpace(doc, 60);
  doc.font("Helvetica-Bold").fontSize(11).text("Rencana tindak lanjut unsur terendah", MARGIN, doc.y, { width });
  doc.moveDown(0.3);
  if (data.followUps.length === 0) doc.font("Helvetica").fontSize(10).text("Belum ada rencana tindak lanjut.", { width });
  for (const f of data.followUps) {
    ensureSpace(doc, 30);
    doc.font("Helvetica").fontSize(10).text(`${f.element}: ${f.action}${f.owner ? ` (penanggung jawab: ${f.owner})` : ""}${f.due ? `, target ${f.due}` : ""}`, MARGIN, doc.y, { width });
  }
  drawSignatures(doc, placeAndDate(data.letterhead.seat, dateId(data.issuedAt)), [data.signer]);
  await drawVerification(doc, data.document);
  numberPages(doc, data.document.number);
  doc.end();
  return bytes;
}
