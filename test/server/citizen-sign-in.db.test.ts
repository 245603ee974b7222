import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oidcSignInStates } from "../../src/db/schema";
import { createMailer } from "../../src/lib/mailer";
import { citizenByEmail } from "../../src/db/commands/citizens";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";
import { signInAtProvider, startTestOidcProvider, type TestOidcProvider } from "../helpers/oidc-provider";

const PUBLIC_URL = "http://pandu.test";
const CALLBACK = `${PUBLIC_URL}/api/citizen/oidc/callback`;
let ipSeq = 0;
/** Each test its own client address, so the per-IP limits of one do not reach another. */
const nextIp = () => `10.0.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;
const cookieOf = (res: { headers: Record<string, unknown> }) => {
  const raw = ([] as string[]).concat((res.headers["set-cookie"] as string | string[] | undefined) ?? []);
  return raw.map((c) => c.split(";")[0]!).find((c) => c.startsWith("pandu_citizen="));
};

describe(`citizen sign-in on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let idp: TestOidcProvider;
  let clock = new Date("2026-12-07T08:00:00Z");
  beforeAll(async () => {
    idp = await startTestOidcProvider([CALLBACK]);
    t = await startTestApp({
      auth: { now: () => clock },
      context: {
        demo: true,
        publicUrl: PUBLIC_URL,
        citizenSignIn: { perIpPerHour: 8, oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, scopes: "openid email profile", label: "INApas" } },
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  const post = (url: string, payload: object, ip: string, cookie?: string) =>
    t.app.inject({ method: "POST", url, payload, remoteAddress: ip, headers: cookie ? { cookie } : {} });
  const requestCode = async (email: string, ip = nextIp()) => {
    const res = await post("/api/citizen/sign-in/code", { email }, ip);
    expect(res.statusCode).toBe(200);
    return res.json() as { sent: true; expiresAt: string; demoCode?: string };
  };

  it("tells the page which ways are on", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/citizen/sign-in/options" });
    expect(res.json()).toEqual({ emailCode: true, oidc: { label: "INApas" } });
  });

  it("signs in with the e-mailed code once; a wrong code counts a try; the code cannot be replayed", async () => {
    const ip = nextIp();
    const sent = await requestCode("Warga.Kode@Example.id", ip);
    expect(sent.demoCode).toMatch(/^\d{6}$/);
    const wrong = sent.demoCode === "000000" ? "000001" : "000000";
    const bad = await post("/api/citizen/sign-in/verify", { email: "warga.kode@example.id", code: wrong }, ip);
    expect([bad.statusCode, bad.json().error, bad.json().details]).toEqual([401, "sign_in_code_wrong", { triesLeft: 4 }]);
    const ok = await post("/api/citizen/sign-in/verify", { email: "WARGA.KODE@example.id", code: sent.demoCode }, ip);
    expect(ok.statusCode).toBe(200);
    const cookie = cookieOf(ok)!;
    expect(cookie).toBeDefined();
    const me = await t.app.inject({ method: "GET", url: "/api/citizen/me", headers: { cookie } });
    expect(me.json()).toMatchObject({ citizen: { email: "warga.kode@example.id" }, method: "email_code", csrfToken: ok.json().csrfToken });
    const replay = await post("/api/citizen/sign-in/verify", { email: "warga.kode@example.id", code: sent.demoCode }, ip);
    expect([replay.statusCode, replay.json().error]).toEqual([401, "sign_in_code_expired"]);
  });

  it("kills the code after 5 wrong tries: even the right one is then refused until a new code", async () => {
    const ip = nextIp();
    const sent = await requestCode("lima.kali@example.id", ip);
    const wrong = sent.demoCode === "111111" ? "222222" : "111111";
    const errors: string[] = [];
    for (let i = 0; i < 5; i++) errors.push((await post("/api/citizen/sign-in/verify", { email: "lima.kali@example.id", code: wrong }, ip)).json().error);
    expect(errors).toEqual(["sign_in_code_wrong", "sign_in_code_wrong", "sign_in_code_wrong", "sign_in_code_wrong", "sign_in_code_exhausted"]);
    const right = await post("/api/citizen/sign-in/verify", { email: "lima.kali@example.id", code: sent.demoCode }, ip);
    expect(right.json().error).toBe("sign_in_code_exhausted");
    const again = await requestCode("lima.kali@example.id");
    expect((await post("/api/citizen/sign-in/verify", { email: "lima.kali@example.id", code: again.demoCode }, nextIp())).statusCode).toBe(200);
  });

  it("refuses a code older than 10 minutes (injected clock)", async () => {
    const sent = await requestCode("kedaluwarsa@example.id");
    clock = new Date(clock.getTime() + 10 * 60_000 + 1000);
    const res = await post("/api/citizen/sign-in/verify", { email: "kedaluwarsa@example.id", code: sent.demoCode }, nextIp());
    expect([res.statusCode, res.json().error]).toEqual([401, "sign_in_code_expired"]);
  });

  it("answers an unknown address exactly as a known one", async () => {
    await citizenByEmail(t.database.db, "sudah.ada@example.id", clock);
    const known = await requestCode("sudah.ada@example.id");
    const unknown = await requestCode("belum.ada@example.id");
    expect(Object.keys(known).sort()).toEqual(Object.keys(unknown).sort());
    expect(known.expiresAt).toBe(unknown.expiresAt);
  });

  it("limits code requests per IP and per address (429 too_many_requests)", async () => {
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await post("/api/citizen/sign-in/code", { email: `per.ip.${i}@example.id` }, ip)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    // Per address: 5 codes an hour, whatever the address the requests come from.
    const perAddress: number[] = [];
    for (let i = 0; i < 6; i++) perAddress.push((await post("/api/citizen/sign-in/code", { email: "satu.alamat@example.id" }, nextIp())).statusCode);
    expect(perAddress).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await post("/api/citizen/sign-in/code", { email: "satu.alamat@example.id" }, nextIp());
    expect(refused.json()).toMatchObject({ error: "too_many_requests", details: { retryAfterSeconds: expect.any(Number) } });
    clock = new Date(clock.getTime() + 3_600_000);
    expect((await post("/api/citizen/sign-in/code", { email: "satu.alamat@example.id" }, nextIp())).statusCode).toBe(200);
  });

  it("answers the honeypot as accepted but sends and stores nothing", async () => {
    const res = await post("/api/citizen/sign-in/code", { email: "bot@example.id", website: "http://spam" }, nextIp());
    expect(res.statusCode).toBe(200);
    expect(res.json().demoCode).toBeUndefined();
    const verify = await post("/api/citizen/sign-in/verify", { email: "bot@example.id", code: "123456" }, nextIp());
    expect(verify.json().error).toBe("sign_in_code_expired");
  });

  describe("OpenID Connect (a local oidc-provider)", () => {
    const start = async (returnTo = "/warga") => {
      const res = await t.app.inject({ method: "GET", url: `/api/citizen/oidc/start?returnTo=${encodeURIComponent(returnTo)}`, remoteAddress: nextIp() });
      expect(res.statusCode).toBe(302);
      const location = res.headers.location as string;
      expect(location.startsWith(idp.issuer)).toBe(true);
      const u = new URL(location);
      expect(u.searchParams.get("code_challenge_method")).toBe("S256");
      expect(u.searchParams.get("redirect_uri")).toBe(CALLBACK);
      return location;
    };
    const callback = (url: string) => t.app.inject({ method: "GET", url: url.slice(PUBLIC_URL.length) });

    it("signs a citizen in through the full code flow with PKCE; the same subject twice is the same citizen; a replayed state is refused", async () => {
      clock = new Date();
      idp.accounts.set("nik-3571010101010001", { sub: "nik-3571010101010001", email: "Budi@Example.id", emailVerified: true, name: "Budi Santoso" });
      const back = await signInAtProvider(await start("/warga"), "nik-3571010101010001", CALLBACK);
      const res = await callback(back);
      expect([res.statusCode, res.headers.location]).toEqual([302, "/warga"]);
      const cookie = cookieOf(res)!;
      const me = (await t.app.inject({ method: "GET", url: "/api/citizen/me", headers: { cookie } })).json();
      expect(me).toMatchObject({ citizen: { email: "budi@example.id", name: "Budi Santoso" }, method: "oidc" });

      const replay = await callback(back);
      expect([replay.statusCode, replay.headers.location, cookieOf(replay)]).toEqual([302, "/masuk-warga?galat=oidc_state_invalid", undefined]);

      const second = await callback(await signInAtProvider(await start("/layanan"), "nik-3571010101010001", CALLBACK));
      expect(second.headers.location).toBe("/layanan");
      const me2 = (await t.app.inject({ method: "GET", url: "/api/citizen/me", headers: { cookie: cookieOf(second)! } })).json();
      expect(me2.citizen.id).toBe(me.citizen.id);
    });

    it("keeps returnTo to same-site paths", async () => {
      clock = new Date();
      const back = await signInAtProvider(await start("//jahat.example/curi"), "warga-returnto", CALLBACK);
      expect((await callback(back)).headers.location).toBe("/warga");
    });

    it("refuses an expired state, a wrong nonce, an unknown state and a provider error", async () => {
      clock = new Date();
      const late = await signInAtProvider(await start(), "warga-lambat", CALLBACK);
      clock = new Date(clock.getTime() + 10 * 60_000 + 1000);
      expect((await callback(late)).headers.location).toBe("/masuk-warga?galat=oidc_state_expired");

      clock = new Date();
      const url = await start();
      await t.database.db.update(oidcSignInStates).set({ nonce: "bukan-nonce-yang-dikirim" });
      const res = await callback(await signInAtProvider(url, "warga-nonce", CALLBACK));
      expect([res.headers.location, cookieOf(res)]).toEqual(["/masuk-warga?galat=oidc_failed", undefined]);

      expect((await callback(`${CALLBACK}?code=abc&state=tidak-dikenal`)).headers.location).toBe("/masuk-warga?galat=oidc_state_invalid");
      const state = new URL(await start()).searchParams.get("state")!;
      expect((await callback(`${CALLBACK}?error=access_denied&state=${state}`)).headers.location).toBe("/masuk-warga?galat=oidc_failed");
    });
  });
});

describe(`citizen sign-in codes by e-mail on ${TEST_DB_KIND}`, () => {
  const inbox: { to: string; body: string }[] = [];
  let smtp: SMTPServer;
  let t: TestApp;
  let plain: TestApp;
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
    t = await startTestApp({ context: { mailer: createMailer(`smtp://127.0.0.1:${port}`, "Pandu <no-reply@pandu.test>", "http://pandu.test") } });
    plain = await startTestApp({ context: { demo: false } });
  });
  afterAll(async () => {
    await t.close();
    await plain.close();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  it("e-mails the code and never shows it; without SMTP outside demo mode answers 503 sign_in_email_unavailable", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/citizen/sign-in/code", payload: { email: "surel@example.id" } });
    expect(res.statusCode).toBe(200);
    expect(res.json().demoCode).toBeUndefined();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.to).toBe("surel@example.id");
    const code = /Kode masuk Anda: (\d{6})/.exec(inbox[0]!.body)![1]!;
    const ok = await t.app.inject({ method: "POST", url: "/api/citizen/sign-in/verify", payload: { email: "surel@example.id", code } });
    expect(ok.statusCode).toBe(200);

    const off = await plain.app.inject({ method: "POST", url: "/api/citizen/sign-in/code", payload: { email: "surel@example.id" } });
    expect([off.statusCode, off.json().error]).toEqual([503, "sign_in_email_unavailable"]);
    expect((await plain.app.inject({ method: "GET", url: "/api/citizen/sign-in/options" })).json()).toEqual({ emailCode: false, oidc: null });
  });
});
