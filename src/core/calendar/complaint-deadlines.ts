/**
 * The SP4N-LAPOR! clocks in working days (reference e-services.md §3.2, [C]): a report is verified
 * and forwarded within 3 working days of its receipt, the agency answers (tindak lanjut) within 5
 * working days, and a report with a follow-up closes by itself after 10 working days without a reply
 * from the complainant. As data, so a later regulation (PermenPANRB 5/2025 is reported to replace
 * 62/2018, content not seen) changes numbers, not code.
 *
 * [U] The reference does not say from which day the 5 days run; we count them from the verification
 * (the agency receives the report then), and, while the report is not verified yet, from the latest
 * allowed verification day, which is the latest the follow-up can be due.
 */
import { addWorkingDays, spansProvisionalYear, workingDaysBetween, type WorkingCalendar } from "./working-days";

export const LAPOR_DEADLINES = {
  /** Verification and disposition, from the day the report is received. */
  verification: { workingDays: 3, from: "received" },
  /** The agency's follow-up answer, from the verification. */
  followUp: { workingDays: 5, from: "verified" },
  /** Closed automatically when nobody replied, from the follow-up. */
  autoClose: { workingDays: 10, from: "followed_up" },
} as const;

export interface ComplaintDeadlines {
  receivedOn: string;
  /** Last day to verify and forward the report. */
  verifyBy: string;
  /** Last day for the follow-up answer (from `verifiedOn`, else from `verifyBy`). */
  followUpBy: string;
  /** The day the report closes by itself once followed up and left without a reply; null before a follow-up. */
  closesOn: string | null;
  /** True when a deadline lies in a year whose holiday file is provisional: recheck when the SKB appears. */
  provisional: boolean;
}

/** The deadlines of a complaint received on `receivedOn` (ISO, Asia/Jakarta), given what already happened. */
export function complaintDeadlines(receivedOn: string, cal: WorkingCalendar, happened: { verifiedOn?: string; followedUpOn?: string } = {}): ComplaintDeadlines {
  const verifyBy = addWorkingDays(receivedOn, LAPOR_DEADLINES.verification.workingDays, cal);
  const followUpBy = addWorkingDays(happened.verifiedOn ?? verifyBy, LAPOR_DEADLINES.followUp.workingDays, cal);
  const closesOn = happened.followedUpOn === undefined ? null : addWorkingDays(happened.followedUpOn, LAPOR_DEADLINES.autoClose.workingDays, cal);
  return { receivedOn, verifyBy, followUpBy, closesOn, provisional: spansProvisionalYear(receivedOn, closesOn ?? followUpBy, cal) };
}

/**
 * Working days left until a deadline, seen on `today` (passed in by the caller): 0 on the deadline
 * itself, negative once the deadline day is over (−1 up to the first working day after it, −2 on the
 * second …). For reminders and escalation before a breach.
 */
export function workingDaysLeft(today: string, deadline: string, cal: WorkingCalendar): number {
  if (today <= deadline) return workingDaysBetween(today, deadline, cal);
  return -Math.max(1, workingDaysBetween(deadline, today, cal));
}
