import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { InstrumentNode } from "../../../core";
import { formatWeight } from "../../format";
import { useLang } from "../../i18n";
import { nodeAnchor } from "../InstrumentDetail/labels";
import { LevelList } from "../InstrumentDetail/LevelList";
import { LevelSelect } from "../InstrumentDetail/LevelSelect";
import { AnswerForm } from "./AnswerForm";
import { useClarifications } from "./clarificationContext";
import { ClarificationMarker, ClarificationPanel } from "./ClarificationThread";
import { useWorkspace } from "./context";
import { EarlierAnswers } from "./EarlierAnswers";
import { ExternalScoreFields } from "./ExternalScoreFields";
import { EvidenceItemChecklist } from "./EvidenceItemChecklist";
import { IndicatorEvidence } from "./IndicatorEvidence";
import { SectoralServiceLine } from "./SectoralServices";
import { useAnswerEditor } from "./useAnswerEditor";
import { VerifyToggle } from "./VerifyToggle";

/** The level in force at the open stage, and where it comes from when carried from an earlier stage. */
function InForce({ code }: { code: string }) {
  const { t } = useTranslation();
  const { ws } = useWorkspace();
  const i = ws.indicators.find((x) => x.code === code);
  if (!i) return null;
  return (
    <p className="ws-in-force small">
      {t("ws.levelInForce")}: <strong>{i.level ?? t("calc.none")}</strong>
      {i.carried && i.from && <span className="badge badge-carried">{t("ws.carried", { stage: t(`stages.${i.from}`) })}</span>}
      {i.revision !== null && <span className="badge badge-carried">{t("ws.corrected", { revision: i.revision })}</span>}
    </p>
  );
}

/** One indicator of the workspace: level, texts, save and verification, criteria per level, earlier stages. */
export function IndicatorEditor({ indicator, hidden = false }: { indicator: InstrumentNode; hidden?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { ws } = useWorkspace();
  const editor = useAnswerEditor(indicator.code);
  const selectId = useId();
  const { code } = indicator;
  const canAnswer = ws.abilities.answer;
  const item = editor.indicator;
  const selected = useClarifications().focus === code;
  const classes = ["indicator", "ws-indicator", editor.level === null ? "" : "is-answered", selected ? "is-selected" : ""].filter(Boolean).join(" ");
  return (
    <li className={classes} id={nodeAnchor(code)} data-testid={`ws-indicator-${code}`} hidden={hidden}>
      <div className="indicator-row">
        <label htmlFor={canAnswer ? selectId : undefined} className="indicator-label">
          <span className="code">{code}</span> <span className="indicator-name">{indicator.name}</span>
        </label>
        <span className="weight">{t("instrument.weight", { weight: formatWeight(indicator.weight, lang) })}</span>
        {item && item.evidence.length > 0 && (
          <span className="badge badge-evidence" data-testid={`ws-evidence-count-${code}`}>
            {t("evidence.ws.count", { count: item.evidence.length })}
          </span>
        )}
        {ws.stage === "mandiri" && item?.answers.mandiri?.verified && (
          <span className="badge badge-verified" data-testid={`ws-verified-${code}`}>
            {t("ws.verified")}
          </span>
        )}
        <ClarificationMarker code={code} />
        {canAnswer && editor.externalSpec ? (
          <span className="ws-level-readonly" data-testid={`ws-level-${code}`}>
            {t("ws.levelShort", { level: editor.level ?? t("calc.none") })}
          </span>
        ) : canAnswer ? (
          <LevelSelect id={selectId} indicator={indicator} value={editor.level} testId={`ws-level-${code}`} disabled={editor.busy} onChange={editor.setLevel} />
        ) : (
          <span className="ws-level-readonly" data-testid={`ws-level-${code}`}>
            {t("ws.levelShort", { level: item?.level ?? t("calc.none") })}
          </span>
        )}
      </div>
      <SectoralServiceLine code={code} />
      <InForce code={code} />
      {item && <EarlierAnswers indicator={item} stages={ws.period.stages} stage={ws.stage} />}
      {canAnswer && editor.externalSpec && <ExternalScoreFields code={code} editor={editor} />}
      {canAnswer ? <AnswerForm code={code} editor={editor} /> : item && <EarlierAnswers indicator={item} stages={ws.period.stages} stage={ws.stage} includeCurrent />}
      {ws.abilities.verify && item?.answers.mandiri?.level != null && <VerifyToggle code={code} editor={editor} />}
      {item && <IndicatorEvidence code={code} evidence={item.evidence} />}
      {item && indicator.evidenceItems && <EvidenceItemChecklist indicator={indicator} files={item.evidence} />}
      <ClarificationPanel code={code} />
      <details className="indicator-details">
        <summary data-testid={`ws-criteria-${code}`}>{t("instrument.details")}</summary>
        <div className="indicator-body">
          {indicator.question && (
            <p className="question">
              <strong>{t("instrument.question")}:</strong> {indicator.question}
            </p>
          )}
          <LevelList indicator={indicator} choose={canAnswer} />
        </div>
      </details>
    </li>
  );
}
