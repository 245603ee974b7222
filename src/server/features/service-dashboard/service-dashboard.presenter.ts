import { complaintFigures, percentOf, trendBucket, trendBuckets, type ComplaintTally, type IkmTally, type TrendGranularity } from "../../../core";
import type { SurveyRow } from "../../../db/queries/skm";
import type { DashboardApplicationRow } from "../../../db/queries/service-dashboard";
import { group, groupBy } from "../skm/skm.presenter";

/** A complaint as the dashboard groups it: where it belongs and how it stands. */
export interface DashboardComplaint extends ComplaintTally {
  agencyCode: string;
  agencyName: string;
  serviceId: number | null;
  serviceName: string | null;
  unitId: number | null;
  unitName: string | null;
  filedOn: string;
}

/** The rows of one group, of each source. */
export interface DashboardRows {
  surveys: SurveyRow[];
  complaints: DashboardComplaint[];
  applications: DashboardApplicationRow[];
}

/** The middle value (mean of the two middle ones for an even count), null for none. */
function median(values: number[]): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

function applicationFigures(rows: readonly DashboardApplicationRow[]) {
  const sum = (f: (r: DashboardApplicationRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  const submitted = sum((r) => r.submitted);
  const closed = sum((r) => r.closed);
  const closedOnTime = sum((r) => r.closedOnTime);
  const days = median(rows.flatMap((r) => (r.days ? r.days.split(",").map(Number) : [])));
  return { submitted, closed, closedOnTime, slaCompliance: percentOf(closedOnTime, closed), medianDays: days === null ? null : Math.round(days * 10) / 10, open: submitted - closed, overdue: sum((r) => r.overdue) };
}

/** The three sections of a group's figures; surveys pooled by the core (counts added, never IKMs averaged). */
export function figuresOf(rows: DashboardRows, tallies: Map<number, IkmTally>) {
  const s = group("", "", rows.surveys, tallies, "exact");
  return {
    surveys: { surveys: s.surveys, respondents: s.result.respondents, ikm: s.result.ikm, mutu: s.result.mutu, minimumRespondents: s.result.minimumRespondents, enough: s.result.enough, partsBelowMinimum: s.partsBelowMinimum },
    complaints: complaintFigures(rows.complaints),
    applications: applicationFigures(rows.applications),
  };
}

export type Figures = ReturnType<typeof figuresOf>;

/** Groups every source by the same key, named by the first row that names it, in key order. */
export function groupRows(rows: DashboardRows, key: { survey: (r: SurveyRow) => string | null; complaint: (r: DashboardComplaint) => string | null; application: (r: DashboardApplicationRow) => string | null }, name: { survey: (r: SurveyRow) => string; complaint: (r: DashboardComplaint) => string; application: (r: DashboardApplicationRow) => string }) {
  const out = new Map<string, { key: string; name: string; rows: DashboardRows }>();
  const at = (k: string, n: string) => out.get(k) ?? out.set(k, { key: k, name: n, rows: { surveys: [], complaints: [], applications: [] } }).get(k)!;
  for (const g of groupBy(rows.surveys, key.survey, name.survey)) at(g.key, g.name).rows.surveys.push(...g.rows);
  for (const g of groupBy(rows.complaints, key.complaint, name.complaint)) at(g.key, g.name).rows.complaints.push(...g.rows);
  for (const g of groupBy(rows.applications, key.application, name.application)) at(g.key, g.name).rows.applications.push(...g.rows);
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, "id") || a.key.localeCompare(b.key));
}

const str = (v: number | null) => (v === null ? null : String(v));

/** Per service, per unit and per agency. */
export const byService = (rows: DashboardRows) =>
  groupRows(rows, { survey: (r) => String(r.serviceId), complaint: (r) => str(r.serviceId), application: (r) => String(r.serviceId) }, { survey: (r) => r.serviceName, complaint: (r) => r.serviceName ?? "", application: (r) => r.serviceName });
export const byUnit = (rows: DashboardRows) =>
  groupRows(rows, { survey: (r) => str(r.unitId), complaint: (r) => str(r.unitId), application: (r) => str(r.unitId) }, { survey: (r) => r.unitName ?? "", complaint: (r) => r.unitName ?? "", application: (r) => r.unitName ?? "" });
export const byAgency = (rows: DashboardRows) =>
  groupRows(rows, { survey: (r) => r.agencyCode, complaint: (r) => r.agencyCode, application: (r) => r.agencyCode }, { survey: (r) => r.agencyName, complaint: (r) => r.agencyName, application: (r) => r.agencyName });

/** The year's trend: per quarter or month, respondents and pooled IKM (by survey period start), complaints filed, applications submitted. */
export function trendOf(rows: DashboardRows, tallies: Map<number, IkmTally>, year: number, granularity: TrendGranularity) {
  return trendBuckets(year, granularity).map((period) => {
    const s = group(period, period, rows.surveys.filter((r) => trendBucket(r.periodStart, granularity) === period), tallies, "exact");
    return {
      period,
      respondents: s.result.respondents,
      ikm: s.result.ikm,
      mutu: s.result.mutu,
      enough: s.result.enough,
      complaints: rows.complaints.filter((r) => trendBucket(r.filedOn, granularity) === period).length,
      applications: rows.applications.filter((r) => trendBucket(`${r.month}-01`, granularity) === period).reduce((a, r) => a + r.submitted, 0),
    };
  });
}

/** Named groups with their figures. */
export const presentGroups = (groups: ReturnType<typeof groupRows>, tallies: Map<number, IkmTally>) => groups.map((g) => ({ key: g.key, name: g.name, figures: figuresOf(g.rows, tallies) }));
