import { isAdministrator, type Actor } from "../../core";

/** Instruments decide every agency's index: only an administrator uploads one (or a new version). */
export function canUploadInstrument(actor: Actor): boolean {
  return isAdministrator(actor);
}

/** Who uploaded an instrument is shown to administrators only; the instruments themselves are public. */
export function canSeeInstrumentUploaders(actor: Actor | null): boolean {
  return actor !== null && isAdministrator(actor);
}
