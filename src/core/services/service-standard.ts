/**
 * The Standar Pelayanan of a public service (UU 25/2009 Ps. 21; PermenPANRB 15/2014): fourteen
 * components in two groups. The six service-delivery components (proses penyampaian pelayanan) are
 * what the public sees and must be published; the eight management components (pengelolaan
 * pelayanan di internal organisasi, among them the dasar hukum) stay inside the agency. The order
 * is the Pedoman's. See docs/services.md.
 */
export const SERVICE_COMPONENTS = [
  { key: "requirements", group: "delivery" }, // 1 Persyaratan
  { key: "procedure", group: "delivery" }, // 2 Sistem, mekanisme, dan prosedur
  { key: "duration", group: "delivery" }, // 3 Jangka waktu penyelesaian
  { key: "cost", group: "delivery" }, // 4 Biaya/tarif
  { key: "product", group: "delivery" }, // 5 Produk pelayanan
  { key: "complaints", group: "delivery" }, // 6 Penanganan pengaduan, saran, dan masukan
  { key: "legalBasis", group: "management" }, // 7 Dasar hukum
  { key: "facilities", group: "management" }, // 8 Sarana, prasarana, dan/atau fasilitas
  { key: "competence", group: "management" }, // 9 Kompetensi pelaksana
  { key: "supervision", group: "management" }, // 10 Pengawasan internal
  { key: "staffing", group: "management" }, // 11 Jumlah pelaksana
  { key: "serviceGuarantee", group: "management" }, // 12 Jaminan pelayanan
  { key: "safetyGuarantee", group: "management" }, // 13 Jaminan keamanan dan keselamatan pelayanan
  { key: "performanceEvaluation", group: "management" }, // 14 Evaluasi kinerja pelaksana
] as const;

export type ServiceComponentKey = (typeof SERVICE_COMPONENTS)[number]["key"];
export const SERVICE_COMPONENT_KEYS = SERVICE_COMPONENTS.map((c) => c.key) as ServiceComponentKey[];
/** The six components published to everyone. */
export const PUBLIC_COMPONENT_KEYS = ["requirements", "procedure", "duration", "cost", "product", "complaints"] as const satisfies readonly ServiceComponentKey[];
export type PublicComponentKey = (typeof PUBLIC_COMPONENT_KEYS)[number];
/** The eight components kept inside the agency. */
export const INTERNAL_COMPONENT_KEYS = SERVICE_COMPONENTS.filter((c) => c.group === "management").map((c) => c.key);

export type ServiceComponents = Record<ServiceComponentKey, string>;

/** A version's place in its life: written and edited as a draft, set by decree (in force), then replaced by the next one. */
export const STANDARD_STATUSES = ["draft", "in_force", "replaced"] as const;
export type StandardStatus = (typeof STANDARD_STATUSES)[number];

/** Where a citizen reaches a service: online, at a Mal Pelayanan Publik counter, at the unit's own office. */
export const SERVICE_CHANNELS = ["online", "mpp", "office"] as const;
export type ServiceChannel = (typeof SERVICE_CHANNELS)[number];

/**
 * Sectoral categories of the catalogue (the government affairs a service belongs to, grouped as a
 * citizen looks for them). Stable codes; the interface names them from the catalogues.
 */
export const SERVICE_SECTORS = [
  "kependudukan",
  "perizinan",
  "kesehatan",
  "pendidikan",
  "sosial",
  "ketenagakerjaan",
  "perhubungan",
  "pajak_retribusi",
  "pertanahan_pu",
  "lingkungan_hidup",
  "pertanian_pangan",
  "umkm_perdagangan",
  "lainnya",
] as const;
export type ServiceSector = (typeof SERVICE_SECTORS)[number];

/** A blank standard (a new service's first draft). */
export function emptyComponents(): ServiceComponents {
  return Object.fromEntries(SERVICE_COMPONENT_KEYS.map((k) => [k, ""])) as ServiceComponents;
}

/** Only the six public components of a standard, whatever else the object holds. */
export function publicComponentsOf(c: Readonly<Record<PublicComponentKey, string>>): Record<PublicComponentKey, string> {
  return Object.fromEntries(PUBLIC_COMPONENT_KEYS.map((k) => [k, c[k]])) as Record<PublicComponentKey, string>;
}

/**
 * What a draft still lacks before it may be put in force: every one of the fourteen components
 * (PermenPANRB 15/2014 asks for all of them) and the decree that sets it (number and date). Empty
 * when it is complete; field names in the form order.
 */
export function missingForInForce(v: ServiceComponents & { decreeNumber: string | null; decreeDate: string | null }): string[] {
  const missing: string[] = SERVICE_COMPONENT_KEYS.filter((k) => !v[k].trim());
  if (!v.decreeNumber?.trim()) missing.push("decreeNumber");
  if (!v.decreeDate) missing.push("decreeDate");
  return missing;
}

/**
 * The address part of a service's name: lower case ASCII letters and digits joined by single
 * hyphens ("Kartu Keluarga (KK) Baru" → "kartu-keluarga-kk-baru"), at most 80 characters; "layanan"
 * when nothing is left.
 */
export function serviceSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "layanan";
}
