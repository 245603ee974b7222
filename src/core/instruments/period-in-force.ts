/** A national evaluation cycle as instruments/official-periods.json lists it (only what the rule reads). */
export interface YearInstrument {
  year: number;
  instrument: string;
}

/**
 * The national cycle whose instrument is in force in `year`: that year's own entry, or else the
 * latest listed year before it (an instrument stays in force until a later cycle replaces it, so
 * 2027 still uses Pemdi 2026), or else — before the first listed year — the first one. Undefined only
 * for an empty list.
 */
export function periodInForce<T extends YearInstrument>(periods: readonly T[], year: number): T | undefined {
  const sorted = [...periods].sort((a, b) => a.year - b.year);
  let found: T | undefined = sorted[0];
  for (const p of sorted) if (p.year <= year) found = p;
  return found;
}
