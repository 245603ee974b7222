/**
 * Text the database cannot store or a reader could be fooled by. PostgreSQL rejects U+0000 and a
 * UTF-16 surrogate without its pair in `text` (the request would end in a 500); Unicode format
 * characters (category Cf: bidi embeddings, overrides and isolates, zero-width characters) make a
 * name display as something else (`a\u202egnp.pdf` shows as "afdp.png").
 */

/** A NUL character or a lone (unpaired) surrogate. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/; // eslint-disable-line no-control-regex
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, "g");
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** True when PostgreSQL would refuse to store `s`. */
export function isUnstorableText(s: string): boolean {
  return UNSTORABLE.test(s);
}

/** `s` without NUL characters, its lone surrogates replaced by U+FFFD (for text we keep rather than reject, e.g. a User-Agent). */
export function storableText(s: string): string {
  return s.replace(UNSTORABLE_ALL, (c) => (c === "\u0000" ? "" : "\uFFFD"));
}

/** `s` without Unicode format characters (category Cf), for names and titles shown to people. */
export function stripFormatCharacters(s: string): string {
  return s.replace(FORMAT_CHARACTERS, "");
}

/**
 * The path (`body.items.0.name`) of the first string or object key under `value` that PostgreSQL
 * cannot store, or null. Walks objects and arrays (iteratively: a deeply nested body cannot
 * overflow the stack); Buffers and streams are not text and are left alone.
 */
export function findUnstorableText(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      if (isUnstorableText(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}.${i}`]);
    } else if (isRecord(v)) {
      const entries = Object.entries(v);
      for (const [k] of entries) if (isUnstorableText(k)) return `${path}.${storableText(k)}`;
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], `${path}.${entries[i]![0]}`]);
    }
  }
  return null;
}

/** A parsed object (JSON, query string — whose parser uses a prototype-less class): not bytes, not a stream. */
function isRecord(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return false;
  return typeof (v as { pipe?: unknown }).pipe !== "function" && typeof (v as { then?: unknown }).then !== "function";
}
