import { hasRole, isAdministrator, NATIONAL_ROLES, type Actor } from "../../core";
import { auditScope } from "./audit.policy";
import { canManageUsers } from "./user.policy";
import { cockpitScope, nationalScope } from "./cockpit.policy";

/** Roles held inside one agency, whose holders work with that agency's evidence library. */
const AGENCY_ROLES = new Set(["koordinator_spbe", "penanggung_jawab", "pelaksana_entri", "asesor_internal", "pimpinan"]);

/** What the signed-in user may do, for the UI to show or hide controls (it never re-derives them). */
export function abilitiesOf(actor: Actor, options: { pimpinanOfProvince?: boolean } = {}) {
  const scope = auditScope(actor);
  const cockpit = cockpitScope(actor);
  return {
    /** The province cockpit: national roles, a Koordinator Provinsi, the Pimpinan of a province agency. */
    openCockpit: cockpit === "all" || actor.grants.some((g) => g.role === "koordinator_provinsi") || (options.pimpinanOfProvince ?? false),
    /** The national view: administrators, the review team, external assessors (their agencies). */
    openNational: nationalScope(actor) !== null,
    /** The province piloting board: national roles and Koordinator Provinsi. */
    openPilotingBoard: NATIONAL_ROLES.some((r) => hasRole(actor, r)) || actor.grants.some((g) => g.role === "koordinator_provinsi"),
    /** Recommendations and actions of one's own agency (any agency-level role). */
    readOwnPlanning: actor.grants.some((g) => g.agencyId !== null && g.role !== "koordinator_provinsi"),
    manageUsers: canManageUsers(actor),
    readAudit: scope === "all" || scope.length > 0,
    manageTokens: true,
    /** National periods (administrators) or a province's internal ones (its Koordinator Provinsi). */
    createPeriod: actor.canWrite && (isAdministrator(actor) || actor.grants.some((g) => g.role === "koordinator_provinsi")),
    write: actor.canWrite,
    /** The evidence library page: people of an agency (their own agency's library). */
    evidenceLibrary: actor.grants.some((g) => g.agencyId !== null && AGENCY_ROLES.has(g.role)),
  };
}
export type Abilities = ReturnType<typeof abilitiesOf>;
