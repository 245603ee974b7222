import { storableText, stripFormatCharacters } from "../../../lib/text-safety";

/**
 * A Content-Disposition header for a download: an ASCII `filename` for old clients and the name
 * as `filename*=UTF-8''…` (RFC 6266 / RFC 8187), without format characters (a bidi override would
 * let a stored name like `a\u202egnp.pdf` save as what looks like a PNG).
 */
export function contentDisposition(kind: "attachment" | "inline", storedName: string): string {
  const fileName = stripFormatCharacters(storableText(storedName));
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
