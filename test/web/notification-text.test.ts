import i18next from "i18next";
import { describe, expect, it } from "vitest";
import en from "../../src/web/i18n/en.json";
import id from "../../src/web/i18n/id.json";
import { NOTIFICATION_KINDS, notificationText } from "../../src/web/pages/Notifications/notificationText";

const params = { agency: "Pemerintah Kota Jambi", indicator: "7", excerpt: "Mohon unggah SK", stage: "interviu", notes: "Bukti kurang", predicate: "Baik", revision: "2", index: "3.5", by: "Budi Santoso", trackingNumber: "ADU-23456789AB", title: "Antrean terlalu lama" };

// The server stores a kind and parameters; the reader's language makes the sentence.
describe("notification sentences", () => {
  it.each(["id", "en"] as const)("every kind the server writes reads as a full sentence in %s, with the stage's name", async (lng) => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng, resources: { id: { translation: id }, en: { translation: en } }, interpolation: { escapeValue: false } });
    for (const kind of NOTIFICATION_KINDS) {
      const text = notificationText(i18n.t, { id: 1, kind, params, link: "/penilaian/1", read: false, createdAt: "2026-11-29T01:00:00Z" });
      // Account notices name who acted; assessment ones the agency.
      expect(text, kind).toContain(kind.startsWith("account.") ? "Budi Santoso" : "Pemerintah Kota Jambi");
      expect(text, kind).not.toMatch(/\{\{|notifications\.kinds|interviu\b/);
    }
    const stageName = lng === "id" ? id.stages.interviu : en.stages.interviu;
    expect(notificationText(i18n.t, { id: 1, kind: "assessment.stage_advanced", params, link: "/", read: false, createdAt: "" })).toContain(stageName);
    // An index in the reader's number format.
    expect(notificationText(i18n.t, { id: 1, kind: "assessment.revised", params, link: "/", read: false, createdAt: "" })).toContain(lng === "id" ? "3,50" : "3.50");
    // A kind this interface does not know yet still says what it is about.
    expect(notificationText(i18n.t, { id: 1, kind: "assessment.someday", params, link: "/", read: false, createdAt: "" })).toContain("Pemerintah Kota Jambi");
  });
});
