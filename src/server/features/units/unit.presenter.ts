import type { units } from "../../../db/schema";
import type { UnitResponse } from "./units.schema";

/** A unit (OPD) of an agency. */
export function presentUnit(u: typeof units.$inferSelect): UnitResponse {
  return { id: u.id, name: u.name, createdAt: u.createdAt.toISOString() };
}
