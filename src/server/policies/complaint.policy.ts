import { hasRole, isAdministrator, SERVICE_ROLES, type Actor } from "../../core";

/** The Pandu roles the actor holds in the agency that act on complaints (petugas_layanan, pejabat_layanan). */
export function complaintRolesOf(actor: Actor, agencyId: number): string[] {
  return actor.grants.filter((g) => g.agencyId === agencyId && (SERVICE_ROLES as readonly string[]).includes(g.role)).map((g) => g.role);
}

/** The agency's service officers and officials handle its complaints (workflow actions, identity on request). */
export function canHandleComplaints(actor: Actor, agencyId: number): boolean {
  return complaintRolesOf(actor, agencyId).length > 0;
}

/** Read (inbox, detail without a confidential identity): the handlers, the agency's Koordinator SPBE, administrators. Anyone else: 404. */
export function canReadComplaints(actor: Actor, agencyId: number): boolean {
  return canHandleComplaints(actor, agencyId) || hasRole(actor, "koordinator_spbe", agencyId) || isAdministrator(actor);
}

/** Only the handlers may ask to see a reporter's identity (each view logged). */
export const canViewReporterIdentity = canHandleComplaints;

/** The agency's service staff and Koordinator SPBE keep the FAQ of its services. */
export function canManageFaq(actor: Actor, agencyId: number): boolean {
  return canHandleComplaints(actor, agencyId) || hasRole(actor, "koordinator_spbe", agencyId) || isAdministrator(actor);
}
