import { OFFICIAL_PREDICATES, resultColumnsOf } from "../../../core";
import { instrumentsOf } from "./public-result.presenter";
import type { PublicResult } from "./public-results.schema";
import { XLSX_TYPE } from "./public-results-xlsx";

/** A Table Schema field (Frictionless Data). */
interface Field {
  name: string;
  type: "integer" | "number" | "string";
  title: string;
  description?: string;
  constraints?: { required?: boolean; enum?: string[]; minimum?: number; maximum?: number; pattern?: string };
}

const CATEGORIES = ["kementerian", "lembaga", "provinsi", "kabupaten", "kota"];

/**
 * The Table Schema of one year's CSV and XLSX: the CSV's header, in order (docs/open-data.md), with
 * the node columns of the year's instruments.
 */
function tableSchema(nodes: { code: string; name: string }[]) {
  const fields: Field[] = [
    { name: "year", type: "integer", title: "Tahun evaluasi", constraints: { required: true } },
    { name: "agency_code", type: "string", title: "Kode instansi", description: "Kode wilayah Kemendagri (mis. 15.71) atau kode instansi pusat Pandu (mis. KL.K01); teks, bukan angka", constraints: { required: true } },
    { name: "agency_name", type: "string", title: "Nama instansi", constraints: { required: true } },
    { name: "category", type: "string", title: "Kategori instansi", constraints: { required: true, enum: CATEGORIES } },
    { name: "province_code", type: "string", title: "Kode provinsi", description: "Dua digit kode provinsi Kemendagri; kosong untuk instansi pusat", constraints: { pattern: "\\d{2}" } },
    { name: "province_name", type: "string", title: "Nama provinsi" },
    ...nodes.map((n): Field => ({ name: n.code.toLowerCase(), type: "number", title: `${n.code} ${n.name}`, description: "Indeks yang dipublikasikan, dua desimal; kosong bila hanya indeks total yang dipublikasikan", constraints: { minimum: 0, maximum: 5 } })),
    { name: "index", type: "number", title: "Indeks", description: "Indeks SPBE (s.d. 2025) atau Indeks Pemerintah Digital (mulai 2026), dua desimal; keduanya tidak dapat dibandingkan", constraints: { required: true, minimum: 0, maximum: 5 } },
    { name: "predicate", type: "string", title: "Predikat", constraints: { required: true, enum: [...OFFICIAL_PREDICATES] } },
    { name: "source", type: "string", title: "Sumber publikasi", constraints: { required: true } },
    { name: "instrument", type: "string", title: "Instrumen evaluasi", constraints: { required: true } },
  ];
  return { fields, missingValues: [""], primaryKey: ["year", "agency_code"] };
}

/**
 * The Frictionless Data Package (tabular) describing the open data: per year with published results,
 * the CSV, the XLSX and the JSON file (absolute URLs under `origin`), the CSV and XLSX with the Table
 * Schema of their columns. Beside the standard properties it carries the metadata Satu Data Indonesia
 * asks of a dataset (producer, period, coverage, frequency), as extra properties.
 */
export function openDataPackage(results: PublicResult[], origin: string) {
  const years = [...new Set(results.map((r) => r.year))].sort((a, b) => a - b);
  const file = (year: number, format: string) => `${origin}/api/public/results?year=${year}&format=${format}`;
  const resources = years.flatMap((year) => {
    const rows = results.filter((r) => r.year === year);
    const instruments = instrumentsOf(rows);
    const schema = tableSchema(resultColumnsOf(instruments));
    const title = `Hasil evaluasi ${year} (${instruments.map((i) => i.instrument).join(", ")}), ${rows.length} instansi`;
    return [
      { name: `spbe-results-${year}`, title, path: file(year, "csv"), profile: "tabular-data-resource", format: "csv", mediatype: "text/csv", encoding: "utf-8", dialect: { delimiter: ",", header: true }, schema },
      { name: `spbe-results-${year}-xlsx`, title, path: file(year, "xlsx"), profile: "tabular-data-resource", format: "xlsx", mediatype: XLSX_TYPE, schema },
      {
        name: `spbe-results-${year}-json`,
        title,
        path: file(year, "json"),
        format: "json",
        mediatype: "application/json",
        encoding: "utf-8",
        description: `Dokumen { results, instruments }; JSON Schema: ${origin}/api/public/schema/results.json`,
      },
    ];
  });
  return {
    profile: "tabular-data-package",
    name: "pandu-spbe-hasil-evaluasi",
    title: "Hasil Evaluasi SPBE dan Pemerintah Digital yang Dipublikasikan",
    description:
      "Indeks dan predikat hasil evaluasi nasional SPBE (s.d. 2025) dan Pemerintah Digital (mulai 2026) setiap instansi pusat dan pemerintah daerah, sebagaimana diumumkan Kementerian PANRB. / Published results of the national SPBE and Digital Government evaluation for every central agency and regional government.",
    homepage: `${origin}/publik`,
    keywords: ["SPBE", "Pemerintah Digital", "evaluasi", "indeks", "KemenPANRB", "Indonesia"],
    licenses: [{ name: "ODbL-1.0", path: "https://opendatacommons.org/licenses/odbl/1-0/", title: "Open Data Commons Open Database License 1.0" }],
    sources: [
      { title: "Kementerian PANRB, Laporan Pelaksanaan Evaluasi SPBE 2023 dan 2024; KepmenPANRB 1503/2021 dan 108/2023" },
      { title: "Kode dan nama wilayah Kemendagri (idn-area-data, ODbL 1.0)", path: "https://github.com/fityannugroho/idn-area-data" },
    ],
    contributors: [
      { title: "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", role: "publisher" },
      { title: "Pandu SPBE", role: "wrangler" },
    ],
    // Satu Data Indonesia metadata (Perpres 39/2019): producer, period, coverage, frequency, language.
    publisher: { name: "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", abbreviation: "KemenPANRB" },
    temporal: years.length ? { start: String(years[0]), end: String(years.at(-1)) } : null,
    spatial: "Indonesia (nasional: instansi pusat, provinsi, kabupaten, kota)",
    frequency: "tahunan",
    language: "id",
    resources,
  };
}
