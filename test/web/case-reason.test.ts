import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { SYSTEM_REASON_CODES } from "../../src/core";
import { caseReasonText } from "../../src/web/caseReason";
import en from "../../src/web/i18n/en.json";
import id from "../../src/web/i18n/id.json";

// The server stores a system reason as a code with values; the reader's language words it.
describe("case reasons", () => {
  it.each(["id", "en"] as const)("every system reason reads as a sentence in %s, its date in the local format; a person's reason is shown as written", async (lng) => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng, resources: { id: { translation: id }, en: { translation: en } }, interpolation: { escapeValue: false } });
    for (const code of Object.values(SYSTEM_REASON_CODES)) {
      const text = caseReasonText(i18n.t, lng, { reason: "teks lama", systemReason: { code, params: { workingDays: 14, deadline: "2027-01-14" } } });
      expect(text, code).not.toMatch(/\{\{|systemReasons\.|teks lama/);
    }
    const auto = caseReasonText(i18n.t, lng, { reason: null, systemReason: { code: SYSTEM_REASON_CODES.applicationAutoAction, params: { workingDays: 14, deadline: "2027-01-14" } } });
    expect(auto).toContain(lng === "id" ? "14 hari kerja (batas 14 Januari 2027)" : "14 working days (deadline 14 January 2027)");
    // A code this interface does not know yet falls back to the stored Indonesian text.
    expect(caseReasonText(i18n.t, lng, { reason: "Alasan sistem", systemReason: { code: "someday", params: {} } })).toBe("Alasan sistem");
    expect(caseReasonText(i18n.t, lng, { reason: "Foto KTP buram", systemReason: null })).toBe("Foto KTP buram");
  });
});
