import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { indicatorsOf } from "../../src/core/instruments/types";
import { bundledInstrument } from "../../src/lib/instrument-files";
import { renderOfficialRecord, type OfficialRecordData } from "../../src/lib/pdf/official-record-pdf";
import { logoImageType, type Letterhead } from "../../src/lib/pdf/letterhead";
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

describe("the Berita Acara of every stage, with the kop surat", () => {
  const letterhead = async (logo: Buffer | null): Promise<Letterhead> => ({
    governmentName: "PEMERINTAH KOTA JAMBI",
    agencyName: "Dinas Komunikasi dan Informatika",
    address: "Jl. Jenderal Basuki Rahmat No. 1, Kota Baru, Jambi 36136",
    contact: "Telepon (0741) 40100, Pos-el diskominfo@jambikota.go.id",
    logo,
    seat: "Jambi",
  });
  const base = () => pemdiRecord(() => 3, { exact: 3, rounded: 3, predicate: "Baik", policy: "exact" });

  it("the document review: kop surat, stage title, place and date, the Koordinator SPBE and the assessors with NIP, page numbers", async () => {
    const { default: QRCode } = await import("qrcode");
    const data: OfficialRecordData = {
      ...base(),
      stage: "dokumen",
      letterhead: await letterhead(await QRCode.toBuffer("logo")),
      stageNote: "Penilaian dokumen selesai tanpa catatan khusus",
      signers: [
        { title: "Koordinator SPBE", name: "Budi Hartono", nip: "198001012005011002" },
        { title: "Asesor Eksternal", name: "Siti Aminah", nip: "197703032003122001" },
        { title: "Asesor Eksternal", name: "Rahmat Hidayat", nip: null },
      ],
      document: { number: "1/BA-DOK/15/2026", verifyUrl: "https://pandu.example.go.id/verifikasi/abc" },
    };
    const pdf = await renderOfficialRecord(data);
    const text = pdfText(pdf);
    for (const s of [
      "PEMERINTAH KOTA JAMBI",
      "Dinas Komunikasi dan Informatika",
      "Jl. Jenderal Basuki Rahmat No. 1",
      "Pos-el diskominfo@jambikota.go.id",
      "BERITA ACARA PENILAIAN DOKUMEN",
      "Nomor: 1/BA-DOK/15/2026",
      "Tanggal penutupan tahap",
      "Penilaian dokumen selesai tanpa catatan khusus",
      "Jambi, 7 Desember 2026",
      "(Budi Hartono)",
      "NIP. 198001012005011002",
      "(Siti Aminah)",
      "NIP. 197703032003122001",
      "(Rahmat Hidayat)",
      "Indeks Pemerintah Digital: 3,00",
    ])
      expect(text, s).toContain(s);
    expect(text).not.toContain("Provinsi Jambi, 7 Desember 2026"); // the seat city, not the agency's name
    expect(text).not.toContain("PENILAIAN MANDIRI");
    const pages = Number(/Halaman 1 dari (\d+)/.exec(text)![1]);
    expect(text).toContain(`Halaman ${pages} dari ${pages}`);
    expect((await renderOfficialRecord(data)).equals(pdf)).toBe(true);
  });

  it("a Tidak Valid review decision: the decision, the note and the reviewer, no levels; without a seat only the date", async () => {
    const data: OfficialRecordData = {
      ...base(),
      stage: "reviu",
      letterhead: { ...(await letterhead(null)), seat: null },
      review: { decision: "tidak_valid", note: "Indikator 13: bukti integrasi anggaran belum cukup" },
      signers: [{ title: "Tim Reviu", name: "Dewi Lestari", nip: "198505052010012003" }],
    };
    const text = pdfText(await renderOfficialRecord(data));
    expect(text).toContain("BERITA ACARA REVIU HASIL EVALUASI");
    expect(text).toContain("TIDAK VALID");
    expect(text).toContain("Indikator 13: bukti integrasi anggaran belum cukup");
    expect(text).toContain("(Dewi Lestari)");
    expect(text).toContain("NIP. 198505052010012003");
    expect(text).not.toContain("Predikat");
    expect(text).toMatch(/^\s*7 Desember 2026\s*$/m);
    expect(text).toMatch(/Halaman 1 dari \d+/);
  });

  it("a logo pdfkit cannot decode is left out instead of failing the document", async () => {
    const broken = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    const text = pdfText(await renderOfficialRecord({ ...base(), stage: "interviu", letterhead: await letterhead(broken), signers: [] }));
    expect(text).toContain("PEMERINTAH KOTA JAMBI");
    expect(text).toContain("BERITA ACARA PENILAIAN INTERVIU");
    expect(await logoImageType(broken)).toBeNull();
  });

  it("a record issued before kop surat existed still renders to the same bytes (its registered SHA-256)", async () => {
    const data: OfficialRecordData = {
      ...pemdiRecord((_, i) => (i % 5) + 1, { exact: 3, rounded: 3, predicate: "Baik", policy: "exact" }),
      agency: { code: "15", name: "Provinsi Jambi" },
      period: { name: "Evaluasi 2026", year: 2026, kind: "evaluasi" },
      signatories: { coordinator: { name: "Budi Hartono", nip: "198001012005011002" }, leader: { name: null, nip: null } },
      document: { number: "004/BA-PM/15/XII/2026", verifyUrl: "https://pandu.example.go.id/verifikasi/abcDEF123_-xyz" },
    };
    // The hash the renderer gave this record before stages and kop surat were added to it.
    expect(createHash("sha256").update(await renderOfficialRecord(data)).digest("hex")).toBe("75d4e52de0512be5ecb99b88a2ddaa2d82637703e05f9ee84c54a56859b3340c");
  });
});
