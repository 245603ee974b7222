import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app";
import { DEFAULT_THROTTLE } from "../../src/db/commands/login-throttle";
import { DEFAULT_SESSION_SETTINGS } from "../../src/server/auth/session-settings";
import { seedDemo } from "../../src/db/commands/seed-demo";
import { createMailer } from "../../src/lib/mailer";
import { auditEvents, notifications } from "../../src/db/schema";
import type { Database } from "../../src/db/client";
import { makeUser } from "../helpers/accounts";
import { openTestDatabase, TEST_DB_KIND } from "../helpers/test-database";

// "Lupa kata sandi?": a reset link by e-mail, the same answer for every address.
describe(`self-service password reset on ${TEST_DB_KIND}`, () => {
  const inbox: { to: string; body: string }[] = [];
  let smtp: SMTPServer;
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, cb) {
        let body = "";
        stream.on("data", (d) => (body += d));
        stream.on("end", () => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), body: body.replace(/=\r?\n/g, "") });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
    const port = (smtp.server.address() as AddressInfo).port;
    database = await openTestDatabase();
    await seedDemo(database.db, { demoUsers: false });
    app = await buildApp({
      context: {
        database,
        version: "test",
        auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: DEFAULT_THROTTLE },
        mailer: createMailer(`smtp://127.0.0.1:${port}`, "Pandu SPBE <spbe@jambiprov.go.id>", "https://spbe.jambiprov.go.id/"),
      },
      webDir: null,
    });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  const ask = (email: string, ip = "203.0.113.7") => app.inject({ method: "POST", url: "/api/auth/forgot-password", payload: { email }, remoteAddress: ip });

  it("says that mail is configured", async () => {
    expect((await app.inject({ method: "GET", url: "/api/auth/forgot-password" })).json()).toEqual({ mail: true });
  });

  it("answers a known and an unknown address alike and e-mails a single-use link only to the known one", async () => {
    const user = await makeUser(database, "koordinator_spbe", "15.71");
    const known = await ask(user.email.toUpperCase());
    const unknown = await ask("tidak.ada@kotajambi.go.id");
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    expect(Object.keys(known.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
    await expect.poll(() => inbox.length).toBe(1);
    expect(inbox[0]!.to).toBe(user.email);
    expect(inbox[0]!.body).toContain("Atur ulang kata sandi");
    const token = /https:\/\/spbe\.jambiprov\.go\.id\/atur-sandi\/([A-Za-z0-9_-]{43})/.exec(inbox[0]!.body)![1]!;
    expect((await app.inject({ method: "GET", url: `/api/auth/links/${token}` })).json()).toMatchObject({ email: user.email, purpose: "reset" });
    const set = () => app.inject({ method: "POST", url: "/api/auth/set-password", payload: { token, password: "Durian-Runtuh-Batanghari-77" } });
    expect((await set()).statusCode).toBe(204);
    expect((await set()).statusCode).toBe(404); // single use
    const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email: user.email, password: "Durian-Runtuh-Batanghari-77" } });
    expect(login.statusCode).toBe(200);

    // Both requests are audited; the unknown address is not written down.
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.actorLabel, "anonymous"));
    const link = events.find((e) => e.action === "user.reset_link" && e.targetId === String(user.id));
    expect(link?.changes.after).toMatchObject({ delivery: "email", requestedBy: "owner" });
    const miss = events.find((e) => e.action === "auth.reset_request");
    expect(miss?.changes.after).toEqual({ matched: false });
    expect(JSON.stringify(events)).not.toContain("tidak.ada@kotajambi.go.id");
    // The owner also sees it in the app.
    const notes = await database.db.select().from(notifications).where(eq(notifications.userId, user.id));
    expect(notes.map((n) => n.kind)).toContain("account.reset_link");
  });

  it("limits requests per address like sign-in, for known and unknown addresses alike", async () => {
    const user = await makeUser(database, "pimpinan", "15.71");
    const statuses: number[] = [];
    for (let i = 0; i < DEFAULT_THROTTLE.maxFailures + 1; i++) statuses.push((await ask(user.email, "198.51.100.9")).statusCode);
    expect(statuses.slice(0, DEFAULT_THROTTLE.maxFailures).every((s) => s === 202)).toBe(true);
    const refused = await ask(user.email, "198.51.100.9");
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toBe("too_many_attempts");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    const other: number[] = [];
    for (let i = 0; i < DEFAULT_THROTTLE.maxFailures + 1; i++) other.push((await ask("siapa.saja@kotajambi.go.id", "198.51.100.10")).statusCode);
    expect(other.at(-1)).toBe(429);
    // Reset requests never lock the account's sign-in.
    const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email: user.email, password: "Kopi-Tubruk-Senja-2026" }, remoteAddress: "198.51.100.9" });
    expect(login.statusCode).toBe(200);
  });

  it("without SMTP tells the page to send people to their administrator, for every address", async () => {
    // The same database, served without a mailer.
    const plain = await buildApp({ context: { database, version: "test", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: DEFAULT_THROTTLE } }, webDir: null });
    const t = { app: plain };
    try {
      expect((await t.app.inject({ method: "GET", url: "/api/auth/forgot-password" })).json()).toEqual({ mail: false });
      const res = await t.app.inject({ method: "POST", url: "/api/auth/forgot-password", payload: { email: "siapa@kotajambi.go.id" } });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toBe("reset_needs_administrator");
      expect((await t.app.inject({ method: "POST", url: "/api/auth/forgot-password", payload: { email: "bukan-email" } })).statusCode).toBe(400);
    } finally {
      await plain.close();
    }
  });
});
