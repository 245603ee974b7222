import { ApiError } from "./api";
import { api, type ApiBody, type ApiResponse } from "./apiTypes";

/*
 * User management, the agency register and the audit trail. Types from the API contract
 * (src/web/apiSchema.d.ts).
 */

/** A user as the management screens see it; `abilities` is what the signed-in user may do to them (the server's user policy). */
export type ManagedUser = ApiResponse<"getUsers">["users"][number];

/** A one-time invitation or reset link: e-mailed, or shown once to whoever made it. */
export type OneTimeLink = ApiResponse<"postUserResetLink">;

export type RoleInput = ApiBody<"postUserRoles">;

/**
 * A role the signed-in user may grant (decided by the server's user policy): national, in any
 * agency, or only in the listed agencies.
 */
export type GrantableRole = ApiResponse<"getUsersGrantableRoles">["roles"][number];

export type NewUser = ApiBody<"postUsers">;

export type Agency = ApiResponse<"getAgency">;

export type AuditEvent = Exclude<ApiResponse<"getAudit">, string>["events"][number];

/** The audit filters, as the API's query parameters (empty ones are left out). */
export interface AuditFilters {
  agency: string;
  actor: string;
  action: string;
  from: string;
  to: string;
}

export async function fetchUsers(signal?: AbortSignal): Promise<ManagedUser[]> {
  return (await api("get", "/api/users", { signal })).users;
}

/** The roles the signed-in user may grant, for the role pickers. */
export async function fetchGrantableRoles(signal?: AbortSignal): Promise<GrantableRole[]> {
  return (await api("get", "/api/users/grantable-roles", { signal })).roles;
}

export async function createUser(input: NewUser): Promise<{ user: ManagedUser; invitation: OneTimeLink | null }> {
  return api("post", "/api/users", { body: input });
}

export async function grantRole(userId: number, input: RoleInput): Promise<ManagedUser> {
  return api("post", "/api/users/{id}/roles", { path: { id: userId }, body: input });
}

export async function revokeRole(userId: number, roleId: number): Promise<void> {
  await api("delete", "/api/users/{id}/roles/{roleId}", { path: { id: userId, roleId } });
}

export async function createResetLink(userId: number): Promise<OneTimeLink> {
  return api("post", "/api/users/{id}/reset-link", { path: { id: userId } });
}

export async function searchAgencies(q: string, signal?: AbortSignal): Promise<Agency[]> {
  return (await api("get", "/api/agencies", { query: { q }, signal })).agencies;
}

export async function fetchAgency(code: string, signal?: AbortSignal): Promise<Agency> {
  return api("get", "/api/agencies/{code}", { path: { code }, signal });
}

/** The query string for the audit filters (without `?`); `format=csv` for the download. */
export function auditQuery(filters: AuditFilters, csv = false): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value.trim()) params.set(key, value.trim());
  if (csv) params.set("format", "csv");
  return params.toString();
}

export async function fetchAudit(filters: AuditFilters, signal?: AbortSignal): Promise<AuditEvent[]> {
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
  const body = await api("get", "/api/audit", { query, signal });
  // The route answers CSV text only when asked for format=csv, which this call never does.
  if (typeof body === "string") throw new ApiError(200, "invalid_response", "audit events are not JSON");
  return body.events;
}

export const auditCsvUrl = (filters: AuditFilters) => `/api/audit?${auditQuery(filters, true)}`;
