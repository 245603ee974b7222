import type { Role } from "../core/access/roles";
import type { RoleGrant } from "./accountsApi";
import { arrayField, getJson, request } from "./api";

/** A user as the management screens see it. */
export interface ManagedUser {
  id: number;
  email: string;
  name: string;
  nip: string | null;
  phone: string | null;
  disabled: boolean;
  roles: RoleGrant[];
  /** What the signed-in user may do to this user (decided by the server's user policy). */
  abilities: { manageRoles: boolean; resetLink: boolean };
}

/** A one-time invitation or reset link: e-mailed, or shown once to whoever made it. */
export interface OneTimeLink {
  delivery: "email" | "shown";
  token?: string;
  path?: string;
  expiresAt: string;
}

export interface RoleInput {
  role: Role;
  agencyCode?: string;
}

/**
 * A role the signed-in user may grant (decided by the server's user policy): national, in any
 * agency, or only in the listed agencies.
 */
export interface GrantableRole {
  role: Role;
  scope: "national" | "any_agency" | "agencies";
  agencies: { code: string; name: string }[];
}

export interface NewUser {
  email: string;
  name: string;
  nip?: string;
  phone?: string;
  roles: RoleInput[];
}

export interface Agency {
  code: string;
  name: string;
  category: string;
  regionName: string | null;
  parent: { code: string; name: string } | null;
}

export interface AuditEvent {
  id: number;
  at: string;
  agencyCode: string | null;
  actor: string;
  action: string;
  target: { type: string; id: string | null };
  changes: { before: Record<string, unknown> | null; after: Record<string, unknown> | null };
  ip: string | null;
  userAgent: string | null;
}

/** The audit filters, as the API's query parameters (empty ones are left out). */
export interface AuditFilters {
  agency: string;
  actor: string;
  action: string;
  from: string;
  to: string;
}

export async function fetchUsers(signal?: AbortSignal): Promise<ManagedUser[]> {
  return arrayField<ManagedUser>(await getJson("/api/users", signal), "users");
}

/** The roles the signed-in user may grant, for the role pickers. */
export async function fetchGrantableRoles(signal?: AbortSignal): Promise<GrantableRole[]> {
  return arrayField<GrantableRole>(await getJson("/api/users/grantable-roles", signal), "roles");
}

export async function createUser(input: NewUser): Promise<{ user: ManagedUser; invitation: OneTimeLink | null }> {
  return (await request("POST", "/api/users", input)) as { user: ManagedUser; invitation: OneTimeLink | null };
}

export async function grantRole(userId: number, input: RoleInput): Promise<ManagedUser> {
  return (await request("POST", `/api/users/${userId}/roles`, input)) as ManagedUser;
}

export async function revokeRole(userId: number, roleId: number): Promise<void> {
  await request("DELETE", `/api/users/${userId}/roles/${roleId}`);
}

export async function createResetLink(userId: number): Promise<OneTimeLink> {
  return (await request("POST", `/api/users/${userId}/reset-link`)) as OneTimeLink;
}

export async function searchAgencies(q: string, signal?: AbortSignal): Promise<Agency[]> {
  return arrayField<Agency>(await getJson(`/api/agencies?q=${encodeURIComponent(q)}`, signal), "agencies");
}

export async function fetchAgency(code: string, signal?: AbortSignal): Promise<Agency> {
  return (await getJson(`/api/agencies/${encodeURIComponent(code)}`, signal)) as Agency;
}

/** The query string for the audit filters (without `?`); `format=csv` for the download. */
export function auditQuery(filters: AuditFilters, csv = false): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value.trim()) params.set(key, value.trim());
  if (csv) params.set("format", "csv");
  return params.toString();
}

export async function fetchAudit(filters: AuditFilters, signal?: AbortSignal): Promise<AuditEvent[]> {
  const query = auditQuery(filters);
  return arrayField<AuditEvent>(await getJson(`/api/audit${query ? `?${query}` : ""}`, signal), "events");
}

export const auditCsvUrl = (filters: AuditFilters) => `/api/audit?${auditQuery(filters, true)}`;
