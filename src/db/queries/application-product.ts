import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, applications, formVersions, publicServices } from "../schema";

/** What the product of an application prints. */
export async function applicationByIdForProduct(db: Db, id: string) {
  const [row] = await db
    .select({ agencyId: applications.agencyId, agencyCode: agencies.code, agencyName: agencies.name, serviceName: publicServices.name, trackingNumber: applications.trackingNumber, data: applications.data, closedAt: applications.closedAt, definition: formVersions.definition })
    .from(applications)
    .innerJoin(agencies, eq(agencies.id, applications.agencyId))
    .innerJoin(publicServices, eq(publicServices.id, applications.serviceId))
    .innerJoin(formVersions, eq(formVersions.id, applications.formVersionId))
    .where(eq(applications.id, id));
  return row;
}
