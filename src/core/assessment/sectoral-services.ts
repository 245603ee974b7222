import { indicatorsOf, type Instrument } from "../instruments/types";

/**
 * The indicators of an instrument that assess a sectoral public service the agency chooses itself
 * (PermenPANRB 59/2020 indicators 45–47, "Layanan Publik Sektor 1–3"), recognised by their names in
 * the instrument file, so no indicator code is written into code. Instruments without them give [].
 */
export function sectoralServiceIndicators(instrument: Instrument): string[] {
  return indicatorsOf(instrument.tree)
    .filter((n) => /layanan publik sektor \d/i.test(n.name))
    .map((n) => n.code);
}
