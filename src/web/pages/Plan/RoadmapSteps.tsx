import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { PlanResult } from "../../../core";
import { PredicateBadge } from "../../components/Badges";
import { formatIndex, formatNumber, formatRupiah, type Lang } from "../../format";
import { useLang } from "../../i18n";
import type { CostUnit } from "../../planningApi";

type Feasible = Extract<PlanResult, { feasible: true }>;

/** A cost in its unit: "Rp 1.250.000" or "2,5 hari kerja". */
export function formatCost(value: number, unit: CostUnit, lang: Lang, t: TFunction): string {
  return unit === "rupiah" ? formatRupiah(value, lang) : t("planning.daysAmount", { amount: formatNumber(value, lang) });
}

/**
 * A feasible plan: how many steps, their total cost, the index and predicate reached, and the steps
 * in a table. Test ids: `testId`, `testId`-summary, `stepsTestId` (the table), `predicateTestId`.
 */
export function RoadmapSteps(props: { result: Feasible; unit: CostUnit; priced: boolean; names: Map<string, string>; caption: string; testId: string; stepsTestId: string; predicateTestId: string }) {
  const { result, unit, priced, names, caption, testId } = props;
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div data-testid={testId}>
      <p className="roadmap-summary" data-testid={`${testId}-summary`}>
        {priced ? t("planning.reachable", { count: result.steps.length, cost: formatCost(result.totalCost, unit, lang, t), index: formatIndex(result.index, lang) }) : t("layout.roadmap.reachableSteps", { count: result.steps.length, index: formatIndex(result.index, lang) })}{" "}
        <PredicateBadge name={result.predicate} testId={props.predicateTestId} />
      </p>
      {result.steps.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid={props.stepsTestId}>
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t("planning.indicator")}</th>
                <th scope="col">{t("planning.from")}</th>
                <th scope="col">{t("planning.to")}</th>
                {priced && <th scope="col">{t("planning.cost")}</th>}
              </tr>
            </thead>
            <tbody>
              {result.steps.map((s) => (
                <tr key={s.indicator}>
                  <th scope="row">
                    <span className="code">{s.indicator}</span> {names.get(s.indicator)}
                  </th>
                  <td>{formatNumber(s.from, lang)}</td>
                  <td>{s.to}</td>
                  {priced && <td>{formatCost(s.cost, unit, lang, t)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
