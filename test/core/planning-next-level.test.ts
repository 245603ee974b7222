import { describe, expect, it } from "vitest";
import { nextLevelGuidance, PlanningError } from "../../src/core";
import { p59 } from "../helpers/instruments";

const instrument = p59().instrument;

describe("nextLevelGuidance on PermenPANRB 59/2020", () => {
  it("names what level 4 adds to a policy indicator and the evidence it needs", () => {
    const g = nextLevelGuidance(instrument, "1", 3);
    expect(g).toMatchObject({ indicator: "1", from: 3, to: 4, toName: "Terpadu dan Terukur" });
    // The cumulative "Memenuhi level 3 dan" is stripped; each clause is one item.
    expect(g.adds).toEqual([
      "Kebijakan juga mengatur keterpaduan SPBE antar-Instansi Pusat, antar-Pemerintah Daerah, dan/atau antara Pusat dan Daerah",
      "Kebijakan direviu dan dievaluasi secara berkala.",
    ]);
    expect(g.criteria).toMatch(/^Memenuhi level 3 dan kebijakan juga mengatur keterpaduan/);
    expect(g.evidence).toContain(
      "Laporan atau notulen reviu/evaluasi yang masih berlaku (berumur kurang dari 2 tahun) dan memuat permasalahan aktual serta rekomendasi perbaikan",
    );
  });

  it("uses the service scale for a service indicator", () => {
    const g = nextLevelGuidance(instrument, "35", 1);
    expect(g).toMatchObject({ from: 1, to: 2, toName: "Interaksi" });
    expect(g.adds).toEqual([
      "Layanan memungkinkan interaksi dua arah, misalnya pencarian informasi serta unggah dan unduh dokumen pengadaan seperti berkas lelang.",
    ]);
    expect(g.evidence).toEqual(["Tangkapan layar fitur pencarian dan unggah/unduh dokumen pengadaan seperti berkas lelang."]);
  });

  it("keeps a level-2 criterion that does not repeat level 1 whole", () => {
    const g = nextLevelGuidance(instrument, "12", 1);
    expect(g).toMatchObject({ to: 2, toName: "Terkelola", adds: ["Dokumen Peta Rencana SPBE sudah tersedia, tetapi muatannya belum lengkap."] });
  });

  it("has nothing to add at the top level", () => {
    expect(nextLevelGuidance(instrument, "47", 5)).toEqual({ indicator: "47", from: 5, to: null, toName: null, criteria: null, adds: [], evidence: [] });
  });

  it("rejects an unknown indicator or a level out of range", () => {
    expect(() => nextLevelGuidance(instrument, "48", 1)).toThrow(PlanningError);
    expect(() => nextLevelGuidance(instrument, "A1", 1)).toThrow("unknown indicator code A1");
    expect(() => nextLevelGuidance(instrument, "1", 0)).toThrow("indicator 1: level 0 is not an integer from 1 to 5");
    expect(() => nextLevelGuidance(instrument, "1", 2.5)).toThrow(PlanningError);
  });
});
