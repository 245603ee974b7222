import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client";
import { grantRole, revokeRole } from "../../src/db/commands/users";
import { seedDemo } from "../../src/db/commands/seed-demo";
import { userRoles, users } from "../../src/db/schema";
import { makeUser } from "../helpers/accounts";
import { openTestDatabase, TEST_DB_KIND } from "../helpers/test-database";

const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };

/**
 * On PostgreSQL, holds the user's row FOR UPDATE so that both grants have looked for an existing
 * grant and wait on the foreign-key check of their insert; releases them together once both wait.
 * PGlite runs one transaction at a time, so there the grants simply start together.
 */
async function grantTwiceAtOnce(database: Database, userId: number): Promise<number[]> {
  const grant = () => grantRole(database.db, SYSTEM, { userId, role: "tim_reviu", agencyId: null });
  if (database.kind !== "postgres") return Promise.all([grant(), grant()]);
  let grants!: Promise<number[]>;
  await database.db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    grants = Promise.all([grant(), grant()]);
    for (let i = 0; ; i++) {
      const result = (await database.db.execute(sql`select count(*)::int as n from pg_locks where not granted`)) as unknown as { rows: { n: number }[] };
      if (result.rows[0]!.n >= 2) break;
      if (i > 10_000) throw new Error("the grants never reached the barrier");
    }
  });
  return grants;
}

describe(`national role grants on ${TEST_DB_KIND}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.db, { demoUsers: false });
  });
  afterAll(() => database.close());

  it("two concurrent grants of the same national role make one grant, and one revoke removes the role", async () => {
    const u = await makeUser(database, "pimpinan", "15.71");
    const ids = await grantTwiceAtOnce(database, u.id);
    expect(ids[0]).toBe(ids[1]);
    const national = await database.db.select().from(userRoles).where(eq(userRoles.userId, u.id));
    expect(national.filter((r) => r.role === "tim_reviu")).toHaveLength(1);
    await revokeRole(database.db, SYSTEM, { id: ids[0]!, userId: u.id, role: "tim_reviu", agencyId: null });
    const left = await database.db.select().from(userRoles).where(eq(userRoles.userId, u.id));
    expect(left.map((r) => r.role)).toEqual(["pimpinan"]);
  });

  it("the database refuses a second row for the same national role", async () => {
    const u = await makeUser(database, "pimpinan", "15.71");
    await database.db.insert(userRoles).values({ userId: u.id, role: "tim_reviu", agencyId: null });
    await expect(database.db.insert(userRoles).values({ userId: u.id, role: "tim_reviu", agencyId: null })).rejects.toThrow();
  });
});
