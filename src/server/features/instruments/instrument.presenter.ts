import { indicatorsOf, type Instrument } from "../../../core";
import type { InstrumentSummary } from "./instruments.schema";

/** The list view of an instrument. */
export function presentInstrumentSummary(i: Instrument, upload?: { baseId: string; version: number; uploadedAt: Date; uploadedBy: string | null }): InstrumentSummary {
  return {
    id: i.id,
    name: i.name,
    status: i.status ?? null,
    sourceConfidence: i.sourceConfidence ?? null,
    legalBasis: i.legalBasis ?? null,
    effectiveFrom: i.effectiveFrom ?? null,
    indicatorCount: indicatorsOf(i.tree).length,
    levels: i.levels,
    source: upload ? "uploaded" : "bundled",
    baseId: upload?.baseId ?? null,
    version: upload?.version ?? null,
    uploadedAt: upload?.uploadedAt.toISOString() ?? null,
    uploadedBy: upload?.uploadedBy ?? null,
  };
}
