import { createHash, randomBytes } from "node:crypto";

/** Small files of every allowed type (and some that are not), good enough for content sniffing. */
export const samplePdf = (text = "Peraturan Wali Kota Jambi") => Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\n${randomBytes(64).toString("hex")}\n%%EOF\n`, "latin1");
export const samplePng = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("0000000dIHDR", "latin1"), randomBytes(64)]);
export const sampleJpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF\0", "latin1"), randomBytes(64)]);
export const sampleMp4 = () => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom\0\0\x02\0isomiso2", "latin1"), randomBytes(64)]);
/** A Windows executable: what a disguised upload often is. */
export const sampleExe = () => Buffer.concat([Buffer.from("MZ\x90\0\x03\0\0\0", "latin1"), randomBytes(256)]);

/** One stored (uncompressed) ZIP entry: a local file header, the name and the data. */
function zipEntry(name: string, data: Buffer): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(0, 14); // crc (not checked by sniffing)
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  return Buffer.concat([header, Buffer.from(name), data]);
}

/** A ZIP whose entries are `names`, each holding `fill` bytes; `[Content_Types].xml` first, as Office writes it. */
export function sampleZip(names: string[], fill = 200): Buffer {
  return Buffer.concat(names.map((n) => zipEntry(n, Buffer.from(`<?xml version="1.0"?><x>${"a".repeat(fill)}</x>`))));
}
export const sampleDocx = () => sampleZip(["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"]);
export const sampleXlsx = () => sampleZip(["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"]);
export const samplePptx = () => sampleZip(["[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml"]);

export const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** A file part of a multipart body. */
export interface FilePart {
  name: string;
  contentType: string;
  data: Buffer;
}

/**
 * A multipart/form-data body in pieces: everything before the file's bytes (`head`, the text
 * fields and the file part's headers), and what closes it (`tail`); so a test can stream or cut
 * the file bytes in between.
 */
export function multipartPieces(fields: Record<string, string>, file: Omit<FilePart, "data"> | null) {
  const boundary = `----pandu${randomBytes(8).toString("hex")}`;
  let head = "";
  for (const [k, v] of Object.entries(fields)) head += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  if (file) head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.contentType}\r\n\r\n`;
  return { head: Buffer.from(head, "utf8"), tail: Buffer.from(`${file ? "\r\n" : ""}--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A whole multipart/form-data body with text fields and (optionally) one file. */
export function multipartBody(fields: Record<string, string>, file: FilePart | null): { body: Buffer; contentType: string } {
  const p = multipartPieces(fields, file);
  return { body: Buffer.concat([p.head, file?.data ?? Buffer.alloc(0), p.tail]), contentType: p.contentType };
}
