import { describe, expect, it } from "vitest";
import { safeZipSegment, UniqueZipNames } from "../../src/lib/zip-entry-names";

describe("ZIP entry names of the evidence bundle", () => {
  it("cannot leave their directory, hide, or display as something else", () => {
    expect(safeZipSegment("../../etc/passwd", "berkas")).toBe("_.._etc_passwd");
    expect(safeZipSegment("..", "berkas")).toBe("berkas");
    expect(safeZipSegment("C:\\Windows\\win.ini", "berkas")).toBe("C__Windows_win.ini");
    expect(safeZipSegment(".bashrc", "berkas")).toBe("bashrc");
    expect(safeZipSegment("laporan\u202egnp.pdf", "berkas")).toBe("laporangnp.pdf");
    expect(safeZipSegment("baris\nbaru\u0000.pdf", "berkas")).toBe("baris_baru.pdf");
    expect(safeZipSegment("laporan. ", "berkas")).toBe("laporan");
    expect(safeZipSegment("\u200b", "indikator")).toBe("indikator");
    expect(safeZipSegment("Perwal Nomor 12 Tahun 2023 tentang Arsitektur SPBE Kota Jambi.pdf", "berkas")).toBe("Perwal Nomor 12 Tahun 2023 tentang Arsitektur SPBE Kota Jambi.pdf");
  });

  it("are shortened to 120 characters, keeping the extension", () => {
    expect(safeZipSegment(`${"a".repeat(300)}.pdf`, "berkas")).toBe(`${"a".repeat(116)}.pdf`);
    expect([...safeZipSegment(`${"🙂".repeat(300)}.docx`, "berkas")]).toHaveLength(120);
  });

  it("are unique within the archive, compared case-insensitively", () => {
    const names = new UniqueZipNames();
    expect(["laporan.pdf", "Laporan.pdf", "laporan.pdf", "README"].map((f) => names.name("10", f))).toEqual(["10/laporan.pdf", "10/Laporan (2).pdf", "10/laporan (3).pdf", "10/README"]);
    expect(names.name("11", "laporan.pdf")).toBe("11/laporan.pdf");
    expect(names.name("10", "laporan (2).pdf")).toBe("10/laporan (2) (2).pdf");
  });
});
