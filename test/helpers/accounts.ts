import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Database } from "../../src/db/client";
import { createSession } from "../../src/db/commands/sessions";
import { citizenByEmail, createCitizenSession } from "../../src/db/commands/citizens";
import { createUser } from "../../src/db/commands/users";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { hashPassword } from "../../src/lib/passwords";
import type { Role } from "../../src/core";

export const TEST_PASSWORD = "Kopi-Tubruk-Senja-2026";
const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };
let counter = 0;

/** Creates a user holding `role` (in `agencyCode` unless national), with a known password. */
export async function makeUser(database: Database, role: Role, agencyCode: string | null, password: string | null = TEST_PASSWORD) {
  const email = `${role}.${agencyCode ?? "nasional"}.${++counter}.${Date.now()}@test.pandu.local`.toLowerCase();
  const agencyId = agencyCode ? (await agencyIdsByCode(database.db, [agencyCode])).get(agencyCode)! : null;
  const { id } = await createUser(database.db, SYSTEM, { email, name: `Uji ${role}`, roles: [{ role, agencyId }], passwordHash: password ? await hashPassword(password) : null });
  return { id, email };
}

/** A signed-in client: a fresh session cookie and its CSRF token, made directly (no argon2 cost). */
export async function sessionFor(database: Database, userId: number) {
  const s = await createSession(database.db, { userId, ip: null, userAgent: "test", maxHours: 12 });
  return { cookie: `pandu_session=${s.token}`, csrf: s.csrfToken, sessionId: s.sessionId };
}

/** A signed-in citizen (cookie `pandu_citizen` + CSRF token), made directly as after an e-mail code; `call` sends it. */
export async function citizenSessionFor(database: Database, email = `warga.${++counter}.${Date.now()}@test.pandu.local`) {
  const now = new Date();
  const citizen = await citizenByEmail(database.db, email, now);
  const s = await createCitizenSession(database.db, { citizenId: citizen.id, method: "email_code", ip: null, userAgent: "test", maxHours: 12, now });
  return { cookie: `pandu_citizen=${s.token}`, csrf: s.csrfToken, sessionId: s.sessionId, citizen };
}

/** Sends a request as a session (cookie + CSRF header on writes) or anonymously. */
export function call(
  app: FastifyInstance,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  as: { cookie: string; csrf: string } | null,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (as) {
    headers.cookie = as.cookie;
    if (method !== "GET") headers["x-csrf-token"] = as.csrf;
  }
  return app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}
