import { ApiError } from "./api";
import { api, apiUrl, type ApiBody, type ApiResponse } from "./apiTypes";

/*
 * Client of the service catalogue (Standar Pelayanan): the public catalogue (`/api/public/services`,
 * no session) and an agency's own catalogue with drafts (`/api/agencies/:code/services`).
 */

export type PublicService = ApiResponse<"getPublicService">;
export type AgencyServices = ApiResponse<"listAgencyServices">;
export type AgencyService = AgencyServices["services"][number];
export type ServiceDetail = ApiResponse<"getAgencyService">;
export type StandardVersion = ServiceDetail["versions"][number];
export type ServiceFields = ApiBody<"createAgencyService">;
export type StandardDraft = ApiBody<"saveServiceStandardDraft">;
export type ServiceSector = PublicService["sector"];

export interface PublicServiceFilter {
  province: string;
  q: string;
  sector: string;
  channel: string;
}

function publicQuery(f: PublicServiceFilter) {
  return {
    province: /^\d{2}$/.test(f.province) ? f.province : undefined,
    q: f.q.trim().length >= 2 ? f.q.trim() : undefined,
    sector: (f.sector || undefined) as PublicService["sector"] | undefined,
    channel: (["online", "mpp", "office"] as const).find((c) => c === f.channel),
  };
}

export async function fetchPublicServices(filter: PublicServiceFilter, signal?: AbortSignal): Promise<PublicService[]> {
  const body = await api("get", "/api/public/services", { query: publicQuery(filter), signal });
  // Text only for format=csv, which this call never asks for.
  if (typeof body === "string") throw new ApiError(200, "invalid_response", "services are not JSON");
  return body.services;
}

/** The CSV download of the catalogue with the same filters. */
export const publicServicesCsvUrl = (filter: PublicServiceFilter) => apiUrl("/api/public/services", {}, { ...publicQuery(filter), format: "csv" });

export function fetchPublicService(id: string, signal?: AbortSignal): Promise<PublicService> {
  return api("get", "/api/public/services/{id}", { path: { id: Number(id) }, signal });
}

export function fetchAgencyServices(code: string, signal?: AbortSignal): Promise<AgencyServices> {
  return api("get", "/api/agencies/{code}/services", { path: { code }, signal });
}

export function createAgencyService(code: string, body: ServiceFields): Promise<ServiceDetail> {
  return api("post", "/api/agencies/{code}/services", { path: { code }, body });
}

export function fetchAgencyService(code: string, serviceId: string, signal?: AbortSignal): Promise<ServiceDetail> {
  return api("get", "/api/agencies/{code}/services/{serviceId}", { path: { code, serviceId: Number(serviceId) }, signal });
}

export function updateAgencyService(code: string, serviceId: number, body: ServiceFields): Promise<ServiceDetail> {
  return api("put", "/api/agencies/{code}/services/{serviceId}", { path: { code, serviceId }, body });
}

export function startStandardDraft(code: string, serviceId: number): Promise<ServiceDetail> {
  return api("post", "/api/agencies/{code}/services/{serviceId}/versions", { path: { code, serviceId } });
}

export function saveStandardDraft(code: string, serviceId: number, version: number, body: StandardDraft): Promise<ServiceDetail> {
  return api("put", "/api/agencies/{code}/services/{serviceId}/versions/{version}", { path: { code, serviceId, version }, body });
}

export function putStandardInForce(code: string, serviceId: number, version: number): Promise<ApiResponse<"putServiceStandardInForce">> {
  return api("post", "/api/agencies/{code}/services/{serviceId}/versions/{version}/in-force", { path: { code, serviceId, version } });
}
