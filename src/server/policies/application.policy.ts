import { SERVICE_ROLES, type Actor } from "../../core";

/** The agency roles a staff member holds in an agency (for mapping onto a workflow's officer roles). */
export function agencyRolesOf(actor: Actor, agencyId: number): string[] {
  return actor.grants.filter((g) => g.agencyId === agencyId).map((g) => g.role);
}

/**
 * Online applications of an agency are worked (queue, detail, actions, forms) by its service officers
 * (petugas_layanan) and officials (pejabat_layanan) only; anyone else, any other agency: 404.
 */
export function canWorkApplications(actor: Actor, agencyId: number): boolean {
  return actor.grants.some((g) => g.agencyId === agencyId && (SERVICE_ROLES as readonly string[]).includes(g.role));
}
