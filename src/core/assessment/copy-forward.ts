import { isEvidenceTooOld } from "./evidence-age";
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

/** An evidence link of the earlier assessment, with the review date that decides whether it still counts. */
export interface EarlierEvidenceLink {
  indicatorCode: string;
  evidenceId: number;
  title: string;
  reviewDate: string | null;
}

/**
 * Which evidence links travel with copied levels: those of the indicators whose level was copied,
 * unless the document's review is two years old or more on `today` (level 4 wants a younger one);
 * those are listed so the agency can review the document and link it again.
 */
export function carryEvidenceLinks(links: EarlierEvidenceLink[], copiedCodes: readonly string[], today: string): { carried: EarlierEvidenceLink[]; tooOld: EarlierEvidenceLink[] } {
  const copied = new Set(copiedCodes);
  const carried: EarlierEvidenceLink[] = [];
  const tooOld: EarlierEvidenceLink[] = [];
  for (const link of links) {
    if (!copied.has(link.indicatorCode)) continue;
    (link.reviewDate !== null && isEvidenceTooOld(link.reviewDate, today) ? tooOld : carried).push(link);
  }
  return { carried, tooOld };
}
