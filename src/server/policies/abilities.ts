import { isAdministrator, type Actor } from "../../core";
import { auditScope } from "./audit.policy";
import { canManageUsers } from "./user.policy";

/** What the signed-in user may do, for the UI to show or hide controls (it never re-derives them). */
export function abilitiesOf(actor: Actor) {
  const scope = auditScope(actor);
  return {
    manageUsers: canManageUsers(actor),
    readAudit: scope === "all" || scope.length > 0,
    manageTokens: true,
    /** National periods (administrators) or a province's internal ones (its Koordinator Provinsi). */
    createPeriod: actor.canWrite && (isAdministrator(actor) || actor.grants.some((g) => g.role === "koordinator_provinsi")),
    write: actor.canWrite,
  };
}
export type Abilities = ReturnType<typeof abilitiesOf>;
