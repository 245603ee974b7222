import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app";
import { DEFAULT_THROTTLE } from "../../src/db/commands/login-throttle";
import { DEFAULT_SESSION_SETTINGS } from "../../src/server/auth/session-settings";
import { seedDemo } from "../../src/db/commands/seed-demo";
import { createMailer } from "../../src/lib/mailer";
import type { Database } from "../../src/db/client";
import type { FastifyInstance } from "fastify";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { openTestDatabase, TEST_DB_KIND } from "../helpers/test-database";

// With SMTP configured, invitation and reset links go by e-mail and are not shown to the creator.
describe(`invitations by e-mail on ${TEST_DB_KIND}`, () => {
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
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), body });
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

  it("e-mails the invitation link and does not return the token", async () => {
    const admin = await sessionFor(database, (await makeUser(database, "administrator", null)).id);
    const res = await call(app, "POST", "/api/users", admin, { email: "kadis@kerincikab.go.id", name: "Kadis Kominfo Kerinci", roles: [{ role: "koordinator_spbe", agencyCode: "15.01" }] });
    expect(res.statusCode).toBe(201);
    expect(res.json().invitation).toEqual({ delivery: "email", expiresAt: expect.any(String) });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.to).toBe("kadis@kerincikab.go.id");
    const body = inbox[0]!.body.replace(/=\r?\n/g, "");
    expect(body).toContain("Undangan Pandu SPBE");
    const link = /https:\/\/spbe\.jambiprov\.go\.id\/atur-sandi\/([A-Za-z0-9_-]{43})/.exec(body);
    expect(link).not.toBeNull();
    const info = await app.inject({ method: "GET", url: `/api/auth/links/${link![1]}` });
    expect(info.json()).toMatchObject({ email: "kadis@kerincikab.go.id", purpose: "invitation" });

    const reset = await call(app, "POST", `/api/users/${res.json().user.id}/reset-link`, admin);
    expect(reset.json().delivery).toBe("email");
    expect(inbox).toHaveLength(2);
    expect(inbox[1]!.body).toContain("Atur ulang kata sandi");
  });
});
