import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../src/server/error-codes";
import { ApiError } from "../../src/web/api";
import { errorText } from "../../src/web/errorText";
import en from "../../src/web/i18n/en.json";
import id from "../../src/web/i18n/id.json";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

/** Every code literal the server can answer with: `new AppError(status, "code"`, `error: "code"` and the ScoringError codes. */
function codesInSource(): Set<string> {
  const found = new Set<string>();
  for (const file of [...sources("src/server"), "src/core/scoring/scoring-error.ts"]) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/new AppError\(\s*\d{3},\s*"([a-z_]+)"/g)) found.add(m[1]!);
    for (const m of text.matchAll(/invalidField\(\s*"([a-z_]+)"/g)) found.add(m[1]!);
    for (const m of text.matchAll(/\berror: "([a-z_]+)"/g)) found.add(m[1]!);
    const scoring = /readonly code: ((?:\s*\|?\s*"[a-z_]+")+)/.exec(text);
    if (scoring) for (const m of scoring[1]!.matchAll(/"([a-z_]+)"/g)) found.add(m[1]!);
  }
  return found;
}

describe("error codes", () => {
  it("every code thrown in src/server is in the code list", () => {
    const listed = new Set<string>(ERROR_CODES);
    const thrown = [...codesInSource()];
    expect(thrown.length).toBeGreaterThan(30);
    expect(thrown.filter((c) => !listed.has(c))).toEqual([]);
  });

  it.each([
    ["id", id],
    ["en", en],
  ] as const)("every code has a sentence in the %s catalogue", (_lang, catalogue) => {
    const sentences = catalogue.apiErrors as Record<string, unknown>;
    expect(ERROR_CODES.filter((c) => typeof sentences[c] !== "string" || !(sentences[c] as string).trim())).toEqual([]);
  });

  it("the web says a code and its details in the reader's language, never the server's English", async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: "id", resources: { id: { translation: id }, en: { translation: en } }, interpolation: { escapeValue: false } });
    const say = (e: ApiError) => errorText(i18n.t, e);
    const unfilled = new ApiError(400, "indicators_without_level", "indicators without a level: 38, 39", null, { indicators: ["38", "39"] });
    expect(say(unfilled)).toBe("Indikator berikut belum diberi tingkat: 38, 39.");
    const grant = new ApiError(403, "role_not_grantable", "you may not grant administrator there", null, { role: "administrator" });
    expect(say(grant)).toBe("Anda tidak berhak memberikan atau mencabut peran Administrator di sini.");
    const closed = new ApiError(409, "stage_closed", "stage mandiri closed on 2026-03-31", null, { stage: "mandiri", closes: "2026-03-31" });
    expect(say(closed)).toContain("Penilaian Mandiri");
    expect(say(new ApiError(400, "validation_error", "body.nip: must be 18 digits", null, { field: "body.nip" }))).toBe("Periksa kembali isian «NIP».");
    expect(say(new ApiError(400, "validation_error", "body.x: bad", null, { field: "body.x" }))).toBe("Periksa kembali isian Anda.");
    expect(say(new ApiError(418, "teapot_brewing", "I am a teapot"))).toBe(id.apiErrors.unknown);
    for (const e of [unfilled, grant, closed]) expect(say(e)).not.toMatch(/without|grant|closed|server/);
    await i18n.changeLanguage("en");
    expect(say(unfilled)).toBe("These indicators have no level yet: 38, 39.");
  });
});
