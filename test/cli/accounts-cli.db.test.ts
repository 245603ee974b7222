import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";

// The account and audit commands against a real database of each kind, through the real binary.
describe(`pandu users / tokens / audit / results import on ${TEST_DB_KIND}`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-cli-db-"));
  const env: Record<string, string> = { PANDU_DATA_DIR: dataDir, PANDU_DEMO: "false", DATABASE_URL: "" };
  let drop: (() => Promise<void>) | undefined;

  /** Runs SQL directly against the database the CLI uses (to tamper with the trail). */
  async function sqlExec(statement: string): Promise<void> {
    if (TEST_DB_KIND === "postgres") {
      const c = new pg.Client({ connectionString: env.DATABASE_URL });
      await c.connect();
      await c.query(statement);
      await c.end();
    } else {
      const db = await PGlite.create(dataDir);
      await db.exec(statement);
      await db.close();
    }
  }

  beforeAll(async () => {
    if (TEST_DB_KIND === "postgres") {
      const created = await createPostgresTestDatabase();
      env.DATABASE_URL = created.url;
      drop = created.drop;
    } else delete env.DATABASE_URL;
    const seeded = runCli(["seed", "demo"], { env });
    expect(seeded.status, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain("646 agencies, 1241 published results");
  }, 120_000);
  afterAll(async () => {
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("creates a user with a password from stdin, refusing weak passwords and unknown agencies", () => {
    const weak = runCli(["users", "create", "--email", "kominfo@jambiprov.go.id", "--name", "Kadis Kominfo", "--role", "koordinator_provinsi", "--instansi", "15", "--password-stdin"], { env, input: "jambi12345\n" });
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain("too easy to guess");
    const unknown = runCli(["users", "create", "--email", "a@b.go.id", "--name", "A", "--role", "pimpinan", "--instansi", "99.99", "--password-stdin"], { env, input: "Gulai-Ikan-Patin-77\n" });
    expect(unknown.stderr).toContain("--instansi: no agency 99.99");
    const ok = runCli(["users", "create", "--email", "Kominfo@JambiProv.go.id", "--name", "Kadis Kominfo", "--role", "koordinator_provinsi", "--instansi", "15", "--password-stdin"], { env, input: "Gulai-Ikan-Patin-77\n" });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("user kominfo@jambiprov.go.id created");
    const dup = runCli(["users", "create", "--email", "kominfo@jambiprov.go.id", "--name", "X", "--role", "tim_reviu"], { env });
    expect(dup.status).toBe(1);
    expect(dup.stderr).toContain("already exists");
  });

  it("without --password-stdin prints an invitation link; reset-password prints a reset link", () => {
    const inv = runCli(["users", "create", "--email", "reviu@menpan.go.id", "--name", "Tim Reviu", "--role", "tim_reviu"], { env });
    expect(inv.stdout).toMatch(/invitation link \(valid until .*\): \/atur-sandi\/[A-Za-z0-9_-]{43}/);
    const reset = runCli(["users", "reset-password", "--email", "kominfo@jambiprov.go.id"], { env });
    expect(reset.status).toBe(0);
    expect(reset.stdout).toMatch(/reset link for kominfo@jambiprov\.go\.id .*: \/atur-sandi\/[A-Za-z0-9_-]{43}/);
    expect(runCli(["users", "reset-password", "--email", "siapa@entah.go.id"], { env }).status).toBe(1);
  });

  it("creates an API token and prints it once on stdout", () => {
    const r = runCli(["tokens", "create", "--email", "kominfo@jambiprov.go.id", "--name", "dasbor", "--scope", "write", "--days", "30"], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^pandu_[A-Za-z0-9_-]{43}$/);
    expect(r.stderr).toContain('token "dasbor" (write)');
    expect(runCli(["tokens", "create", "--email", "kominfo@jambiprov.go.id", "--name", "x", "--days", "0"], { env }).status).toBe(2);
  });

  it("imports a results file all-or-nothing", () => {
    const file = path.join(dataDir, "..", `hasil-${Date.now()}.csv`);
    fs.writeFileSync(file, "year,category,province,instansi,index,predicate,source_table\n2025,kota,Jambi,Pemerintah Kota Jambi,4.40,Memuaskan,uji\n2025,kota,Jambi,Pemerintah Kota Atlantis,1.00,Kurang,uji\n");
    const bad = runCli(["results", "import", file], { env });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('line 3: no kota agency named "Pemerintah Kota Atlantis"');
    fs.writeFileSync(file, "year,category,province,instansi,index,predicate,source_table\n2025,kota,Jambi,Pemerintah Kota Jambi,4.40,Memuaskan,uji\n");
    const ok = runCli(["results", "import", file], { env });
    expect(ok.stdout).toContain("1 results imported");
    fs.rmSync(file);
  });

  it("audit verify passes on the intact trail and names the first broken link after tampering", async () => {
    const intact = runCli(["audit", "verify"], { env });
    expect(intact.status, intact.stdout + intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/\d+ events in \d+ chains: intact/);
    await sqlExec(`update audit_events set actor_label = 'orang-lain' where id = (select min(id) from audit_events where chain = '15')`);
    const broken = runCli(["audit", "verify"], { env });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/chain 15: event #\d+ \(seq 1, user\.create\) was altered/);
    expect(broken.stderr).toContain("the audit trail has been tampered with");
  });
});
