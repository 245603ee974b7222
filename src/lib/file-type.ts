import { storableText, stripFormatCharacters } from "./text-safety";

/**
 * Evidence file types, told apart by their content (magic bytes), never by the file name or the
 * content type a browser declares: a renamed executable must not pass as a PDF.
 */
export const EVIDENCE_FILE_TYPES = ["pdf", "png", "jpeg", "docx", "xlsx", "pptx", "mp4"] as const;
export type EvidenceFileType = (typeof EVIDENCE_FILE_TYPES)[number];

/** The content type served for each file type. */
export const EVIDENCE_CONTENT_TYPES: Record<EvidenceFileType, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpeg: "image/jpeg",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  mp4: "video/mp4",
};

/** The file name extension given to downloads of each type. */
export const EVIDENCE_EXTENSIONS: Record<EvidenceFileType, string> = { pdf: "pdf", png: "png", jpeg: "jpg", docx: "docx", xlsx: "xlsx", pptx: "pptx", mp4: "mp4" };

/** Types a browser may show inline (in a sandbox); office files and videos are always attachments. */
export const INLINE_FILE_TYPES: readonly EvidenceFileType[] = ["pdf", "png", "jpeg"];

/** How much of the start of a file is read, at most, to decide its type. */
export const SNIFF_BYTES = 64 * 1024;

const PDF = Buffer.from("%PDF-", "latin1");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const FTYP = Buffer.from("ftyp", "latin1");
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
/** The longest fixed signature we compare (MP4's `ftyp` ends at byte 8). */
const MIN_HEAD = 8;

/** Office Open XML packages: the folder their main part lives in. */
const OFFICE_FOLDERS: [string, EvidenceFileType][] = [
  ["word/", "docx"],
  ["xl/", "xlsx"],
  ["ppt/", "pptx"],
];

/** Entry names found in the local and central ZIP headers present in `head`. */
function zipEntryNames(head: Buffer): string[] {
  const names: string[] = [];
  const scan = (sig: Buffer, nameLenAt: number, nameAt: number) => {
    for (let i = head.indexOf(sig); i !== -1; i = head.indexOf(sig, i + 4)) {
      if (i + nameAt > head.length) break;
      const len = head.readUInt16LE(i + nameLenAt);
      if (i + nameAt + len > head.length) break;
      names.push(head.toString("latin1", i + nameAt, i + nameAt + len));
    }
  };
  scan(ZIP_LOCAL, 26, 30);
  scan(ZIP_CENTRAL, 28, 46);
  return names;
}

/**
 * The type of a file from its first bytes. `complete` says `head` is the whole file (or all we
 * will read); otherwise "more" asks for more bytes when they could still decide. null: not an
 * allowed type. An office file is a ZIP whose entries include `word/`, `xl/` or `ppt/`; the entry
 * names sit in the local file headers, so the first few KB usually suffice.
 */
export function detectFileType(head: Buffer, complete: boolean): EvidenceFileType | null | "more" {
  if (head.length < MIN_HEAD && !complete) return "more";
  if (head.subarray(0, PDF.length).equals(PDF)) return "pdf";
  if (head.subarray(0, PNG.length).equals(PNG)) return "png";
  if (head.subarray(0, JPEG.length).equals(JPEG)) return "jpeg";
  if (head.subarray(4, 8).equals(FTYP)) return "mp4";
  if (!head.subarray(0, 4).equals(ZIP_LOCAL)) return null;
  const names = zipEntryNames(head);
  for (const name of names) {
    const hit = OFFICE_FOLDERS.find(([folder]) => name.startsWith(folder));
    if (hit) return hit[1];
  }
  return complete || head.length >= SNIFF_BYTES ? null : "more";
}

/**
 * A safe name for a stored file: the uploaded name without folders, control characters, quotes or
 * format characters (bidi overrides, zero-width), at most 150 characters, with the extension of the type found in the content (a PNG sent as
 * `scan.pdf` downloads as `scan.png`).
 */
export function evidenceFileName(uploaded: string | undefined, type: EvidenceFileType): string {
  const name = stripFormatCharacters(storableText(uploaded ?? ""))
    .split(/[/\\]/)
    .pop()!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"*:<>?|]/g, "")
    .replace(/\.[^.]{1,8}$/, "")
    .trim();
  const base = Array.from(name).slice(0, 150).join(""); // by code point: never half a surrogate pair
  return `${base || "bukti-dukung"}.${EVIDENCE_EXTENSIONS[type]}`;
}
