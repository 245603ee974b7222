import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Database } from "../../db/client";
import { findLiveCitizenSession, type CitizenRow } from "../../db/queries/citizens";
import { createCitizenSession, deleteCitizenSession, touchCitizenSession } from "../../db/commands/citizens";
import { safeEqual, sha256Hex } from "../../lib/secure-token";
import { AppError } from "../errors";
import { CSRF_HEADER, sessionActivity, type SessionSettings } from "../auth/session-settings";

/** The citizen session cookie: apart from staff's `pandu_session`, so one browser can hold both. */
export const CITIZEN_COOKIE = "pandu_citizen";

/** The signed-in citizen of a request. */
export interface CitizenAuth {
  citizen: CitizenRow;
  sessionId: string;
  csrfToken: string;
  method: string;
}

declare module "fastify" {
  interface FastifyRequest {
    citizenAuth: CitizenAuth | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Resolves the citizen from the `pandu_citizen` cookie on /api requests (idle and hard limits as
 * staff sessions), and enforces routes declared `access: "citizen"`: a signed-in citizen (401
 * `citizen_sign_in_required`) and, on writes, the session's CSRF token in the X-CSRF-Token header (403
 * `csrf_failed`). Staff sign-in does not count as a citizen's, nor the reverse.
 */
export function registerCitizenAuthentication(app: FastifyInstance, database: Database, settings: SessionSettings, now: () => Date = () => new Date()): void {
  app.decorateRequest("citizenAuth", null);
  app.addHook("onRequest", async (req) => {
    req.citizenAuth = null;
    if (!req.url.startsWith("/api/")) return;
    const cookie = req.cookies[CITIZEN_COOKIE];
    if (!cookie) return;
    const id = sha256Hex(cookie);
    const at = now();
    const row = await findLiveCitizenSession(database.db, id, at);
    if (!row) return;
    const activity = sessionActivity(row.session.lastSeenAt, at, settings);
    if (activity === "expired") {
      await deleteCitizenSession(database.db, id);
      return;
    }
    if (activity === "touch") await touchCitizenSession(database.db, id, at);
    req.citizenAuth = { citizen: row.citizen, sessionId: id, csrfToken: row.session.csrfToken, method: row.session.method };
  });
  app.addHook("preHandler", async (req) => {
    if (req.routeOptions.config?.access !== "citizen") return;
    if (!req.citizenAuth) throw new AppError(401, "citizen_sign_in_required", "sign in as a citizen first");
    if (SAFE_METHODS.has(req.method)) return;
    const header = req.headers[CSRF_HEADER];
    if (typeof header !== "string" || !safeEqual(header, req.citizenAuth.csrfToken)) throw new AppError(403, "csrf_failed", `missing or wrong ${CSRF_HEADER} header`);
  });
}

/** The signed-in citizen of a route declared `access: "citizen"` (the hook has checked there is one). */
export function requireCitizen(req: FastifyRequest): CitizenRow {
  if (!req.citizenAuth) throw new AppError(401, "citizen_sign_in_required", "sign in as a citizen first");
  return req.citizenAuth.citizen;
}

/**
 * Signs a citizen in: opens the session and sets the cookie (HttpOnly, SameSite=Lax so an OIDC
 * provider's redirect back keeps it, Secure over HTTPS). Returns the CSRF token for the client.
 */
export async function startCitizenSession(
  database: Database,
  req: FastifyRequest,
  reply: FastifyReply,
  input: { citizenId: string; method: "email_code" | "oidc"; settings: SessionSettings; now: Date },
): Promise<{ csrfToken: string; expiresAt: Date }> {
  const s = await createCitizenSession(database.db, {
    citizenId: input.citizenId,
    method: input.method,
    ip: req.ip ?? null,
    userAgent: req.headers["user-agent"] ?? null,
    maxHours: input.settings.maxHours,
    now: input.now,
  });
  reply.setCookie(CITIZEN_COOKIE, s.token, { path: "/", httpOnly: true, sameSite: "lax", secure: req.protocol === "https", expires: s.expiresAt });
  return { csrfToken: s.csrfToken, expiresAt: s.expiresAt };
}

/** Signs the citizen out (their session only). */
export async function endCitizenSession(database: Database, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.citizenAuth) await deleteCitizenSession(database.db, req.citizenAuth.sessionId);
  reply.clearCookie(CITIZEN_COOKIE, { path: "/" });
}
