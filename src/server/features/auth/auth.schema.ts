import { z } from "zod";
import { nipProblem, ROLES } from "../../../core";

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(500),
  /** The 6-digit code from the authenticator app, for users with two-factor sign-in. */
  totp: z.string().regex(/^\d{6}$/, "six digits").optional(),
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
  user: z.object({ id: z.number(), email: z.string(), name: z.string(), nip: z.string().nullable(), phone: z.string().nullable(), language: z.string(), twoFactor: z.boolean() }),
  roles: z.array(RoleGrantResponse),
  abilities: z.object({ openCockpit: z.boolean(), openNational: z.boolean(), openPilotingBoard: z.boolean(), readOwnPlanning: z.boolean(), manageUsers: z.boolean(), readAudit: z.boolean(), manageTokens: z.boolean(), createPeriod: z.boolean(), write: z.boolean(), uploadInstruments: z.boolean(), evidenceLibrary: z.boolean(), evidenceOtherAgencies: z.boolean() }),
  via: z.enum(["session", "token"]),
  csrfToken: z.string().nullable(),
});

/** `GET /api/session`: the signed-in user as in MeResponse, or `{ user: null }` when nobody is signed in. */
export const SessionResponse = z.union([MeResponse, z.object({ user: z.null() })]);
export type MeResponse = z.infer<typeof MeResponse>;

export const SetPasswordBody = z.object({ token: z.string().min(20).max(200), password: z.string().min(1).max(500) });
export const LinkTokenParams = z.object({ token: z.string().min(20).max(200) });
export const LinkInfoResponse = z.object({ email: z.string(), name: z.string(), purpose: z.enum(["invitation", "reset"]) });

export const TotpCodeBody = z.object({ code: z.string().regex(/^\d{6}$/, "six digits") });
export const TotpDisableBody = z.object({ password: z.string().min(1).max(500) });
export const TotpSetupResponse = z.object({ secret: z.string(), uri: z.string(), qrDataUrl: z.string() });

export const ProfileBody = z
  .object({
    name: z.string().trim().min(2).max(200).optional(),
    nip: z
      .string()
      .trim()
      .superRefine((v, c) => {
        const p = nipProblem(v);
        if (p) c.addIssue({ code: "custom", message: p });
      })
      .nullable()
      .optional(),
    phone: z.string().trim().regex(/^\+?[0-9 -]{6,20}$/, "digits, spaces, + and - only").nullable().optional(),
    language: z.enum(["id", "en"]).optional(),
  })
  .strict();

export const ForgotPasswordBody = z.object({ email: z.string().trim().toLowerCase().email().max(200) });
/** Whether reset links can be e-mailed (SMTP configured); without it the page sends people to their administrator. */
export const PasswordResetOptionsResponse = z.object({ mail: z.boolean() });
