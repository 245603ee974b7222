import { api, type ApiResponse } from "./apiTypes";

/* Client of the service dashboard (`/api/agencies/:code/service-dashboard`) and its "Simpan sebagai bukti". */

export type ServiceDashboard = ApiResponse<"getServiceDashboard">;
export type SavedEvidence = ApiResponse<"saveServiceDashboardEvidence">;
export type DashboardFigures = ServiceDashboard["agency"]["figures"];

export const fetchServiceDashboard = (code: string, year: number, granularity: "quarter" | "month", signal?: AbortSignal): Promise<ServiceDashboard> =>
  api("get", "/api/agencies/{code}/service-dashboard", { path: { code }, query: { year, granularity }, signal });
export const saveDashboardEvidence = (code: string, year: number): Promise<SavedEvidence> => api("post", "/api/agencies/{code}/service-dashboard/evidence", { path: { code }, body: { year } });
