import type { FastifyRequest } from "fastify";
import { SERVICE_EVIDENCE_INDICATORS } from "../../../core";
import type { Db } from "../../../db/client";
import { agencyAssessmentsUnder } from "../../../db/queries/service-dashboard";
import { AppError } from "../../errors";
import { canLinkEvidence } from "../../policies/evidence.policy";
import { loadReadableAssessment } from "../assessments/load-assessment";
import { stageWindowIsOpen } from "../stage-schedule/stage-window";
import type { AppContext } from "../../context";
import { auditContextOf } from "../../request-audit";
import { saveGeneratedEvidence, type GeneratedEvidence } from "../../../db/commands/save-generated-evidence";
import { evidenceSettingsOf } from "../evidence/evidence-settings";

/** Where a generated evidence file goes: the answers the caller may link it to now, or why none. */
export interface EvidenceTargets {
  links: { assessmentId: number; instrumentId: string; periodName: string; indicatorCode: string; stage: string }[];
  notLinked: "no_assessment" | "stage_closed" | null;
}

/**
 * The indicator answers a service-evidence file is linked to: the agency's current Indeks Pemdi
 * 2026 assessment and, when it is the agency's current one, its PermenPANRB 59/2020 assessment —
 * the indicators of `SERVICE_EVIDENCE_INDICATORS` for the topics given — where the open stage lets
 * the caller link evidence (the answering rule) and the stage's window is open.
 */
export async function evidenceTargets(db: Db, req: FastifyRequest, agencyId: number, topics: readonly ("satisfaction" | "applications")[]): Promise<EvidenceTargets> {
  const all = await agencyAssessmentsUnder(db, agencyId, Object.keys(SERVICE_EVIDENCE_INDICATORS));
  const current = all[0];
  const chosen = [all.find((a) => a.instrumentId === "pemdi-2026"), current?.instrumentId === "permenpanrb-59-2020" ? current : undefined].filter((a) => a !== undefined);
  if (!chosen.length) return { links: [], notLinked: "no_assessment" };
  const links: EvidenceTargets["links"] = [];
  for (const a of chosen) {
    let loaded;
    try {
      loaded = await loadReadableAssessment(db, req, a.assessmentId);
    } catch (e) {
      if (e instanceof AppError && e.statusCode === 404) continue;
      throw e;
    }
    if (!stageWindowIsOpen(loaded.found.period.schedule, loaded.scope.stage)) continue;
    const indicators = SERVICE_EVIDENCE_INDICATORS[a.instrumentId]!;
    for (const code of topics.flatMap((t) => indicators[t])) {
      if (loaded.compiled.codes.includes(code) && canLinkEvidence(req.auth!.actor, loaded.scope, code)) links.push({ assessmentId: a.assessmentId, instrumentId: a.instrumentId, periodName: a.periodName, indicatorCode: code, stage: loaded.scope.stage });
    }
  }
  return { links, notLinked: links.length ? null : "stage_closed" };
}

/**
 * "Simpan sebagai bukti" for a generated file: finds the answers the caller may link it to now,
 * runs `saveGeneratedEvidence` and answers what the API returns (201 new, 200 deduplicated).
 */
export async function saveAsEvidence(ctx: AppContext, req: FastifyRequest, file: Omit<GeneratedEvidence, "userId">, topics: readonly ("satisfaction" | "applications")[]) {
  const { db } = ctx.database;
  const targets = await evidenceTargets(db, req, file.agencyId, topics);
  const saved = await saveGeneratedEvidence(
    db,
    evidenceSettingsOf(ctx).storage,
    auditContextOf(req),
    { ...file, userId: req.auth!.user.id },
    targets.links.map(({ assessmentId, indicatorCode, stage }) => ({ assessmentId, indicatorCode, stage })),
  );
  const info = new Map(targets.links.map((l) => [`${l.assessmentId}/${l.indicatorCode}`, l]));
  return {
    status: saved.deduplicated ? (200 as const) : (201 as const),
    body: {
      evidenceId: saved.evidenceId,
      version: saved.version,
      deduplicated: saved.deduplicated,
      title: file.title,
      documentDate: file.documentDate,
      links: saved.links.map((l) => {
        const t = info.get(`${l.assessmentId}/${l.indicatorCode}`)!;
        return { assessmentId: l.assessmentId, indicatorCode: l.indicatorCode, created: l.created, instrumentId: t.instrumentId, periodName: t.periodName };
      }),
      notLinked: targets.notLinked,
    },
  };
}
