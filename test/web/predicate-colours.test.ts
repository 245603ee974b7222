import { describe, expect, it } from "vitest";
import { OFFICIAL_PREDICATES } from "../../src/core";
import { NEUTRAL_FILL, PREDICATE_COLOURS, predicateFill } from "../../src/web/predicateColours";

/** WCAG 2.x relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("predicate colours", () => {
  it.each([...OFFICIAL_PREDICATES])("%s: text on its fill meets WCAG AA (4.5:1) and the fill stands out from the white page (3:1)", (name) => {
    const c = PREDICATE_COLOURS[name];
    expect(contrast(c.fill, c.text)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c.fill, "#ffffff")).toBeGreaterThanOrEqual(3);
  });

  it("gives every predicate its own fill and unknown names the neutral one", () => {
    const fills = OFFICIAL_PREDICATES.map(predicateFill);
    expect(new Set(fills).size).toBe(OFFICIAL_PREDICATES.length);
    expect(fills).not.toContain(NEUTRAL_FILL);
    expect(predicateFill("Istimewa")).toBe(NEUTRAL_FILL);
  });

  it("measures contrast as WCAG defines it", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
  });
});
