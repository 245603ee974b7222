import { OFFICIAL_PREDICATES, type OfficialPredicate } from "../core/instruments/predicate-names";

/** A predicate's colour: `fill` for badges, bars and map areas, `text` for writing on that fill. */
export interface PredicateColour {
  fill: string;
  text: string;
}

/**
 * The one colour per official predicate, best (dark green) to worst (red), used by the predicate
 * badges and every chart. Each fill keeps white text at WCAG AA contrast (at least 4.5:1, checked
 * by test/web/predicate-colours.test.ts), which also keeps bars distinguishable from the white page.
 */
export const PREDICATE_COLOURS: Record<OfficialPredicate, PredicateColour> = {
  Memuaskan: { fill: "#17663a", text: "#ffffff" },
  "Sangat Baik": { fill: "#2f7d45", text: "#ffffff" },
  Baik: { fill: "#8a6500", text: "#ffffff" },
  Cukup: { fill: "#b45309", text: "#ffffff" },
  Kurang: { fill: "#b3261e", text: "#ffffff" },
};

/** Fill for values without a known predicate (the primary blue of styles.css). */
export const NEUTRAL_FILL = "#0b4a6f";

/** The colour of a predicate name as sent by the API, or undefined for a name outside the official list. */
export function predicateColour(name: string): PredicateColour | undefined {
  return (OFFICIAL_PREDICATES as readonly string[]).includes(name) ? PREDICATE_COLOURS[name as OfficialPredicate] : undefined;
}

/** The fill of a predicate for a chart, neutral for an unknown name. */
export function predicateFill(name: string): string {
  return predicateColour(name)?.fill ?? NEUTRAL_FILL;
}
