import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Database } from "../../db/client";
import { findLiveSession, findLiveToken } from "../../db/queries/actors";
import { deleteSession } from "../../db/commands/sessions";
import { touchApiToken, touchSession } from "../../db/commands/request-activity";
import { safeEqual, sha256Hex } from "../../lib/secure-token";
import { AppError } from "../errors";
import "./auth-state";
import { CSRF_HEADER, SESSION_COOKIE, sessionActivity, tokenNeedsTouch, TOKEN_TOUCH_INTERVAL_MS, type SessionSettings } from "./session-settings";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

async function resolve(req: FastifyRequest, database: Database, settings: SessionSettings, now: Date) {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  if (bearer) {
    const row = await findLiveToken(database.db, sha256Hex(bearer), now);
    if (!row || row.user.disabled) throw new AppError(401, "unauthenticated", "the API token is invalid, expired or revoked");
    if (tokenNeedsTouch(row.token.lastUsedAt, now)) await touchApiToken(database.db, row.token.id, now, new Date(now.getTime() - TOKEN_TOUCH_INTERVAL_MS));
    req.auth = { actor: row.actor, user: row.user, via: "token" };
    return;
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (!cookie) return;
  const id = sha256Hex(cookie);
  const row = await findLiveSession(database.db, id, now);
  if (!row || row.user.disabled) return;
  const activity = sessionActivity(row.session.lastSeenAt, now, settings);
  if (activity === "expired") {
    await deleteSession(database.db, id);
    return;
  }
  if (activity === "touch") await touchSession(database.db, id, now);
  req.auth = { actor: row.actor, user: row.user, via: "session", sessionId: id, csrfToken: row.session.csrfToken };
}

/**
 * Resolves the caller from the session cookie or a Bearer API token, then enforces the route's
 * declared access: sign-in required (401), CSRF header on cookie-authenticated writes (403),
 * read-only tokens on writes (403). Fine-grained checks happen in each resource's policy.
 */
export function registerAuthentication(app: FastifyInstance, database: Database, settings: SessionSettings, now: () => Date = () => new Date()): void {
  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (req) => {
    req.auth = null;
    if (!req.url.startsWith("/api/")) return;
    await resolve(req, database, settings, now());
  });
  app.addHook("preHandler", async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access || access === "citizen") return; // citizens: citizens/citizen-auth.ts
    if (access === "authenticated" && !req.auth) throw new AppError(401, "unauthenticated", "sign in first");
    if (SAFE_METHODS.has(req.method) || !req.auth) return;
    if (req.auth.via === "session") {
      const header = req.headers[CSRF_HEADER];
      if (typeof header !== "string" || !safeEqual(header, req.auth.csrfToken!)) {
        throw new AppError(403, "csrf_failed", `missing or wrong ${CSRF_HEADER} header`);
      }
    } else if (!req.auth.actor.canWrite) {
      throw new AppError(403, "token_read_only", "this API token may only read");
    }
  });
}
