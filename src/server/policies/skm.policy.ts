import type { Actor } from "../../core";
import { canManageServices, canReadServices } from "./service.policy";

/**
 * SKM surveys belong to the service catalogue: an agency's surveys and results are read by anyone
 * who reads its catalogue (its people, its province coordinator; others get 404) and run — created,
 * opened, closed, imported into, followed up — by its Koordinator SPBE and administrators.
 */
export function canReadSurveys(actor: Actor, agencyId: number): boolean {
  return canReadServices(actor, agencyId);
}

export function canManageSurveys(actor: Actor, agencyId: number): boolean {
  return canManageServices(actor, agencyId);
}
