/**
 * The official documents Pandu issues, each with the short code `{kind}` prints in its number.
 * One list for every kind, so two kinds can never share a code (their sequences would collide
 * in a pattern without `{kind}`).
 */
export const DOCUMENT_KINDS = {
  "berita-acara-penilaian-mandiri": { code: "BA-PM" },
  "berita-acara-penilaian-dokumen": { code: "BA-DOK" },
  "berita-acara-penilaian-interviu": { code: "BA-INT" },
  "berita-acara-penilaian-visitasi": { code: "BA-VIS" },
  "berita-acara-reviu": { code: "BA-REV" },
  "laporan-hasil-evaluasi": { code: "LHE" },
  "ringkasan-provinsi": { code: "RHE-PROV" },
  /** The product of an approved online application (surat keterangan, izin …). */
  "produk-layanan": { code: "PRODUK" },
  /** A published SKM report (Laporan hasil Survei Kepuasan Masyarakat) of one survey. */
  "laporan-skm": { code: "LAP-SKM" },
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

/** The kind's short code ("LHE"); an unknown kind is its own code. */
export const documentKindCode = (kind: string): string => (DOCUMENT_KINDS as Record<string, { code: string }>)[kind]?.code ?? kind;
