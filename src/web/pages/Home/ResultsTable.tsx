import { useId } from "react";
import { useTranslation } from "react-i18next";
import { PredicateBadge } from "../../components/Badges";
import { formatChange, formatIndex } from "../../format";
import { useLang } from "../../i18n";
import { indexChange, type AgencyRow } from "./results";

function Missing() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{t("home.missing")}</span>
    </>
  );
}

/** A signed change with an arrow (▲ up, ▼ down, ■ same); a dash when either year is missing. */
export function ChangeCell({ value }: { value: number | null }) {
  const lang = useLang();
  if (value === null) return <Missing />;
  const tone = value > 0 ? "up" : value < 0 ? "down" : "same";
  return (
    <span className={`change change-${tone}`}>
      <span aria-hidden="true" className="change-arrow">
        {tone === "up" ? "▲" : tone === "down" ? "▼" : "■"}
      </span>
      {formatChange(value, lang)}
    </span>
  );
}

/**
 * Province and kab/kota results per year (`years`, oldest first, from the published data), in a
 * horizontally scrollable region on small screens. `familyOf` names an instrument's index family:
 * no change is shown between indices of two families (SPBE 2025 → Pemdi 2026).
 */
export function ResultsTable({ rows, years, familyOf }: { rows: AgencyRow[]; years: number[]; familyOf: (instrument: string) => string }) {
  const { t } = useTranslation();
  const YEARS = years;
  const LATEST_YEAR = years[years.length - 1]!;
  const PREVIOUS_YEAR = years[years.length - 2] ?? LATEST_YEAR;
  const lang = useLang();
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table results-table" data-testid="jambi-results">
        <caption id={captionId}>{t("home.caption", { first: YEARS[0], last: LATEST_YEAR })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("home.colAgency")}</th>
            {YEARS.map((y) => (
              <th scope="col" key={y} className="num">
                {y}
              </th>
            ))}
            <th scope="col">{t("home.colPredicate", { year: LATEST_YEAR })}</th>
            <th scope="col" className="num">
              {t("home.colChange", { from: PREVIOUS_YEAR, to: LATEST_YEAR })}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const latest = row.byYear.get(LATEST_YEAR);
            return (
              <tr key={row.code} className={row.category === "provinsi" ? "row-province" : undefined}>
                <th scope="row">{row.name}</th>
                {YEARS.map((y) => {
                  const r = row.byYear.get(y);
                  return (
                    <td key={y} className={y === LATEST_YEAR ? "num num-latest" : "num"}>
                      {r ? formatIndex(r.index, lang) : <Missing />}
                    </td>
                  );
                })}
                <td>{latest ? <PredicateBadge name={latest.predicate} /> : <Missing />}</td>
                <td className="num">
                  <ChangeCell value={indexChange(row, PREVIOUS_YEAR, LATEST_YEAR, familyOf)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
