import zlib from "node:zlib";

/** Why an archive was refused before anything parsed it. */
export class ZipLimitError extends Error {
  constructor(
    readonly reason: "not_zip" | "too_many_entries" | "too_large" | "unsupported",
    message: string,
  ) {
    super(message);
  }
}

export interface ZipLimits {
  /** The most entries an archive may hold. */
  maxEntries: number;
  /** The most bytes all entries may decompress to, together. */
  maxTotalBytes: number;
}

/** Defaults for an uploaded office workbook: ~1000 entries, 50 MB decompressed. */
export const WORKBOOK_ZIP_LIMITS: ZipLimits = { maxEntries: 1000, maxTotalBytes: 50 * 1024 * 1024 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Checks a ZIP archive held in memory against entry-count and decompressed-size limits before a
 * ZIP library parses it (such libraries inflate every entry in full). Reads the central directory,
 * refuses ZIP64, encryption and methods other than stored and deflate, then inflates each entry
 * with a ceiling on its output (its declared size): an entry that lies about its size fails at
 * once, so a ZIP bomb costs at most `maxTotalBytes` of memory and stops at the first lie. Throws
 * `ZipLimitError`; returns the number of entries and the total decompressed size otherwise.
 */
export function checkZipLimits(zip: Buffer, limits: ZipLimits = WORKBOOK_ZIP_LIMITS): { entries: number; totalBytes: number } {
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65 535 bytes, at the end.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipLimitError("not_zip", "not a ZIP archive (an .xlsx workbook is one)");
  const entries = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new ZipLimitError("unsupported", "ZIP64 archives are not accepted");
  if (entries > limits.maxEntries) throw new ZipLimitError("too_many_entries", `the archive holds ${entries} entries, more than ${limits.maxEntries}`);
  if (cdOffset + cdSize > eocd) throw new ZipLimitError("not_zip", "damaged ZIP archive: the central directory lies outside the file");
  let at = cdOffset;
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > eocd || zip.readUInt32LE(at) !== CENTRAL) throw new ZipLimitError("not_zip", `damaged ZIP archive: central directory entry ${i + 1}`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const local = zip.readUInt32LE(at + 42);
    if (flags & 0x1) throw new ZipLimitError("unsupported", "encrypted ZIP entries are not accepted");
    if (method !== 0 && method !== 8) throw new ZipLimitError("unsupported", `ZIP compression method ${method} is not accepted`);
    if (size === 0xffffffff || compressed === 0xffffffff || local === 0xffffffff) throw new ZipLimitError("unsupported", "ZIP64 archives are not accepted");
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipLimitError("too_large", `the archive decompresses to more than ${Math.floor(limits.maxTotalBytes / (1024 * 1024))} MB`);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) throw new ZipLimitError("not_zip", `damaged ZIP archive: local header of entry ${i + 1}`);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (dataStart + compressed > zip.length) throw new ZipLimitError("not_zip", `damaged ZIP archive: entry ${i + 1} runs past the end`);
    const data = zip.subarray(dataStart, dataStart + compressed);
    if (method === 0) {
      if (compressed !== size) throw new ZipLimitError("not_zip", `damaged ZIP archive: stored entry ${i + 1} has two sizes`);
    } else {
      let out: Buffer;
      try {
        // One byte more than declared: an entry inflating beyond its declared size is caught here.
        out = zlib.inflateRawSync(data, { maxOutputLength: size + 1 });
      } catch (e) {
        if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new ZipLimitError("too_large", `ZIP entry ${i + 1} decompresses to more than its declared ${size} bytes`);
        throw new ZipLimitError("not_zip", `damaged ZIP archive: entry ${i + 1} does not inflate`);
      }
      if (out.length !== size) throw new ZipLimitError(out.length > size ? "too_large" : "not_zip", `damaged ZIP archive: entry ${i + 1} decompresses to ${out.length} bytes, not the declared ${size}`);
    }
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return { entries, totalBytes: total };
}
