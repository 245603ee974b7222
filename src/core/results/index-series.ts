/** A point of an index trend: a year and the instrument its index was computed with. */
export interface TrendPointLike {
  year: number;
  instrument: string;
}

/** One unbroken series of comparable indices (e.g. the SPBE index 2018–2025). */
export interface IndexSeries<P extends TrendPointLike> {
  /** The index family the instruments of these points belong to (e.g. "spbe", "pemdi"). */
  family: string;
  points: P[];
}

/**
 * Splits a trend into series of comparable indices: points are grouped by the index family of
 * their instrument (`familyOf`), each group sorted by year, groups ordered by their first year.
 * Indices of different families (the SPBE index and the Pemdi index) are never joined into one
 * line: a chart draws one line per series with a break between them.
 */
export function splitIndexSeries<P extends TrendPointLike>(points: readonly P[], familyOf: (instrument: string) => string): IndexSeries<P>[] {
  const byFamily = new Map<string, P[]>();
  for (const p of [...points].sort((a, b) => a.year - b.year)) {
    const family = familyOf(p.instrument);
    const list = byFamily.get(family);
    if (list) list.push(p);
    else byFamily.set(family, [p]);
  }
  return [...byFamily.entries()].map(([family, list]) => ({ family, points: list }));
}

/**
 * The years at which a new index family starts after another one (the "break" a chart marks),
 * e.g. [2026] for SPBE 2018–2025 followed by Pemdi from 2026.
 */
export function seriesBreaks(series: readonly IndexSeries<TrendPointLike>[]): number[] {
  return series.slice(1).map((s) => s.points[0]!.year);
}
