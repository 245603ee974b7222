import { describe, expect, it } from "vitest";
import { indicatorGroupsOf, nodeCodeOfColumn, nodeValuesMismatch, resultColumnsOf, resultNodesOf, seriesBreaks, splitIndexSeries } from "../../src/core";
import { bundledInstrument } from "../../src/lib/instrument-files";

const inst = (id: string) => bundledInstrument(id)!;
const codes = (nodes: { code: string }[]) => nodes.map((n) => n.code);

describe("result columns follow each instrument", () => {
  it("are the top-level nodes: four domains (59/2020), three (5/2018), seven aspects (Pemdi 2026)", () => {
    expect(codes(resultNodesOf(inst("permenpanrb-59-2020").instrument))).toEqual(["D1", "D2", "D3", "D4"]);
    expect(codes(resultNodesOf(inst("permenpanrb-5-2018").instrument))).toEqual(["D1", "D2", "D3"]);
    expect(resultNodesOf(inst("pemdi-2026").instrument).map((n) => `${n.code}:${n.kind}`)).toEqual(["A1", "A2", "A3", "A4", "A5", "A6", "A7"].map((c) => `${c}:aspect`));
  });

  it("a union over instruments keeps each code once, in the instruments' order", () => {
    const nodes = (id: string) => ({ nodes: resultNodesOf(inst(id).instrument) });
    expect(codes(resultColumnsOf([nodes("permenpanrb-5-2018"), nodes("permenpanrb-59-2020"), nodes("pemdi-2026")]))).toEqual(["D1", "D2", "D3", "D4", "A1", "A2", "A3", "A4", "A5", "A6", "A7"]);
  });

  it("a CSV column names its node by the part before the first underscore", () => {
    expect(["d1_kebijakan", "D4_layanan", "a7", "A12_x_y"].map(nodeCodeOfColumn)).toEqual(["D1", "D4", "A7", "A12"]);
  });

  it("a published row gives all top-level nodes or none; anything else is named", () => {
    const pemdi = resultNodesOf(inst("pemdi-2026").instrument);
    expect(nodeValuesMismatch(pemdi, [])).toBeNull();
    expect(nodeValuesMismatch(pemdi, ["A1", "A2", "A3", "A4", "A5", "A6", "A7"])).toBeNull();
    expect(nodeValuesMismatch(pemdi, ["D1", "D2", "D3", "D4"])).toEqual({ unknown: ["D1", "D2", "D3", "D4"], missing: ["A1", "A2", "A3", "A4", "A5", "A6", "A7"] });
    expect(nodeValuesMismatch(pemdi, ["A1", "A2", "A3", "A4", "A5", "A6", "A8"])).toEqual({ unknown: ["A8"], missing: ["A7"] });
  });

  it("the groups above the indicators are the aspects, at depth 1 in 59/2020 and at the root in Pemdi", () => {
    expect(codes(indicatorGroupsOf(inst("permenpanrb-59-2020")))).toEqual(["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"]);
    expect(codes(indicatorGroupsOf(inst("permenpanrb-5-2018")))).toEqual(["A1", "A2", "A3", "A4", "A5", "A6", "A7"]);
    expect(codes(indicatorGroupsOf(inst("pemdi-2026")))).toEqual(["A1", "A2", "A3", "A4", "A5", "A6", "A7"]);
  });
});

describe("index series never join the SPBE and the Pemdi index", () => {
  const family = (id: string) => (id === "pemdi-2026" ? "pemdi" : id.startsWith("permenpanrb-") ? "spbe" : id);
  const p = (year: number, instrument: string) => ({ year, instrument, index: year / 1000 });

  it("splits a trend by index family, each series in year order, with the break at the first Pemdi year", () => {
    const points = [p(2026, "pemdi-2026"), p(2019, "permenpanrb-5-2018"), p(2024, "permenpanrb-59-2020"), p(2027, "pemdi-2026"), p(2025, "permenpanrb-59-2020")];
    const series = splitIndexSeries(points, family);
    expect(series.map((s) => [s.family, s.points.map((x) => x.year)])).toEqual([
      ["spbe", [2019, 2024, 2025]],
      ["pemdi", [2026, 2027]],
    ]);
    expect(seriesBreaks(series)).toEqual([2026]);
  });

  it("one family is one series without a break; no points, no series", () => {
    const series = splitIndexSeries([p(2022, "permenpanrb-59-2020"), p(2021, "permenpanrb-59-2020")], family);
    expect(series).toHaveLength(1);
    expect(seriesBreaks(series)).toEqual([]);
    expect(splitIndexSeries([], family)).toEqual([]);
  });
});
