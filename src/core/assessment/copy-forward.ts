import type { CompiledInstrument } from "../scoring/compile-instrument";

/**
 * Maps last period's levels onto this period's instrument by indicator code (the codes match
 * where the instruments share indicators). Levels outside the new range are dropped.
 */
export function copyForwardLevels(
  from: CompiledInstrument,
  to: CompiledInstrument,
  levels: Record<string, number | null>,
): { levels: Record<string, number>; unmapped: string[]; notCarried: string[] } {
  const out: Record<string, number> = {};
  const notCarried: string[] = [];
  for (const code of to.codes) {
    const level = from.position.has(code) ? levels[code] : undefined;
    if (level === undefined || level === null) continue;
    if (level >= to.levelMin && level <= to.levelMax) out[code] = level;
    else notCarried.push(code);
  }
  const unmapped = from.codes.filter((c) => !to.position.has(c));
  return { levels: out, unmapped, notCarried };
}
