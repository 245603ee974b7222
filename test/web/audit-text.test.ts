import fs from "node:fs";
import path from "node:path";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import en from "../../src/web/i18n/en.json";
import id from "../../src/web/i18n/id.json";
import type { LinkPurpose } from "../../src/db/commands/one-time-links";
import { auditActionText, auditChanges, hasActionLabel } from "../../src/web/pages/Audit/auditText";

const SRC = path.resolve(__dirname, "../../src");

/** Every `.ts` file under a folder. */
function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith(".ts") ? [full] : [];
  });
}

/**
 * The audit actions the code writes: every "area.verb" string literal on a line that names an
 * action (`action: "user.create"`, `action: enabled ? "user.2fa_enable" : …`), outside the web app,
 * plus the one built from a template (`user.${purpose}_redeemed`) for each link purpose.
 */
function writtenActions(): string[] {
  const found = new Set<string>();
  for (const file of tsFiles(SRC).filter((f) => !f.includes(`${path.sep}web${path.sep}`))) {
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      if (!/\baction\b/.test(line)) continue;
      for (const m of line.matchAll(/"([a-z][a-z0-9_]*\.[a-z0-9_]+)"/g)) found.add(m[1]!);
    }
  }
  const purposes: LinkPurpose[] = ["invitation", "reset"];
  for (const p of purposes) found.add(`user.${p}_redeemed`);
  return [...found].sort();
}

async function translator(lng: "id" | "en") {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { id: { translation: id }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return i18n.t;
}

// The audit page names each action and change in the reader's language (issue #15).
describe("audit trail text", () => {
  it("the scan finds the actions the code writes", () => {
    const actions = writtenActions();
    expect(actions).toEqual(expect.arrayContaining(["user.create", "role.grant", "assessment.submit", "clarification.resolve", "user.2fa_enable", "user.reset_redeemed"]));
    expect(actions.length).toBeGreaterThan(55);
  });

  it.each(["id", "en"] as const)("every audit action the code writes has a name in %s, and the two catalogues name the same actions", async (lng) => {
    const t = await translator(lng);
    const missing = writtenActions().filter((a) => !hasActionLabel(a));
    expect(missing).toEqual([]);
    const catalogue = lng === "id" ? id.auditActions : en.auditActions;
    for (const action of writtenActions()) {
      const text = auditActionText(t, action);
      expect(text, action).not.toBe(action);
      const [area, verb] = action.split(".") as [string, string];
      expect(text, action).toBe((catalogue as Record<string, Record<string, string>>)[area]![verb]);
    }
    expect(Object.keys(en.auditActions).sort()).toEqual(Object.keys(id.auditActions).sort());
  });

  it("an action this interface does not know shows its code", async () => {
    const t = await translator("id");
    expect(auditActionText(t, "report.print")).toBe("report.print");
    expect(auditActionText(t, "user")).toBe("user");
  });

  it.each([
    ["id", { before: { role: null }, after: { role: "asesor_internal" } }, ["Peran: – → Anggota Tim Asesor Internal"]],
    ["en", { before: { stage: "mandiri" }, after: { stage: "dokumen", note: null } }, ["Stage: Self-assessment → Document review"]],
    ["id", { before: { twoFactor: false }, after: { twoFactor: true } }, ["Verifikasi dua langkah: tidak → ya"]],
    ["id", { before: null, after: { userId: 7, role: "asesor_eksternal", indicators: ["21", "22"] } }, ["ID pengguna: – → 7", "Peran: – → Asesor Eksternal", "Indikator: – → 21, 22"]],
    ["id", { before: { services: [] }, after: { services: [{ indicatorCode: "45", name: "Perizinan Daring" }] } }, ["Layanan: – → Indikator: 45; Nama: Perizinan Daring"]],
    ["en", { before: { unknownField: { a: 1 } }, after: { unknownField: { a: 2 } } }, ["unknownField: a: 1 → a: 2"]],
  ] as const)("changes read as 'field: before → after' in %s, without JSON (%j)", async (lng, changes, lines) => {
    const t = await translator(lng);
    const text = auditChanges(t, lng, changes as never).map((c) => `${c.label}: ${c.before} → ${c.after}`);
    expect(text).toEqual(lines);
    expect(text.join("\n")).not.toMatch(/[{}"[\]]/);
  });

  it("unchanged fields are left out", async () => {
    const t = await translator("id");
    expect(auditChanges(t, "id", { before: { name: "A", level: 3 }, after: { name: "A", level: 4 } }).map((c) => c.field)).toEqual(["level"]);
  });
});
