import { api, type ApiBody, type ApiResponse } from "./apiTypes";
import { citizenApi } from "./applicationsApi";

/*
 * Client of complaints (SP4N-LAPOR!): public intake and tracking (no session), a signed-in
 * citizen's list, and an agency's inbox (`/api/agencies/:code/complaints`).
 */

export type ComplaintIntake = ApiBody<"fileComplaint">;
export type FiledComplaint = ApiResponse<"fileComplaint">;
export type TrackedComplaint = ApiResponse<"trackComplaint">;
export type ComplaintInbox = ApiResponse<"listAgencyComplaints">;
export type ComplaintDetail = ApiResponse<"getAgencyComplaint">;
export type ComplaintAction = ApiBody<"actOnComplaint">;
export type ReporterAction = ApiBody<"actOnTrackedComplaint">["action"];
export type SlaFilter = "on_track" | "due_soon" | "breached" | "paused";

export const fileComplaint = (agency: string, body: ComplaintIntake): Promise<FiledComplaint> => api("post", "/api/public/agencies/{code}/complaints", { path: { code: agency }, body });

export const trackComplaint = (trackingNumber: string, checkValue: string): Promise<TrackedComplaint> => api("post", "/api/public/complaints/track", { body: { trackingNumber, checkValue } });

export const actAsReporter = (trackingNumber: string, checkValue: string, action: ReporterAction, reason?: string): Promise<TrackedComplaint> =>
  api("post", "/api/public/complaints/track/actions", { body: { trackingNumber, checkValue, action, ...(reason ? { reason } : {}) } });

export const fetchInbox = (code: string, sla: SlaFilter | "", signal?: AbortSignal): Promise<ComplaintInbox> =>
  api("get", "/api/agencies/{code}/complaints", { path: { code }, query: sla ? { sla } : {}, signal });

export const fetchComplaint = (code: string, id: string, signal?: AbortSignal): Promise<ComplaintDetail> => api("get", "/api/agencies/{code}/complaints/{id}", { path: { code, id: Number(id) }, signal });

export const actOnComplaint = (code: string, id: number, body: ComplaintAction): Promise<ComplaintDetail> => api("post", "/api/agencies/{code}/complaints/{id}/actions", { path: { code, id }, body });

export const revealReporter = (code: string, id: number, reason: string) => api("post", "/api/agencies/{code}/complaints/{id}/identity", { path: { code, id }, body: { reason } });

export type OfficerFaq = ApiResponse<"getServiceFaq">;
/** A service's FAQ as its agency keeps it. */
export const fetchOfficerFaq = (code: string, serviceId: string, signal?: AbortSignal): Promise<OfficerFaq> => api("get", "/api/agencies/{code}/services/{serviceId}/faq", { path: { code, serviceId: Number(serviceId) }, signal });
/** Replaces the FAQ (the order given is the order shown). */
export const saveServiceFaq = (code: string, serviceId: number, entries: { question: string; answer: string }[]) => api("put", "/api/agencies/{code}/services/{serviceId}/faq", { path: { code, serviceId }, body: { entries } });
/** The signed-in citizen's complaints (their own session and CSRF token). */
export const fetchMyComplaints = (signal?: AbortSignal) => citizenApi("get", "/api/citizen/complaints", { signal });
/** The signed-in citizen acts on a complaint of their own. */
export const actOnMyComplaint = (trackingNumber: string, action: ReporterAction, reason?: string): Promise<TrackedComplaint> => citizenApi("post", "/api/citizen/complaints/actions", { body: { trackingNumber, action, ...(reason ? { reason } : {}) } });
export const fetchServiceFaq = (id: string, signal?: AbortSignal) => api("get", "/api/public/services/{id}/faq", { path: { id: Number(id) }, signal });

/** Reads a chosen file as base64 (without the data: prefix) for the intake body. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onerror = () => reject(r.error ?? new Error("read failed"));
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ""));
    r.readAsDataURL(file);
  });
}
