import { z } from "zod";
import { DEFAULT_COMPLAINT_RETENTION_DAYS, PUBLIC_COMPONENT_KEYS, SERVICE_CHANNELS, SERVICE_COMPONENT_KEYS, SERVICE_SECTORS, STANDARD_STATUSES } from "../../../core";
import { AgencyCategory, AgencyCodeParams } from "../agencies/agencies.schema";

export const ServiceSector = z.enum(SERVICE_SECTORS);
export const ServiceChannel = z.enum(SERVICE_CHANNELS);
export const StandardStatus = z.enum(STANDARD_STATUSES);

const text = (max: number) => z.string().trim().max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD").refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "not a calendar date");

export const ServiceParams = AgencyCodeParams.extend({ serviceId: z.coerce.number().int().positive().max(2_147_483_647) });
export const VersionParams = ServiceParams.extend({ version: z.coerce.number().int().positive().max(100_000) });

/** What the catalogue says about a service. */
export const ServiceBody = z.object({
  name: text(200).min(3),
  summary: text(600).default(""),
  sector: ServiceSector,
  unitId: z.number().int().positive().nullable().default(null),
  onlineUrl: z
    .string()
    .trim()
    .max(500)
    .url()
    .refine((u) => /^https?:\/\//i.test(u), "an http(s) address")
    .nullable()
    .default(null),
  atMpp: z.boolean().default(false),
  atOffice: z.boolean().default(true),
  feeRupiah: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
  /** Days a complaint about the service keeps its reporter's personal data (PP 71/2019, UU 27/2022: no longer than needed). */
  complaintRetentionDays: z.number().int().min(30).max(36_500).default(DEFAULT_COMPLAINT_RETENTION_DAYS),
});

/** The fourteen components of a draft, as text. */
export const StandardComponents = z.object(Object.fromEntries(SERVICE_COMPONENT_KEYS.map((k) => [k, text(8000)])) as Record<(typeof SERVICE_COMPONENT_KEYS)[number], ReturnType<typeof text>>);

export const StandardDraftBody = StandardComponents.extend({
  decreeNumber: text(200).nullable(),
  decreeDate: isoDate.nullable(),
});

export const ServiceSummary = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  summary: z.string(),
  sector: ServiceSector,
  unit: z.object({ id: z.number(), name: z.string() }).nullable(),
  onlineUrl: z.string().nullable(),
  atMpp: z.boolean(),
  atOffice: z.boolean(),
  feeRupiah: z.number().nullable(),
  complaintRetentionDays: z.number(),
  inForce: z.object({ version: z.number(), decreeNumber: z.string().nullable(), decreeDate: z.string().nullable() }).nullable(),
  draftVersion: z.number().nullable(),
  updatedAt: z.string(),
});

export const StandardVersion = StandardComponents.extend({
  version: z.number(),
  status: StandardStatus,
  decreeNumber: z.string().nullable(),
  decreeDate: z.string().nullable(),
  inForceAt: z.string().nullable(),
  replacedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** What a draft still lacks before it may be put in force (empty when complete, and for other statuses). */
  missing: z.array(z.string()),
});

export const ServiceDetail = z.object({
  service: ServiceSummary,
  versions: z.array(StandardVersion),
  /** manage: the service and its standard; manageFaq: the help page's FAQ (complaint handlers too). */
  abilities: z.object({ manage: z.boolean(), manageFaq: z.boolean() }),
});

export const ServiceList = z.object({
  services: z.array(ServiceSummary),
  abilities: z.object({ manage: z.boolean() }),
});

export const PutInForceResponse = z.object({ version: z.number(), replaced: z.number().nullable() });

// ---- public ----

export const PublicServicesQuery = z.object({
  province: z.string().regex(/^\d{2}$/, "a two-digit province code, e.g. 15").optional(),
  agency: z.string().regex(/^[A-Z0-9.]{2,12}$/, "an agency code such as 15.71").optional(),
  q: z.string().trim().min(2).max(100).optional(),
  sector: ServiceSector.optional(),
  channel: ServiceChannel.optional(),
  format: z.enum(["json", "csv"]).optional(),
});
export const PublicServiceParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const PublicService = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  summary: z.string(),
  sector: ServiceSector,
  agency: z.object({ code: z.string(), name: z.string(), category: AgencyCategory, provinceCode: z.string().nullable() }),
  unit: z.string().nullable(),
  channels: z.object({ online: z.string().nullable(), mpp: z.boolean(), office: z.boolean() }),
  feeRupiah: z.number().nullable(),
  complaintRetentionDays: z.number(),
  standard: z.object({
    version: z.number(),
    decreeNumber: z.string().nullable(),
    decreeDate: z.string().nullable(),
    inForceSince: z.string().nullable(),
    components: z.object(Object.fromEntries(PUBLIC_COMPONENT_KEYS.map((k) => [k, z.string()])) as Record<(typeof PUBLIC_COMPONENT_KEYS)[number], z.ZodString>),
  }),
});
export type PublicService = z.infer<typeof PublicService>;
export const PublicServicesDocument = z.object({ services: z.array(PublicService) });
