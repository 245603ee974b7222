import { z } from "zod";
import { AgencyCodeParams } from "../agencies/agencies.schema";

export const UnitBody = z.object({ name: z.string().trim().min(3).max(200) });
export const UnitParams = AgencyCodeParams.extend({ unitId: z.coerce.number().int().positive() });
export const UnitResponse = z.object({ id: z.number(), name: z.string(), createdAt: z.string() });
export type UnitResponse = z.infer<typeof UnitResponse>;
