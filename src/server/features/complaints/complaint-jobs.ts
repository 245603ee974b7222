import { calendarDayAt } from "../../../core";
import { complaintOfficers, sendComplaintReminder, sweepComplaintPersonalData } from "../../../db/commands/complaints";
import { openComplaints } from "../../../db/queries/complaints";
import type { AppContext } from "../../context";
import { workingCalendarOf } from "../../working-calendar";
import { complaintWorkflow, terminalStates } from "./complaint-workflow";
import { caseViewOf } from "./complaints.presenter";

const SYSTEM = { actorUserId: null, actorLabel: "system", ip: null, userAgent: null };

/**
 * Reminders and escalation (periodic job, once per cluster): an open complaint whose state clock is
 * due soon notifies whoever claimed it (or, unclaimed, the agency's service officers and officials);
 * one that breached notifies the agency's pejabat_layanan. One notification per state visit and
 * status (`complaint_reminders`), so running it again sends nothing new. `now` is passed in.
 */
export async function runComplaintReminders(ctx: Pick<AppContext, "database" | "holidaysDir">, now: Date): Promise<{ dueSoon: number; breached: number }> {
  const def = complaintWorkflow();
  const db = ctx.database.db;
  const sent = { dueSoon: 0, breached: 0 };
  for (const r of await openComplaints(db, terminalStates(def))) {
    const view = caseViewOf(def, r.transitions, workingCalendarOf(ctx, r.agencyCode), now);
    const status = view.stateSla?.status;
    if (status !== "due_soon" && status !== "breached") continue;
    const entered = [...r.transitions].reverse().find((t) => t.fromState !== t.toState)!;
    const claimant = view.claim?.actorId.startsWith("user:") ? [Number(view.claim.actorId.slice(5))] : [];
    const recipients = status === "breached" ? await complaintOfficers(db, r.complaint.agencyId, ["pejabat_layanan"]) : claimant.length ? claimant : await complaintOfficers(db, r.complaint.agencyId, ["petugas_layanan", "pejabat_layanan"]);
    if (await sendComplaintReminder(db, { complaintId: r.complaint.id, agencyId: r.complaint.agencyId, agencyCode: r.agencyCode, agencyName: r.agencyName, visitSeq: entered.seq, status, recipients, trackingNumber: r.complaint.trackingNumber, at: now })) {
      if (status === "due_soon") sent.dueSoon++;
      else sent.breached++;
    }
  }
  return sent;
}

/** Retention (periodic job): removes the personal data of complaints past their retention day (WIB), audited. */
export function runComplaintRetention(ctx: Pick<AppContext, "database">, now: Date): Promise<number> {
  return sweepComplaintPersonalData(ctx.database.db, SYSTEM, calendarDayAt(now.getTime()), now);
}
