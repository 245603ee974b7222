import { eq } from "drizzle-orm";
import { checkLkeImport, lkeChanges, type CompiledInstrument, type LkeParsed, type LkeProblem } from "../../core";
import type { Db } from "../client";
import { assessments } from "../schema";
import { recordAudits, type AuditContext, type AuditInput } from "../audit/record-audit";
import { currentLkeAnswers } from "../queries/lke-export";
import { saveAnswerIn } from "./save-answer";

export interface LkeImportInput {
  assessmentId: number;
  agencyId: number;
  /** The open stage as the caller loaded it; checked again under the row lock. */
  stage: string;
  stages: readonly string[];
  compiled: CompiledInstrument;
  parsed: LkeParsed;
  authorUserId: number | null;
  /** Whether the importer may answer this indicator (an internal assessor may be limited to some). */
  mayAnswer: (code: string) => boolean;
  fileName: string | null;
}

export type LkeImportOutcome =
  | { ok: true; changed: string[]; rows: number }
  | { ok: false; kind: "problems"; problems: LkeProblem[] }
  | { ok: false; kind: "stale"; indicators: string[] }
  | { ok: false; kind: "forbidden"; indicators: string[] };

/** Ends the transaction without writing anything. */
class Abort extends Error {
  constructor(readonly outcome: LkeImportOutcome) {
    super("aborted");
  }
}

/**
 * Imports an LKE workbook read back into the open stage: every problem is found first (core
 * `checkLkeImport`), then only the rows whose level or explanation differ from the current answer
 * are written, each as an ordinary answer save (version checked, verification cleared, its own
 * audit event), plus one `assessment.lke_import` event — all in one transaction under the
 * assessment's row lock, which also re-checks that the stage is still open. Any problem, stale
 * row or forbidden indicator writes nothing.
 */
export async function importLke(db: Db, ctx: AuditContext, input: LkeImportInput): Promise<LkeImportOutcome> {
  const { problems, rows } = checkLkeImport(input.compiled, input.parsed, { assessmentId: input.assessmentId, stage: input.stage, stages: input.stages });
  if (problems.length) return { ok: false, kind: "problems", problems };
  const { changes, stale } = lkeChanges(rows, await currentLkeAnswers(db, input.assessmentId, input.stage));
  if (stale.length) return { ok: false, kind: "stale", indicators: stale };
  const forbidden = changes.filter((c) => !input.mayAnswer(c.code)).map((c) => c.code);
  if (forbidden.length) return { ok: false, kind: "forbidden", indicators: forbidden };
  try {
    return await db.transaction(async (tx) => {
      const [locked] = await tx.select({ stage: assessments.stage, reviewStatus: assessments.reviewStatus }).from(assessments).where(eq(assessments.id, input.assessmentId)).for("no key update");
      if (!locked || locked.stage !== input.stage || locked.reviewStatus === "pending") {
        throw new Abort({ ok: false, kind: "problems", problems: [{ sheet: "pandu", row: null, column: null, code: "stage_closed", message: `stage ${input.stage} closed while the workbook was imported` }] });
      }
      const written: string[] = [];
      const lost: string[] = [];
      const events: AuditInput[] = [];
      for (const c of changes) {
        const saved = await saveAnswerIn(tx, ctx, { assessmentId: input.assessmentId, agencyId: input.agencyId, stage: input.stage, indicatorCode: c.code, version: c.version, level: c.level, explanation: c.explanation, authorUserId: input.authorUserId }, events);
        if (saved.ok) written.push(c.code);
        else lost.push(c.code);
      }
      if (lost.length) throw new Abort({ ok: false, kind: "stale", indicators: lost });
      // One import event first, then each changed answer's own (answer.save), in one batch.
      await recordAudits(tx, ctx, [
        { agencyId: input.agencyId, action: "assessment.lke_import", targetType: "assessment", targetId: input.assessmentId, after: { stage: input.stage, fileName: input.fileName, rows: rows.length, changed: written } },
        ...events,
      ]);
      return { ok: true as const, changed: written, rows: rows.length };
    });
  } catch (e) {
    if (e instanceof Abort) return e.outcome;
    throw e;
  }
}
