import { z } from "zod";
import { SystemReasonOut } from "../applications/applications.schema";
import { COMPLAINT_CATEGORIES } from "../../../core";
import { honeypotField } from "../../honeypot";
import { AgencyCodeParams } from "../agencies/agencies.schema";

const text = (max: number) => z.string().trim().max(max);

/** Largest attachment (decoded), and how many a complaint may carry. */
export const COMPLAINT_ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024;
export const COMPLAINT_ATTACHMENT_MAX_COUNT = 3;
/** Base64 text a little over the byte limit is still read, so an oversized file is named as such rather than as bad text. */
const BASE64_MAX_CHARS = Math.ceil(((COMPLAINT_ATTACHMENT_MAX_BYTES * 2) / 3) * 4);

export const ComplaintCategory = z.enum(COMPLAINT_CATEGORIES);
export const SlaStatus = z.enum(["on_track", "due_soon", "breached", "paused", "met", "missed"]);

export const ComplaintAttachmentInput = z.object({
  fileName: text(200).min(1),
  /** The file's bytes, base64. Its type is decided by its content (PDF, PNG, JPEG, Office), never by the name. */
  contentBase64: z.string().max(BASE64_MAX_CHARS, "larger than the limit").regex(/^[A-Za-z0-9+/]*={0,2}$/, "not base64"),
});

export const FileComplaintBody = z
  .object({
    serviceId: z.number().int().positive().max(2_147_483_647).nullable().default(null),
    category: ComplaintCategory,
    title: text(200).min(5),
    description: text(8000).min(20),
    location: text(300).nullable().default(null),
    anonymous: z.boolean().default(false),
    confidential: z.boolean().default(false),
    name: text(200).nullable().default(null),
    email: z.string().trim().toLowerCase().max(254).email().nullable().default(null),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{8,20}$/, "a phone number such as 0812 3456 7890")
      .nullable()
      .default(null),
    attachments: z.array(ComplaintAttachmentInput).max(COMPLAINT_ATTACHMENT_MAX_COUNT).default([]),
    ...honeypotField,
  })
  .superRefine((b, ctx) => {
    if (b.anonymous && b.confidential) ctx.addIssue({ code: "custom", path: ["confidential"], message: "an anonymous complaint carries no identity to keep confidential" });
    if (!b.anonymous && !b.name) ctx.addIssue({ code: "custom", path: ["name"], message: "required unless the complaint is anonymous" });
  });

export const FiledComplaint = z.object({
  trackingNumber: z.string(),
  /** Shown once: with the tracking number it opens the tracking page. */
  checkValue: z.string(),
});

export const TrackBody = z.object({ trackingNumber: text(40).min(4), checkValue: text(20).min(4) });
export const ReporterActionBody = TrackBody.extend({
  action: z.enum(["accept_answer", "reply", "provide_details"]),
  reason: text(4000).optional(),
});
/** The signed-in citizen acts on a complaint of their own: no check value needed. */
export const CitizenComplaintActionBody = ReporterActionBody.omit({ checkValue: true });

const Clock = z.object({ workingDays: z.number(), deadline: z.string().nullable(), daysLeft: z.number().nullable(), status: SlaStatus, provisional: z.boolean() });

const HistoryEntry = z.object({ action: z.string(), from: z.string().nullable(), to: z.string(), at: z.string(), reason: z.string().nullable(), systemReason: SystemReasonOut, byReporter: z.boolean() });

/** What the reporter sees on the tracking page (no officer names, no internal notes beyond reasons given to them). */
export const TrackedComplaint = z.object({
  trackingNumber: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  service: z.object({ id: z.number(), name: z.string() }).nullable(),
  category: ComplaintCategory,
  title: z.string(),
  description: z.string(),
  state: z.string(),
  terminal: z.boolean(),
  filedAt: z.string(),
  stateSla: Clock.nullable(),
  autoClose: z.object({ on: z.string() }).nullable(),
  answer: z.string().nullable(),
  history: z.array(HistoryEntry),
  /** Actions the reporter may take now. */
  actions: z.array(z.object({ action: z.string(), reasonRequired: z.boolean() })),
});

export const CitizenComplaintList = z.object({ complaints: z.array(TrackedComplaint) });

export const ComplaintParams = AgencyCodeParams.extend({ id: z.coerce.number().int().positive().max(2_147_483_647) });
export const InboxQuery = z.object({
  sla: z.enum(["on_track", "due_soon", "breached", "paused"]).optional(),
  state: z.string().regex(/^[a-z_]{2,40}$/).optional(),
  open: z.enum(["true", "false"]).optional(),
});

export const ComplaintSummary = z.object({
  id: z.number(),
  trackingNumber: z.string(),
  title: z.string(),
  category: ComplaintCategory,
  service: z.object({ id: z.number(), name: z.string() }).nullable(),
  state: z.string(),
  terminal: z.boolean(),
  filedAt: z.string(),
  anonymous: z.boolean(),
  confidential: z.boolean(),
  dispositionUnit: z.object({ id: z.number(), name: z.string() }).nullable(),
  claim: z.object({ actorId: z.string(), mine: z.boolean(), at: z.string() }).nullable(),
  stateSla: Clock.nullable(),
  laporTrackingId: z.string().nullable(),
});
export const ComplaintInbox = z.object({ complaints: z.array(ComplaintSummary), abilities: z.object({ handle: z.boolean() }) });

export const ComplaintDetail = ComplaintSummary.extend({
  description: z.string(),
  location: z.string().nullable(),
  channel: z.string(),
  answer: z.string().nullable(),
  /** Null when anonymous, confidential (ask with POST …/identity) or removed after the retention period. */
  reporter: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  personalDataRemoved: z.boolean(),
  retainUntil: z.string(),
  history: z.array(HistoryEntry.extend({ actorRole: z.string() })),
  attachments: z.array(z.object({ id: z.number(), fileName: z.string(), fileType: z.string(), size: z.number() })),
  identityViews: z.array(z.object({ at: z.string(), reason: z.string().nullable(), userName: z.string().nullable() })),
  actions: z.array(z.object({ action: z.string(), to: z.string(), reasonRequired: z.boolean(), allowed: z.boolean(), refusal: z.string().nullable() })),
  abilities: z.object({ handle: z.boolean() }),
});

export const ComplaintActionBody = z.object({
  action: z.string().regex(/^[a-z_]{2,40}$/),
  reason: text(4000).optional(),
  dispositionUnitId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
  answer: text(8000).optional(),
});

export const IdentityBody = z.object({ reason: text(500).min(3) });
export const ReporterIdentity = z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), anonymous: z.boolean(), removed: z.boolean() });
export const LaporBody = z.object({ laporTrackingId: text(60).regex(/^[A-Za-z0-9-]*$/, "letters, digits and -").nullable() });

export const FaqEntry = z.object({ question: text(500).min(3), answer: text(4000).min(3) });
export const FaqBody = z.object({ entries: z.array(FaqEntry).max(100) });
export const FaqDocument = z.object({ service: z.object({ id: z.number(), name: z.string(), agency: z.object({ code: z.string(), name: z.string() }) }), entries: z.array(FaqEntry) });
export const OfficerFaqDocument = z.object({ service: z.object({ id: z.number(), name: z.string() }), entries: z.array(FaqEntry), abilities: z.object({ manage: z.boolean() }) });
export const ServiceFaqParams = AgencyCodeParams.extend({ serviceId: z.coerce.number().int().positive().max(2_147_483_647) });
export const PublicFaqParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
