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
