import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, publicServices, serviceStandardVersions, skmSurveys } from "../schema";
import { SKM_AGE_BANDS, SKM_EDUCATIONS, SKM_OCCUPATIONS, SKM_SEXES } from "../../core";
import { createSurvey, insertResponsesUnchecked, setSurveyStatus, type ResponseInput } from "./skm";

/** A small seeded generator (mulberry32): the same demo data on every install, no Math.random. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` responses around a service's own level: each element has a bias (some services are weak in
 * waiting time or complaint handling), answers drawn from a seeded generator. Demo only.
 */
export function demoResponses(seed: number, count: number, channel: ResponseInput["channel"] = "online"): ResponseInput[] {
  const rnd = seededRandom(seed);
  const level = 2.7 + rnd() * 1.1; // the service's mean, 2.7–3.8
  const bias = Array.from({ length: 9 }, () => (rnd() - 0.6) * 0.8);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: count }, () => ({
    answers: bias.map((b) => Math.min(4, Math.max(1, Math.round(level + b + (rnd() - 0.5) * 1.6)))),
    profile: { ageBand: pick(SKM_AGE_BANDS), sex: pick(SKM_SEXES), education: pick(SKM_EDUCATIONS), occupation: pick(SKM_OCCUPATIONS) },
    channel,
    counter: null,
    deviceHash: null,
  }));
}

/**
 * SKM demo data (marked DATA DEMO): for every demo service in force of Provinsi Jambi (15) and Kota
 * Jambi (15.71), an open survey of the year `year` with a realistic number of responses (some below
 * the minimum for their population, to show that state). Deterministic; skipped for an agency that
 * already has demo surveys. Answers the number of surveys added.
 */
export async function seedDemoSkm(db: Db, year: number): Promise<number> {
  const found = await db.select({ id: agencies.id, code: agencies.code }).from(agencies).where(inArray(agencies.code, ["15", "15.71"]));
  const ctx = { actorUserId: null, actorLabel: "seed:demo", ip: null, userAgent: null };
  let added = 0;
  for (const agency of found.sort((a, b) => a.code.localeCompare(b.code))) {
    const [existing] = await db.select({ id: skmSurveys.id }).from(skmSurveys).where(and(eq(skmSurveys.agencyId, agency.id), eq(skmSurveys.demo, true))).limit(1);
    if (existing) continue;
    const services = await db
      .selectDistinct({ id: publicServices.id, name: publicServices.name })
      .from(publicServices)
      .innerJoin(serviceStandardVersions, eq(serviceStandardVersions.serviceId, publicServices.id))
      .where(and(eq(publicServices.agencyId, agency.id), eq(serviceStandardVersions.status, "in_force")))
      .orderBy(publicServices.name);
    for (const [i, s] of services.entries()) {
      const seed = (agency.code === "15" ? 1500 : 1571) * 100 + i;
      const population = [500, 1200, 3000, 800, 20000][i % 5]!;
      const count = [230, 310, 120, 265, 90, 180][i % 6]!;
      const id = await createSurvey(db, ctx, agency.id, { serviceId: s.id, title: `SKM ${s.name} ${year} (DATA DEMO)`, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, population, counters: ["Loket 1", "MPP"] }, { demo: true });
      await setSurveyStatus(db, ctx, agency.id, id, "open");
      await insertResponsesUnchecked(db, id, demoResponses(seed, count, i % 2 ? "counter" : "online"));
      added++;
    }
  }
  return added;
}
