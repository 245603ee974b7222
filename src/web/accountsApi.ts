import type { Role } from "../core/access/roles";
import { ApiError, arrayField, getJson, isRecord, request } from "./api";

/** One role a user holds, with its agency (null for national roles). */
export interface RoleGrant {
  id: number;
  role: Role;
  agency: { code: string; name: string } | null;
}

export interface Abilities {
  openCockpit: boolean;
  openNational: boolean;
  openPilotingBoard: boolean;
  readOwnPlanning: boolean;
  manageUsers: boolean;
  readAudit: boolean;
  manageTokens: boolean;
  createPeriod: boolean;
  write: boolean;
  /** The agency's evidence library (/bukti). */
  evidenceLibrary: boolean;
  /** The evidence page picks any agency (administrators, Tim Reviu, Koordinator Provinsi). */
  evidenceOtherAgencies: boolean;
}

/** The signed-in user as `GET /api/me` describes it. */
export interface Me {
  user: { id: number; email: string; name: string; nip: string | null; phone: string | null; language: string; twoFactor: boolean };
  roles: RoleGrant[];
  abilities: Abilities;
  via: "session" | "token";
  csrfToken: string | null;
}

export interface ApiToken {
  id: number;
  name: string;
  scope: "read" | "write";
  expiresAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
  createdAt: string;
}

export interface TwoFactorSetup {
  secret: string;
  uri: string;
  qrDataUrl: string;
}

export interface LinkInfo {
  email: string;
  name: string;
  purpose: "invitation" | "reset";
}

function asMe(body: unknown): Me {
  if (!isRecord(body) || !isRecord(body.user) || !Array.isArray(body.roles) || !isRecord(body.abilities)) {
    throw new ApiError(200, "invalid_response", "not a user");
  }
  return body as unknown as Me;
}

/** The signed-in user, or null when nobody is signed in (asked of `/api/session`, which answers 200 either way). */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  const body = await getJson("/api/session", signal);
  return isRecord(body) && body.user === null ? null : asMe(body);
}

export async function login(input: { email: string; password: string; totp?: string }): Promise<Me> {
  return asMe(await request("POST", "/api/auth/login", input));
}

export async function logout(): Promise<void> {
  await request("POST", "/api/auth/logout");
}

export async function logoutEverywhere(): Promise<void> {
  await request("POST", "/api/auth/logout-all");
}

export interface ProfileChange {
  name?: string;
  nip?: string | null;
  phone?: string | null;
  language?: "id" | "en";
}

/** Updates the caller's own profile (name, NIP, phone, language). */
export async function updateProfile(change: ProfileChange): Promise<Me> {
  return asMe(await request("PATCH", "/api/me", change));
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<Me> {
  return asMe(await request("POST", "/api/me/password", { currentPassword, newPassword }));
}

export async function startTwoFactor(): Promise<TwoFactorSetup> {
  return (await request("POST", "/api/me/2fa/setup")) as TwoFactorSetup;
}

export async function enableTwoFactor(code: string): Promise<void> {
  await request("POST", "/api/me/2fa/enable", { code });
}

export async function disableTwoFactor(password: string): Promise<void> {
  await request("POST", "/api/me/2fa/disable", { password });
}

export async function fetchTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return arrayField<ApiToken>(await getJson("/api/tokens", signal), "tokens");
}

export async function createToken(input: { name: string; scope: "read" | "write"; days: number }): Promise<ApiToken & { token: string }> {
  return (await request("POST", "/api/tokens", input)) as ApiToken & { token: string };
}

export async function revokeToken(id: number): Promise<void> {
  await request("DELETE", `/api/tokens/${id}`);
}

export async function fetchLinkInfo(token: string, signal?: AbortSignal): Promise<LinkInfo> {
  return (await getJson(`/api/auth/links/${encodeURIComponent(token)}`, signal)) as LinkInfo;
}

export async function setPasswordWithLink(token: string, password: string): Promise<void> {
  await request("POST", "/api/auth/set-password", { token, password });
}
