import type { Role } from "../../../core";
import type { UserRow } from "../../../db/queries/actors";
import type { AuthState } from "../../auth/auth-state";
import { abilitiesOf } from "../../policies/abilities";
import type { MeResponse } from "./auth.schema";

/** The signed-in user as the UI sees it: profile, roles with agencies, computed abilities. */
export function presentMe(
  auth: Pick<AuthState, "actor" | "via" | "csrfToken"> & { user: UserRow },
  roles: { id: number; role: string; agencyCode: string | null; agencyName: string | null }[],
): MeResponse {
  const u = auth.user;
  return {
    user: { id: u.id, email: u.email, name: u.name, nip: u.nip, phone: u.phone, language: u.language, twoFactor: u.totpEnabled },
    roles: roles.map((r) => ({ id: r.id, role: r.role as Role, agency: r.agencyCode && r.agencyName ? { code: r.agencyCode, name: r.agencyName } : null })),
    // Province agencies carry the two-digit Kemendagri code (e.g. "15" Jambi).
    abilities: abilitiesOf(auth.actor, { pimpinanOfProvince: roles.some((r) => r.role === "pimpinan" && /^\d{2}$/.test(r.agencyCode ?? "")) }),
    via: auth.via,
    csrfToken: auth.csrfToken ?? null,
  };
}
