import { z } from "zod";
import { nipProblem, ROLES } from "../../../core";

const Nip = z.string().trim().superRefine((v, c) => {
  const p = nipProblem(v);
  if (p) c.addIssue({ code: "custom", message: p });
});

export const RoleInput = z.object({ role: z.enum(ROLES), agencyCode: z.string().regex(/^[A-Z0-9.]{2,12}$/).optional() });

export const CreateUserBody = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  name: z.string().trim().min(2).max(200),
  nip: Nip.optional(),
  phone: z.string().trim().regex(/^\+?[0-9 -]{6,20}$/, "digits, spaces, + and - only").optional(),
  roles: z.array(RoleInput).min(1).max(20),
});

export const UserIdParams = z.object({ id: z.coerce.number().int().positive() });
export const UserRoleParams = UserIdParams.extend({ roleId: z.coerce.number().int().positive() });

export const UserResponse = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  nip: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  roles: z.array(z.object({ id: z.number(), role: z.enum(ROLES), agency: z.object({ code: z.string(), name: z.string() }).nullable() })),
  /** What the caller may do to this user (`policies/user.policy.ts`, `userAbilities`). */
  abilities: z.object({ manageRoles: z.boolean(), resetLink: z.boolean() }),
});
export type UserResponse = z.infer<typeof UserResponse>;

/** A one-time link: e-mailed when SMTP is configured, otherwise shown once to the person who made it. */
export const LinkResponse = z.object({
  delivery: z.enum(["email", "shown"]),
  token: z.string().optional(),
  path: z.string().optional(),
  expiresAt: z.string(),
});
export type LinkResponse = z.infer<typeof LinkResponse>;

/**
 * A role the caller may grant: national (no agency), in any agency (administrators), or only in the
 * listed agencies (a Koordinator SPBE: their own).
 */
export const GrantableRole = z.object({
  role: z.enum(ROLES),
  scope: z.enum(["national", "any_agency", "agencies"]),
  agencies: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type GrantableRole = z.infer<typeof GrantableRole>;
