import type { Actor } from "../../core";
import { canReadCockpit } from "./cockpit.policy";
import { canUploadEvidence } from "./evidence.policy";
import { canReadServices } from "./service.policy";

/**
 * An agency's service dashboard (surveys, complaints, applications) is read by whoever reads its
 * service catalogue: its SPBE roles, its service officers (petugas/pejabat layanan), the province
 * coordinator over its kab/kota, administrators. Anyone else is answered 404.
 */
export function canReadServiceDashboard(actor: Actor, agencyId: number): boolean {
  return canReadServices(actor, agencyId);
}

/** The province-wide dashboard (the province and its kab/kota pooled) follows the cockpit's scope. */
export function canReadProvinceServiceDashboard(actor: Actor, provinceId: number): boolean {
  return canReadCockpit(actor, provinceId);
}

/** Saving a dashboard or SKM report into the evidence library: those who upload the agency's evidence. */
export function canSaveServiceEvidence(actor: Actor, agencyId: number): boolean {
  return canUploadEvidence(actor, agencyId);
}
