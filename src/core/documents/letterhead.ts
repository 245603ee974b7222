/**
 * The rules of a kop surat that do not need the database: the government line, the seat city a
 * signature is dated at, and the contact line. Pure, so the web form previews what the PDF prints.
 */

/** The first line of the kop surat: the agency's name in capitals ("PEMERINTAH PROVINSI JAMBI"). */
export function governmentLine(agencyName: string): string {
  return agencyName.trim().toLocaleUpperCase("id-ID");
}

/**
 * The seat city ("tempat") printed before the date of a signature when the agency has not set one:
 * a city is its own seat ("Pemerintah Kota Sungai Penuh" → "Sungai Penuh"); a kabupaten's seat is
 * another town (Batanghari → Muara Bulian) and a province's its capital, which the name does not
 * say, so those are null until set (the date is then printed alone).
 */
export function defaultSeat(agencyName: string, category: string): string | null {
  if (category !== "kota") return null;
  const m = /^(?:pemerintah\s+)?kota\s+(.+)$/i.exec(agencyName.trim());
  return m ? m[1]!.trim() : null;
}

/** The contact line under the address: "Telepon (0741) 123456, Pos-el info@x.go.id, Laman x.go.id"; null when none is set. */
export function contactLine(c: { phone: string | null; email: string | null; website: string | null }): string | null {
  const parts = [c.phone && `Telepon ${c.phone}`, c.email && `Pos-el ${c.email}`, c.website && `Laman ${c.website}`].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(", ") : null;
}
