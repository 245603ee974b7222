import { calendarDayAt, describeCase, SYSTEM_REASON_CODES, type FormDefinition, type Transition } from "../../../core";
import { eraseExpiredApplicationData, type RetentionReport } from "../../../db/commands/application-retention";
import { actOnApplication, ApplicationCommandError } from "../../../db/commands/applications";
import { applicationHistories, formVersionById, openApplicationsInStates } from "../../../db/queries/applications";
import type { Db } from "../../../db/client";
import type { EvidenceStorage } from "../../../lib/storage";
import type { AppContext } from "../../context";
import { bundledWorkflows, calendarOfAgency, engineStep } from "./applications-runtime";
import { maxIso } from "./citizen-applications.routes";

/** The audit actor of the application jobs (no user; the workflow's `system` role acts). */
const SYSTEM_AUDIT = { actorUserId: null, actorLabel: "sistem", ip: null, userAgent: null };
/** The history's actor of an automatic action. */
export const SYSTEM_ACTOR_ID = "system";

type JobContext = Pick<AppContext, "database" | "holidaysDir">;

/** A cache of form definitions by version id, for one run. */
function formLoader(db: Db): (formVersionId: number) => Promise<FormDefinition> {
  const cache = new Map<number, Promise<FormDefinition>>();
  return (id) => {
    let p = cache.get(id);
    if (!p) {
      p = formVersionById(db, id).then((r) => {
        if (!r) throw new Error(`form version ${id} is missing`);
        return r.definition as FormDefinition;
      });
      cache.set(id, p);
    }
    return p;
  };
}

/** Candidates whose histories are read per query by the auto-action job. */
const CHUNK = 500;

/**
 * Workflow auto actions (periodic job, once per cluster): every open application in a state with an
 * `autoAction` (e.g. `correction_requested` → `expire` after 14 working days) whose day has come on
 * the agency's working calendar takes that action as the workflow's system role, through the same
 * command as an officer's action (history row, queue columns, audit, the citizen's notification).
 * The histories are read first, 500 cases per query, and only a case found due is locked; the
 * deadline is checked again under the row lock: a citizen who resubmitted first wins and the case is
 * skipped; a citizen after the job gets the engine's 409. Running it twice changes nothing.
 */
export async function runApplicationAutoActions(ctx: JobContext, now: Date): Promise<{ acted: number; skipped: number }> {
  const db = ctx.database.db;
  const formOf = formLoader(db);
  const out = { acted: 0, skipped: 0 };
  const nowIso = now.toISOString();
  for (const def of bundledWorkflows()) {
    const states = def.states.filter((s) => s.autoAction && !s.terminal).map((s) => s.id);
    const systemRoles = def.roles.filter((r) => r.kind === "system").map((r) => r.id);
    const dueAction = (history: Transition[], agencyCode: string) => {
      const at = maxIso(nowIso, history.at(-1)?.at ?? nowIso);
      const auto = history.length ? describeCase(def, history, { calendar: calendarOfAgency(ctx, agencyCode), now: at }).autoAction : null;
      return auto?.due ? { ...auto, at } : null;
    };
    const candidates = await openApplicationsInStates(db, def, states);
    for (let i = 0; i < candidates.length; i += CHUNK) {
      const chunk = candidates.slice(i, i + CHUNK);
      const histories = await applicationHistories(db, chunk.map((c) => c.id));
      for (const c of chunk) {
        if (!dueAction(histories.get(c.id) ?? [], c.agencyCode)) {
          out.skipped++;
          continue;
        }
        const form = await formOf(c.formVersionId);
        try {
          await actOnApplication(db, SYSTEM_AUDIT, c.id, { agencyId: c.agencyId }, (locked) => {
            const auto = dueAction(locked.history, c.agencyCode);
            if (!auto) return { ok: false, refusal: { code: "not_due", status: 409, message: "no automatic action is due" } };
            const afterDays = def.states.find((s) => s.id === locked.state)?.autoAction?.afterWorkingDays ?? 0;
            // The Indonesian wording is stored with the code and values the interface words in its language.
            const reason = `Otomatis: tidak ada tindak lanjut pemohon dalam ${afterDays} hari kerja (batas ${auto.on}).`;
            const systemReason = { code: SYSTEM_REASON_CODES.applicationAutoAction, params: { workingDays: afterDays, deadline: auto.on } };
            return engineStep(def, locked.history, { action: auto.action, actor: { id: SYSTEM_ACTOR_ID, roles: systemRoles }, at: auto.at, reason, systemReason }, { ctx, agencyCode: c.agencyCode }, { notifyCitizen: true }, form);
          });
          out.acted++;
        } catch (e) {
          // The case moved on between the read and the lock (the citizen resubmitted, an officer acted).
          if (e instanceof ApplicationCommandError && (e.reason === "refused" || e.reason === "not_found")) out.skipped++;
          else throw e;
        }
      }
    }
  }
  return out;
}

/**
 * Retention (periodic job, once per cluster): erases the answers and attachments of closed
 * applications whose fields' retention has passed on today's WIB day, audited as counts per agency.
 */
export function runApplicationRetention(ctx: Pick<AppContext, "database">, storage: EvidenceStorage, now: Date): Promise<RetentionReport> {
  const db = ctx.database.db;
  return eraseExpiredApplicationData(db, storage, SYSTEM_AUDIT, { today: calendarDayAt(now.getTime()), formOf: formLoader(db) });
}
