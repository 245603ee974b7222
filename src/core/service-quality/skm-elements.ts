/**
 * The nine elements (unsur) of the Survei Kepuasan Masyarakat, PermenPANRB 14/2017, with the official
 * wording of the four answers as data (reference e-services.md §2.2, [C]: reproduced identically by
 * several independent SKM apps). Every element is answered on the same scale, 1 (worst) to 4 (best);
 * only the words differ. Label sets are keyed by element code, never by position: one real importer
 * swapped the U8 and U9 sets. The English texts are our translations, for the English UI only.
 */

export type SkmElementCode = "U1" | "U2" | "U3" | "U4" | "U5" | "U6" | "U7" | "U8" | "U9";

export interface SkmLabel {
  id: string;
  en: string;
}

export interface SkmElement {
  code: SkmElementCode;
  /** The element's name as the regulation's questionnaire words it. */
  name: SkmLabel;
  /** The answers 1, 2, 3, 4 in that order (index 0 = answer 1). */
  answers: readonly [SkmLabel, SkmLabel, SkmLabel, SkmLabel];
}

const l = (id: string, en: string): SkmLabel => ({ id, en });

export const SKM_ELEMENTS: readonly SkmElement[] = [
  { code: "U1", name: l("Persyaratan", "Requirements"), answers: [l("Tidak sesuai", "Not appropriate"), l("Kurang sesuai", "Less appropriate"), l("Sesuai", "Appropriate"), l("Sangat sesuai", "Very appropriate")] },
  {
    code: "U2",
    name: l("Sistem, mekanisme, dan prosedur", "System, mechanism and procedure"),
    answers: [l("Tidak mudah", "Not easy"), l("Kurang mudah", "Less easy"), l("Mudah", "Easy"), l("Sangat mudah", "Very easy")],
  },
  { code: "U3", name: l("Waktu penyelesaian", "Completion time"), answers: [l("Tidak cepat", "Not fast"), l("Kurang cepat", "Less fast"), l("Cepat", "Fast"), l("Sangat cepat", "Very fast")] },
  { code: "U4", name: l("Biaya/tarif", "Cost/fee"), answers: [l("Sangat mahal", "Very expensive"), l("Cukup mahal", "Rather expensive"), l("Murah", "Cheap"), l("Gratis", "Free")] },
  {
    code: "U5",
    name: l("Produk spesifikasi jenis pelayanan", "Product specification of the service"),
    answers: [l("Tidak sesuai", "Not appropriate"), l("Kurang sesuai", "Less appropriate"), l("Sesuai", "Appropriate"), l("Sangat sesuai", "Very appropriate")],
  },
  {
    code: "U6",
    name: l("Kompetensi pelaksana", "Competence of the officers"),
    answers: [l("Tidak kompeten", "Not competent"), l("Kurang kompeten", "Less competent"), l("Kompeten", "Competent"), l("Sangat kompeten", "Very competent")],
  },
  {
    code: "U7",
    name: l("Perilaku pelaksana", "Behaviour of the officers"),
    answers: [
      l("Tidak sopan dan ramah", "Not polite and friendly"),
      l("Kurang sopan dan ramah", "Less polite and friendly"),
      l("Sopan dan ramah", "Polite and friendly"),
      l("Sangat sopan dan ramah", "Very polite and friendly"),
    ],
  },
  { code: "U8", name: l("Sarana dan prasarana", "Facilities and infrastructure"), answers: [l("Buruk", "Poor"), l("Cukup", "Fair"), l("Baik", "Good"), l("Sangat baik", "Very good")] },
  {
    code: "U9",
    name: l("Penanganan pengaduan, saran dan masukan", "Handling of complaints, suggestions and feedback"),
    answers: [
      l("Tidak ada", "None"),
      l("Ada tetapi tidak berfungsi", "Exists but does not work"),
      l("Berfungsi kurang maksimal", "Works, but not fully"),
      l("Dikelola dengan baik", "Well managed"),
    ],
  },
];

export const SKM_ELEMENT_CODES: readonly SkmElementCode[] = SKM_ELEMENTS.map((e) => e.code);

/** The element with this code (U1…U9), or undefined. */
export function skmElement(code: string): SkmElement | undefined {
  return SKM_ELEMENTS.find((e) => e.code === code);
}
