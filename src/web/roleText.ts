import type { TFunction } from "i18next";
import type { RoleGrant } from "./accountsApi";

/** "Pimpinan · Kota Jambi (15.71)", or just the role name for national roles. */
export function roleText(t: TFunction, grant: Pick<RoleGrant, "role" | "agency">): string {
  const name = t(`roles.${grant.role}`);
  return grant.agency ? `${name} · ${grant.agency.name} (${grant.agency.code})` : name;
}
