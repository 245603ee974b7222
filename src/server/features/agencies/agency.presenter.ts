import type { AgencyRow } from "../../../db/queries/agencies";
import type { AgencyResponse } from "./agencies.schema";

/** The public fields of an agency; internal ids never leave the server. */
export function presentAgency(a: AgencyRow): AgencyResponse {
  return {
    code: a.code,
    name: a.name,
    category: a.category,
    regionName: a.regionName,
    parent: a.parentCode && a.parentName ? { code: a.parentCode, name: a.parentName } : null,
  };
}
