import type { Actor } from "../../core";
import { auditScope } from "./audit.policy";
import { canManageUsers } from "./user.policy";

/** What the signed-in user may do, for the UI to show or hide controls (it never re-derives them). */
export function abilitiesOf(actor: Actor) {
  const scope = auditScope(actor);
  return {
    manageUsers: canManageUsers(actor),
    readAudit: scope === "all" || scope.length > 0,
    manageTokens: true,
    write: actor.canWrite,
  };
}
export type Abilities = ReturnType<typeof abilitiesOf>;
