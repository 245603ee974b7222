import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Folder of the committed seed data (master data and published results). */
export const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../seed");

export interface AgencySeed {
  code: string;
  name: string;
  category: "kementerian" | "lembaga" | "provinsi" | "kabupaten" | "kota";
  parentCode: string | null;
  regionName: string | null;
  publishedNames: string[];
}

/** The agency register (seed/agencies.json, built by scripts/build-agencies.mjs). */
export function readAgencySeed(): AgencySeed[] {
  return (JSON.parse(fs.readFileSync(path.join(SEED_DIR, "agencies.json"), "utf8")) as { agencies: AgencySeed[] }).agencies;
}

/** The published results files shipped as demo data, oldest first. */
export const DEMO_RESULT_FILES = [
  path.join(SEED_DIR, "jambi-history.csv"),
  path.join(SEED_DIR, "official-results", "spbe-results-2023.csv"),
  path.join(SEED_DIR, "official-results", "spbe-results-2024.csv"),
];
