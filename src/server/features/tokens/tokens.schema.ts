import { z } from "zod";

export const CreateTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  scope: z.enum(["read", "write"]).default("read"),
  days: z.number().int().min(1).max(365).default(90),
});

export const TokenIdParams = z.object({ id: z.coerce.number().int().positive() });

export const TokenResponse = z.object({
  id: z.number(),
  name: z.string(),
  scope: z.enum(["read", "write"]),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
  createdAt: z.string(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;
