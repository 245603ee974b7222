/**
 * SPBE roles (PermenPANRB 59/2020 BAB III, Pedoman 3/2024) and where each applies. Codes are stable
 * values stored in the database; the interface shows the Indonesian names from the catalogues.
 */
export const AGENCY_ROLES = ["koordinator_spbe", "penanggung_jawab", "pelaksana_entri", "asesor_internal", "pimpinan", "petugas_layanan", "pejabat_layanan"] as const;
/**
 * The agency roles of citizen services (applications, complaints), apart from the SPBE evaluation:
 * a service officer (front desk, verification, processing, complaint handling) and the official who
 * decides and signs. Which of a workflow's officer roles each holds is the workflow's `heldBy`.
 */
export const SERVICE_ROLES = ["petugas_layanan", "pejabat_layanan"] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];
export const PROVINCE_ROLES = ["koordinator_provinsi"] as const;
export const NATIONAL_ROLES = ["asesor_eksternal", "tim_reviu", "administrator"] as const;
export const ROLES = [...AGENCY_ROLES, ...PROVINCE_ROLES, ...NATIONAL_ROLES] as const;

export type AgencyRole = (typeof AGENCY_ROLES)[number];
export type Role = (typeof ROLES)[number];

/** Whether a role is held in one agency (or province) rather than nationally. */
export function roleNeedsAgency(role: Role): boolean {
  return !(NATIONAL_ROLES as readonly string[]).includes(role);
}

/** One role a user holds; `agencyId` is null for national roles. */
export interface RoleGrant {
  role: Role;
  agencyId: number | null;
}

/** The signed-in caller as policies see it. */
export interface Actor {
  userId: number;
  grants: RoleGrant[];
  /** Kabupaten/kota under each province the actor coordinates (province id → child ids). */
  provinceChildren: Record<number, number[]>;
  /** API tokens may be read-only; sessions always write. */
  canWrite: boolean;
}

/** Whether the actor holds `role` (in `agencyId` when given). */
export function hasRole(actor: Actor, role: Role, agencyId?: number): boolean {
  return actor.grants.some((g) => g.role === role && (agencyId === undefined || g.agencyId === agencyId));
}

export const isAdministrator = (actor: Actor) => hasRole(actor, "administrator");

/** Agencies where the actor holds an SPBE agency role (not the province coordinator's, not a service role). */
export function agenciesOf(actor: Actor): number[] {
  return actor.grants.filter((g) => g.agencyId !== null && g.role !== "koordinator_provinsi" && !isServiceRole(g.role)).map((g) => g.agencyId!);
}

/** A citizen-service role: it opens the agency's services, applications and complaints, not its SPBE evaluation. */
export const isServiceRole = (role: Role): role is ServiceRole => (SERVICE_ROLES as readonly string[]).includes(role);

/** Whether the actor serves citizens in the agency (petugas_layanan or pejabat_layanan there). */
export const servesAgency = (actor: Actor, agencyId: number): boolean => actor.grants.some((g) => g.agencyId === agencyId && isServiceRole(g.role));

/** Agencies the actor may read as a coordinator: own agencies, plus each coordinated province and its kab/kota. */
export function readableAgencies(actor: Actor): Set<number> {
  const out = new Set(agenciesOf(actor));
  for (const g of actor.grants) {
    if (g.role !== "koordinator_provinsi" || g.agencyId === null) continue;
    out.add(g.agencyId);
    for (const c of actor.provinceChildren[g.agencyId] ?? []) out.add(c);
  }
  return out;
}

/**
 * The assignments that still give the actor work on an assessment of `agencyId`: an assignment
 * counts only while its holder keeps the role it was made for (an external assessor's national
 * grant; an internal assessor's grant in that agency). A revoked role leaves no access behind, even
 * if an assignment row outlived it.
 */
export function assignmentsInForce<T extends { role: string }>(actor: Actor, agencyId: number, assignments: readonly T[]): T[] {
  return assignments.filter((a) => (a.role === "asesor_eksternal" ? hasRole(actor, "asesor_eksternal") : a.role === "asesor_internal" && hasRole(actor, "asesor_internal", agencyId)));
}
