import { api, apiUrl, type ApiBody, type ApiResponse } from "./apiTypes";
import { xhrSend } from "./xhrSend";

/** An agency's kop surat settings and what its documents print. */
export type Letterhead = ApiResponse<"getAgencyLetterhead">;
export type LetterheadChange = ApiBody<"putAgencyLetterhead">;

export function fetchLetterhead(code: string, signal?: AbortSignal): Promise<Letterhead> {
  return api("get", "/api/agencies/{code}/letterhead", { path: { code }, signal });
}

export function saveLetterhead(code: string, body: LetterheadChange): Promise<Letterhead> {
  return api("put", "/api/agencies/{code}/letterhead", { path: { code }, body });
}

/** Uploads the logo (PNG or JPEG, at most 1 MB; the server checks the bytes). */
export async function uploadLetterheadLogo(code: string, file: File): Promise<Letterhead> {
  const form = new FormData();
  form.append("file", file, file.name);
  return (await xhrSend("PUT", apiUrl("/api/agencies/{code}/letterhead/logo", { code }), form, {}, () => undefined).done) as Letterhead;
}

export function removeLetterheadLogo(code: string): Promise<Letterhead> {
  return api("delete", "/api/agencies/{code}/letterhead/logo", { path: { code } });
}

/** The current logo's address; `version` (its SHA-256) makes a replaced logo load afresh. */
export const letterheadLogoUrl = (code: string, version: string) => `${apiUrl("/api/agencies/{code}/letterhead/logo", { code })}?v=${version.slice(0, 12)}`;
