import { calendarDayAt, deadlinesKept, type TrendGranularity, type WorkingCalendar } from "../../../core";
import type { AppContext } from "../../context";
import { surveysInScope } from "../../../db/queries/skm";
import { dashboardApplications, dashboardComplaints, type DashboardScope } from "../../../db/queries/service-dashboard";
import { transitionOf } from "../../../db/commands/complaints";
import { workingCalendarOf } from "../../working-calendar";
import { complaintWorkflow } from "../complaints/complaint-workflow";
import { caseViewOf } from "../complaints/complaints.presenter";
import { talliesOf } from "../skm/skm.routes";
import { byAgency, byService, byUnit, figuresOf, presentGroups, trendOf, type DashboardComplaint, type DashboardRows } from "./service-dashboard.presenter";

/** The rows of a scope and year: published surveys with their tallies, complaints with their SLA standing, applications counted. */
async function rowsOf(ctx: AppContext, scope: DashboardScope, year: number, now: Date) {
  const { db } = ctx.database;
  const today = calendarDayAt(now.getTime());
  const def = complaintWorkflow();
  const calendars = new Map<string, WorkingCalendar>();
  const calendarOf = (code: string) => calendars.get(code) ?? calendars.set(code, workingCalendarOf(ctx, code)).get(code)!;
  const [surveys, complaintRows, applications] = await Promise.all([
    surveysInScope(db, { ...scope, year, publishedOnly: true }),
    dashboardComplaints(db, scope, year),
    dashboardApplications(db, scope, year, today),
  ]);
  const complaints: DashboardComplaint[] = complaintRows.map(({ transitions, id: _id, ...r }) => {
    const view = caseViewOf(def, transitions, calendarOf(r.agencyCode), now);
    const cal = calendarOf(r.agencyCode);
    return { ...r, closed: view.terminal, closedWithinDeadline: view.terminal && deadlinesKept(def, transitions.map(transitionOf), cal, today), overdue: !view.terminal && view.stateSla?.status === "breached" };
  });
  const rows: DashboardRows = { surveys, complaints, applications };
  return { rows, tallies: await talliesOf(db, surveys) };
}

/** The rows of one agency among a province's. */
const ownRows = (rows: DashboardRows, code: string): DashboardRows => ({
  surveys: rows.surveys.filter((r) => r.agencyCode === code),
  complaints: rows.complaints.filter((r) => r.agencyCode === code),
  applications: rows.applications.filter((r) => r.agencyCode === code),
});

/**
 * The service dashboard of an agency for a year: figures, per service and unit, the trend; and, when
 * `province` is given (a province the caller may see whole), the province and its kab/kota pooled and
 * per agency. `now` fixes "overdue" and the open visits' clocks.
 */
export async function loadServiceDashboard(ctx: AppContext, agency: { id: number; code: string; name: string }, options: { year: number; granularity: TrendGranularity; now: Date; province: boolean }) {
  const { year, granularity, now } = options;
  // A province's rows include its own agency's: read once, and take the agency's out of them.
  const province = options.province ? await rowsOf(ctx, { provinceCode: agency.code }, year, now) : null;
  const own = province ? { tallies: province.tallies, rows: ownRows(province.rows, agency.code) } : await rowsOf(ctx, { agencyId: agency.id }, year, now);
  return {
    year,
    granularity,
    asOf: calendarDayAt(now.getTime()),
    agency: {
      code: agency.code,
      name: agency.name,
      figures: figuresOf(own.rows, own.tallies),
      trend: trendOf(own.rows, own.tallies, year, granularity),
      byService: presentGroups(byService(own.rows), own.tallies),
      byUnit: presentGroups(byUnit(own.rows), own.tallies),
    },
    province: province
      ? { code: agency.code, name: agency.name, figures: figuresOf(province.rows, province.tallies), trend: trendOf(province.rows, province.tallies, year, granularity), byAgency: presentGroups(byAgency(province.rows), province.tallies) }
      : null,
  };
}

export type ServiceDashboardData = Awaited<ReturnType<typeof loadServiceDashboard>>;
