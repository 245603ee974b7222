import { isEvidenceTooOld } from "./evidence-age";
import { indicatorsOf } from "../instruments/types";
import type { CompiledInstrument } from "../scoring/compile-instrument";

/**
 * An indicator name reduced for comparison: a parenthesised abbreviation such as "(JDIH)" dropped,
 * lower case, punctuation as spaces, whitespace collapsed ("Whistle-Blowing" = "whistle blowing").
 */
export function indicatorNameKey(name: string): string {
  return name
    .replace(/\(\s*\p{Lu}[\p{L}\p{N}]{1,9}\s*\)/gu, " ")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Which indicator of `to` each indicator of `from` is, as earlier code → this code. Within one
 * instrument every code maps to itself. Between instruments an indicator maps only when it is really
 * the same one: declared with `sameAs` on the new instrument's indicator, or else the same code with
 * the same name (`indicatorNameKey`). Codes alone say nothing across instruments: 5/2018 "2" and
 * 59/2020 "2" are different indicators.
 */
export function mapIndicators(from: CompiledInstrument, to: CompiledInstrument): Map<string, string> {
  if (from.instrument.id === to.instrument.id) return new Map(to.codes.filter((c) => from.position.has(c)).map((c) => [c, c]));
  const mapping = new Map<string, string>();
  const targets = indicatorsOf(to.instrument.tree);
  for (const t of targets) {
    const declared = t.sameAs?.find((r) => r.instrument === from.instrument.id && from.position.has(r.code));
    if (declared && !mapping.has(declared.code)) mapping.set(declared.code, t.code);
  }
  const mappedTargets = new Set(mapping.values());
  const fromNames = new Map(indicatorsOf(from.instrument.tree).map((n) => [n.code, indicatorNameKey(n.name)]));
  for (const t of targets) {
    // neither this indicator nor the earlier one of its code may already be taken by a declaration
    if (mappedTargets.has(t.code) || mapping.has(t.code)) continue;
    if (fromNames.get(t.code) === indicatorNameKey(t.name)) mapping.set(t.code, t.code);
  }
  return mapping;
}

/**
 * Maps last period's levels onto this period's instrument (`mapIndicators`), keyed by this
 * instrument's codes. Levels outside the new range are listed in `notCarried`, indicators of the
 * earlier instrument that map to none in `unmapped`, indicators of this instrument that no earlier
 * one maps to in `newHere` (59/2020 → Pemdi 2026: all twenty, "baru di Pemdi"); `mapping` is
 * earlier code → this code.
 */
export function copyForwardLevels(
  from: CompiledInstrument,
  to: CompiledInstrument,
  levels: Record<string, number | null>,
): { levels: Record<string, number>; unmapped: string[]; notCarried: string[]; newHere: string[]; mapping: Map<string, string> } {
  const mapping = mapIndicators(from, to);
  const out: Record<string, number> = {};
  const notCarried: string[] = [];
  for (const [source, target] of [...mapping].sort((a, b) => to.position.get(a[1])! - to.position.get(b[1])!)) {
    const level = levels[source];
    if (level === undefined || level === null) continue;
    if (level >= to.levelMin && level <= to.levelMax) out[target] = level;
    else notCarried.push(target);
  }
  const unmapped = from.codes.filter((c) => !mapping.has(c));
  const reached = new Set(mapping.values());
  const newHere = to.codes.filter((c) => !reached.has(c));
  return { levels: out, unmapped, notCarried, newHere, mapping };
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

/**
 * The earlier links restated under this instrument's codes (`mapping`: earlier code → this code);
 * links of indicators that map to none are dropped, so evidence only travels with mapped indicators.
 */
export function linksUnderNewCodes(links: EarlierEvidenceLink[], mapping: ReadonlyMap<string, string>): EarlierEvidenceLink[] {
  return links.flatMap((l) => {
    const code = mapping.get(l.indicatorCode);
    return code === undefined ? [] : [{ ...l, indicatorCode: code }];
  });
}
