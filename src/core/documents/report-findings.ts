import type { CompiledInstrument } from "../scoring/compile-instrument";

/** One indicator named among the strengths or weaknesses of a result. */
export interface ReportFinding {
  code: string;
  name: string;
  value: number;
}

/**
 * The strengths (the `count` highest-valued indicators, highest first) and weaknesses (the `count`
 * lowest, lowest first) of a final result, ties in instrument order. Values are compared exactly
 * (two decimals at most, compared as integer hundredths), whole levels and Pemdi decimals alike.
 * An indicator is never both: with fewer than 2 × count indicators the lists share none.
 */
export function reportFindings(compiled: CompiledInstrument, values: Record<string, number | null | undefined>, count = 5): { strengths: ReportFinding[]; weaknesses: ReportFinding[] } {
  const names = new Map<string, string>();
  const walk = (nodes: CompiledInstrument["instrument"]["tree"]) => {
    for (const n of nodes) {
      if (n.children?.length) walk(n.children);
      else names.set(n.code, n.name);
    }
  };
  walk(compiled.instrument.tree);
  const rows = compiled.codes
    .map((code, position) => ({ code, position, value: values[code] }))
    .filter((r): r is { code: string; position: number; value: number } => typeof r.value === "number")
    .map((r) => ({ ...r, h: Math.round(r.value * 100) }));
  const strengths = [...rows].sort((a, b) => b.h - a.h || a.position - b.position).slice(0, count);
  const taken = new Set(strengths.map((r) => r.code));
  const weaknesses = [...rows]
    .sort((a, b) => a.h - b.h || a.position - b.position)
    .filter((r) => !taken.has(r.code))
    .slice(0, count);
  const finding = (r: { code: string; value: number }): ReportFinding => ({ code: r.code, name: names.get(r.code) ?? r.code, value: r.value });
  return { strengths: strengths.map(finding), weaknesses: weaknesses.map(finding) };
}
