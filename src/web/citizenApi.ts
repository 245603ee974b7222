import { ApiError, isRecord } from "./api";
import type { ApiBody, ApiResponse } from "./apiTypes";

/*
 * The citizen side's API calls. They carry the citizen session's own CSRF token (not the staff
 * session's, which `api.ts` keeps), so one browser may hold both sessions without mixing them up.
 */
let citizenCsrf: string | null = null;

export function setCitizenCsrfToken(token: string | null): void {
  citizenCsrf = token;
}

/** The citizen session's CSRF token as last seen (null until a sign-in or `/api/citizen/me` answered). */
export const citizenCsrfToken = (): string | null => citizenCsrf;

export type CitizenMe = ApiResponse<"getCitizenMe">;
export type CitizenSignInOptions = ApiResponse<"getCitizenSignInOptions">;
export type CodeRequestAnswer = ApiResponse<"postCitizenSignInCode">;

async function citizenRequest(method: "GET" | "POST" | "PATCH", path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && citizenCsrf) headers["x-csrf-token"] = citizenCsrf;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  } catch (e) {
    throw new ApiError(0, "network", e instanceof Error ? e.message : String(e));
  }
  let json: unknown;
  try {
    json = res.status === 204 ? undefined : await res.json();
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const code = isRecord(json) && typeof json.error === "string" ? json.error : `http_${res.status}`;
    const retry = Number(res.headers.get("retry-after"));
    throw new ApiError(res.status, code, isRecord(json) && typeof json.message === "string" ? json.message : res.statusText, Number.isFinite(retry) && retry > 0 ? retry : null, isRecord(json) ? json.details : undefined);
  }
  if (isRecord(json) && typeof json.csrfToken === "string") citizenCsrf = json.csrfToken;
  return json;
}

/** The signed-in citizen, or null when no citizen is signed in. */
export async function fetchCitizenMe(): Promise<CitizenMe | null> {
  const answer = (await citizenRequest("GET", "/api/citizen/session")) as ApiResponse<"getCitizenSession">;
  return answer.citizen ? (answer as CitizenMe) : null;
}

export const fetchSignInOptions = async () => (await citizenRequest("GET", "/api/citizen/sign-in/options")) as CitizenSignInOptions;
export const requestSignInCode = async (body: ApiBody<"postCitizenSignInCode">) => (await citizenRequest("POST", "/api/citizen/sign-in/code", body)) as CodeRequestAnswer;
export const verifySignInCode = async (body: ApiBody<"postCitizenSignInVerify">) => (await citizenRequest("POST", "/api/citizen/sign-in/verify", body)) as ApiResponse<"postCitizenSignInVerify">;
export const updateCitizenProfile = async (body: ApiBody<"patchCitizenMe">) => (await citizenRequest("PATCH", "/api/citizen/me", body)) as CitizenMe;
export const citizenSignOut = async () => {
  await citizenRequest("POST", "/api/citizen/sign-out");
};

/** Where the OIDC button goes (a full page load: the server redirects to the provider). */
export const citizenOidcStartUrl = (returnTo = "/warga") => `/api/citizen/oidc/start?returnTo=${encodeURIComponent(returnTo)}`;
export const CITIZEN_EXPORT_URL = "/api/citizen/me/export";

export const fetchStaffSsoOptions = async () => (await citizenRequest("GET", "/api/auth/oidc/options")) as ApiResponse<"getAuthOidcOptions">;
export const staffSsoStartUrl = (returnTo = "/beranda") => `/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`;
