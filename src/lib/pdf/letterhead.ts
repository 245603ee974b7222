import { detectFileType, SNIFF_BYTES } from "../file-type";

/**
 * The kop surat (letterhead) printed at the top of every official document Pandu issues: the
 * agency's logo on the left, the government's name, the issuing agency, its address and contact
 * centred, and a double rule beneath. One renderer for every document (Berita Acara, LHE, province
 * summary), so they all look alike. The data comes from the agency's document settings
 * (`letterheadOf` in `db/queries/letterhead.ts`).
 */

/** What a kop surat shows, as plain data. */
export interface Letterhead {
  /** The first line, in capitals: "PEMERINTAH PROVINSI JAMBI". */
  governmentName: string;
  /** The issuing agency or office under it ("Dinas Komunikasi dan Informatika"); skipped when it repeats the first line. */
  agencyName: string;
  /** The postal address, one line (null: none printed). */
  address: string | null;
  /** Telephone, e-mail and website in one line (null: none printed). */
  contact: string | null;
  /** The logo, PNG or JPEG bytes (null: no logo; the text stays centred). */
  logo: Buffer | null;
  /** The seat city printed before the date of a signature ("Jambi, 7 Desember 2026"); null: the date alone. */
  seat: string | null;
}

/** The logo's box (points); the logo is fitted into it, keeping its proportions. */
const LOGO_SIZE = 64;

/**
 * Draws the kop surat at the top of the current page, between the page margins, and moves `doc.y`
 * below its double rule. Synchronous (pdfkit draws images synchronously); a logo pdfkit cannot
 * decode is left out rather than failing the document (uploads are checked, but a stored logo must
 * never make a document impossible to issue). Leaves the font at Helvetica 10 and `doc.x` at the
 * left margin.
 */
export function drawLetterhead(doc: PDFKit.PDFDocument, lh: Letterhead): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const top = doc.y;
  let logoDrawn = false;
  if (lh.logo) {
    try {
      doc.image(lh.logo, left, top, { fit: [LOGO_SIZE, LOGO_SIZE], align: "center", valign: "center" });
      logoDrawn = true;
    } catch {
      logoDrawn = false;
    }
  }
  // The text is centred on the page; with a logo it keeps clear of it on both sides.
  const inset = logoDrawn ? LOGO_SIZE + 8 : 0;
  const textX = left + inset;
  const textWidth = width - 2 * inset;
  doc.fillColor("black");
  doc.font("Helvetica-Bold").fontSize(14).text(lh.governmentName.toLocaleUpperCase("id-ID"), textX, top, { width: textWidth, align: "center" });
  if (normalise(lh.agencyName) !== normalise(lh.governmentName)) {
    doc.font("Helvetica-Bold").fontSize(12).text(lh.agencyName, textX, doc.y, { width: textWidth, align: "center" });
  }
  doc.font("Helvetica").fontSize(9);
  if (lh.address) doc.text(lh.address, textX, doc.y + 2, { width: textWidth, align: "center" });
  if (lh.contact) doc.text(lh.contact, textX, doc.y, { width: textWidth, align: "center" });
  const ruleY = Math.max(doc.y, logoDrawn ? top + LOGO_SIZE : doc.y) + 6;
  doc.save();
  doc.lineWidth(2).moveTo(left, ruleY).lineTo(left + width, ruleY).stroke();
  doc.lineWidth(0.6).moveTo(left, ruleY + 3.5).lineTo(left + width, ruleY + 3.5).stroke();
  doc.restore();
  doc.font("Helvetica").fontSize(10);
  doc.x = left;
  doc.y = ruleY + 16;
}

const normalise = (s: string) => s.trim().replace(/\s+/g, " ").toLocaleLowerCase("id-ID");

/** "Jambi, 7 Desember 2026", or only the date when the seat is unknown. */
export function placeAndDate(seat: string | null, dateText: string): string {
  return seat ? `${seat}, ${dateText}` : dateText;
}

/** The largest logo accepted for a kop surat. */
export const LOGO_MAX_BYTES = 1024 * 1024;

/**
 * The type of a logo upload told by its content (src/lib/file-type.ts), and only when pdfkit can
 * also decode it (a PNG header over damaged data would otherwise fail every later document): "png"
 * or "jpeg", or null.
 */
export async function logoImageType(bytes: Buffer): Promise<"png" | "jpeg" | null> {
  const type = detectFileType(bytes.subarray(0, SNIFF_BYTES), true);
  if (type !== "png" && type !== "jpeg") return null;
  const { default: PDFDocument } = await import("pdfkit");
  try {
    // openImage decodes the image as doc.image would (it is missing from the type declarations).
    (new PDFDocument({ autoFirstPage: false }) as unknown as { openImage(src: Buffer): unknown }).openImage(bytes);
    return type;
  } catch {
    return null;
  }
}
