import { asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { staffOidcIdentities } from "../schema";

/** A staff account's linked OpenID Connect identities, oldest link first. */
export function staffOidcIdentitiesOf(db: Db, userId: number) {
  return db
    .select({ issuer: staffOidcIdentities.issuer, subject: staffOidcIdentities.subject, linkedAt: staffOidcIdentities.linkedAt, lastSignInAt: staffOidcIdentities.lastSignInAt })
    .from(staffOidcIdentities)
    .where(eq(staffOidcIdentities.userId, userId))
    .orderBy(asc(staffOidcIdentities.linkedAt));
}
