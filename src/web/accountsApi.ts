import { api, type ApiBody, type ApiResponse } from "./apiTypes";

/*
 * The signed-in user's account: session, profile, password, two-factor sign-in, API tokens, and the
 * one-time invitation/reset links. Types from the API contract (src/web/apiSchema.d.ts).
 */

/** The signed-in user as `GET /api/me` describes it. */
export type Me = ApiResponse<"getMe">;
/** One role a user holds, with its agency (null for national roles). */
export type RoleGrant = Me["roles"][number];
export type Abilities = Me["abilities"];

export type ApiToken = ApiResponse<"getTokens">["tokens"][number];
export type TwoFactorSetup = ApiResponse<"postMe2faSetup">;
export type LinkInfo = ApiResponse<"getAuthLink">;
export type ProfileChange = ApiBody<"patchMe">;

/** The signed-in user, or null when nobody is signed in (asked of `/api/session`, which answers 200 either way). */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  const body = await api("get", "/api/session", { signal });
  return body.user === null ? null : body;
}

export async function login(input: ApiBody<"postAuthLogin">): Promise<Me> {
  return api("post", "/api/auth/login", { body: input });
}

/** Completes an SSO sign-in of a two-factor account with the authenticator code; where to go next. */
export async function finishSsoWithTotp(totp: string): Promise<string> {
  return (await api("post", "/api/auth/oidc/totp", { body: { totp } })).returnTo;
}

export async function logout(): Promise<void> {
  await api("post", "/api/auth/logout");
}

export async function logoutEverywhere(): Promise<void> {
  await api("post", "/api/auth/logout-all");
}

/** Updates the caller's own profile (name, NIP, phone, language). */
export async function updateProfile(change: ProfileChange): Promise<Me> {
  return api("patch", "/api/me", { body: change });
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<Me> {
  return api("post", "/api/me/password", { body: { currentPassword, newPassword } });
}

export async function startTwoFactor(): Promise<TwoFactorSetup> {
  return api("post", "/api/me/2fa/setup");
}

export async function enableTwoFactor(code: string): Promise<void> {
  await api("post", "/api/me/2fa/enable", { body: { code } });
}

export async function disableTwoFactor(password: string): Promise<void> {
  await api("post", "/api/me/2fa/disable", { body: { password } });
}

export async function fetchTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return (await api("get", "/api/tokens", { signal })).tokens;
}

export async function createToken(input: { name: string; scope: "read" | "write"; days: number }): Promise<ApiResponse<"postTokens">> {
  return api("post", "/api/tokens", { body: input });
}

export async function revokeToken(id: number): Promise<void> {
  await api("delete", "/api/tokens/{id}", { path: { id } });
}

export async function fetchLinkInfo(token: string, signal?: AbortSignal): Promise<LinkInfo> {
  return api("get", "/api/auth/links/{token}", { path: { token }, signal });
}

export async function setPasswordWithLink(token: string, password: string): Promise<void> {
  await api("post", "/api/auth/set-password", { body: { token, password } });
}

/** A staff account's link to an SSO (OpenID Connect) identity. */
export type OidcIdentity = ApiResponse<"listMyOidcIdentities">["identities"][number];

export async function fetchMyOidcIdentities(signal?: AbortSignal): Promise<OidcIdentity[]> {
  return (await api("get", "/api/me/oidc-identities", { signal })).identities;
}
/** Unlinking one's own SSO identity needs the password (like turning two-factor sign-in off). */
export async function unlinkMyOidcIdentity(identity: OidcIdentity, password: string): Promise<void> {
  await api("post", "/api/me/oidc-identities/unlink", { body: { issuer: identity.issuer, subject: identity.subject, password } });
}
export async function fetchUserOidcIdentities(userId: number, signal?: AbortSignal): Promise<OidcIdentity[]> {
  return (await api("get", "/api/users/{id}/oidc-identities", { path: { id: userId }, signal })).identities;
}
export async function unlinkUserOidcIdentity(userId: number, identity: OidcIdentity): Promise<void> {
  await api("post", "/api/users/{id}/oidc-identities/unlink", { path: { id: userId }, body: { issuer: identity.issuer, subject: identity.subject } });
}
