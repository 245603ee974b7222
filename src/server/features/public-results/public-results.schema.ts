import { z } from "zod";
import { OFFICIAL_PREDICATES } from "../../../core";
import { AgencyCategory, AgencyCodeParams } from "../agencies/agencies.schema";

const ProvinceCode = z.string().regex(/^\d{2}$/, "a two-digit province code, e.g. 15");

export const PublicResultsQuery = z.object({
  year: z.coerce.number().int().min(2018).max(2100).optional(),
  province: ProvinceCode.optional(),
  agency: z.string().regex(/^[A-Z0-9.]{2,12}$/).optional(),
  category: AgencyCategory.optional(),
  q: z.string().trim().min(2).max(100).optional(),
  /** Absent: the JSON answer for pages; `json`, `csv` or `xlsx`: a file download of the same rows. */
  format: z.enum(["json", "csv", "xlsx"]).optional(),
  /**
   * With `format=csv`: `id` gives the CSV a spreadsheet in Indonesian locale opens with numbers as
   * numbers (UTF-8 byte order mark, `;` between fields, decimal comma); without it, RFC 4180 with a decimal point.
   */
  locale: z.enum(["id"]).optional(),
});

/** One published result in the open data (JSON); the CSV carries the same fields flattened. */
export const PublicResult = z
  .object({
    year: z.number().int().describe("Evaluation year"),
    agencyCode: z.string().describe("Kemendagri region code (e.g. 15.71) or the stable central-agency code (e.g. KL.K01)"),
    agencyName: z.string().describe("Official name of the instansi"),
    category: AgencyCategory.describe("kementerian, lembaga, provinsi, kabupaten or kota"),
    provinceCode: z.string().nullable().describe("Two-digit Kemendagri province code; null for central agencies"),
    provinceName: z.string().nullable().describe("Province name; null for central agencies"),
    instrument: z.string().describe("Instrument id, e.g. permenpanrb-59-2020"),
    nodes: z
      .record(z.string(), z.number())
      .describe("Published indices of the instrument's top-level nodes, by node code (two decimals): domains D1–D4 for permenpanrb-59-2020, D1–D3 for permenpanrb-5-2018, aspects A1–A7 for pemdi-2026; empty when only the index was published"),
    index: z.number().describe("Published index, 0–5, two decimals: the SPBE index up to 2025, the Pemerintah Digital (Pemdi) index from 2026 (the two are not comparable)"),
    predicate: z.string().describe(`Official predicate: ${OFFICIAL_PREDICATES.slice(0, -1).join(", ")} or ${OFFICIAL_PREDICATES.at(-1)}`),
    source: z.string().describe("Where the figure was published (e.g. the report table)"),
  })
  .meta({ title: "Published SPBE / Pemdi result" });
export type PublicResult = z.infer<typeof PublicResult>;

/** How to lay out the results of one instrument: its top-level nodes (the value columns) and its index family. */
export const ResultInstrument = z
  .object({
    instrument: z.string().describe("Instrument id, as in each result's `instrument`"),
    name: z.string().describe("Instrument name"),
    family: z.string().describe("Index family (e.g. spbe, pemdi): indices of different families are not comparable"),
    familyName: z.string().describe("Name of the index family, e.g. Indeks SPBE"),
    nodes: z.array(z.object({ code: z.string(), kind: z.string(), name: z.string() })).describe("Top-level nodes in instrument order: the keys of `nodes` in its results"),
  })
  .meta({ title: "Instrument of published results" });
export type ResultInstrument = z.infer<typeof ResultInstrument>;

/** The open-data JSON document: `{ results: [...], instruments: [...] }`. */
export const PublicResultsDocument = z
  .object({ results: z.array(PublicResult), instruments: z.array(ResultInstrument).describe("The instruments of these results, with their node codes and names") })
  .meta({ title: "Pandu SPBE open data: published SPBE and Pemdi results" });

export const PublicYears = z.object({ years: z.array(z.object({ year: z.number().int(), count: z.number().int() })) });

export const PublicAgencyParams = AgencyCodeParams;

const Region = z.object({ code: z.string(), name: z.string() });

/** One year of an instansi's history, with its rank among the published agencies of its category. */
export const PublicAgencyYear = PublicResult.omit({ agencyCode: true, agencyName: true, category: true, provinceCode: true, provinceName: true }).extend({
  rank: z.number().int().nullable(),
  rankOf: z.number().int().nullable(),
});
export type PublicAgencyYear = z.infer<typeof PublicAgencyYear>;

export const PublicAgency = z.object({
  agency: z.object({ code: z.string(), name: z.string(), category: AgencyCategory, regionName: z.string().nullable(), province: Region.nullable() }),
  history: z.array(PublicAgencyYear),
  instruments: z.array(ResultInstrument),
});
export type PublicAgency = z.infer<typeof PublicAgency>;

export const PublicProvinceParams = z.object({ code: ProvinceCode });
export const PublicProvinceQuery = z.object({ year: z.coerce.number().int().min(2018).max(2100).optional() });

/** A result in the province view: the year's figures, the previous year's index and the change (null across indices that are not comparable). */
export const PublicProvinceRow = PublicResult.extend({
  previousIndex: z.number().nullable(),
  change: z.number().nullable(),
  rank: z.number().int().nullable(),
});
export type PublicProvinceRow = z.infer<typeof PublicProvinceRow>;

export const PublicProvince = z.object({
  province: z.object({ code: z.string(), name: z.string(), regionName: z.string().nullable() }),
  years: z.array(z.number().int()),
  year: z.number().int().nullable(),
  previousYear: z.number().int().nullable(),
  /** The provincial government's own result in `year`, if published. */
  provinceResult: PublicProvinceRow.nullable(),
  /** Its kabupaten and kota in `year`, highest index first. */
  regencies: z.array(PublicProvinceRow),
  instruments: z.array(ResultInstrument),
});
export type PublicProvince = z.infer<typeof PublicProvince>;
