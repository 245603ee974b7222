import type { CostUnit, RoadmapTarget } from "../../planningApi";

/** "2,6" or "2.6" → 2.6; NaN for anything else. */
export const parseDecimal = (s: string) => (/^\s*\d+([.,]\d+)?\s*$/.test(s) ? Number(s.trim().replace(",", ".")) : Number.NaN);

/** "1.250.000" or "1250000" (Rupiah as typed in Indonesian) → 1250000; NaN unless whole. */
export const parseRupiah = (s: string) => (/^\s*\d{1,3}(\.\d{3})*\s*$|^\s*\d+\s*$/.test(s) ? Number(s.replace(/[.\s]/g, "")) : Number.NaN);

/** A target as typed: a predicate name, or an index in `indexText`. */
export interface TargetDraft {
  kind: "predicate" | "index";
  predicate: string;
  indexText: string;
}

type InputError = "planning.badIndex" | "planning.badCost" | "planning.badRupiah";
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: InputError; params?: { code: string } };

export function parseTarget(d: TargetDraft): Parsed<RoadmapTarget> {
  if (d.kind === "predicate") return { ok: true, value: { predicate: d.predicate } };
  const v = parseDecimal(d.indexText);
  return Number.isFinite(v) ? { ok: true, value: { index: v } } : { ok: false, error: "planning.badIndex" };
}

/**
 * The cost table as the optimiser takes it: only entered costs (blank = the default 1); person-days
 * may have decimals, Rupiah are whole (thousands dots allowed).
 */
export function parseCosts(texts: Record<string, string>, unit: CostUnit): Parsed<Record<string, number>> {
  const table: Record<string, number> = {};
  for (const [code, text] of Object.entries(texts)) {
    if (text.trim() === "") continue;
    const v = unit === "rupiah" ? parseRupiah(text) : parseDecimal(text);
    if (!(v > 0)) return { ok: false, error: unit === "rupiah" ? "planning.badRupiah" : "planning.badCost", params: { code } };
    table[code] = v;
  }
  return { ok: true, value: table };
}
