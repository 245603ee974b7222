import type { FastifyInstance, FastifyRequest } from "fastify";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { findLiveSession, findLiveToken, loadActor } from "../../db/queries/actors";
import { apiTokens, sessions } from "../../db/schema";
import { safeEqual, sha256Hex } from "../../lib/secure-token";
import { AppError } from "../errors";
import "./auth-state";
import { CSRF_HEADER, SESSION_COOKIE, type SessionSettings } from "./session-settings";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const TOUCH_EVERY_MS = 60_000;

async function resolve(req: FastifyRequest, database: Database, settings: SessionSettings) {
  const now = new Date();
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  if (bearer) {
    const row = await findLiveToken(database.db, sha256Hex(bearer), now);
    if (!row || row.user.disabled) throw new AppError(401, "unauthenticated", "the API token is invalid, expired or revoked");
    await database.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id));
    req.auth = { actor: await loadActor(database.db, row.user.id, row.token.scope === "write"), user: row.user, via: "token" };
    return;
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (!cookie) return;
  const id = sha256Hex(cookie);
  const row = await findLiveSession(database.db, id, now);
  if (!row || row.user.disabled) return;
  if (now.getTime() - row.session.lastSeenAt.getTime() > settings.idleMinutes * 60_000) {
    await database.db.delete(sessions).where(eq(sessions.id, id));
    return;
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await database.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  req.auth = { actor: await loadActor(database.db, row.user.id, true), user: row.user, via: "session", sessionId: id, csrfToken: row.session.csrfToken };
}

/**
 * Resolves the caller from the session cookie or a Bearer API token, then enforces the route's
 * declared access: sign-in required (401), CSRF header on cookie-authenticated writes (403),
 * read-only tokens on writes (403). Fine-grained checks happen in each resource's policy.
 */
export function registerAuthentication(app: FastifyInstance, database: Database, settings: SessionSettings): void {
  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (req) => {
    req.auth = null;
    if (!req.url.startsWith("/api/")) return;
    await resolve(req, database, settings);
  });
  app.addHook("preHandler", async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access) return;
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
