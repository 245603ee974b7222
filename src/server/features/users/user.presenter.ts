import type { UserWithRoles } from "../../../db/queries/users";
import type { UserResponse } from "./users.schema";

/** A user for the management screens, with what the caller may do to them; never the password hash. */
export function presentUser(u: UserWithRoles, abilities: UserResponse["abilities"]): UserResponse {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    nip: u.nip,
    phone: u.phone,
    disabled: u.disabled,
    roles: u.roles.map((r) => ({ id: r.id, role: r.role, agency: r.agencyCode && r.agencyName ? { code: r.agencyCode, name: r.agencyName } : null })),
    abilities,
  };
}

/** The path of the page where a one-time link is redeemed. */
export const linkPath = (token: string) => `/atur-sandi/${token}`;
