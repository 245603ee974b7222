/**
 * The Indeks Kepuasan Masyarakat (IKM) of PermenPANRB 14/2017, exactly (reference e-services.md §2.3–2.5):
 *
 *   NRRᵢ = (sum of the answers to element i) / (respondents who answered i)      for U1…U9
 *   IKM  = Σ (NRRᵢ × weight) × 25,   weight = 1/9 (policy "exact": the mean of the nine NRRs × 25)
 *
 * Arithmetic is exact: a survey is held as integer counts per element and answer (an `IkmTally`, no
 * object per response), the sum of the nine NRRs is one rational number in BigInt, and only the final
 * IKM is rounded, half-up to 2 decimals. The mutu (A–D) is read from that rounded value against the
 * 2017 bands (the bands have gaps such as 76.60 | 76.61, so rounding first is the only reading that
 * classifies every value; the reference's proposal, recorded here as the policy).
 *
 * Legacy policies reproduce old spreadsheets that wrote the weight as a decimal, so a pemda can match
 * a result it already published: "legacy-0111" (weight 0.111, the index comes out 0.1 % low) and
 * "legacy-011" (weight 0.11, 1 % low — the reference's worked example: 90.56 where 1/9 gives 91.48).
 * Which decimal the regulation's own worked text prints is [U] (the reference recalls 0.11).
 *
 * Aggregation (unit → agency → province) pools the responses: the tallies are added and the IKM is
 * computed once from the pooled counts, so every respondent weighs the same. It is not the mean of
 * the units' IKMs (which would give a unit of 10 respondents the weight of one with 1,000); the
 * reference names no other rule ([U]: the regulation's text on aggregation was not seen).
 */
import { minimumRespondents } from "./minimum-respondents";
import { SKM_ELEMENTS, type SkmElementCode, type SkmLabel } from "./skm-elements";

export const SKM_ELEMENT_COUNT = 9;
/** 1 → 25, 4 → 100: the conversion base of the regulation. */
export const SKM_CONVERSION_BASE = 25;

export type IkmPolicy = "exact" | "legacy-0111" | "legacy-011";

/** Each policy's element weight as a fraction [numerator, denominator]. */
export const IKM_POLICIES: Readonly<Record<IkmPolicy, { weight: readonly [number, number]; description: string }>> = {
  exact: { weight: [1, 9], description: "bobot 1/9 persis (PermenPANRB 14/2017), dibulatkan hanya di akhir" },
  "legacy-0111": { weight: [111, 1000], description: "bobot 0,111 seperti lembar kerja lama" },
  "legacy-011": { weight: [11, 100], description: "bobot 0,11 seperti lembar kerja lama" },
};
export const IKM_POLICY_NAMES = Object.keys(IKM_POLICIES) as IkmPolicy[];

export type SkmMutu = "A" | "B" | "C" | "D";

export interface SkmBand {
  mutu: SkmMutu;
  /** Nilai persepsi 4…1. */
  persepsi: number;
  /** The converted interval (25–100) in integer hundredths, both ends inclusive. */
  fromHundredths: number;
  toHundredths: number;
  /** The interval on the 1–4 scale as the table prints it (for display only). */
  nilaiInterval: readonly [string, string];
  kinerja: SkmLabel;
}

/** The 2017 table (not the 2004 KepmenPAN 25 bands that some apps still show). Best first. */
export const SKM_BANDS: readonly SkmBand[] = [
  { mutu: "A", persepsi: 4, fromHundredths: 8831, toHundredths: 10000, nilaiInterval: ["3,5324", "4,00"], kinerja: { id: "Sangat baik", en: "Very good" } },
  { mutu: "B", persepsi: 3, fromHundredths: 7661, toHundredths: 8830, nilaiInterval: ["3,0644", "3,532"], kinerja: { id: "Baik", en: "Good" } },
  { mutu: "C", persepsi: 2, fromHundredths: 6500, toHundredths: 7660, nilaiInterval: ["2,60", "3,064"], kinerja: { id: "Kurang baik", en: "Fair" } },
  { mutu: "D", persepsi: 1, fromHundredths: 2500, toHundredths: 6499, nilaiInterval: ["1,00", "2,5996"], kinerja: { id: "Tidak baik", en: "Poor" } },
];

/** The band of an IKM given in integer hundredths (already rounded to 2 decimals): ≥ 88.31 A, ≥ 76.61 B, ≥ 65.00 C, else D. */
export function skmBandFor(ikmHundredths: number): SkmBand {
  if (!Number.isInteger(ikmHundredths) || ikmHundredths < 2500 || ikmHundredths > 10000) throw new RangeError(`an IKM lies from 25.00 to 100.00, not ${ikmHundredths / 100}`);
  return SKM_BANDS.find((b) => ikmHundredths >= b.fromHundredths)!;
}

/** A response the core refuses: which one (0-based, in input order), which element, which value. */
export class SkmResponseError extends Error {
  constructor(
    readonly index: number,
    readonly element: SkmElementCode | null,
    readonly value: unknown,
    message: string,
  ) {
    super(message);
    this.name = "SkmResponseError";
  }
}

/**
 * Counts of a survey: `counts[e * 4 + (answer − 1)]` is how many respondents gave `answer` to element
 * `e` (0 = U1). Integers in a Float64Array, exact up to 2^53.
 */
export interface IkmTally {
  respondents: number;
  counts: Float64Array;
}

export function emptyTally(): IkmTally {
  return { respondents: 0, counts: new Float64Array(SKM_ELEMENT_COUNT * 4) };
}

/**
 * Adds one response (nine answers U1…U9, each 1–4) to a tally. An unanswered element (null or
 * undefined) is refused unless `allowUnanswered`; then it only lowers that element's count of
 * answers, as NRRᵢ divides by the respondents who answered i. Throws SkmResponseError naming the
 * element; the tally is unchanged when it throws.
 */
export function addResponse(tally: IkmTally, response: ArrayLike<unknown>, options: { index?: number; allowUnanswered?: boolean } = {}): void {
  const index = options.index ?? tally.respondents;
  if (response.length !== SKM_ELEMENT_COUNT) throw new SkmResponseError(index, null, response.length, `response ${index + 1}: ${response.length} answers, expected 9 (U1–U9)`);
  let answered = 0;
  for (let e = 0; e < SKM_ELEMENT_COUNT; e++) {
    const v = response[e];
    if (v === 1 || v === 2 || v === 3 || v === 4) answered++;
    else if ((v === null || v === undefined) && options.allowUnanswered) continue;
    else {
      const code = SKM_ELEMENTS[e]!.code;
      throw new SkmResponseError(index, code, v, v === null || v === undefined ? `response ${index + 1}, ${code}: no answer` : `response ${index + 1}, ${code}: ${String(v)} is not an answer from 1 to 4`);
    }
  }
  if (answered === 0) throw new SkmResponseError(index, null, null, `response ${index + 1}: no element answered`);
  for (let e = 0; e < SKM_ELEMENT_COUNT; e++) {
    const v = response[e];
    if (typeof v === "number") tally.counts[e * 4 + v - 1]!++;
  }
  tally.respondents++;
}

/** The tally of many responses (see addResponse). */
export function tallyResponses(responses: Iterable<ArrayLike<unknown>>, options: { allowUnanswered?: boolean } = {}): IkmTally {
  const tally = emptyTally();
  for (const r of responses) addResponse(tally, r, options);
  return tally;
}

/** The pooled tally of several surveys (units → agency → province): counts added, nothing averaged. */
export function mergeTallies(tallies: Iterable<IkmTally>): IkmTally {
  const out = emptyTally();
  for (const t of tallies) {
    out.respondents += t.respondents;
    for (let i = 0; i < out.counts.length; i++) out.counts[i]! += t.counts[i]!;
  }
  return out;
}

export interface IkmElementResult {
  code: SkmElementCode;
  /** Respondents who answered this element. */
  answered: number;
  /** Sum of their answers. */
  sum: number;
  /** NRR, rounded half-up to 4 decimals for display (the IKM uses the exact fraction); null if nobody answered. */
  nrr: number | null;
  /** NRR × 25, rounded half-up to 2 decimals: the element on the 25–100 scale. */
  nrrConverted: number | null;
}

export interface IkmResult {
  respondents: number;
  /** The nine NRRs (U1…U9), 4 decimals. */
  nrr: (number | null)[];
  /** The IKM (25–100), rounded half-up to 2 decimals at the end; null when an element has no answer. */
  ikm: number | null;
  mutu: SkmMutu | null;
  /** The minimum respondents for the population (Krejcie & Morgan); null without a population. */
  minimumRespondents: number | null;
  /** respondents ≥ minimumRespondents; false = "belum memenuhi jumlah minimum responden"; null without a population. */
  enough: boolean | null;
  kinerja: SkmLabel | null;
  policy: IkmPolicy;
  population: number | null;
  /** The index on the 1–4 scale (Σ NRRᵢ × weight), 4 decimals. */
  nilaiIndeks: number | null;
  ikmHundredths: number | null;
  elements: IkmElementResult[];
  /** The element(s) with the lowest NRR, compared exactly: where a follow-up plan starts. */
  weakestElements: SkmElementCode[];
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** num/den (non-negative, den > 0) rounded half-up to `places` decimals, as a scaled integer. */
function roundHalfUp(num: bigint, den: bigint, places: number): number {
  const f = 10n ** BigInt(places);
  return Number((2n * num * f + den) / (2n * den));
}

const scaled = (n: number, places: number) => Number((n / 10 ** places).toFixed(places));

/** The IKM of a tally under a policy, with the minimum-respondent check when a population is given. */
export function ikmFromTally(tally: IkmTally, options: { policy?: IkmPolicy; population?: number } = {}): IkmResult {
  const policy = options.policy ?? "exact";
  const spec = IKM_POLICIES[policy];
  if (!spec) throw new RangeError(`unknown IKM policy ${String(policy)}`);
  if (!Number.isSafeInteger(tally.respondents) || tally.respondents < 0 || tally.counts.length !== SKM_ELEMENT_COUNT * 4) throw new RangeError("not an IKM tally");
  for (let e = 0; e < SKM_ELEMENT_COUNT; e++) {
    let answered = 0;
    for (let v = 0; v < 4; v++) {
      const c = tally.counts[e * 4 + v]!;
      if (!Number.isSafeInteger(c) || c < 0) throw new RangeError(`tally: count ${c} for ${SKM_ELEMENTS[e]!.code} = ${v + 1} is not a whole number`);
      answered += c;
    }
    if (answered > tally.respondents) throw new RangeError(`tally: ${answered} answers to ${SKM_ELEMENTS[e]!.code} from ${tally.respondents} respondents`);
  }
  const population = options.population ?? null;
  const minimum = population === null ? null : minimumRespondents(population);

  const elements: IkmElementResult[] = [];
  // Σ NRRᵢ as one reduced fraction.
  let num = 0n;
  let den = 1n;
  let complete = tally.respondents > 0;
  let weakest: SkmElementCode[] = [];
  let weakSum = 0n;
  let weakN = 1n;
  for (let e = 0; e < SKM_ELEMENT_COUNT; e++) {
    const code = SKM_ELEMENTS[e]!.code;
    let answered = 0;
    let sum = 0;
    for (let v = 1; v <= 4; v++) {
      const c = tally.counts[e * 4 + v - 1]!;
      answered += c;
      sum += c * v;
    }
    if (answered === 0) {
      complete = false;
      elements.push({ code, answered, sum, nrr: null, nrrConverted: null });
      continue;
    }
    const s = BigInt(sum);
    const n = BigInt(answered);
    elements.push({ code, answered, sum, nrr: scaled(roundHalfUp(s, n, 4), 4), nrrConverted: scaled(roundHalfUp(s * 25n, n, 2), 2) });
    num = num * n + s * den;
    den *= n;
    const g = gcd(num, den);
    num /= g;
    den /= g;
    // Lowest NRR, exactly: s/n < weakSum/weakN ⇔ s·weakN < weakSum·n.
    if (weakest.length === 0 || s * weakN < weakSum * n) {
      weakest = [code];
      weakSum = s;
      weakN = n;
    } else if (s * weakN === weakSum * n) weakest.push(code);
  }

  let ikmHundredths: number | null = null;
  let nilaiIndeks: number | null = null;
  if (complete) {
    const wn = BigInt(spec.weight[0]);
    const wd = BigInt(spec.weight[1]);
    ikmHundredths = roundHalfUp(num * wn * BigInt(SKM_CONVERSION_BASE), den * wd, 2);
    nilaiIndeks = scaled(roundHalfUp(num * wn, den * wd, 4), 4);
  }
  // A legacy weight can push a very low survey under 25.00 (0.99 × 25); the band table starts at 25.
  const band = ikmHundredths === null ? null : skmBandFor(Math.max(2500, ikmHundredths));
  return {
    respondents: tally.respondents,
    nrr: elements.map((x) => x.nrr),
    ikm: ikmHundredths === null ? null : scaled(ikmHundredths, 2),
    mutu: band?.mutu ?? null,
    minimumRespondents: minimum,
    enough: minimum === null ? null : tally.respondents >= minimum,
    kinerja: band?.kinerja ?? null,
    policy,
    population,
    nilaiIndeks,
    ikmHundredths,
    elements,
    weakestElements: complete ? weakest : [],
  };
}

/** `ikmFromTally(tallyResponses(responses), options)`: one response = nine answers U1…U9. */
export function computeIkm(responses: Iterable<ArrayLike<unknown>>, options: { policy?: IkmPolicy; population?: number; allowUnanswered?: boolean } = {}): IkmResult {
  return ikmFromTally(tallyResponses(responses, { allowUnanswered: options.allowUnanswered }), options);
}

export interface IkmPart {
  tally: IkmTally;
  population?: number;
}

/**
 * The IKM of a group of surveys (the services of a unit, the units of an agency, the agencies of a
 * province) from their pooled responses. The group's population is the sum of the parts' when every
 * part has one (else none); `partsBelowMinimum` counts the parts with a population whose own
 * respondents fall short, so a pooled "enough" never hides a unit that is not.
 */
export function aggregateIkm(parts: readonly IkmPart[], options: { policy?: IkmPolicy } = {}): IkmResult & { parts: number; partsBelowMinimum: number } {
  const withPopulation = parts.filter((p) => p.population !== undefined);
  const population = parts.length > 0 && withPopulation.length === parts.length ? withPopulation.reduce((a, p) => a + p.population!, 0) : undefined;
  const partsBelowMinimum = withPopulation.filter((p) => p.tally.respondents < minimumRespondents(p.population!)).length;
  const result = ikmFromTally(mergeTallies(parts.map((p) => p.tally)), { policy: options.policy, population });
  return { ...result, parts: parts.length, partsBelowMinimum };
}
