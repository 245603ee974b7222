import { useTranslation } from "react-i18next";
import { PredicateBadge } from "../../components/Badges";
import { formatIndex, formatIndexExact } from "../../format";
import { useLang } from "../../i18n";
import { useDetail } from "../InstrumentDetail/context";
import { progressOf } from "../../../core";
import { evidenceZipUrl, levelsFileUrl, type WorkspaceIndicator } from "../../assessmentApi";
import { useWorkspace } from "./context";
import { UnitProgress } from "./UnitProgress";
import { LkeWorkbook } from "./LkeWorkbook";

/** Filled and verified self-assessment answers and indicators with evidence, overall and per unit (the core's count). */
export function workspaceProgress(indicators: WorkspaceIndicator[]) {
  return progressOf(
    indicators.map((i) => ({ code: i.code, unit: i.unitId === null ? null : String(i.unitId), filled: i.answers.mandiri?.level != null, verified: i.answers.mandiri?.verified === true, evidenceCount: i.evidence.length })),
  );
}

/**
 * The live index and predicate: the core scores the saved levels with the reader's unsaved choices
 * over them (the same code as on the server, so after saving both agree), and the progress.
 */
export function ScorePanel() {
  const { t } = useTranslation();
  const lang = useLang();
  const { calc } = useDetail();
  const { ws } = useWorkspace();
  const { result } = calc;
  const { answered, total } = result.completeness;
  const any = answered > 0;
  const unsaved = Object.keys(calc.overrides).filter((c) => calc.overrides[c] !== (ws.indicators.find((i) => i.code === c)?.level ?? null)).length;
  const { overall: p, byUnit } = workspaceProgress(ws.indicators);
  return (
    <section aria-labelledby="ws-score-title" className="ws-score">
      <h2 id="ws-score-title" data-testid="ws-score-title">
        {ws.stage === "final" ? t("layout.final.scoreTitle") : t("ws.scoreTitle")}
      </h2>
      <div className="calc-result" aria-live="polite" aria-atomic="true">
        <div className="calc-figure">
          <span className="calc-label">{t("calc.index")}</span>
          <span className="calc-index" data-testid="ws-index">
            {any ? formatIndex(result.indexRounded, lang) : t("calc.none")}
          </span>
          <span className="calc-exact">
            {t("calc.indexExact")}: {any ? formatIndexExact(result.index, lang) : t("calc.none")}
          </span>
        </div>
        <div className="calc-figure">
          <span className="calc-label">{t("calc.predicate")}</span>
          <span data-testid="ws-predicate">{any ? <PredicateBadge name={result.predicate} /> : t("calc.none")}</span>
          {any && <span className={result.partial ? "calc-state is-partial" : "calc-state is-complete"}>{result.partial ? t("calc.partial") : t("calc.complete")}</span>}
        </div>
        <div className="calc-progress">
          <progress value={answered} max={total} aria-hidden="true" />
          <span>{t("calc.completeness", { answered, total })}</span>
        </div>
      </div>
      {unsaved > 0 && (
        <p className="note note-warning small" data-testid="ws-unsaved">
          {t("ws.unsaved", { count: unsaved, value: formatIndex(ws.score.indexRounded, lang) })}
        </p>
      )}
      <p className="small" data-testid="ws-progress">
        {t("ws.progress", { filled: p.filled, verified: p.verified, total: p.total })}
      </p>
      <p className="small" data-testid="ws-progress-evidence">
        {t("evidence.ws.progress", { count: p.withEvidence, total: p.total })}
      </p>
      <UnitProgress byUnit={byUnit} />
      <p className="small">
        <a href={levelsFileUrl(ws.id)} download data-testid="ws-levels-download">
          {t("ws.levelsDownload")}
        </a>{" "}
        <span className="muted">{t("ws.levelsDownloadHint")}</span>
      </p>
      <LkeWorkbook />
      {p.withEvidence > 0 && (
        <p className="small">
          <a href={evidenceZipUrl(ws.id)} download data-testid="ws-evidence-zip">
            {t("ws.evidenceZip")}
          </a>{" "}
          <span className="muted">{t("ws.evidenceZipHint")}</span>
        </p>
      )}
    </section>
  );
}
