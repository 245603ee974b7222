import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/config";

describe("configuration from the environment", () => {
  it("defaults to the embedded database in ./data, port 3000, demo mode", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: "127.0.0.1", demo: true, database: { kind: "pglite", dataDir: path.resolve("./data") } });
    expect(c.documentNumberPattern).toBe("{seq}/{kind}/{agency}/{year}");
    expect(loadConfig({ PANDU_DOCUMENT_NUMBER_PATTERN: "{seq3}/BA/{agency}/{romanMonth}/{year}" }).documentNumberPattern).toBe("{seq3}/BA/{agency}/{romanMonth}/{year}");
  });

  it("uses PostgreSQL when DATABASE_URL is set, without demo accounts", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://u:p@db:5432/pandu", DATABASE_POOL_SIZE: "20" });
    expect(c.database).toEqual({
      kind: "postgres",
      url: "postgres://u:p@db:5432/pandu",
      poolSize: 20,
      timeouts: { connectMs: 5000, statementMs: 30_000, idleInTransactionMs: 60_000 },
    });
    expect(c.demo).toBe(false);
  });

  it("reads the PostgreSQL timeouts (connect, statement, idle in transaction; 0 turns the last two off)", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://db/pandu", DATABASE_CONNECT_TIMEOUT_MS: "800", DATABASE_STATEMENT_TIMEOUT_MS: "0", DATABASE_IDLE_TX_TIMEOUT_MS: "15000" });
    expect(c.database).toMatchObject({ timeouts: { connectMs: 800, statementMs: 0, idleInTransactionMs: 15_000 } });
  });

  it("reads the citizen and staff OpenID Connect providers (issuer and client id go together; scopes need openid)", () => {
    expect(loadConfig({}).citizenOidc).toBeNull();
    expect(loadConfig({ PANDU_CITIZEN_OIDC_ISSUER: "https://id.inadigital.go.id", PANDU_CITIZEN_OIDC_CLIENT_ID: "pandu" }).citizenOidc).toEqual({
      issuer: "https://id.inadigital.go.id",
      clientId: "pandu",
      clientSecret: null,
      scopes: "openid email profile",
      label: "INApas",
    });
    expect(loadConfig({ PANDU_STAFF_OIDC_ISSUER: "https://sso.jambiprov.go.id", PANDU_STAFF_OIDC_CLIENT_ID: "pandu", PANDU_STAFF_OIDC_CLIENT_SECRET: "s" }).staffOidc).toMatchObject({ label: "SSO", clientSecret: "s" });
    expect(() => loadConfig({ PANDU_CITIZEN_OIDC_CLIENT_ID: "pandu" })).toThrow(/PANDU_CITIZEN_OIDC_ISSUER: required/);
    expect(() => loadConfig({ PANDU_STAFF_OIDC_ISSUER: "https://sso.example" })).toThrow(/PANDU_STAFF_OIDC_CLIENT_ID: required/);
    expect(() => loadConfig({ PANDU_CITIZEN_OIDC_ISSUER: "https://x.example", PANDU_CITIZEN_OIDC_CLIENT_ID: "c", PANDU_CITIZEN_OIDC_SCOPES: "email" })).toThrow(/must include openid/);
  });

  it("never enables demo accounts in production", () => {
    expect(loadConfig({ NODE_ENV: "production" }).demo).toBe(false);
    expect(() => loadConfig({ NODE_ENV: "production", PANDU_DEMO: "true" })).toThrow(ConfigError);
  });

  it("trusts every proxy, none, or only the proxies at the given addresses", () => {
    const trust = (v?: string) => loadConfig(v === undefined ? {} : { TRUST_PROXY: v }).trustProxy;
    expect([trust(), trust("true"), trust("false"), trust("loopback, 10.0.0.0/8")]).toEqual([false, true, false, "loopback, 10.0.0.0/8"]);
  });

  it.each([
    [{ PORT: "70000" }, "PORT"],
    [{ TRUST_PROXY: "10.0.0.1; rm" }, "TRUST_PROXY: true, false or the proxies' addresses (e.g. loopback or 10.0.0.0/8)"],
    [{ DATABASE_URL: "sqlite://x" }, "DATABASE_URL: must start with postgres:// or postgresql://"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ PANDU_DEMO: "yes" }, "PANDU_DEMO"],
    [{ PANDU_CACHE_MB: "banyak" }, "PANDU_CACHE_MB"],
    [{ PANDU_CACHE_MB: "-1" }, "PANDU_CACHE_MB"],
    [{ DATABASE_CONNECT_TIMEOUT_MS: "soon" }, "DATABASE_CONNECT_TIMEOUT_MS"],
    [{ DATABASE_CONNECT_TIMEOUT_MS: "0" }, "DATABASE_CONNECT_TIMEOUT_MS"],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: "-5" }, "DATABASE_STATEMENT_TIMEOUT_MS"],
    [{ DATABASE_IDLE_TX_TIMEOUT_MS: "1.5" }, "DATABASE_IDLE_TX_TIMEOUT_MS"],
    [{ SMTP_URL: "smtp://mail.example.go.id:587" }, "PANDU_PUBLIC_URL: required with SMTP_URL"],
    [{ SMTP_URL: "http://mail" }, "SMTP_URL: must start with smtp:// or smtps://"],
    [{ PANDU_DOCUMENT_NUMBER_PATTERN: "BA/{agency}/{year}" }, "PANDU_DOCUMENT_NUMBER_PATTERN: must contain {seq}"],
    [{ PANDU_DOCUMENT_NUMBER_PATTERN: "{seq}/{tahun}" }, "PANDU_DOCUMENT_NUMBER_PATTERN"],
  ])("%j is refused with the variable named", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
