import { describe, expect, it } from "vitest";
import { apiUrl } from "../../src/web/apiTypes";

describe("apiUrl: a route of the API contract filled with its parameters", () => {
  it("encodes each path parameter and leaves the template's other text as it is", () => {
    expect(apiUrl("/api/assessments/{id}/answers/{code}", { id: 7, code: "1.2/3 a" })).toBe("/api/assessments/7/answers/1.2%2F3%20a");
  });

  it("adds the query without the absent values, repeating an array", () => {
    expect(apiUrl("/api/agencies", undefined, { province: "15", q: undefined, category: null })).toBe("/api/agencies?province=15");
    expect(apiUrl("/api/x", undefined, { code: ["a", "b"], limit: 50 })).toBe("/api/x?code=a&code=b&limit=50");
    expect(apiUrl("/api/x", undefined, {})).toBe("/api/x");
  });

  it("refuses a template whose parameter is missing instead of calling a wrong URL", () => {
    expect(() => apiUrl("/api/assessments/{id}", {})).toThrow(/missing path parameter id/);
  });
});
