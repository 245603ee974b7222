import { inflateSync } from "node:zlib";

/**
 * The text a PDF written by pdfkit shows: its Flate streams are inflated and the hex strings of
 * each TJ array joined (pdfkit writes text as `[<48656c6c6f> 12 <...>] TJ`, WinAnsi ≈ Latin-1).
 * Enough to check what a generated document says without a PDF library.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const streams: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf("endstream", start);
    const bytes = pdf.subarray(start, end);
    try {
      streams.push(inflateSync(bytes).toString("latin1"));
    } catch {
      streams.push(bytes.toString("latin1"));
    }
  }
  const lines: string[] = [];
  for (const s of streams) {
    for (const tj of s.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      lines.push([...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, "hex").toString("latin1")).join(""));
    }
  }
  return lines.join("\n");
}
