import type { Instrument } from "./types";

/**
 * The predicate names of the bundled official instruments (PermenPANRB 5/2018, 59/2020 and the
 * provisional PEMDI 2026 all name the same five bands), best first. Published results and the
 * dashboards' filters use these names; `test/core/predicate-names.test.ts` checks every file in
 * `instruments/` against this list, so an instrument that renames a band fails there first.
 */
export const OFFICIAL_PREDICATES = ["Memuaskan", "Sangat Baik", "Baik", "Cukup", "Kurang"] as const;

/** One of the official predicate names. */
export type OfficialPredicate = (typeof OFFICIAL_PREDICATES)[number];

/** The predicate names of an instrument, best first (bands ordered by their minimum, highest first). */
export function predicateNames(instrument: Pick<Instrument, "predicates">): string[] {
  return [...instrument.predicates].sort((a, b) => b.min - a.min).map((p) => p.name);
}
