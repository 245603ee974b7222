import { hasRole, isAdministrator, NATIONAL_ROLES, type Actor } from "../../core";
import { auditScope } from "./audit.policy";
import { canManageUsers } from "./user.policy";
import { canUploadInstrument } from "./instrument.policy";
import { cockpitScope, nationalScope } from "./cockpit.policy";
import { evidenceLibraryReach } from "./evidence.policy";

/** What the signed-in user may do, for the UI to show or hide controls (it never re-derives them). */
export function abilitiesOf(actor: Actor, options: { pimpinanOfProvince?: boolean } = {}) {
  const scope = auditScope(actor);
  const cockpit = cockpitScope(actor);
  const evidence = evidenceLibraryReach(actor);
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
    /** Upload an instrument or a new version of one: administrators (with a token that may write). */
    uploadInstruments: actor.canWrite && canUploadInstrument(actor),
    /** The evidence library page: people of an agency, and those who read other agencies' libraries (below). */
    evidenceLibrary: evidence !== "none",
    /** The page picks any agency (administrators, Tim Reviu, a Koordinator Provinsi); the server still answers 404 outside the reader's reach. */
    evidenceOtherAgencies: evidence === "other",
  };
}
export type Abilities = ReturnType<typeof abilitiesOf>;
