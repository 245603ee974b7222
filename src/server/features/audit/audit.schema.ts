import { z } from "zod";

export const AuditQuery = z.object({
  agency: z.string().regex(/^[A-Z0-9.]{2,12}$/).optional(),
  actor: z.string().trim().min(1).max(200).optional(),
  action: z.string().regex(/^[a-z_]+\.[a-z_]+$/).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
  format: z.enum(["json", "csv"]).default("json"),
});

export const AuditEventResponse = z.object({
  id: z.number(),
  at: z.string(),
  agencyCode: z.string().nullable(),
  actor: z.string(),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string().nullable() }),
  changes: z.object({ before: z.record(z.string(), z.unknown()).nullable(), after: z.record(z.string(), z.unknown()).nullable() }),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type AuditEventResponse = z.infer<typeof AuditEventResponse>;
