import type { Role } from "../../../core";
import type { UserWithRoles } from "../../../db/queries/users";
import type { GrantableRole, UserResponse } from "./users.schema";

/** A user for the management screens, with what the caller may do to them; never the password hash. */
export function presentUser(u: UserWithRoles, abilities: UserResponse["abilities"]): UserResponse {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    nip: u.nip,
    phone: u.phone,
    disabled: u.disabled,
    // The column holds only known roles (granted through RoleInput); the answer schema checks it again.
    roles: u.roles.map((r) => ({ id: r.id, role: r.role as Role, agency: r.agencyCode && r.agencyName ? { code: r.agencyCode, name: r.agencyName } : null })),
    abilities,
  };
}

/** The path of the page where a one-time link is redeemed. */
export const linkPath = (token: string) => `/atur-sandi/${token}`;

/** The roles the caller may grant, with the agencies (code and name) where each applies. */
export function presentGrantableRoles(grantable: { role: GrantableRole["role"]; agencyIds: number[] | "any" | null }[], agencies: { id: number; code: string; name: string }[]): GrantableRole[] {
  return grantable.map((g) => ({
    role: g.role,
    scope: g.agencyIds === null ? "national" : g.agencyIds === "any" ? "any_agency" : "agencies",
    agencies: Array.isArray(g.agencyIds) ? agencies.filter((a) => (g.agencyIds as number[]).includes(a.id)).map((a) => ({ code: a.code, name: a.name })) : [],
  }));
}
