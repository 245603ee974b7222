import { sectoralServiceIndicators } from "../../../core";
import type { Db } from "../../../db/client";
import { answersOf, resultsWithAuthorsOf } from "../../../db/queries/assessments";
import { linkedEvidenceByIndicator } from "../../../db/queries/evidence";
import { sectoralServicesOf } from "../../../db/queries/sectoral-services";
import { closedStages, latestReviewDecision, selfAssessmentSubmission } from "../../../db/queries/submission";
import { ResponseCache } from "../../cache/response-cache";
import { todayInIndonesia } from "../evidence/evidence-settings";
import type { loadReadableAssessment } from "./load-assessment";
import { presentWorkspace } from "./workspace.presenter";
import { indicatorUnitsOf } from "../../../db/queries/indicator-units";

type Loaded = Awaited<ReturnType<typeof loadReadableAssessment>>;
type Abilities = Parameters<typeof presentWorkspace>[4];
const NONE = Object.fromEntries(["answer", "verify", "submit", "advance", "assignInternal", "assignExternal", "review", "revise", "nameSectoralServices", "uploadEvidence"].map((k) => [k, false])) as Abilities;

/**
 * The user-independent part of the workspace (everything but `abilities`) as serialised JSON,
 * from the cache when it was built from the assessment's current generation, else built and
 * stored. The generation comes with `found`, read in the same statement, so everything loaded
 * here is at least as new as it (see `generationOf`); the day is part of the key because evidence
 * ages with it.
 */
export async function workspaceBody(db: Db, cache: ResponseCache, loaded: Pick<Loaded, "found" | "compiled">): Promise<string> {
  const { found, compiled } = loaded;
  const { generation } = found;
  const id = found.assessment.id;
  const today = todayInIndonesia();
  const key = `${id}:${today}`;
  const hit = cache.get(key, generation);
  if (hit) return hit;
  const [evidence, services, submission, answers, results, units, closed, decision] = await Promise.all([
    linkedEvidenceByIndicator(db, id),
    sectoralServicesOf(db, id),
    selfAssessmentSubmission(db, id),
    answersOf(db, id),
    resultsWithAuthorsOf(db, id),
    indicatorUnitsOf(db, id),
    closedStages(db, id),
    latestReviewDecision(db, id, found.assessment.agencyId),
  ]);
  const records: { stage: string; at: Date; decision?: "valid" | "tidak_valid" }[] = closed.filter((c) => c.stage !== "final");
  if (decision) records.push({ stage: "reviu", at: decision.at, decision: decision.decision });
  const extras = { evidence, today, sectoral: { indicators: sectoralServiceIndicators(compiled.instrument), services }, submittedAt: submission?.at ?? null, records, units };
  const { abilities: _none, ...body } = presentWorkspace(found, compiled, answers, results, NONE, extras);
  const json = JSON.stringify(body);
  cache.set(key, generation, json);
  return json;
}
