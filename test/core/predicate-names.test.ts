import { describe, expect, it } from "vitest";
import { OFFICIAL_PREDICATES, predicateNames } from "../../src/core";
import { bundledInstrument, bundledInstrumentIds } from "../../src/lib/instrument-files";

describe("predicate names come from the instrument data", () => {
  it.each(bundledInstrumentIds())("%s names the official predicates, best first", (id) => {
    expect(predicateNames(bundledInstrument(id)!.instrument)).toEqual([...OFFICIAL_PREDICATES]);
  });

  it("orders bands by their minimum whatever order the file lists them in", () => {
    const bands = [
      { name: "Cukup", min: 1.8 },
      { name: "Memuaskan", min: 4.2 },
      { name: "Kurang", min: 0 },
      { name: "Baik", min: 2.6 },
    ];
    expect(predicateNames({ predicates: bands })).toEqual(["Memuaskan", "Baik", "Cukup", "Kurang"]);
    expect(bands.map((b) => b.name)).toEqual(["Cukup", "Memuaskan", "Kurang", "Baik"]);
  });
});
