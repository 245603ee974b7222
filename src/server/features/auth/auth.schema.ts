import { z } from "zod";
import { ROLES } from "../../../core";

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(500),
});

export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1).max(500),
  newPassword: z.string().min(1).max(500),
});

export const RoleGrantResponse = z.object({
  id: z.number(),
  role: z.enum(ROLES),
  agency: z.object({ code: z.string(), name: z.string() }).nullable(),
});

export const MeResponse = z.object({
  user: z.object({ id: z.number(), email: z.string(), name: z.string(), nip: z.string().nullable(), phone: z.string().nullable(), language: z.string() }),
  roles: z.array(RoleGrantResponse),
  abilities: z.object({ manageUsers: z.boolean(), readAudit: z.boolean(), manageTokens: z.boolean(), write: z.boolean() }),
  via: z.enum(["session", "token"]),
  csrfToken: z.string().nullable(),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const SetPasswordBody = z.object({ token: z.string().min(20).max(200), password: z.string().min(1).max(500) });
export const LinkTokenParams = z.object({ token: z.string().min(20).max(200) });
export const LinkInfoResponse = z.object({ email: z.string(), name: z.string(), purpose: z.enum(["invitation", "reset"]) });
