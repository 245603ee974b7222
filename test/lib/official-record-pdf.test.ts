import { describe, expect, it } from "vitest";
import { indicatorsOf } from "../../src/core/instruments/types";
import { bundledInstrument } from "../../src/lib/instrument-files";
import { renderOfficialRecord, type OfficialRecordData } from "../../src/lib/pdf/official-record-pdf";
import { pdfText } from "./pdf-text";

/** A Pemdi 2026 self-assessment of Provinsi Jambi submitted on 7 December 2026, every indicator at `valueOf(code, i)`. */
function pemdiRecord(valueOf: (code: string, i: number) => number, index: OfficialRecordData["index"]): OfficialRecordData {
  const compiled = bundledInstrument("pemdi-2026")!;
  const codes = indicatorsOf(compiled.instrument.tree).map((n) => n.code);
  return {
    agency: { code: "15", name: "Provinsi Jambi" },
    period: { name: "Evaluasi Pemerintah Digital 2026", year: 2026, kind: "evaluasi" },
    instrument: compiled.instrument,
    indexName: "Indeks Pemerintah Digital",
    submittedAt: new Date("2026-12-07T03:00:00Z"),
    submittedBy: "Budi Hartono",
    levels: Object.fromEntries(codes.map((c, i) => [c, valueOf(c, i)])),
    index,
    sectoralServices: [],
  };
}

describe("the Berita Acara Penilaian Mandiri of a Pemdi 2026 self-assessment", () => {
  it("names the Indeks Pemerintah Digital, prints decimal values with a comma and has no SPBE-only section", async () => {
    const pdf = await renderOfficialRecord(pemdiRecord((_, i) => (i === 0 ? 1.17 : 2.5), { exact: 2.4, rounded: 2.4, predicate: "Cukup", policy: "exact" }));
    const text = pdfText(pdf);
    expect(text).toContain("PEMERINTAH DIGITAL");
    expect(text).not.toContain("SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK");
    expect(text).toContain("Indeks Pemerintah Digital: 2,40");
    expect(text).toContain("1,17");
    expect(text).toContain("2,50");
    expect(text).not.toContain("Layanan Publik Sektoral");
    expect(text).toContain("7 Desember 2026");
    // Without an issue (no number, no verification) it still numbers its pages; unknown NIP is a blank line.
    expect(text).toMatch(/Halaman 1 dari \d+/);
    expect(text).toContain("NIP. ______________________");
    expect(text).not.toContain("verifikasi");
  });

  it("prints the document number, the signatories with their NIP and the verification address, and is reproducible", async () => {
    const data: OfficialRecordData = {
      ...pemdiRecord(() => 3, { exact: 3, rounded: 3, predicate: "Baik", policy: "exact" }),
      signatories: { coordinator: { name: "Budi Hartono", nip: "198001012005011002" }, leader: { name: null, nip: null } },
      document: { number: "004/BA-PM/15/XII/2026", verifyUrl: "https://pandu.example.go.id/verifikasi/abcDEF123_-xyz" },
    };
    const pdf = await renderOfficialRecord(data);
    const text = pdfText(pdf);
    expect(text).toContain("Nomor: 004/BA-PM/15/XII/2026");
    expect(text).toContain("NIP. 198001012005011002");
    expect(text).toContain("(______________________)"); // the Pimpinan is not known
    expect(text).toContain("https://pandu.example.go.id/verifikasi/abcDEF123_-xyz");
    const pages = Number(/Halaman 1 dari (\d+)/.exec(text)![1]);
    expect(text).toContain(`Halaman ${pages} dari ${pages}`);
    expect((await renderOfficialRecord(data)).equals(pdf)).toBe(true);
  });
});
