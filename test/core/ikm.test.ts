import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  KREJCIE_MORGAN_TABLE,
  SKM_BANDS,
  SKM_ELEMENTS,
  SkmResponseError,
  PopulationError,
  aggregateIkm,
  computeIkm,
  emptyTally,
  ikmFromTally,
  mergeTallies,
  minimumRespondents,
  skmBandFor,
  tallyResponses,
  type IkmTally,
} from "../../src/core";

/** The reference's worked example (e-services.md §2.3, GASPUL): 29 respondents, totals 105 101 100 116 102 105 106 105 115. */
const SPLITS: [number, number, number, number][] = [
  // count of answers 4, 3, 2, 1 per element
  [18, 11, 0, 0],
  [14, 15, 0, 0],
  [15, 12, 2, 0],
  [29, 0, 0, 0],
  [15, 14, 0, 0],
  [18, 11, 0, 0],
  [19, 10, 0, 0],
  [18, 11, 0, 0],
  [28, 1, 0, 0],
];
function workedExample(): number[][] {
  const rows: number[][] = Array.from({ length: 29 }, () => []);
  SPLITS.forEach((split, e) => {
    const column = split.flatMap((c, k) => Array<number>(c).fill(4 - k));
    column.forEach((v, r) => (rows[r]![e] = v));
  });
  return rows;
}

/** A tally where every element has `n` answers summing to `sum` (n ≤ sum ≤ 4n): r answers of q + 1, the rest q. */
function uniformTally(n: number, sum: number): IkmTally {
  const q = Math.floor(sum / n);
  const r = sum - q * n;
  const t = emptyTally();
  t.respondents = n;
  for (let e = 0; e < 9; e++) {
    t.counts[e * 4 + q - 1] = n - r;
    if (r > 0) t.counts[e * 4 + q] = r;
  }
  return t;
}

describe("SKM elements", () => {
  it("has U1…U9 with four official answer labels each, keyed by code (U8 and U9 not swapped)", () => {
    expect(SKM_ELEMENTS.map((e) => e.code)).toEqual(["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"]);
    for (const e of SKM_ELEMENTS) expect(e.answers).toHaveLength(4);
    expect(SKM_ELEMENTS[3]!.answers.map((a) => a.id)).toEqual(["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]);
    expect(SKM_ELEMENTS[7]!.answers.map((a) => a.id)).toEqual(["Buruk", "Cukup", "Baik", "Sangat baik"]);
    expect(SKM_ELEMENTS[8]!.answers[3]!.id).toBe("Dikelola dengan baik");
  });
});

describe("computeIkm: the reference's worked example", () => {
  const rows = workedExample();

  it("reproduces the element totals and NRRs", () => {
    const r = computeIkm(rows);
    expect(r.respondents).toBe(29);
    expect(r.elements.map((e) => e.sum)).toEqual([105, 101, 100, 116, 102, 105, 106, 105, 115]);
    expect(r.nrr).toEqual([3.6207, 3.4828, 3.4483, 4, 3.5172, 3.6207, 3.6552, 3.6207, 3.9655]);
    expect(r.weakestElements).toEqual(["U3"]);
  });

  it("exact 1/9: 955 / 261 × 25 = 91.475… → 91.48, mutu A (Sangat baik)", () => {
    const r = computeIkm(rows);
    expect(r).toMatchObject({ ikm: 91.48, ikmHundredths: 9148, mutu: "A", kinerja: { id: "Sangat baik" }, policy: "exact", nilaiIndeks: 3.659 });
  });

  it("legacy 0,11 gives the spreadsheet's 90.56, legacy 0,111 gives 91.38: 1 % and 0.1 % below 1/9", () => {
    expect(computeIkm(rows, { policy: "legacy-011" }).ikm).toBe(90.56);
    expect(computeIkm(rows, { policy: "legacy-0111" }).ikm).toBe(91.38);
    expect(computeIkm(rows, { policy: "legacy-011" }).nilaiIndeks).toBe(3.6224);
  });

  it("rounds only at the end: summing NRRs rounded to 2 decimals would give another IKM", () => {
    // Eight elements at 10/3 (one 4, two 3s) and one at 3.
    const r = computeIkm([
      [4, 4, 4, 4, 4, 4, 4, 4, 3],
      [3, 3, 3, 3, 3, 3, 3, 3, 3],
      [3, 3, 3, 3, 3, 3, 3, 3, 3],
    ]);
    // exact: (8 × 10/3 + 3) / 9 × 25 = (80/3 + 3) × 25 / 9 = 82.407… → 82.41
    expect(r.ikm).toBe(82.41);
    // with NRRs rounded first to 3.33: (8 × 3.33 + 3) / 9 × 25 = 82.33
    expect(r.ikm).not.toBe(82.33);
  });
});

describe("mutu bands (2017), boundary values", () => {
  it.each([
    [10000, "A"],
    [8831, "A"],
    [8830, "B"],
    [7661, "B"],
    [7660, "C"],
    [6500, "C"],
    [6499, "D"],
    [2500, "D"],
  ])("an IKM of %i hundredths is %s", (h, mutu) => {
    expect(skmBandFor(h).mutu).toBe(mutu);
    // The same through a real tally: 2,500 respondents, every element summing to h gives IKM = h / 100 exactly.
    const r = ikmFromTally(uniformTally(2500, h));
    expect(r.ikmHundredths).toBe(h);
    expect(r.mutu).toBe(mutu);
  });

  it("classifies after rounding half-up: 76.605 → 76.61 B, 76.6045 → 76.60 C, 88.305 → 88.31 A, 64.995 → 65.00 C", () => {
    expect(ikmFromTally(uniformTally(5000, 15321))).toMatchObject({ ikm: 76.61, mutu: "B" }); // 25 × 15321 / 5000 = 76.605
    expect(ikmFromTally(uniformTally(10000, 30642)).ikm).toBe(76.61); // 76.605 again
    expect(ikmFromTally(uniformTally(50000, 153209))).toMatchObject({ ikm: 76.6, mutu: "C" }); // 76.6045
    expect(ikmFromTally(uniformTally(5000, 17661))).toMatchObject({ ikm: 88.31, mutu: "A" }); // 88.305
    expect(ikmFromTally(uniformTally(5000, 12999))).toMatchObject({ ikm: 65, mutu: "C" }); // 64.995
  });

  it("keeps the 2017 table, not the 2004 one", () => {
    expect(SKM_BANDS.map((b) => [b.mutu, b.fromHundredths, b.toHundredths])).toEqual([
      ["A", 8831, 10000],
      ["B", 7661, 8830],
      ["C", 6500, 7660],
      ["D", 2500, 6499],
    ]);
    expect(() => skmBandFor(2499)).toThrow(RangeError);
  });

  it("all 1s is 25.00 D, all 4s is 100.00 A", () => {
    expect(computeIkm([Array(9).fill(1)])).toMatchObject({ ikm: 25, mutu: "D", kinerja: { id: "Tidak baik" } });
    expect(computeIkm([Array(9).fill(4)])).toMatchObject({ ikm: 100, mutu: "A" });
    // 0.99 × 25 under the legacy 0,11 weight is below the table; it still reads as D
    expect(computeIkm([Array(9).fill(1)], { policy: "legacy-011" })).toMatchObject({ ikm: 24.75, mutu: "D" });
  });
});

describe("minimum respondents (Krejcie & Morgan)", () => {
  it.each([
    [10, 10],
    [100, 80],
    [1000, 278],
    [75000, 382],
    [1000000, 384],
  ])("population %i (a row of the table) needs %i", (n, min) => expect(minimumRespondents(n)).toBe(min));

  it.each([
    [101, 86], // between 100 and 110: the next higher row
    [1001, 285],
    [75001, 384],
    [5000000, 384], // above the table
    [11, 11], // the row 15 says 14, but 11 users cannot give 14 answers
    [14, 14],
    [5, 5], // below the table: everyone
    [1, 1],
  ])("population %i needs %i", (n, min) => expect(minimumRespondents(n)).toBe(min));

  it("the table is ascending in both columns", () => {
    for (let i = 1; i < KREJCIE_MORGAN_TABLE.length; i++) {
      expect(KREJCIE_MORGAN_TABLE[i]![0]).toBeGreaterThan(KREJCIE_MORGAN_TABLE[i - 1]![0]);
      expect(KREJCIE_MORGAN_TABLE[i]![1]).toBeGreaterThanOrEqual(KREJCIE_MORGAN_TABLE[i - 1]![1]);
    }
    expect(KREJCIE_MORGAN_TABLE).toHaveLength(90);
  });

  it.each([0, -3, 1.5, Number.NaN])("refuses a population of %s", (n) => expect(() => minimumRespondents(n)).toThrow(PopulationError));

  it("flags 'belum memenuhi jumlah minimum responden' with enough: false", () => {
    const rows = workedExample();
    expect(computeIkm(rows, { population: 1000 })).toMatchObject({ respondents: 29, minimumRespondents: 278, enough: false, ikm: 91.48 });
    expect(computeIkm(rows, { population: 30 })).toMatchObject({ minimumRespondents: 28, enough: true });
    expect(computeIkm(rows, { population: 35 })).toMatchObject({ minimumRespondents: 32, enough: false });
    expect(computeIkm(rows)).toMatchObject({ minimumRespondents: null, enough: null, population: null });
  });
});

describe("responses the core refuses", () => {
  it.each([
    [[4, 4, 4, 5, 4, 4, 4, 4, 4], "U4", "5 is not an answer from 1 to 4"],
    [[4, 4, 4, 0, 4, 4, 4, 4, 4], "U4", "0 is not an answer"],
    [[4, 4, 4, 4, 4, 4, 4, 3.5, 4], "U8", "3.5 is not an answer"],
    [[4, 4, 4, 4, 4, 4, 4, 4, "4"], "U9", "4 is not an answer"],
    [[4, 4, 4, 4, 4, 4, null, 4, 4], "U7", "no answer"],
  ])("%j → %s", (row, element, message) => {
    const rows = [Array(9).fill(3), row];
    let caught: unknown;
    try {
      tallyResponses(rows);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SkmResponseError);
    expect(caught).toMatchObject({ index: 1, element });
    expect((caught as Error).message).toContain(message);
  });

  it("refuses a response with more or fewer than nine answers", () => {
    expect(() => tallyResponses([[4, 4, 4]])).toThrow(/3 answers, expected 9/);
  });

  it("with allowUnanswered, an element's NRR divides by those who answered it", () => {
    const r = computeIkm(
      [
        [4, 4, 4, 4, 4, 4, 4, 4, null],
        [2, 2, 2, 2, 2, 2, 2, 2, 3],
      ],
      { allowUnanswered: true },
    );
    expect(r.elements[8]).toMatchObject({ answered: 1, sum: 3, nrr: 3 });
    // (8 × 3 + 3) / 9 × 25 = 75
    expect(r).toMatchObject({ respondents: 2, ikm: 75, mutu: "C" });
    // an element nobody answered has no NRR, so there is no IKM
    expect(computeIkm([[4, 4, 4, 4, 4, 4, 4, 4, null]], { allowUnanswered: true })).toMatchObject({ ikm: null, mutu: null, weakestElements: [] });
  });

  it("refuses a tally that cannot come from responses", () => {
    const t = emptyTally();
    t.respondents = 1;
    t.counts[0] = 2;
    expect(() => ikmFromTally(t)).toThrow(/2 answers to U1 from 1 respondents/);
    t.counts[0] = -1;
    expect(() => ikmFromTally(t)).toThrow(/not a whole number/);
  });

  it("no responses: no IKM, and not enough for any population", () => {
    expect(computeIkm([], { population: 20 })).toMatchObject({ respondents: 0, ikm: null, mutu: null, nrr: Array(9).fill(null), minimumRespondents: 19, enough: false });
  });
});

describe("exactness against decimal.js", () => {
  it("matches 80-digit decimal arithmetic on 500 random tallies with unequal answer counts, under every policy", () => {
    const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    const weights = { exact: new D(1).div(9), "legacy-0111": new D("0.111"), "legacy-011": new D("0.11") } as const;
    for (let t = 0; t < 500; t++) {
      const tally = emptyTally();
      tally.respondents = 1 + rand(5000);
      for (let e = 0; e < 9; e++) {
        const answered = 1 + rand(tally.respondents);
        for (let k = 0; k < answered; k++) tally.counts[e * 4 + rand(4)]!++;
      }
      for (const policy of ["exact", "legacy-0111", "legacy-011"] as const) {
        let sum = new D(0);
        for (let e = 0; e < 9; e++) {
          let s = 0;
          let n = 0;
          for (let v = 0; v < 4; v++) {
            s += tally.counts[e * 4 + v]! * (v + 1);
            n += tally.counts[e * 4 + v]!;
          }
          sum = sum.plus(new D(s).div(n));
        }
        const expected = sum.times(weights[policy]).times(25).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
        expect(ikmFromTally(tally, { policy }).ikm, `tally ${t}, ${policy}`).toBe(expected);
      }
    }
  });
});

describe("aggregation from pooled responses", () => {
  it("pools the counts: a unit of 1 respondent does not weigh like one of 99, and a pooled 'enough' does not hide it", () => {
    const small = tallyResponses([Array(9).fill(1)]);
    const large = tallyResponses(Array.from({ length: 99 }, () => Array(9).fill(4)));
    const agency = aggregateIkm([
      { tally: small, population: 10 },
      { tally: large, population: 120 },
    ]);
    // pooled: (1 + 99 × 4) / 100 × 25 = 99.25; the mean of the two IKMs would be (25 + 100) / 2 = 62.5
    expect(agency).toMatchObject({ respondents: 100, ikm: 99.25, mutu: "A", parts: 2, population: 130, minimumRespondents: 97, enough: true, partsBelowMinimum: 1 });
    expect(ikmFromTally(mergeTallies([small, large])).ikm).toBe(99.25);
  });

  it("has no group population unless every part has one", () => {
    const t = tallyResponses([Array(9).fill(3)]);
    expect(aggregateIkm([{ tally: t, population: 10 }, { tally: t }])).toMatchObject({ population: null, enough: null, partsBelowMinimum: 1 });
  });

  it("a province of 100,000 responses gives the same IKM as its counts, exactly", () => {
    const rows: Uint8Array[] = [];
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), 1 + (seed % 4));
    for (let i = 0; i < 100_000; i++) rows.push(Uint8Array.from({ length: 9 }, next));
    const r = computeIkm(rows, { population: 2_000_000 });
    const totals = r.elements.map((e) => e.sum);
    const expected = Math.floor((2 * 100 * 25 * totals.reduce((a, b) => a + b, 0) + 9 * 100_000) / (2 * 9 * 100_000));
    expect(r.ikmHundredths).toBe(expected);
    expect(r).toMatchObject({ respondents: 100_000, minimumRespondents: 384, enough: true });
  });
});
