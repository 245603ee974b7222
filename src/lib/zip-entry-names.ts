import { storableText, stripFormatCharacters } from "./text-safety";

// Control characters (C0, DEL, C1) and every path separator a ZIP reader might honour.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|]/g; // eslint-disable-line no-control-regex
const MAX_NAME = 120;

/**
 * One path segment of a ZIP entry, safe to extract anywhere: no path separators, control or format
 * characters (a bidi override would make `a\u202egnp.pdf` look like a PNG), no leading dots (`..`,
 * hidden files), no trailing dots or spaces (Windows drops them), at most 120 characters (the
 * extension kept); `fallback` when nothing is left.
 */
export function safeZipSegment(name: string, fallback: string): string {
  let s = stripFormatCharacters(storableText(name)).replace(UNSAFE, "_").trim();
  s = s.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  if ([...s].length > MAX_NAME) {
    const dot = s.lastIndexOf(".");
    const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : "";
    s = [...s.slice(0, s.length - ext.length)].slice(0, MAX_NAME - ext.length).join("").trimEnd() + ext;
  }
  return s || fallback;
}

/**
 * Hands out entry names unique within an archive (compared case-insensitively, as Windows and
 * macOS file systems do): the second `1/perwal.pdf` becomes `1/perwal (2).pdf`.
 */
export class UniqueZipNames {
  private readonly taken = new Set<string>();

  name(directory: string, fileName: string): string {
    const dot = fileName.lastIndexOf(".");
    const [stem, ext] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ""];
    for (let n = 1; ; n++) {
      const candidate = `${directory}/${n === 1 ? fileName : `${stem} (${n})${ext}`}`;
      const key = candidate.toLowerCase();
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return candidate;
      }
    }
  }
}
