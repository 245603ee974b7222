import { z } from "zod";

/** One linked identity: the provider (issuer), its subject, when it was linked and last used. */
export const StaffOidcIdentity = z.object({ issuer: z.string(), subject: z.string(), linkedAt: z.string(), lastSignInAt: z.string().nullable() });
export const StaffOidcIdentityList = z.object({ identities: z.array(StaffOidcIdentity) });
const IdentityKey = { issuer: z.string().min(1).max(500), subject: z.string().min(1).max(500) };
/** Unlinking one's own identity re-confirms the password (a stolen session must not detach SSO silently). */
export const UnlinkOwnBody = z.object({ ...IdentityKey, password: z.string().min(1).max(500) });
export const UnlinkUserBody = z.object(IdentityKey);
export const UserIdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
