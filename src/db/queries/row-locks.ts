import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, assessments } from "../schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/*
 * A command that replaces a set of child rows (delete, then insert) or numbers the next one
 * (revision = latest + 1) first locks the parent row, so two such commands on one parent run one
 * after the other instead of both inserting the same key (a unique violation, 500). FOR NO KEY
 * UPDATE: readers and the foreign-key checks of inserts into child tables (FOR KEY SHARE) do not wait.
 */

/** Locks an assessment row until the transaction ends; writers of its child rows queue here. */
export async function lockAssessment(tx: Tx, assessmentId: number): Promise<void> {
  await tx.select({ id: assessments.id }).from(assessments).where(eq(assessments.id, assessmentId)).for("no key update");
}

/** Locks an agency row until the transaction ends; writers of its child rows queue here. */
export async function lockAgency(tx: Tx, agencyId: number): Promise<void> {
  await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId)).for("no key update");
}
