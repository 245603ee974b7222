/** The pattern official document numbers follow unless PANDU_DOCUMENT_NUMBER_PATTERN says otherwise. */
export const DEFAULT_DOCUMENT_NUMBER_PATTERN = "{seq}/{kind}/{agency}/{year}";

/** The short code `{kind}` prints for the Berita Acara Penilaian Mandiri (the first kind Pandu issued). */
export const SELF_ASSESSMENT_KIND_CODE = "BA-PM";

/** The placeholders a document number pattern may use. */
export const DOCUMENT_NUMBER_FIELDS = ["seq", "kind", "agency", "year", "month"] as const;

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

/**
 * Why a pattern cannot number documents, or null when it can: it must contain `{seq}` (two documents
 * may not share a number) and no placeholder other than {seq}, {seq3} (zero-padded to 3), {agency},
 * {year}, {month} (1–12), {romanMonth} (I–XII, as Indonesian letters number their month) and {kind}
 * (the document kind's short code, e.g. BA-PM, BA-DOK).
 */
export function documentNumberPatternProblem(pattern: string): string | null {
  if (!/\{seq3?\}/.test(pattern)) return "the pattern must contain {seq} or {seq3}";
  for (const m of pattern.matchAll(/\{([^}]*)\}/g)) {
    if (!["seq", "seq3", "kind", "agency", "year", "month", "romanMonth"].includes(m[1]!)) return `unknown placeholder {${m[1]}}`;
  }
  return null;
}

/**
 * The number of a document from the pattern: `{seq}/{kind}/{agency}/{year}` → `7/BA-PM/15.71/2026`.
 * Sequences count per kind, so two kinds share sequence numbers: a pattern without `{kind}` gets the
 * kind's code appended (`7/15.71/2026/BA-DOK`) for every kind but the self-assessment record, whose
 * numbers stay what they were before other kinds existed; so no two documents share a number.
 */
export function formatDocumentNumber(pattern: string, v: { seq: number; agency: string; year: number; month: number; kind?: string }): string {
  const kind = v.kind ?? SELF_ASSESSMENT_KIND_CODE;
  const full = pattern.includes("{kind}") || kind === SELF_ASSESSMENT_KIND_CODE ? pattern : `${pattern}/{kind}`;
  return full.replace(/\{(seq3|seq|kind|agency|year|month|romanMonth)\}/g, (_, key: string) => {
    switch (key) {
      case "seq":
        return String(v.seq);
      case "seq3":
        return String(v.seq).padStart(3, "0");
      case "kind":
        return kind;
      case "agency":
        return v.agency;
      case "year":
        return String(v.year);
      case "month":
        return String(v.month);
      default:
        return ROMAN[v.month - 1] ?? String(v.month);
    }
  });
}
