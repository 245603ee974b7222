import { useTranslation } from "react-i18next";
import type { StageName, WorkspaceIndicator } from "../../assessmentApi";
import { fieldsFor } from "./useAnswerEditor";

interface Props {
  indicator: WorkspaceIndicator;
  stages: StageName[];
  stage: StageName;
  /** Show only the open stage's own answer (for readers who cannot answer). */
  includeCurrent?: boolean;
}

/** The answers of the stages before `stage`, read-only ("Penilaian Mandiri: 4 — …"). */
export function EarlierAnswers({ indicator, stages, stage, includeCurrent }: Props) {
  const { t } = useTranslation();
  const at = stages.indexOf(stage);
  const earlier = (includeCurrent ? stages.slice(at, at + 1) : stages.slice(0, at)).filter((s) => indicator.answers[s]);
  if (!earlier.length) return null;
  return (
    <dl className="earlier" aria-label={includeCurrent ? t("ws.thisStage") : t("ws.earlier")} data-testid={includeCurrent ? undefined : `ws-earlier-${indicator.code}`}>
      {earlier.map((s) => {
        const a = indicator.answers[s]!;
        const texts = fieldsFor(s)
          .map((f) => (a[f] ? `${t(`ws.fields.${f}`)}: ${a[f]}` : ""))
          .filter(Boolean);
        return (
          <div key={s}>
            <dt>
              {t(`stages.${s}`)}: {a.level ?? t("calc.none")}
              {s === "mandiri" && a.verified && <span className="badge badge-verified">{t("ws.verified")}</span>}
            </dt>
            {texts.map((line) => (
              <dd key={line} className="prewrap">
                {line}
              </dd>
            ))}
          </div>
        );
      })}
    </dl>
  );
}
