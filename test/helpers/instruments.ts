import { bundledInstrument } from "../../src/lib/instrument-files";
import type { CompiledInstrument } from "../../src/core";

/** The 2020 instrument (PermenPANRB 59/2020), compiled. */
export function p59(): CompiledInstrument {
  return bundledInstrument("permenpanrb-59-2020")!;
}

/** Levels for every indicator of an instrument, from a function of the code. */
export function levelsFor(compiled: CompiledInstrument, level: (code: string) => number): Record<string, number> {
  return Object.fromEntries(compiled.codes.map((c) => [c, level(c)]));
}

/** A small valid instrument: one domain, two indicators weighted 60/40, levels 1–5. */
export function smallInstrument(id = "instrumen-uji-daerah", name = "Instrumen Uji Daerah") {
  const scale = [1, 2, 3, 4, 5].map((level) => ({ level, name: `Tingkat ${level}` }));
  return {
    id,
    name,
    levels: { min: 1, max: 5 },
    scales: { umum: scale },
    predicates: [
      { name: "Baik", min: 3 },
      { name: "Kurang", min: 0 },
    ],
    tree: [
      {
        code: "D1",
        kind: "domain",
        name: "Domain Uji",
        weight: 100,
        children: [
          { code: "1", kind: "indicator", name: "Indikator satu", weight: 60, scale: "umum" },
          { code: "2", kind: "indicator", name: "Indikator dua", weight: 40, scale: "umum" },
        ],
      },
    ],
  };
}
