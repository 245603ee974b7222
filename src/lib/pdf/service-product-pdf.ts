import { drawLetterhead, placeAndDate, type Letterhead } from "./letterhead";
import { dateId, drawSignatures, drawVerification, factLine, numberPages, openPdf, MARGIN } from "./pdf-parts";

/** What a service product prints: the kop surat, the decision, the application's answers and the signature block. */
export interface ServiceProductData {
  letterhead: Letterhead;
  title: string;
  serviceName: string;
  trackingNumber: string;
  issuedAt: Date;
  /** Label → value lines of the answers (files are listed by name). */
  answers: { label: string; value: string }[];
  signer: { title: string; name: string | null; nip: string | null };
  document: { number: string; verifyUrl: string };
}

/** Renders a service product (the PDF the citizen downloads); deterministic for the same data. */
export async function renderServiceProduct(data: ServiceProductData, options: { compress?: boolean } = {}): Promise<Buffer> {
  const { doc, bytes, width } = await openPdf({ title: `${data.title} ${data.trackingNumber}`, subject: data.serviceName, createdAt: data.issuedAt }, options);
  drawLetterhead(doc, data.letterhead);
  doc.moveDown(1);
  doc.font("Helvetica-Bold").fontSize(13).text(data.title.toUpperCase(), MARGIN, doc.y, { width, align: "center" });
  doc.font("Helvetica").fontSize(10).text(`Nomor: ${data.document.number}`, { width, align: "center" });
  doc.moveDown(1);
  doc.text(`Berdasarkan permohonan layanan ${data.serviceName} dengan nomor pelacakan ${data.trackingNumber}, yang telah diverifikasi dan disetujui, dengan ini diterangkan data permohonan sebagai berikut:`, { width });
  doc.moveDown(0.5);
  for (const a of data.answers) factLine(doc, a.label, a.value, 180);
  drawSignatures(doc, placeAndDate(data.letterhead.seat, dateId(data.issuedAt)), [data.signer]);
  await drawVerification(doc, data.document);
  numberPages(doc, data.document.number);
  doc.end();
  return bytes;
}
