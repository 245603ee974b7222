import { z } from "zod";
import { QUEUE_SLA_FILTERS } from "../../../core";
import { AgencyCodeParams } from "../agencies/agencies.schema";

export const ApplicationParams = z.object({ id: z.string().uuid() });
export const AgencyApplicationParams = AgencyCodeParams.extend({ id: z.string().uuid() });
export const AgencyFileParams = AgencyApplicationParams.extend({ fileId: z.string().uuid() });
export const FormVersionParams = AgencyCodeParams.extend({ formVersionId: z.coerce.number().int().positive().max(2_147_483_647) });
export const ServiceIdParams = z.object({ serviceId: z.coerce.number().int().positive().max(2_147_483_647) });

/** Answers are checked against the form definition by the core (every error at once), not here. */
const Answers = z.record(z.string(), z.unknown()).refine((v) => JSON.stringify(v).length <= 200_000, "answers larger than 200 kB");

export const StartBody = z.object({ serviceId: z.number().int().positive().max(2_147_483_647) });
export const DraftBody = z.object({ data: Answers });
export const ReasonBody = z.object({ reason: z.string().trim().max(2000).optional() });
export const ActionBody = z.object({ action: z.string().regex(/^[a-z][a-z0-9_]*$/).max(60), reason: z.string().trim().max(2000).optional() });
export const BulkBody = ActionBody.extend({ ids: z.array(z.string().uuid()).min(1).max(200) });
export const TrackBody = z.object({ trackingNumber: z.string().trim().toUpperCase().max(40), check: z.string().trim().toUpperCase().max(40), website: z.string().optional() });
export const FileFields = z.object({ field: z.string().regex(/^[a-z][a-z0-9_]*$/).max(60) });

export const QueueQuery = z.object({
  sla: z.enum(QUEUE_SLA_FILTERS).optional(),
  serviceId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  state: z.string().regex(/^[a-z][a-z0-9_]*$/).max(60).optional(),
  /** `mine`: only cases I hold; `role`: only states my workflow roles act in. */
  scope: z.enum(["all", "mine", "role"]).default("role"),
});

const Deadline = z.object({ deadline: z.string().nullable(), status: z.string(), daysLeft: z.number().nullable(), workingDays: z.number() }).nullable();
/** A reason the system gave (an automatic action): the interface words `code` with `params` in its language; `reason` is the Indonesian text. */
export const SystemReasonOut = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }).nullable();
const StepOut = z.object({ action: z.string(), from: z.string().nullable(), to: z.string(), at: z.string(), reason: z.string().nullable(), systemReason: SystemReasonOut, byCitizen: z.boolean(), role: z.string() });
const ActionOut = z.object({ action: z.string(), reasonRequired: z.boolean(), allowed: z.boolean(), refusal: z.string().nullable() });
const FileOut = z.object({ id: z.string(), field: z.string(), name: z.string(), size: z.number(), type: z.string() });

export const ApplicationSummary = z.object({
  id: z.string(),
  trackingNumber: z.string().nullable(),
  service: z.object({ id: z.number(), name: z.string(), slug: z.string() }),
  agency: z.object({ code: z.string(), name: z.string() }),
  state: z.string(),
  terminal: z.boolean(),
  paused: z.boolean(),
  stateDeadline: z.string().nullable(),
  caseDeadline: z.string().nullable(),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  hasProduct: z.boolean(),
});
export const ApplicationList = z.object({ applications: z.array(ApplicationSummary) });

export const FormOut = z.object({ id: z.number(), formId: z.string(), version: z.number(), status: z.string(), serviceId: z.number().nullable(), definition: z.record(z.string(), z.unknown()) });

export const CitizenApplicationDetail = z.object({
  application: ApplicationSummary,
  data: z.record(z.string(), z.unknown()),
  form: FormOut,
  files: z.array(FileOut),
  history: z.array(StepOut),
  actions: z.array(ActionOut),
  stateSla: Deadline,
  caseSla: Deadline,
  /** The officer's reason when a correction is asked for. */
  correctionReason: z.string().nullable(),
});
export const SubmitResponse = z.object({ id: z.string(), trackingNumber: z.string(), check: z.string(), state: z.string() });
export const StartResponse = z.object({ id: z.string() });
export const FileResponse = z.object({ ref: z.string(), name: z.string(), size: z.number(), type: z.string() });
export const TrackResponse = z.object({ trackingNumber: z.string(), service: z.string(), agency: z.string(), state: z.string(), terminal: z.boolean(), paused: z.boolean(), stateDeadline: z.string().nullable(), caseDeadline: z.string().nullable(), submittedAt: z.string().nullable(), closedAt: z.string().nullable() });
export const CitizenNotificationList = z.object({ notifications: z.array(z.object({ id: z.number(), kind: z.string(), payload: z.record(z.string(), z.unknown()), applicationId: z.string().nullable(), createdAt: z.string(), read: z.boolean() })) });
export const PublishedForm = z.object({ form: FormOut.nullable() });

export const QueueItem = z.object({
  id: z.string(),
  trackingNumber: z.string().nullable(),
  service: z.object({ id: z.number(), name: z.string() }),
  state: z.string(),
  sla: z.string().nullable(),
  paused: z.boolean(),
  claimedBy: z.object({ id: z.number(), name: z.string().nullable() }).nullable(),
  stateRoles: z.array(z.string()),
  stateDeadline: z.string().nullable(),
  caseDeadline: z.string().nullable(),
  submittedAt: z.string().nullable(),
});
export const QueueResponse = z.object({ items: z.array(QueueItem), today: z.string(), myRoles: z.array(z.string()) });
export const OfficerApplicationDetail = CitizenApplicationDetail.extend({ access: z.array(z.object({ at: z.string(), what: z.string(), userName: z.string().nullable() })), myRoles: z.array(z.string()), claimedBy: z.number().nullable() });
export const ActionResponse = z.object({ state: z.string(), claimedBy: z.number().nullable() });
export const BulkResponse = z.object({ results: z.array(z.object({ id: z.string(), ok: z.boolean(), error: z.string().nullable(), state: z.string().nullable() })) });
export const FormVersionList = z.object({ forms: z.array(FormOut.extend({ serviceName: z.string().nullable(), createdAt: z.string(), publishedAt: z.string().nullable(), createdBy: z.string().nullable() })) });
/** A form definition sent by an officer; its shape and rules are checked by the core's validateForm (every problem with its path). */
export const FormDefinitionBody = z.object({ definition: z.unknown() }).refine((b) => JSON.stringify(b.definition ?? null).length <= 500_000, "definition larger than 500 kB");
export const FormSaved = z.object({ id: z.number(), version: z.number() });
export const StatsResponse = z.object({ services: z.array(z.object({ serviceId: z.number(), serviceName: z.string(), submitted: z.number(), open: z.number(), approved: z.number(), rejected: z.number(), closed: z.number(), closedOnTime: z.number(), slaCompliance: z.number().nullable(), medianDays: z.number().nullable() })) });
