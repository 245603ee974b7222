import { isAdministrator, type Actor } from "../../core";

/** A backup holds every agency's data and every evidence file: administrators only. */
export function canTakeBackup(actor: Actor): boolean {
  return isAdministrator(actor);
}
