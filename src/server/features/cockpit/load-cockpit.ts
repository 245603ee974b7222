import type { Actor } from "../../../core";
import type { Db } from "../../../db/client";
import { answersOfAssessments, assessmentsOfAgencies, evidenceCountsOf, latestNationalResultLevels, latestResultsOf } from "../../../db/queries/cockpit";
import { provinceWithChildren, targetsOf } from "../../../db/queries/dashboards";
import { publishedSnapshot } from "../../../db/queries/published-snapshot";
import { instrumentById } from "../../../lib/instrument-files";
import { notFound } from "../../errors";
import { provinceFamilyGeneration } from "../../../db/queries/cache-generations";
import { canReadCockpit } from "../../policies/cockpit.policy";
import { heatmapOf, nationalAspectAverages, pickAssessments, progressRows } from "./cockpit-assessments";
import { officialPeriod } from "../../../lib/instrument-files";
import { resultInstruments } from "../../../lib/result-instruments";
import { agencyStandings, averageOf, targetProgress, trendOf } from "./cockpit-results";
import type { CockpitResponse } from "./cockpit.schema";

/** The province (by code) the actor may open; anything else is a 404. */
export async function loadReadableProvince(db: Db, actor: Actor, code: string) {
  const found = await provinceWithChildren(db, code);
  if (!found || !canReadCockpit(actor, found.province.id)) throw notFound("province");
  return found;
}

/** The province's counter and agency ids (cockpit cache check), if the actor may open its cockpit; otherwise 404. */
export async function readableProvinceGeneration(db: Db, actor: Actor, code: string) {
  const found = await provinceFamilyGeneration(db, code);
  if (!found || !canReadCockpit(actor, found.provinceId)) throw notFound("province");
  return found;
}

/**
 * Everything the province cockpit shows for one year (the latest published year by default), except
 * the caller's abilities: the same for every reader, so the route caches it. The caller has
 * already checked that it may open the province.
 */
export async function buildCockpitBody(db: Db, code: string, year: number | undefined): Promise<Omit<CockpitResponse, "abilities">> {
  const found = await provinceWithChildren(db, code);
  if (!found) throw notFound("province");
  const { province, children } = found;
  const agencies = [province, ...children];
  const ids = agencies.map((a) => a.id);
  const [snapshot, list, targets] = await Promise.all([publishedSnapshot(db), assessmentsOfAgencies(db, ids), targetsOf(db, province.id)]);
  const { years } = snapshot;
  const own = new Set(ids);
  const published = snapshot.rows.filter((r) => own.has(r.agencyId));
  const chosenYear = year ?? years[0] ?? new Date().getUTCFullYear();
  const results = await latestResultsOf(db, list.map((a) => a.id));
  const resultById = new Map(results.map((r) => [r.assessmentId, r]));
  const { heat, current } = pickAssessments(list, new Set(results.map((r) => r.assessmentId)));
  const needAnswers = [...new Set([...heat.values(), ...current.values()].filter((a) => !(a.stage === "final" && resultById.has(a.id))).map((a) => a.id))];
  const [answers, evidence] = await Promise.all([answersOfAssessments(db, needAnswers), evidenceCountsOf(db, [...current.values()].map((a) => a.id))]);

  const pandu = list.filter((a) => a.stage === "final" && resultById.has(a.id)).map((a) => ({ agencyId: a.agencyId, year: a.year, instrumentId: a.instrumentId, index10k: resultById.get(a.id)!.index10k }));
  const { heatmap: provinceHeatmap, weakest } = heatmapOf(agencies, heat, instrumentById, answers, resultById);
  const heatCompiled = provinceHeatmap.instrument ? instrumentById(provinceHeatmap.instrument) : undefined;
  const heatmap = { ...provinceHeatmap, nationalAspectAverages: heatCompiled ? nationalAspectAverages(heatCompiled, await latestNationalResultLevels(db, heatCompiled.instrument.id)) : [] };
  const yearRows = snapshot.byYear.get(chosenYear) ?? [];
  // The year's columns are the top-level nodes of its instrument (as published, else the official period's).
  const yearInstrument = yearRows[0]?.instrumentId ?? officialPeriod(chosenYear)?.instrument;
  const trend = trendOf(agencies, published, pandu);
  const instruments = resultInstruments([...(yearInstrument ? [yearInstrument] : []), ...trend.series.flatMap((s) => s.points.map((p) => p.instrument))]);
  const nodes = instruments.find((i) => i.instrument === yearInstrument)?.nodes.map(({ code, name }) => ({ code, name })) ?? [];
  const codes = nodes.map((n) => n.code);
  const national = Object.fromEntries(["provinsi", "kabupaten", "kota"].map((c) => [c, averageOf(yearRows.filter((r) => r.category === c), codes)]));
  return {
    province: { code: province.code, name: province.name },
    year: chosenYear,
    years,
    nodes,
    instruments,
    agencies: agencyStandings(agencies, published, chosenYear),
    averages: { province: averageOf(published.filter((r) => r.year === chosenYear), codes), national },
    trend,
    heatmap,
    weakest,
    progress: progressRows(agencies, current, instrumentById, answers, evidence),
    targets: targetProgress(targets, province.id, published, pandu),
  };
}
