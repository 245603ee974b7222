import { z } from "zod";
import { LocalizedTextSchema } from "../forms/form-schema";
import { SERVICE_ROLES } from "../access/roles";

/**
 * Zod schemas of the workflow file format (workflows/*.json), shapes only. The rules that need the
 * whole workflow (unknown or unreachable states, duplicate ids, terminal states, claims, pauses) are
 * checked by validateWorkflow with a path for each problem.
 */
export const WORKFLOW_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const CODE_PATTERN = /^[a-z][a-z0-9_]*$/;

/** Actions every workflow has without declaring them: open a case, claim it, release a claim. */
export const BUILT_IN_ACTIONS = ["start", "claim", "release"] as const;
export type BuiltInAction = (typeof BUILT_IN_ACTIONS)[number];

/** Who holds a role: an officer of the agency, the citizen (pemohon/pelapor), or the system (timeouts). */
export const ROLE_KINDS = ["officer", "citizen", "system"] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

const code = z.string().regex(CODE_PATTERN, "use lower-case letters, digits and _ (starting with a letter)");
const workingDays = z.number().int("a whole number of working days").positive("at least 1 working day");
const escalate = z.number().int("a whole number of working days").nonnegative();

export const WorkflowRoleSchema = z.strictObject({
  id: code,
  kind: z.enum(ROLE_KINDS),
  title: LocalizedTextSchema,
  /** Officer roles: the Pandu agency roles that hold it; absent = both service roles (DEFAULT_HELD_BY). */
  heldBy: z.array(z.enum(SERVICE_ROLES)).min(1).optional(),
});

/** Who holds an officer role that names no `heldBy`: every service officer and official. */
export const DEFAULT_HELD_BY: readonly (typeof SERVICE_ROLES)[number][] = SERVICE_ROLES;

/**
 * The workflow's officer roles a staff member acts in, from the Pandu roles they hold in the case's
 * agency (e.g. ["petugas_layanan"] → ["petugas_loket", "verifikator", "pengolah"]).
 */
export function officerRolesOf(def: { roles: readonly { id: string; kind: string; heldBy?: readonly string[] | undefined }[] }, agencyRoles: readonly string[]): string[] {
  return def.roles.filter((r) => r.kind === "officer" && (r.heldBy ?? DEFAULT_HELD_BY).some((h) => agencyRoles.includes(h))).map((r) => r.id);
}

export const WorkflowStateSchema = z.strictObject({
  id: code,
  title: LocalizedTextSchema,
  /** Roles that act in this state (an action may narrow them). Empty only on a terminal state. */
  roles: z.array(z.string()).optional(),
  /** Working days the officers have in this state; absent = no deadline for the state. */
  slaWorkingDays: workingDays.optional(),
  /** Working days before the deadline at which the state counts as due soon (escalation); overrides the workflow's. */
  escalateWorkingDaysBefore: escalate.optional(),
  /** The case waits for the citizen here: the clocks stop (no SLA of its own). */
  waitsForCitizen: z.boolean().optional(),
  /** Every action from here needs the actor to have claimed the case (an action may say otherwise). */
  requiresClaim: z.boolean().optional(),
  /** After a pause for the citizen, the state's clock goes on where it stopped ("continue", default) or starts again ("restart"). */
  afterPause: z.enum(["continue", "restart"]).optional(),
  /** An action the system takes by itself after so many working days in the state (e.g. LAPOR!'s auto-close). */
  autoAction: z.strictObject({ action: z.string(), afterWorkingDays: workingDays }).optional(),
  terminal: z.boolean().optional(),
});

export const WorkflowActionSchema = z.strictObject({
  id: code,
  title: LocalizedTextSchema,
  from: z.array(z.string()).min(1, "an action starts from at least one state"),
  to: z.string(),
  /** Roles allowed to take the action; absent = the roles of the state it is taken in. */
  roles: z.array(z.string()).optional(),
  reasonRequired: z.boolean().optional(),
  /** Whether the actor must have claimed the case; absent = the state's `requiresClaim`. */
  requiresClaim: z.boolean().optional(),
});

export const WorkflowDefinitionSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(WORKFLOW_ID_PATTERN, "use lower-case letters, digits and hyphens"),
  version: z.number().int().positive(),
  title: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  legalBasis: z.string().min(1).optional(),
  /** Working days for the whole case (the service standard's jangka waktu), pauses excluded; absent = none. */
  slaWorkingDays: workingDays.optional(),
  /** Default working days before a deadline at which a clock counts as due soon (1 when absent). */
  escalateWorkingDaysBefore: escalate.optional(),
  roles: z.array(WorkflowRoleSchema).min(1, "a workflow needs at least one role"),
  /** Roles that may open a case (`start`). */
  startRoles: z.array(z.string()).min(1, "name at least one role that opens a case"),
  /** Roles that may release another officer's claim (reassignment), with a reason. */
  supervisorRoles: z.array(z.string()).optional(),
  initialState: z.string(),
  states: z.array(WorkflowStateSchema).min(1, "a workflow needs states"),
  actions: z.array(WorkflowActionSchema),
});

export type WorkflowRole = z.infer<typeof WorkflowRoleSchema>;
export type WorkflowState = z.infer<typeof WorkflowStateSchema>;
export type WorkflowAction = z.infer<typeof WorkflowActionSchema>;
export type WorkflowDefinition = z.infer<typeof WorkflowDefinitionSchema>;

/** Default for `escalateWorkingDaysBefore`. */
export const DEFAULT_ESCALATE_WORKING_DAYS = 1;
