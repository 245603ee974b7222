import { indicatorsOf, type Instrument } from "../../../core";
import type { InstrumentSummary } from "./instruments.schema";

/** The list view of an instrument. */
export function presentInstrumentSummary(i: Instrument): InstrumentSummary {
  return {
    id: i.id,
    name: i.name,
    status: i.status ?? null,
    sourceConfidence: i.sourceConfidence ?? null,
    legalBasis: i.legalBasis ?? null,
    effectiveFrom: i.effectiveFrom ?? null,
    indicatorCount: indicatorsOf(i.tree).length,
    levels: i.levels,
  };
}
