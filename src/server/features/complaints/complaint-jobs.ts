import { calendarDayAt } from "../../../core";
import { autoCloseComplaint, ComplaintCommandError, complaintOfficers, sendComplaintReminder, sweepComplaintPersonalData } from "../../../db/commands/complaints";
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

/**
 * Automatic close (periodic job, once per cluster): an answered complaint whose reporter neither
 * accepted nor replied within the state's `autoAction` working days (10, on the agency's calendar)
 * is closed by the system (`close_without_reply`, actor `sistem`, with a reason), and its reporter
 * told where possible (in-app for a signed-in citizen; an e-mail when SMTP is configured and the
 * reporter left an address). Idempotent and race-safe: the command acts only on the history it was
 * decided on, so a reporter acting at the same moment wins and the job skips. `now` is passed in.
 */
export async function runComplaintAutoClose(ctx: Pick<AppContext, "database" | "holidaysDir" | "mailer">, now: Date): Promise<number> {
  const def = complaintWorkflow();
  let closed = 0;
  for (const r of await openComplaints(ctx.database.db, terminalStates(def))) {
    const auto = caseViewOf(def, r.transitions, workingCalendarOf(ctx, r.agencyCode), now).autoAction;
    if (!auto?.due) continue;
    const done = await autoCloseComplaint(ctx.database.db, SYSTEM, def, { complaintId: r.complaint.id, action: auto.action, seenTransitions: r.transitions.length }, now).catch((e: unknown) => {
      if (e instanceof ComplaintCommandError) return undefined;
      throw e;
    });
    if (!done) continue;
    closed++;
    if (ctx.mailer && done.reporterEmail) {
      const subject = `Pengaduan ${done.trackingNumber} selesai`;
      const text = `Pengaduan Anda (${done.trackingNumber}) kepada ${r.agencyName} ditutup otomatis karena jawaban tidak ditanggapi dalam 10 hari kerja.\n\nLacak: ${ctx.mailer.publicUrl}/pengaduan/lacak\n`;
      await ctx.mailer.send({ to: done.reporterEmail, subject, text }).catch((e: Error) => console.error("complaint notice failed:", e.message));
    }
  }
  return closed;
}

/** Retention (periodic job): removes the personal data of complaints past their retention day (WIB), audited. */
export function runComplaintRetention(ctx: Pick<AppContext, "database">, now: Date): Promise<number> {
  return sweepComplaintPersonalData(ctx.database.db, SYSTEM, calendarDayAt(now.getTime()), now);
}
