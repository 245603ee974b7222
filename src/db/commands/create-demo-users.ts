import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, userRoles, users } from "../schema";

/** Demo accounts, one per SPBE role, in Provinsi Jambi and its capital. */
const DEMO_ACCOUNTS: { email: string; name: string; role: string; agencyCode: string | null }[] = [
  { email: "admin@demo.pandu.local", name: "Administrator Demo", role: "administrator", agencyCode: null },
  { email: "koordinator.provinsi@demo.pandu.local", name: "Koordinator Provinsi Jambi", role: "koordinator_provinsi", agencyCode: "15" },
  { email: "koordinator.spbe@demo.pandu.local", name: "Koordinator SPBE Kota Jambi", role: "koordinator_spbe", agencyCode: "15.71" },
  { email: "penanggung.jawab@demo.pandu.local", name: "Penanggung Jawab Kota Jambi", role: "penanggung_jawab", agencyCode: "15.71" },
  { email: "pelaksana.entri@demo.pandu.local", name: "Pelaksana Entri Data Kota Jambi", role: "pelaksana_entri", agencyCode: "15.71" },
  { email: "asesor.internal@demo.pandu.local", name: "Asesor Internal Kota Jambi", role: "asesor_internal", agencyCode: "15.71" },
  { email: "pimpinan@demo.pandu.local", name: "Pimpinan Kota Jambi", role: "pimpinan", agencyCode: "15.71" },
  { email: "petugas.layanan@demo.pandu.local", name: "Petugas Layanan Kota Jambi", role: "petugas_layanan", agencyCode: "15.71" },
  { email: "pejabat.layanan@demo.pandu.local", name: "Pejabat Layanan Kota Jambi", role: "pejabat_layanan", agencyCode: "15.71" },
  { email: "asesor.eksternal@demo.pandu.local", name: "Asesor Eksternal Demo", role: "asesor_eksternal", agencyCode: null },
  { email: "tim.reviu@demo.pandu.local", name: "Tim Reviu Demo", role: "tim_reviu", agencyCode: null },
];

export interface DemoCredential {
  email: string;
  role: string;
  password: string;
}

/**
 * Creates the demo accounts with fresh random passwords (never fixed ones) and returns the
 * passwords so the caller can show them once. Accounts that already exist are left alone.
 */
export async function createDemoUsers(db: Db): Promise<DemoCredential[]> {
  const existing = await db.select({ email: users.email }).from(users).where(inArray(users.email, DEMO_ACCOUNTS.map((a) => a.email)));
  const have = new Set(existing.map((e) => e.email));
  const created: DemoCredential[] = [];
  for (const account of DEMO_ACCOUNTS.filter((a) => !have.has(a.email))) {
    const password = randomBytes(12).toString("base64url");
    const passwordHash = await hash(password);
    await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ email: account.email, name: account.name, passwordHash, isDemo: true }).returning({ id: users.id });
      let agencyId: number | null = null;
      if (account.agencyCode) {
        const [agency] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, account.agencyCode));
        agencyId = agency?.id ?? null;
      }
      await tx.insert(userRoles).values({ userId: user!.id, role: account.role, agencyId });
    });
    created.push({ email: account.email, role: account.role, password });
  }
  return created;
}
