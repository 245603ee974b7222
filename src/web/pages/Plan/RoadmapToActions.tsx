import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FormError, Success } from "../../components/Status";
import { actionsFromRoadmap, createRecommendation, fetchRecommendations, type Analysis, type RoadmapRequest } from "../../planningApi";
import { useApi } from "../../useApi";
import { useSubmit } from "../../useSubmit";
import { yearInIndonesia } from "../../format";

/**
 * Turns the computed roadmap into actions under a chosen recommendation, or a new one written on
 * the spot. The server plans again from the same levels, so the actions are exactly these steps:
 * spread from today to 31 December of the target year, or all due on one chosen date (one target),
 * or on 31 December of their year (several years), with the
 * step's cost as budget when costs are Rupiah.
 */
export function RoadmapToActions({ analysis, request, stepCodes, stepCount }: { analysis: Analysis; request: RoadmapRequest; stepCodes: string[]; stepCount: number }) {
  const { t } = useTranslation();
  const id = useId();
  const code = analysis.agency.code;
  const list = useApi(`recs-${code}`, (signal) => fetchRecommendations(code, signal));
  const canCreate = analysis.abilities.writeRecommendations.length > 0;
  const [choice, setChoice] = useState<string>("");
  const [text, setText] = useState(() => t("planning.newRecDefault", { codes: stepCodes.join(", ") }));
  const [dueDate, setDueDate] = useState("");
  // Without one shared due date, the server spreads the actions to 31 December of this year.
  const [targetYear, setTargetYear] = useState(() => String(yearInIndonesia() + 1));
  const { busy, error, run } = useSubmit();
  const [done, setDone] = useState<number | null>(null);
  const recs = list.status === "ok" ? list.data.recommendations : [];
  const selected = choice || (canCreate ? "new" : recs[0] ? String(recs[0].id) : "");

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      let recId = Number(selected);
      if (selected === "new") {
        recId = (await createRecommendation(code, { text, assessmentId: analysis.assessmentId, indicatorCodes: stepCodes, priority: "high" })).id;
      }
      const year = Number(targetYear);
      const r = await actionsFromRoadmap(recId, request.targets ? request : dueDate ? { ...request, dueDate } : { ...request, dueDate: null, ...(Number.isInteger(year) && year >= 2018 && year <= 2100 ? { targetYear: year } : {}) });
      setDone(r.actions.length);
      list.reload();
    });
  };

  return (
    <form className="form form-wide card" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t("planning.toActionsTitle")}</h3>
      <div className="field">
        <label htmlFor={`${id}-rec`}>{t("planning.underRecommendation")}</label>
        <select id={`${id}-rec`} value={selected} onChange={(e) => setChoice(e.target.value)} data-testid="roadmap-recommendation">
          {canCreate && <option value="new">{t("planning.newRecommendation")}</option>}
          {recs.map((r) => (
            <option key={r.id} value={r.id}>
              {r.text.length > 80 ? `${r.text.slice(0, 80)}…` : r.text}
            </option>
          ))}
        </select>
      </div>
      {selected === "new" && (
        <div className="field">
          <label htmlFor={`${id}-text`}>{t("planning.newRecText")}</label>
          <textarea id={`${id}-text`} rows={3} value={text} onChange={(e) => setText(e.target.value)} data-testid="roadmap-new-text" />
        </div>
      )}
      {request.targets ? (
        <p className="small" data-testid="roadmap-due-year-end">
          {t("planning.dueYearEnd")}
        </p>
      ) : (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-year`}>{t("layout.roadmap.targetYear")}</label>
            <input id={`${id}-year`} type="number" min={2018} max={2100} value={targetYear} disabled={dueDate !== ""} onChange={(e) => setTargetYear(e.target.value)} data-testid="roadmap-target-year" aria-describedby={`${id}-year-hint`} />
            <p className="hint" id={`${id}-year-hint`}>
              {t("layout.roadmap.targetYearHint")}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-due`}>{t("layout.roadmap.sharedDueDate")}</label>
            <input id={`${id}-due`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} data-testid="roadmap-due" />
          </div>
        </div>
      )}
      <p className="small muted">{request.costUnit === "rupiah" ? t("planning.budgetFromCosts") : t("planning.daysInTitle")}</p>
      <FormError error={error} />
      {done !== null && (
        <Success testId="roadmap-actions-created">
          {t("planning.actionsCreated", { count: done })} <Link to={`/rekomendasi/${encodeURIComponent(code)}`}>{t("planning.toRecommendations")}</Link>
        </Success>
      )}
      <div className="button-row">
        <button type="submit" className="button" disabled={busy || !selected || done !== null} data-testid="roadmap-to-actions">
          {t("planning.makeActions", { count: stepCount })}
        </button>
      </div>
    </form>
  );
}
