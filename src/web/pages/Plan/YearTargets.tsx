import { useTranslation } from "react-i18next";
import { formatIndex } from "../../format";
import { useLang } from "../../i18n";
import type { TargetDraft } from "./roadmapInput";

export interface YearDraft extends TargetDraft {
  key: number;
  year: string;
}

/** The per-year targets of a multi-year roadmap: a year and a predicate (or an index) per row. */
export function YearTargets({ rows, predicates, idPrefix, onChange }: { rows: YearDraft[]; predicates: string[]; idPrefix: string; onChange(rows: YearDraft[]): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const set = (key: number, patch: Partial<YearDraft>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => {
    const last = rows.at(-1);
    const year = last && /^\d{4}$/.test(last.year) ? String(Number(last.year) + 1) : "";
    onChange([...rows, { key: Math.max(0, ...rows.map((r) => r.key)) + 1, year, kind: "predicate", predicate: last?.predicate ?? predicates[0]!, indexText: "" }]);
  };
  return (
    <div className="year-targets" data-testid="roadmap-years">
      {rows.map((r, i) => (
        <div className="year-target" key={r.key} data-testid={`roadmap-year-row-${i}`}>
          <div className="field">
            <label htmlFor={`${idPrefix}-y${r.key}`}>{t("planning.year")}</label>
            <input type="text" id={`${idPrefix}-y${r.key}`} inputMode="numeric" size={6} value={r.year} onChange={(e) => set(r.key, { year: e.target.value })} data-testid={`roadmap-year-${i}`} />
          </div>
          <div className="field">
            <label htmlFor={`${idPrefix}-t${r.key}`}>{t("planning.target")}</label>
            <select
              id={`${idPrefix}-t${r.key}`}
              value={r.kind === "index" ? "" : r.predicate}
              onChange={(e) => set(r.key, e.target.value === "" ? { kind: "index" } : { kind: "predicate", predicate: e.target.value })}
              data-testid={`roadmap-year-target-${i}`}
            >
              {predicates.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
              <option value="">{t("planning.targetIndexOption")}</option>
            </select>
          </div>
          {r.kind === "index" && (
            <div className="field">
              <label htmlFor={`${idPrefix}-i${r.key}`}>{t("planning.index")}</label>
              <input type="text" id={`${idPrefix}-i${r.key}`} inputMode="decimal" size={6} value={r.indexText} placeholder={formatIndex(2.6, lang)} onChange={(e) => set(r.key, { indexText: e.target.value })} data-testid={`roadmap-year-index-${i}`} />
            </div>
          )}
          {rows.length > 1 && (
            <button type="button" className="button button-secondary" onClick={() => onChange(rows.filter((x) => x.key !== r.key))} aria-label={t("planning.removeYear", { year: r.year })}>
              ×
            </button>
          )}
        </div>
      ))}
      <button type="button" className="button button-secondary" onClick={add} disabled={rows.length >= 10} data-testid="roadmap-add-year">
        {t("planning.addYear")}
      </button>
    </div>
  );
}
