import { describe, expect, it } from "vitest";
import type { PublicResult } from "../../src/web/api";
import { agencyRows, indexChange } from "../../src/web/pages/Home/results";

const result = (year: number, instrument: string, index: number): PublicResult => ({
  year,
  agencyCode: "15",
  agencyName: "Provinsi Jambi",
  category: "provinsi",
  provinceCode: "15",
  provinceName: "Jambi",
  instrument,
  nodes: {},
  index,
  predicate: "Baik",
  source: "test",
});

const families: Record<string, string> = { "spbe-2020": "spbe", "spbe-2018": "spbe", "pemdi-2026": "pemdi" };
const familyOf = (id: string) => families[id] ?? id;

describe("the landing page's change column", () => {
  it("is exact to the hundredth within one index family, also across its instruments", () => {
    const [row] = agencyRows([result(2023, "spbe-2020", 3.31), result(2024, "spbe-2020", 3.05)], 2024);
    expect(indexChange(row!, 2023, 2024, familyOf)).toBe(-0.26);
    const [mixed] = agencyRows([result(2019, "spbe-2018", 2.1), result(2020, "spbe-2020", 2.45)], 2020);
    expect(indexChange(mixed!, 2019, 2020, familyOf)).toBe(0.35);
  });

  it("shows no change between an SPBE index and a Pemdi index, nor when a year is missing", () => {
    const [row] = agencyRows([result(2025, "spbe-2020", 3.1), result(2026, "pemdi-2026", 2.2)], 2026);
    expect(indexChange(row!, 2025, 2026, familyOf)).toBeNull();
    expect(indexChange(row!, 2024, 2026, familyOf)).toBeNull();
  });
});
