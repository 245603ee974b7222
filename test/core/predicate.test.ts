import { describe, expect, it } from "vitest";
import { indexFromNodeValues, predicateFor } from "../../src/core";
import { p59 } from "../helpers/instruments";

describe("predicate bands (P59 Tabel 13) are inclusive at their minimum", () => {
  const cases: [number, string, string][] = [
    // index in ten-thousandths, exact, rounded2
    [50000, "Memuaskan", "Memuaskan"],
    [42000, "Memuaskan", "Memuaskan"],
    [41999, "Sangat Baik", "Memuaskan"], // 4.1999 rounds to 4.20
    [41949, "Sangat Baik", "Sangat Baik"], // 4.1949 rounds to 4.19
    [35000, "Sangat Baik", "Sangat Baik"],
    [34950, "Baik", "Sangat Baik"], // 3.495 rounds half-up to 3.50
    [34949, "Baik", "Baik"],
    [26000, "Baik", "Baik"],
    [25999, "Cukup", "Baik"],
    [18000, "Cukup", "Cukup"],
    [17950, "Kurang", "Cukup"],
    [17949, "Kurang", "Kurang"],
    [10000, "Kurang", "Kurang"],
  ];
  it.each(cases)("index %d/10000 → %s (exact), %s (rounded2)", (index10k, exact, rounded) => {
    expect(predicateFor(p59(), index10k, "exact")).toBe(exact);
    expect(predicateFor(p59(), index10k, "rounded2")).toBe(rounded);
  });
});

describe("the published boundary rows decide the policy of each year (reference §5.3)", () => {
  const rows: [string, number, Record<string, number>, string][] = [
    ["2024 Kab. Pacitan 3.50 Baik", 2024, { D1: 4.7, D2: 3.0, D3: 2.09, D4: 3.94 }, "Baik"],
    ["2024 Kab. Luwu 2.60 Cukup", 2024, { D1: 1.2, D2: 2.1, D3: 1.27, D4: 3.75 }, "Cukup"],
    ["2024 Kab. Nias Barat 1.80 Kurang", 2024, { D1: 1.0, D2: 1.1, D3: 1.0, D4: 2.7 }, "Kurang"],
    ["2023 Kab. Nias Barat 1.80 Cukup", 2023, { D1: 1.0, D2: 1.0, D3: 1.0, D4: 2.75 }, "Cukup"],
    ["2023 Kab. Boven Digoel 1.80 Cukup", 2023, { D1: 1.9, D2: 1.6, D3: 1.0, D4: 2.17 }, "Cukup"],
  ];
  it.each(rows)("%s", (_name, year, domains, published) => {
    const policy = year === 2023 ? "rounded2" : "exact";
    const other = year === 2023 ? "exact" : "rounded2";
    const r = indexFromNodeValues(p59(), domains, policy);
    expect(r.predicate).toBe(published);
    // and the other policy would have given a different predicate: the row is decisive
    expect(indexFromNodeValues(p59(), domains, other).predicate).not.toBe(published);
  });
});
