import { describe, expect, it } from "vitest";
import { contactLine, defaultSeat, governmentLine } from "../../src/core/documents/letterhead";

describe("kop surat rules", () => {
  it("a city is its own seat; a kabupaten's or province's seat is not in its name, so it is unknown until set", () => {
    expect(defaultSeat("Pemerintah Kota Jambi", "kota")).toBe("Jambi");
    expect(defaultSeat("Pemerintah Kota Sungai Penuh", "kota")).toBe("Sungai Penuh");
    expect(defaultSeat("Kota Palembang", "kota")).toBe("Palembang");
    expect(defaultSeat("Pemerintah Kabupaten Batanghari", "kabupaten")).toBeNull();
    expect(defaultSeat("Pemerintah Provinsi Jambi", "provinsi")).toBeNull();
  });
  it("the government line is the agency's name in capitals; the contact line names what is set", () => {
    expect(governmentLine(" Pemerintah Provinsi Jambi ")).toBe("PEMERINTAH PROVINSI JAMBI");
    expect(contactLine({ phone: "(0741) 40100", email: null, website: "jambiprov.go.id" })).toBe("Telepon (0741) 40100, Laman jambiprov.go.id");
    expect(contactLine({ phone: null, email: null, website: null })).toBeNull();
  });
});
